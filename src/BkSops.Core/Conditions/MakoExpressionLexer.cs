using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    internal enum MakoTokenKind { Number, String, Name, Keyword, Operator, End }

    internal readonly struct MakoToken
    {
        public MakoToken(MakoTokenKind kind, string text, object? value = null)
        {
            Kind = kind;
            Text = text;
            Value = value;
        }

        public MakoTokenKind Kind { get; }

        /// <summary>The name, keyword or operator; the source text of a literal.</summary>
        public string Text { get; }

        /// <summary>A literal's Python value (BigInteger, double or string).</summary>
        public object? Value { get; }

        public bool Is(MakoTokenKind kind, string text) => Kind == kind && Text == text;
    }

    /// <summary>
    /// Splits the Python expression of a <c>${…}</c> segment into tokens: one linear pass, no recursion. Throws
    /// <see cref="MakoUnsupportedException"/> for Python the subset does not cover (bytes, f-strings, triple quotes,
    /// complex numbers, bitwise operators, lambda, comprehensions) and <see cref="PythonException"/> (SyntaxError) for
    /// text Python itself does not compile, which Mako leaves as literal text.
    /// </summary>
    internal static class MakoExpressionLexer
    {
        private static readonly HashSet<string> Keywords = new HashSet<string>
        {
            "and", "or", "not", "in", "is", "if", "else", "True", "False", "None",
        };

        // Python keywords the subset does not evaluate.
        private static readonly HashSet<string> UnsupportedKeywords = new HashSet<string>
        {
            "lambda", "for", "async", "await", "yield", "import", "from", "as", "def", "class", "del", "global", "nonlocal",
            "pass", "raise", "return", "try", "except", "finally", "while", "with", "assert", "break", "continue", "elif",
        };

        private static readonly string[] Operators = { "**", "//", "==", "!=", "<=", ">=", "(", ")", "[", "]", ",", ":", ".", "+", "-", "*", "/", "%", "<", ">" };

        public static List<MakoToken> Tokenize(string text)
        {
            var tokens = new List<MakoToken>();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == ' ' || c == '\t' || c == '\f') { i++; continue; }
                if (c == '\n' || c == '\r' || c == '\\') throw new MakoUnsupportedException("a line break or line continuation");
                if (IsNameStart(c))
                {
                    int start = i;
                    while (i < text.Length && IsNamePart(text[i])) i++;
                    string name = text.Substring(start, i - start);
                    if (i < text.Length && (text[i] == '\'' || text[i] == '"'))
                    {
                        string prefix = name.ToLowerInvariant();
                        if (prefix == "r" || prefix == "u")
                        {
                            tokens.Add(ReadString(text, ref i, raw: prefix == "r"));
                            continue;
                        }
                        throw new MakoUnsupportedException("a " + name + "'' string literal");
                    }
                    if (UnsupportedKeywords.Contains(name)) throw new MakoUnsupportedException("the keyword '" + name + "'");
                    tokens.Add(new MakoToken(Keywords.Contains(name) ? MakoTokenKind.Keyword : MakoTokenKind.Name, name));
                    continue;
                }
                if (IsDigit(c) || (c == '.' && i + 1 < text.Length && IsDigit(text[i + 1])))
                {
                    tokens.Add(ReadNumber(text, ref i));
                    continue;
                }
                if (c == '\'' || c == '"')
                {
                    tokens.Add(ReadString(text, ref i, raw: false));
                    continue;
                }
                string? op = null;
                foreach (var candidate in Operators)
                    if (string.CompareOrdinal(text, i, candidate, 0, candidate.Length) == 0) { op = candidate; break; }
                if (op == null) throw new MakoUnsupportedException("the character '" + c + "'");
                // "**=" "//=" "==" are matched above; an assignment or another operator starting the same way is not in the subset.
                if (i + op.Length < text.Length && text[i + op.Length] == '=' && op != "==" && op != "!=" && op != "<=" && op != ">=")
                    throw new MakoUnsupportedException("the operator '" + op + "='");
                tokens.Add(new MakoToken(MakoTokenKind.Operator, op));
                i += op.Length;
            }
            tokens.Add(new MakoToken(MakoTokenKind.End, ""));
            return tokens;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsNameStart(char c) => c == '_' || (c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : char.IsLetter(c));

        private static bool IsNamePart(char c)
        {
            if (c < 0x80) return c == '_' || IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return char.IsLetterOrDigit(c) || category == UnicodeCategory.NonSpacingMark || category == UnicodeCategory.SpacingCombiningMark
                || category == UnicodeCategory.ConnectorPunctuation;
        }

        private static MakoToken ReadNumber(string text, ref int i)
        {
            int start = i;
            if (text[i] == '0' && i + 1 < text.Length && "xXoObB".IndexOf(text[i + 1]) >= 0)
                throw new MakoUnsupportedException("a hexadecimal, octal or binary number");
            bool isFloat = false;
            while (i < text.Length && (IsDigit(text[i]) || text[i] == '_')) i++;
            if (i < text.Length && text[i] == '.')
            {
                isFloat = true;
                i++;
                while (i < text.Length && (IsDigit(text[i]) || text[i] == '_')) i++;
            }
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                int mark = i;
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
                if (i < text.Length && IsDigit(text[i]))
                {
                    isFloat = true;
                    while (i < text.Length && (IsDigit(text[i]) || text[i] == '_')) i++;
                }
                else i = mark;
            }
            if (i < text.Length && (text[i] == 'j' || text[i] == 'J')) throw new MakoUnsupportedException("a complex number");
            if (i < text.Length && IsNamePart(text[i])) throw Syntax("invalid decimal literal");
            string literal = text.Substring(start, i - start);
            if (literal.StartsWith("_") || literal.EndsWith("_") || literal.Contains("__") || literal.Contains("_.") || literal.Contains("._"))
                throw Syntax("invalid decimal literal");
            string digits = literal.Replace("_", "");
            if (isFloat) return new MakoToken(MakoTokenKind.Number, literal, PyOps.ParseDecimalDouble(digits));
            // Python refuses leading zeros in a non-zero decimal integer ("007").
            if (digits.Length > 1 && digits[0] == '0' && digits.TrimStart('0').Length > 0) throw Syntax("leading zeros in decimal integer literals are not permitted");
            if (digits.Length > PyOps.MaxIntDigits) throw new MakoUnsupportedException("an integer literal of " + digits.Length + " digits");
            return new MakoToken(MakoTokenKind.Number, literal, BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        private static MakoToken ReadString(string text, ref int i, bool raw)
        {
            int start = i;
            char quote = text[i];
            if (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote) throw new MakoUnsupportedException("a triple-quoted string");
            i++;
            var sb = new StringBuilder();
            while (true)
            {
                if (i >= text.Length) throw Syntax("unterminated string literal");
                char c = text[i];
                if (c == quote) { i++; break; }
                if (c != '\\' || raw)
                {
                    if (c == '\\' && raw && i + 1 < text.Length) { sb.Append(c).Append(text[i + 1]); i += 2; continue; }
                    sb.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= text.Length) throw Syntax("unterminated string literal");
                char e = text[i + 1];
                i += 2;
                switch (e)
                {
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'a': sb.Append('\a'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'v': sb.Append('\v'); break;
                    case 'x': sb.Append((char)ReadHex(text, ref i, 2)); break;
                    case 'u': sb.Append((char)ReadHex(text, ref i, 4)); break;
                    case 'U':
                    {
                        int cp = ReadHex(text, ref i, 8);
                        if (cp > 0x10FFFF) throw Syntax("illegal Unicode character");
                        sb.Append(char.ConvertFromUtf32(cp));
                        break;
                    }
                    default:
                        if (e >= '0' && e <= '7' || e == 'N') throw new MakoUnsupportedException("the escape \\" + e);
                        // Python keeps an unknown escape as it is (with a warning).
                        sb.Append('\\').Append(e);
                        break;
                }
            }
            return new MakoToken(MakoTokenKind.String, text.Substring(start, i - start), sb.ToString());
        }

        private static int ReadHex(string text, ref int i, int count)
        {
            if (i + count > text.Length) throw Syntax("truncated escape");
            if (!int.TryParse(text.Substring(i, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value)
                || text.Substring(i, count).IndexOfAny(new[] { '+', '-', ' ' }) >= 0)
                throw Syntax("truncated escape");
            i += count;
            return value;
        }

        internal static PythonException Syntax(string message) => new PythonException("SyntaxError", message);
    }

    /// <summary>A Python form the expression subset does not evaluate (the segment's value stays unknown).</summary>
    internal sealed class MakoUnsupportedException : System.Exception
    {
        public MakoUnsupportedException(string what) : base(what + " is outside the Python subset BkSops evaluates") { }
    }
}
