using System;
using System.Collections.Generic;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>What a <c>${…}</c> segment holds.</summary>
    public enum TemplateForm
    {
        /// <summary><c>${name}</c>: the variable's <c>str()</c>.</summary>
        Name,
        /// <summary><c>${int(name)}</c>.</summary>
        Int,
        /// <summary><c>${str(name)}</c>.</summary>
        Str,
        /// <summary><c>${float(name)}</c>.</summary>
        Float,
        /// <summary>Any other Python expression (<c>${int(x) + 1}</c>, <c>${a.b}</c>): only the server can evaluate it.</summary>
        Other,
    }

    /// <summary>A <c>${…}</c> segment of a condition, as the server finds them (regex <c>\$\{[^${}#]+\}</c>).</summary>
    public sealed class TemplateSegment
    {
        internal TemplateSegment(string text, int start, TemplateForm form, string? name)
        {
            Text = text;
            Start = start;
            Form = form;
            Name = name;
        }

        /// <summary>The whole segment, e.g. <c>${int(x)}</c>.</summary>
        public string Text { get; }
        public int Start { get; }
        public int End => Start + Text.Length;
        public TemplateForm Form { get; }

        /// <summary>The variable the segment reads (null for <see cref="TemplateForm.Other"/>).</summary>
        public string? Name { get; }

        /// <summary>The Python expression between <c>${</c> and <c>}</c>.</summary>
        public string Expression => Text.Substring(2, Text.Length - 3);
    }

    public enum TemplateOutcome
    {
        /// <summary>Replaced by its value.</summary>
        Rendered,
        /// <summary>Left as literal text, as the server does when the variable is missing or the expression fails or is refused.</summary>
        LeftAsIs,
        /// <summary>Depends on something only the server knows.</summary>
        Unknown,
    }

    /// <summary>How one segment rendered.</summary>
    public sealed class TemplateRendering
    {
        internal TemplateRendering(TemplateSegment segment, TemplateOutcome outcome, string? text, object? value, string? reason)
        {
            Segment = segment;
            Outcome = outcome;
            Text = text;
            Value = value;
            Reason = reason;
        }

        public TemplateSegment Segment { get; }
        public TemplateOutcome Outcome { get; }

        /// <summary>The text that replaced the segment (the segment itself when left as is, null when unknown).</summary>
        public string? Text { get; }

        /// <summary>The Python value before <c>str()</c> (for <see cref="TemplateOutcome.Rendered"/>).</summary>
        public object? Value { get; }

        /// <summary>Why the segment was left as is or is unknown, in plain English.</summary>
        public string? Reason { get; }
    }

    /// <summary>The result of rendering a condition text.</summary>
    internal sealed class RenderedCondition
    {
        /// <summary>The text boolrule will parse; partly rendered when <see cref="IsUnknown"/>.</summary>
        public string? Text;

        /// <summary>The raw (non-string) value when the whole condition is one <c>${name}</c> of a non-string variable.</summary>
        public object? RawValue;
        public bool IsRawValue;
        public bool IsUnknown;
        public string? UnknownReason;
        public List<TemplateRendering> Segments = new List<TemplateRendering>();

        /// <summary>Where each segment's text went in <see cref="Text"/> (null when nothing was substituted).</summary>
        public List<(int renderedStart, int renderedEnd, TemplateSegment segment)>? Placed;

        /// <summary>The offset in the condition as written that a position of <see cref="Text"/> came from (a substituted value maps to its <c>${…}</c>).</summary>
        public int SourcePosition(int renderedPosition)
        {
            if (Placed == null) return IsRawValue || Text == null ? 0 : renderedPosition;
            int shift = 0;
            foreach (var (start, end, segment) in Placed)
            {
                if (renderedPosition < start) break;
                if (renderedPosition < end) return segment.Start;
                shift = segment.End - end;
            }
            return renderedPosition + shift;
        }

        /// <summary>The span of the condition as written that a span of <see cref="Text"/> came from, whole segments included.</summary>
        public (int start, int end) SourceSpan(int renderedStart, int renderedEnd)
        {
            int start = SourcePosition(renderedStart);
            if (renderedEnd <= renderedStart) return (start, start);
            int last = renderedEnd - 1;
            if (Placed != null)
                foreach (var (s, e, segment) in Placed)
                    if (last >= s && last < e) return (start, segment.End);
            return (start, SourcePosition(last) + 1);
        }
    }

    /// <summary>
    /// Emulates <c>bamboo_engine.template.Template.render</c> for conditions: each distinct <c>${…}</c> segment is a Mako
    /// expression rendered with <c>str()</c>; a segment that fails (missing variable, error, refused by the sandbox) stays
    /// as literal text; a condition that is exactly one <c>${name}</c> of a known variable gives the variable's raw value.
    /// Decided here: <c>${name}</c>, <c>${int(name)}</c>, <c>${str(name)}</c>, <c>${float(name)}</c>; anything else is Unknown.
    /// String values are first escaped as the engine's <c>transform_escape_char</c> does (newline → <c>\n</c>).
    /// </summary>
    internal static class TemplateExpander
    {
        // Names the template namespace has even when no variable defines them: Python builtins, modules of the
        // server's sandbox, system variables and Mako's own names. Rendering them is left to the server.
        private static readonly HashSet<string> RuntimeNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "_system", "_env", "datetime", "re", "hashlib", "random", "time", "os", "json", "math",
            "context", "loop", "capture", "caller", "self", "local", "parent", "next", "UNDEFINED", "STOP_RENDERING", "pageargs",
            "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
            "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval",
            "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id",
            "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview",
            "min", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
            "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
            "Ellipsis", "NotImplemented", "Exception", "BaseException", "ValueError", "TypeError", "KeyError",
        };

        // Mako refuses these as render() arguments, so a variable with such a name breaks every segment.
        private static readonly HashSet<string> MakoReserved = new HashSet<string>(StringComparer.Ordinal)
        {
            "context", "loop", "UNDEFINED", "STOP_RENDERING", "capture", "caller", "self", "local", "parent", "next", "pageargs",
        };

        private static readonly char[] SpaceOrTab = { ' ', '\t' };
        private static readonly char[] LineBreaks = { '\n', '\r' };
        private static readonly char[] EscapedControls = { '\n', '\r', '\t' };

        /// <summary>The <c>${…}</c> segments of a text, left to right, as Python's <c>re.findall(r"\${[^${}#]+}")</c> finds them.</summary>
        public static List<TemplateSegment> FindSegments(string? text)
        {
            var segments = new List<TemplateSegment>();
            if (text == null) return segments;
            int i = 0;
            while (i + 1 < text.Length)
            {
                if (text[i] == '$' && text[i + 1] == '{')
                {
                    int j = i + 2;
                    while (j < text.Length && text[j] != '$' && text[j] != '{' && text[j] != '}' && text[j] != '#') j++;
                    if (j < text.Length && text[j] == '}' && j > i + 2)
                    {
                        string segment = text.Substring(i, j + 1 - i);
                        Classify(segment.Substring(2, segment.Length - 3), out var form, out var name);
                        segments.Add(new TemplateSegment(segment, i, form, name));
                        i = j + 1;
                        continue;
                    }
                }
                i++;
            }
            return segments;
        }

        private static void Classify(string expression, out TemplateForm form, out string? name)
        {
            form = TemplateForm.Other;
            name = null;
            // Mako strips leading whitespace of an expression; trailing spaces are harmless.
            string e = expression.Trim(SpaceOrTab);
            if (e.Length == 0 || e.IndexOfAny(LineBreaks) >= 0) return;
            if (IsPythonIdentifier(e, 0, e.Length))
            {
                form = TemplateForm.Name;
                name = e;
                return;
            }
            int open = e.IndexOf('(');
            if (open <= 0 || e[e.Length - 1] != ')') return;
            string function = e.Substring(0, open).TrimEnd(SpaceOrTab);
            string argument = e.Substring(open + 1, e.Length - open - 2).Trim(SpaceOrTab);
            if (!IsPythonIdentifier(argument, 0, argument.Length)) return;
            switch (function)
            {
                case "int": form = TemplateForm.Int; break;
                case "str": form = TemplateForm.Str; break;
                case "float": form = TemplateForm.Float; break;
                default: return;
            }
            name = argument;
        }

        private static bool IsPythonIdentifier(string s, int start, int end)
        {
            if (end <= start) return false;
            char first = s[start];
            if (!(first == '_' || char.IsLetter(first))) return false;
            for (int i = start + 1; i < end; i++)
            {
                char c = s[i];
                if (!(c == '_' || char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark
                      || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpacingCombiningMark
                      || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.ConnectorPunctuation)) return false;
            }
            return true;
        }

        /// <summary>
        /// Renders; pass escapeStrings false while resolving one variable from others (the engine escapes only the final values).
        /// With <paramref name="evaluateExpressions"/> (the sandbox, simulating a run) a segment holding another Python
        /// expression is evaluated by <see cref="MakoExpression"/>; without (the validator) it is Unknown.
        /// </summary>
        public static RenderedCondition Render(string text, IReadOnlyDictionary<string, object?>? values, bool escapeStrings, bool evaluateExpressions = false) =>
            Render(text, FindSegments(text), values, escapeStrings, evaluateExpressions);

        public static RenderedCondition Render(string text, IReadOnlyList<TemplateSegment> segments, IReadOnlyDictionary<string, object?>? values, bool escapeStrings,
            bool evaluateExpressions = false)
        {
            var result = new RenderedCondition { Text = text };
            if (segments.Count == 0) return result;
            // Conditions hold a handful of segments: linear searches beat hashing here.
            var distinct = new List<TemplateSegment>(segments.Count);
            foreach (var s in segments)
                if (IndexOfText(distinct, s.Text) < 0) distinct.Add(s);

            // A condition that is exactly one ${key} of a known variable gets the raw value, not its text.
            if (distinct.Count == 1 && distinct[0].Text.Length == text.Length)
            {
                string key = text.Substring(2, text.Length - 3);
                if (values != null && values.TryGetValue(key, out var raw))
                {
                    var value = Hydrate(raw, escapeStrings);
                    if (ConditionValues.IsUnknownMarker(value))
                    {
                        result.IsUnknown = true;
                        result.UnknownReason = "${" + key + "} is only known at run time";
                        result.Segments.Add(new TemplateRendering(distinct[0], TemplateOutcome.Unknown, null, null, result.UnknownReason));
                        return result;
                    }
                    if (value is string s)
                    {
                        result.Text = s;
                        result.Placed = new List<(int, int, TemplateSegment)> { (0, s.Length, distinct[0]) };
                        result.Segments.Add(new TemplateRendering(distinct[0], TemplateOutcome.Rendered, s, s, null));
                        return result;
                    }
                    result.IsRawValue = true;
                    result.RawValue = value;
                    result.Text = null;
                    result.Segments.Add(new TemplateRendering(distinct[0], TemplateOutcome.Rendered, null, value,
                        "the whole condition is ${" + key + "}, so the server hands its " + PyValue.TypeName(value) + " value to boolrule instead of text"));
                    return result;
                }
            }

            // The engine passes the referenced variables to Mako, which refuses its reserved names as arguments.
            string? reservedName = null;
            if (values != null)
                foreach (var segment in distinct)
                    if (segment.Name != null && MakoReserved.Contains(segment.Name) && values.ContainsKey(segment.Name)) reservedName = segment.Name;

            foreach (var segment in distinct)
            {
                TemplateRendering r = reservedName != null
                    ? new TemplateRendering(segment, TemplateOutcome.Unknown, null, null, "a variable is named '" + reservedName + "', a name Mako reserves")
                    : RenderSegment(segment, values, escapeStrings, evaluateExpressions);
                result.Segments.Add(r);
                if (r.Outcome == TemplateOutcome.Unknown)
                {
                    if (!result.IsUnknown) result.UnknownReason = r.Reason;
                    result.IsUnknown = true;
                }
            }

            // The server replaces segments in set order (random per process): when a value contains another segment's
            // text, the result depends on that order.
            foreach (var r in result.Segments)
            {
                if (r.Outcome != TemplateOutcome.Rendered) continue;
                foreach (var segment in distinct)
                {
                    if (r.Text!.IndexOf(segment.Text, StringComparison.Ordinal) >= 0) // a Rendered segment has text (the raw-value case returned above)
                    {
                        result.IsUnknown = true;
                        result.UnknownReason = "a value contains the text " + segment.Text + ", so the result depends on the order the server renders segments in";
                    }
                }
            }

            // Otherwise replacing every occurrence of each segment (str.replace) is one left-to-right pass over the
            // segments found, which also tells where each rendered character came from.
            var sb = new StringBuilder(text.Length + 16);
            int copied = 0;
            var placed = new List<(int renderedStart, int renderedEnd, TemplateSegment segment)>(segments.Count);
            foreach (var segment in segments)
            {
                sb.Append(text, copied, segment.Start - copied);
                var r = result.Segments[IndexOfText(distinct, segment.Text)];
                int at = sb.Length;
                sb.Append(r.Outcome == TemplateOutcome.Rendered ? r.Text : segment.Text);
                placed.Add((at, sb.Length, segment));
                copied = segment.End;
            }
            sb.Append(text, copied, text.Length - copied);
            result.Text = sb.ToString();
            result.Placed = placed;
            return result;
        }

        private static int IndexOfText(List<TemplateSegment> list, string text)
        {
            for (int i = 0; i < list.Count; i++)
                if (string.Equals(list[i].Text, text, StringComparison.Ordinal)) return i;
            return -1;
        }

        private static TemplateRendering RenderSegment(TemplateSegment segment, IReadOnlyDictionary<string, object?>? values, bool escapeStrings, bool evaluateExpressions)
        {
            // In a simulated run every call and expression goes to the evaluator (a variable may hide int(), str(), float()).
            if (evaluateExpressions && segment.Form != TemplateForm.Name) return EvaluateSegment(segment, values, escapeStrings);
            if (segment.Form == TemplateForm.Other)
                return new TemplateRendering(segment, TemplateOutcome.Unknown, null, null,
                    segment.Text + " is a Python expression that only the server evaluates");

            string name = segment.Name!; // every form but Other (returned above) has a name
            if (name.StartsWith("__", StringComparison.Ordinal))
                return new TemplateRendering(segment, TemplateOutcome.LeftAsIs, segment.Text, null,
                    "the server's template sandbox refuses names starting with '__', so the segment stays as literal text");

            if (segment.Form != TemplateForm.Name)
            {
                string function = segment.Form == TemplateForm.Int ? "int" : segment.Form == TemplateForm.Str ? "str" : "float";
                if (values != null && values.ContainsKey(function))
                    return new TemplateRendering(segment, TemplateOutcome.Unknown, null, null, "a variable named '" + function + "' hides Python's " + function + "()");
            }

            object? value;
            if (values == null || !values.TryGetValue(name, out value))
            {
                if (segment.Form == TemplateForm.Name && (name == "True" || name == "False" || name == "None"))
                    return new TemplateRendering(segment, TemplateOutcome.Rendered, name, null, null);
                if (RuntimeNames.Contains(name))
                    return new TemplateRendering(segment, TemplateOutcome.Unknown, null, null, "'" + name + "' is provided by the server at run time");
                return new TemplateRendering(segment, TemplateOutcome.LeftAsIs, segment.Text, null,
                    "no variable '" + name + "' exists, so the server leaves " + segment.Text + " as literal text");
            }

            value = Hydrate(value, escapeStrings);
            if (ConditionValues.IsUnknownMarker(value))
                return new TemplateRendering(segment, TemplateOutcome.Unknown, null, null, "${" + name + "} is only known at run time");

            try
            {
                switch (segment.Form)
                {
                    case TemplateForm.Int:
                    {
                        var i = PyOps.ToInt(value);
                        return new TemplateRendering(segment, TemplateOutcome.Rendered, PyFormat.Str(i), i, null);
                    }
                    case TemplateForm.Float:
                    {
                        double d = PyOps.ToFloat(value);
                        return new TemplateRendering(segment, TemplateOutcome.Rendered, PyFormat.FloatRepr(d), d, null);
                    }
                    default:
                        return new TemplateRendering(segment, TemplateOutcome.Rendered, PyFormat.Str(value), value, null);
                }
            }
            catch (PythonException e)
            {
                return new TemplateRendering(segment, TemplateOutcome.LeftAsIs, segment.Text, null,
                    segment.Text + " raises " + e.PythonType + " (" + e.Message + "), so the server leaves it as literal text");
            }
        }

        private static TemplateRendering EvaluateSegment(TemplateSegment segment, IReadOnlyDictionary<string, object?>? values, bool escapeStrings)
        {
            // Mako strips the expression's leading white space.
            var result = MakoExpression.Evaluate(segment.Expression.TrimStart(SpaceOrTab), values, escapeStrings);
            switch (result.Outcome)
            {
                case MakoOutcome.Value:
                    return new TemplateRendering(segment, TemplateOutcome.Rendered, PyFormat.Str(result.Value), result.Value, null);
                case MakoOutcome.Raised:
                    return new TemplateRendering(segment, TemplateOutcome.LeftAsIs, segment.Text, null,
                        segment.Text + ": " + result.Reason + ", so the server leaves it as literal text");
                default:
                    return new TemplateRendering(segment, TemplateOutcome.Unknown, null, null, segment.Text + ": " + result.Reason);
            }
        }

        /// <summary>Names the template namespace provides at run time (modules, system variables, builtins outside the subset).</summary>
        internal static bool IsRuntimeName(string name) => RuntimeNames.Contains(name);

        /// <summary>The engine's value for a variable: canonical Python value, strings escaped by <c>transform_escape_char</c>.</summary>
        internal static object? Hydrate(object? raw, bool escapeStrings = true)
        {
            var value = PyValue.FromDotNet(raw);
            return escapeStrings && value is string s ? TransformEscapeChar(s) : value;
        }

        /// <summary>
        /// <c>transform_escape_char</c>: unless the text already holds one of the two-character sequences <c>\n \r \t</c>,
        /// its newlines, carriage returns and tabs become those sequences.
        /// </summary>
        internal static string TransformEscapeChar(string s)
        {
            if (s.IndexOf("\\n", StringComparison.Ordinal) >= 0 || s.IndexOf("\\r", StringComparison.Ordinal) >= 0 || s.IndexOf("\\t", StringComparison.Ordinal) >= 0)
                return s;
            if (s.IndexOfAny(EscapedControls) < 0) return s;
            var sb = new StringBuilder(s.Length + 8);
            foreach (char c in s)
            {
                if (c == '\n') sb.Append("\\n");
                else if (c == '\r') sb.Append("\\r");
                else if (c == '\t') sb.Append("\\t");
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
