using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Language;
using System.Text;

namespace BkSops.Commands.Formatting
{
    /// <summary>
    /// Text helpers for the views in BkSops.format.ps1xml. PowerShell breaks long lines of a custom view at word
    /// boundaries only under a few cultures (en, fr, de, it, pt, es) and elsewhere mid-word, and it never indents the
    /// continuation; so the views wrap their text themselves, to the width the formatter was given.
    /// </summary>
    public static class ViewText
    {
        private const int DefaultWidth = 120;
        private static readonly string[] WidthCommands = { "Out-String", "oss", "Out-File", "Format-Custom", "fc" };

        /// <summary>"1 error", "2 errors".</summary>
        public static string Counted(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

        /// <summary>
        /// The width the formatter was given: the -Width of the Out-String (or Out-File, Format-Custom) the current
        /// statement of a calling frame pipes into, else the host's buffer width, else 120. A view's script block is
        /// not told the width, so it is read from the statement being run.
        /// </summary>
        public static int Width(object[]? frames, PSHost? host, SessionState? session = null)
        {
            if (frames != null)
            {
                foreach (object item in frames)
                {
                    int? width = WidthInStatement((item is PSObject pso ? pso.BaseObject : item) as CallStackFrame, session);
                    if (width.HasValue && width.Value > 0) return width.Value;
                }
            }
            try
            {
                int hostWidth = host?.UI?.RawUI?.BufferSize.Width ?? 0;
                if (hostWidth > 0) return hostWidth;
            }
            catch (Exception e) when (e is NotImplementedException || e is NotSupportedException || e is PSNotImplementedException
                || e is System.IO.IOException || e is InvalidOperationException)
            {
                // A host without a console (a runspace, a remote session): use the default.
            }
            return DefaultWidth;
        }

        /// <summary>
        /// Wraps every line of <paramref name="text"/> at spaces so that no line is wider than <paramref name="width"/>
        /// less one column; continuation lines keep the line's own indentation. A word longer than a line is cut.
        /// </summary>
        public static string? Wrap(string? text, int width)
        {
            if (text == null || text.Length == 0) return text;
            int limit = Math.Max(20, width - 1);
            var output = new StringBuilder(text.Length + 16);
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (i > 0) output.Append(Environment.NewLine);
                WrapLine(lines[i], limit, output);
            }
            return output.ToString();
        }

        private static void WrapLine(string line, int limit, StringBuilder output)
        {
            if (Cells(line) <= limit)
            {
                output.Append(line);
                return;
            }
            int indentLength = 0;
            while (indentLength < line.Length && line[indentLength] == ' ') indentLength++;
            string indent = new string(' ', Math.Min(indentLength, limit / 2));
            var current = new StringBuilder(line.Substring(0, indentLength));
            int cells = indentLength;
            bool hasWord = false;
            foreach (string word in line.Substring(indentLength).Split(' '))
            {
                int width = Cells(word);
                if (hasWord && cells + 1 + width > limit)
                {
                    output.Append(current.ToString().TrimEnd()).Append(Environment.NewLine);
                    current.Clear().Append(indent);
                    cells = indent.Length;
                    hasWord = false;
                }
                string rest = word;
                while (!hasWord && cells + Cells(rest) > limit)
                {
                    // A word wider than a line (a long id, text without spaces) is cut where the line ends.
                    int take = Fit(rest, limit - cells);
                    output.Append(current).Append(rest, 0, take).Append(Environment.NewLine);
                    current.Clear().Append(indent);
                    cells = indent.Length;
                    rest = rest.Substring(take);
                }
                if (hasWord) { current.Append(' '); cells++; }
                current.Append(rest);
                cells += Cells(rest);
                hasWord = true;
            }
            output.Append(current.ToString().TrimEnd());
        }

        /// <summary>How many characters of <paramref name="text"/> fill at most <paramref name="room"/> cells (at least one).</summary>
        private static int Fit(string text, int room)
        {
            int cells = 0, i = 0;
            while (i < text.Length && cells + CellWidth(text[i]) <= room) cells += CellWidth(text[i++]);
            return Math.Max(1, i);
        }

        private static int Cells(string text)
        {
            int cells = 0;
            foreach (char c in text) cells += CellWidth(c);
            return cells;
        }

        /// <summary>East Asian wide characters take two cells of a console; others one.</summary>
        private static int CellWidth(char c) =>
            (c >= '\u1100' && c <= '\u115F') || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3')
            || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE30' && c <= '\uFE4F') || (c >= '\uFF00' && c <= '\uFF60')
            || (c >= '\uFFE0' && c <= '\uFFE6') ? 2 : 1;

        private static int? WidthInStatement(CallStackFrame? frame, SessionState? session)
        {
            if (frame == null) return null;
            string? statement = frame.Position?.Text;
            if (statement == null || statement.Length == 0 || statement.IndexOf("-w", StringComparison.OrdinalIgnoreCase) < 0) return null;
            var ast = Parser.ParseInput(statement, out _, out _);
            var commands = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: false).Cast<CommandAst>();
            foreach (var command in commands)
            {
                string? name = command.GetCommandName();
                if (name == null || !WidthCommands.Any(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))) continue;
                var elements = command.CommandElements;
                for (int i = 1; i < elements.Count; i++)
                {
                    if (!(elements[i] is CommandParameterAst parameter) || parameter.ParameterName.Length == 0
                        || !"width".StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)) continue;
                    var argument = parameter.Argument ?? (i + 1 < elements.Count ? elements[i + 1] as ExpressionAst : null);
                    return ValueOf(argument, frame, session);
                }
            }
            return null;
        }

        private static int? ValueOf(ExpressionAst? argument, CallStackFrame frame, SessionState? session)
        {
            object? value = null;
            if (argument is ConstantExpressionAst constant) value = constant.Value;
            else if (argument is VariableExpressionAst variable)
            {
                var variables = frame.GetFrameVariables();
                if (variables.TryGetValue(variable.VariablePath.UserPath, out var found)) value = found.Value;
                else value = session?.PSVariable.GetValue(variable.VariablePath.UserPath);
            }
            if (value is PSObject pso) value = pso.BaseObject;
            try
            {
                return value == null ? (int?)null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                return null;
            }
        }
    }
}
