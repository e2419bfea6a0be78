using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>The outcome of parsing one condition text.</summary>
    internal sealed class ParsedCondition
    {
        public ConditionChain? Root;
        public ConditionSyntaxError? Error;

        /// <summary>
        /// pyparsing recurses once per <c>and</c>/<c>or</c> and per parenthesis; past a point the server's Python stack
        /// may overflow (RecursionError), so an expression this complex is parsed here but cannot be vouched for.
        /// </summary>
        public bool MayExceedServerRecursion;
    }

    /// <summary>
    /// boolrule's grammar, matched the way pyparsing matches it: scannerless, ordered choice that commits, whitespace
    /// (space, tab, CR, LF) skipped before every element but not inside a literal, caseless operators and keywords.
    /// <code>
    /// expr  := cond (("and" | "or") cond)*        keywords need a non-identifier character on both sides
    /// cond  := value op value | "(" expr ")"
    /// value := simple | "(" simple ("," simple)* ")"
    /// simple := real | integer | "…" | '…' | true | false | path
    /// </code>
    /// Recursion is bounded: parentheses nest at most <see cref="MaxNesting"/> deep, far below any stack limit.
    /// </summary>
    internal sealed class ConditionParser
    {
        /// <summary>Deeper nesting certainly overflows pyparsing's recursion on the server; parsing stops there.</summary>
        public const int MaxNesting = 100;

        // Stack cost in units of pyparsing's recursion: about 10 Python frames per and/or link, 11.5 per parenthesis
        // (measured: 97-108 links or 87-96 parentheses overflow the default limit of 1000 frames).
        private const int LinkCost = 10;
        private const int ParenCost = 11;
        private const int CertainOverflowCost = 1090;
        private const int ExactCost = 500;

        private const string ValueExpected = "a value (number, quoted string, true, false, name or tuple)";
        private const string OperatorExpected = "an operator (==, !=, <, >, <=, >=, in, notin, issuperset, notissuperset)";
        private const string ConnectorExpected = "'and' or 'or'";
        private const string EndExpected = "the end of the expression";

        private readonly string original;
        private readonly string text;
        private readonly int[]? toOriginal;
        private int failPosition = -1;
        private readonly List<string> expected = new List<string>();
        private readonly List<string> hints = new List<string>();
        private int cost;
        private int maxCost;

        private ConditionParser(string original)
        {
            this.original = original;
            text = ExpandTabs(original, out toOriginal);
        }

        public static ParsedCondition Parse(string text)
        {
            var parser = new ConditionParser(text ?? "");
            try
            {
                var root = parser.Expression(0, 0);
                if (root != null)
                {
                    int end = parser.Skip(root.End);
                    if (end >= parser.text.Length)
                        return new ParsedCondition { Root = parser.Remap(root), MayExceedServerRecursion = parser.maxCost > ExactCost };
                    parser.Fail(end, ConnectorExpected);
                    parser.Fail(end, EndExpected);
                }
                return new ParsedCondition { Error = parser.SyntaxError() };
            }
            catch (HardError e)
            {
                return new ParsedCondition { Error = parser.MakeError(e.Kind, e.Position, e.Message, new string[0], e.PythonType, e.PythonMessage) };
            }
        }

        // ---- grammar ----

        private ConditionChain? Expression(int position, int depth)
        {
            var first = Condition(position, depth);
            if (first == null) return null;
            var terms = new List<ConditionTerm> { first };
            var joins = new List<ConditionJoin>();
            int end = first.End;
            int links = 0;
            while (true)
            {
                int at = Connector(end, out var connector);
                if (at < 0) break;
                links++;
                Enter(LinkCost, at);
                var next = Condition(at + (connector == ConditionConnector.And ? 3 : 2), depth);
                if (next == null) break;
                joins.Add(new ConditionJoin(connector, at));
                terms.Add(next);
                end = next.End;
            }
            cost -= links * LinkCost;
            return new ConditionChain(terms, joins, first.Start, end);
        }

        private ConditionTerm? Condition(int position, int depth)
        {
            // value OP value
            var left = Value(position);
            if (left != null)
            {
                int opAt = Operator(left.End, out var op, out int opEnd);
                if (opAt >= 0)
                {
                    var right = Value(opEnd);
                    if (right != null) return new ConditionComparison(left, op, opAt, right);
                }
            }

            // "(" expr ")"
            int open = Skip(position);
            if (open < text.Length && text[open] == '(')
            {
                if (depth + 1 > MaxNesting)
                    throw new HardError(ConditionErrorKind.TooComplex, open,
                        "parentheses nested more than " + MaxNesting + " deep; the server's parser fails with a RecursionError",
                        "RecursionError", null);
                Enter(ParenCost, open);
                var inner = Expression(open + 1, depth + 1);
                cost -= ParenCost;
                if (inner != null)
                {
                    int close = Skip(inner.End);
                    if (close < text.Length && text[close] == ')') return new ConditionGroup(inner, open, close + 1);
                    Fail(close, "')'");
                }
            }
            return null;
        }

        private void Enter(int units, int position)
        {
            cost += units;
            if (cost > maxCost) maxCost = cost;
            if (cost > CertainOverflowCost)
                throw new HardError(ConditionErrorKind.TooComplex, position,
                    "too many 'and'/'or' or nested parentheses: the server's parser recurses once per connector and fails with a RecursionError beyond about 100",
                    "RecursionError", null);
        }

        private ConditionOperand? Value(int position)
        {
            var simple = Simple(position);
            if (simple != null) return simple;
            int open = Skip(position);
            if (open >= text.Length || text[open] != '(') return null;
            var first = Simple(open + 1);
            if (first == null) return null;
            var items = new List<ConditionOperand> { first };
            int end = first.End;
            while (true)
            {
                int comma = Skip(end);
                if (comma >= text.Length || text[comma] != ',')
                {
                    Fail(comma, "','");
                    break;
                }
                var item = Simple(comma + 1);
                if (item == null) break;
                items.Add(item);
                end = item.End;
            }
            int close = Skip(end);
            if (close < text.Length && text[close] == ')') return new TupleOperand(items, open, close + 1);
            Fail(close, "')'");
            return null;
        }

        private ConditionOperand? Simple(int position)
        {
            int p = Skip(position);
            int end = RealNumber(p);
            if (end >= 0)
                return new NumberOperand(text.Substring(p, end - p), PyOps.ParseDecimalDouble(text.Substring(p, end - p)), p, end);

            end = Integer(p, out bool hasExponent);
            if (end >= 0)
            {
                string literal = text.Substring(p, end - p);
                // pyparsing joins the pieces with its own "E"; int() then rejects any exponent.
                string pythonText = literal.Replace('e', 'E');
                if (hasExponent)
                    throw new HardError(ConditionErrorKind.InvalidLiteral, p,
                        "'" + literal + "' looks like a number with an exponent, but boolrule reads it as an integer and int('" + pythonText + "') fails; write it out (1000) or as a float (1.0e3)",
                        "ValueError", "invalid literal for int() with base 10: " + PyFormat.StrRepr(pythonText));
                try
                {
                    return new NumberOperand(literal, PyOps.ParseInt(pythonText), p, end);
                }
                catch (PythonException e)
                {
                    throw new HardError(ConditionErrorKind.InvalidLiteral, p, "the integer '" + Shorten(literal) + "' is too long for Python to read",
                        e.PythonType, e.Message);
                }
            }

            if ((end = Quoted(p, '"')) >= 0) return new StringOperand(Unquote(p, end), '"', p, end);
            if ((end = Quoted(p, '\'')) >= 0) return new StringOperand(Unquote(p, end), '\'', p, end);
            if (MatchesCaseless(p, "true")) return new BooleanOperand(true, p, p + 4);
            if (MatchesCaseless(p, "false")) return new BooleanOperand(false, p, p + 5);
            end = Path(p);
            if (end >= 0) return new IdentifierOperand(text.Substring(p, end - p), p, end);
            Fail(p, ValueExpected);
            return null;
        }

        // [+-]? (digits "." digits? | "." digits) ([eE] [+-]? digits)?
        private int RealNumber(int p)
        {
            int i = p;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            int digits = Digits(i);
            if (digits > i)
            {
                if (digits >= text.Length || text[digits] != '.') return -1;
                i = Digits(digits + 1);
            }
            else
            {
                if (i >= text.Length || text[i] != '.') return -1;
                int fraction = Digits(i + 1);
                if (fraction == i + 1) return -1;
                i = fraction;
            }
            return Exponent(i, allowMinus: true);
        }

        // [+-]? digits ([eE] "+"? digits)?
        private int Integer(int p, out bool hasExponent)
        {
            hasExponent = false;
            int i = p;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            int digits = Digits(i);
            if (digits == i) return -1;
            int end = Exponent(digits, allowMinus: false);
            hasExponent = end > digits;
            return end;
        }

        private int Exponent(int i, bool allowMinus)
        {
            if (i >= text.Length || (text[i] != 'e' && text[i] != 'E')) return i;
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || (allowMinus && text[j] == '-'))) j++;
            int digits = Digits(j);
            return digits > j ? digits : i;
        }

        private int Digits(int i)
        {
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
            return i;
        }

        // A quoted string may not contain its quote character or a line break; there are no escapes.
        private int Quoted(int p, char quote)
        {
            if (p >= text.Length || text[p] != quote) return -1;
            for (int i = p + 1; i < text.Length; i++)
            {
                char c = text[i];
                if (c == quote) return i + 1;
                if (c == '\n' || c == '\r') break;
            }
            Fail(p, "a closing " + quote + " on the same line");
            return -1;
        }

        // pyparsing turns the two-character sequences \t \n \f \r of a quoted string into the control characters.
        private string Unquote(int start, int end)
        {
            string body = text.Substring(start + 1, end - start - 2);
            if (body.IndexOf('\\') < 0) return body;
            var sb = new StringBuilder(body.Length);
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c == '\\' && i + 1 < body.Length)
                {
                    char n = body[i + 1];
                    char converted = n == 't' ? '\t' : n == 'n' ? '\n' : n == 'f' ? '\f' : n == 'r' ? '\r' : '\0';
                    if (converted != '\0')
                    {
                        sb.Append(converted);
                        i++;
                        continue;
                    }
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        // identifier ("." identifier)*, nothing between the pieces
        private int Path(int p)
        {
            int end = Identifier(p);
            if (end < 0) return -1;
            while (end < text.Length && text[end] == '.')
            {
                int next = Identifier(end + 1);
                if (next < 0) break;
                end = next;
            }
            return end;
        }

        // "${"? "_"? letter (letter | digit | "_")* "}"?   (ASCII letters only)
        private int Identifier(int p)
        {
            int i = p;
            if (i + 1 < text.Length && text[i] == '$' && text[i + 1] == '{') i += 2;
            if (i < text.Length && text[i] == '_') i++;
            if (i >= text.Length || !IsAsciiLetter(text[i])) return -1;
            i++;
            while (i < text.Length && (IsAsciiLetter(text[i]) || (text[i] >= '0' && text[i] <= '9') || text[i] == '_')) i++;
            if (i < text.Length && text[i] == '}') i++;
            return i;
        }

        private int Operator(int position, out ConditionOperator op, out int end)
        {
            int p = Skip(position);
            foreach (var candidate in OperatorNames.MatchOrder)
            {
                if (MatchesCaseless(p, candidate))
                {
                    op = OperatorNames.FromText(candidate);
                    end = p + candidate.Length;
                    return p;
                }
            }
            Fail(p, OperatorExpected);
            if (p < text.Length && text[p] == '=') hints.Add("use '==' to compare ('=' alone is not an operator)");
            else if (MatchesCaseless(p, "not ") || MatchesCaseless(p, "not\t")) hints.Add("write 'notin' as one word ('not in' is not an operator)");
            op = ConditionOperator.Equal;
            end = -1;
            return -1;
        }

        private int Connector(int position, out ConditionConnector connector)
        {
            int p = Skip(position);
            connector = ConditionConnector.And;
            if (Keyword(p, "and")) return p;
            connector = ConditionConnector.Or;
            if (Keyword(p, "or")) return p;
            Fail(p, ConnectorExpected);
            if (MatchesCaseless(p, "and") || MatchesCaseless(p, "or"))
                hints.Add("'and'/'or' must stand apart from the text around it (a space or parenthesis on both sides)");
            else if (p + 1 < text.Length && ((text[p] == '&' && text[p + 1] == '&') || (text[p] == '|' && text[p + 1] == '|')))
                hints.Add("use the words 'and' / 'or' instead of '&&' / '||'");
            return -1;
        }

        // pyparsing's caseless Keyword: the word, with no identifier character right before or after it.
        private bool Keyword(int p, string word)
        {
            if (!MatchesCaseless(p, word)) return false;
            int after = p + word.Length;
            if (after < text.Length && IsKeywordIdentChar(text[after])) return false;
            if (p > 0 && IsKeywordIdentChar(text[p - 1])) return false;
            return true;
        }

        // Python's str.upper() of the character is one of A-Z, 0-9, "_" or "$" (dotless i and long s upper-case to ASCII).
        private static bool IsKeywordIdentChar(char c) =>
            IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '\u0131' || c == '\u017F';

        // pyparsing's caseless match: text.upper() == word.upper(), character by character.
        private bool MatchesCaseless(int p, string word)
        {
            if (p + word.Length > text.Length) return false;
            for (int k = 0; k < word.Length; k++)
            {
                char c = text[p + k];
                char w = char.ToUpperInvariant(word[k]);
                char upper = c < 0x80 ? char.ToUpperInvariant(c) : c == '\u0131' ? 'I' : c == '\u017F' ? 'S' : c;
                if (upper != w) return false;
            }
            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private int Skip(int p)
        {
            while (p < text.Length && (text[p] == ' ' || text[p] == '\n' || text[p] == '\r' || text[p] == '\t')) p++;
            return p;
        }

        // ---- errors ----

        private void Fail(int position, string what)
        {
            if (position > failPosition)
            {
                failPosition = position;
                expected.Clear();
                hints.Clear();
            }
            if (position == failPosition && !expected.Contains(what)) expected.Add(what);
        }

        private ConditionSyntaxError SyntaxError()
        {
            int at = Math.Max(0, failPosition);
            string found = at >= text.Length ? "the end of the expression" : "'" + Shorten(text.Substring(at)) + "'";
            var message = new StringBuilder("expected ").Append(JoinAlternatives(expected)).Append(", found ").Append(found);
            foreach (var hint in hints) message.Append("; ").Append(hint);
            return MakeError(ConditionErrorKind.Syntax, at, message.ToString(), expected.ToArray(), "ParseException", null);
        }

        private ConditionSyntaxError MakeError(ConditionErrorKind kind, int expandedPosition, string message, IReadOnlyList<string> what,
            string pythonType, string? pythonMessage)
        {
            int position = toOriginal == null ? Math.Min(expandedPosition, original.Length) : toOriginal[Math.Min(expandedPosition, toOriginal.Length - 1)];
            LineAndColumn(original, position, out int line, out int column);
            return new ConditionSyntaxError(kind, position, line, column, "column " + column + (line > 1 ? " of line " + line : "") + ": " + message,
                what, pythonType, pythonMessage);
        }

        internal static void LineAndColumn(string s, int position, out int line, out int column)
        {
            line = 1;
            int lineStart = 0;
            for (int i = 0; i < position && i < s.Length; i++)
            {
                if (s[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            column = position - lineStart + 1;
        }

        private static string JoinAlternatives(List<string> items)
        {
            if (items.Count == 0) return "a condition";
            if (items.Count == 1) return items[0];
            return string.Join(", ", items.GetRange(0, items.Count - 1)) + " or " + items[items.Count - 1];
        }

        private static string Shorten(string s)
        {
            int newline = s.IndexOfAny(new[] { '\n', '\r' });
            if (newline >= 0) s = s.Substring(0, newline);
            return s.Length <= 24 ? s : s.Substring(0, 24) + "…";
        }

        private sealed class HardError : Exception
        {
            public HardError(ConditionErrorKind kind, int position, string message, string pythonType, string? pythonMessage) : base(message)
            {
                Kind = kind;
                Position = position;
                PythonType = pythonType;
                PythonMessage = pythonMessage;
            }

            public ConditionErrorKind Kind { get; }
            public int Position { get; }
            public string PythonType { get; }
            public string? PythonMessage { get; }
        }

        // ---- tabs ----

        // pyparsing parses text.expandtabs() (tab stops every 8 columns, counted from each line start).
        private static string ExpandTabs(string s, out int[]? map)
        {
            map = null;
            if (s.IndexOf('\t') < 0) return s;
            var sb = new StringBuilder(s.Length + 16);
            var positions = new List<int>(s.Length + 16);
            int column = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\t')
                {
                    int spaces = 8 - column % 8;
                    for (int k = 0; k < spaces; k++) { sb.Append(' '); positions.Add(i); }
                    column += spaces;
                    continue;
                }
                sb.Append(c);
                positions.Add(i);
                column = c == '\n' || c == '\r' ? 0 : column + 1;
            }
            positions.Add(s.Length);
            map = positions.ToArray();
            return sb.ToString();
        }

        // AST positions refer to the expanded text; give them the offsets of the text as written.
        private ConditionChain Remap(ConditionChain chain)
        {
            if (toOriginal == null) return chain;
            return (ConditionChain)new PositionMapper(toOriginal).Map(chain);
        }
    }
}
