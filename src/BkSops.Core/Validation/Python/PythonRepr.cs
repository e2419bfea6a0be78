using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using BkSops.Json;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// Renders JSON values the way the server's Python renders them after <c>json.loads</c>: <c>repr()</c>
    /// (dicts, lists, quoted strings, <c>True</c>/<c>False</c>/<c>None</c>, <c>1.0</c>, <c>inf</c>) and <c>str()</c>.
    /// Iterative, so nesting depth costs heap, not stack.
    /// </summary>
    public static class PythonRepr
    {
        /// <summary><c>repr(value)</c>.</summary>
        public static string Repr(JsonNode value)
        {
            var sb = new StringBuilder();
            AppendRepr(sb, value);
            return sb.ToString();
        }

        /// <summary><c>str(value)</c>: a string as it is, anything else as its repr.</summary>
        public static string Str(JsonNode value) => value is JsonString s ? s.Value : Repr(value);

        /// <summary><c>repr()</c> of a Python <c>str</c>.</summary>
        public static string ReprString(string s)
        {
            var sb = new StringBuilder(s.Length + 2);
            AppendReprString(sb, s);
            return sb.ToString();
        }

        private struct Frame
        {
            public JsonNode Container;
            public int Next;
        }

        public static void AppendRepr(StringBuilder sb, JsonNode value)
        {
            if (value == null)
            {
                sb.Append("None");
                return;
            }
            var stack = new Stack<Frame>();
            JsonNode? pending = value;
            while (true)
            {
                if (pending != null)
                {
                    var node = pending;
                    pending = null;
                    switch (node)
                    {
                        case JsonObject o:
                            sb.Append('{');
                            stack.Push(new Frame { Container = o });
                            break;
                        case JsonArray a:
                            sb.Append('[');
                            stack.Push(new Frame { Container = a });
                            break;
                        default:
                            AppendScalar(sb, node);
                            break;
                    }
                }
                if (stack.Count == 0) return;
                var top = stack.Pop();
                if (top.Container is JsonObject obj)
                {
                    if (top.Next >= obj.Count)
                    {
                        sb.Append('}');
                        continue;
                    }
                    if (top.Next > 0) sb.Append(", ");
                    var member = obj.Properties[top.Next];
                    AppendReprString(sb, member.Name);
                    sb.Append(": ");
                    pending = member.Value;
                }
                else
                {
                    var arr = (JsonArray)top.Container;
                    if (top.Next >= arr.Count)
                    {
                        sb.Append(']');
                        continue;
                    }
                    if (top.Next > 0) sb.Append(", ");
                    pending = arr[top.Next];
                }
                top.Next++;
                stack.Push(top);
            }
        }

        private static void AppendScalar(StringBuilder sb, JsonNode node)
        {
            switch (node)
            {
                case JsonString s: AppendReprString(sb, s.Value); break;
                case JsonBoolean b: sb.Append(b.Value ? "True" : "False"); break;
                case JsonNumber n: sb.Append(NumberRepr(n)); break;
                default: sb.Append("None"); break;
            }
        }

        /// <summary>The repr of the Python number <c>json.loads</c> makes of <paramref name="n"/> (int: exact; float: shortest round trip).</summary>
        public static string NumberRepr(JsonNumber n)
        {
            if (n.IsInteger) return BigInteger.Parse(n.RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return FloatRepr(ToDouble(n));
        }

        /// <summary>The Python float of a JSON number: overflow gives ±inf as in Python.</summary>
        public static double ToDouble(JsonNumber n)
        {
            try
            {
                return n.ToDouble();
            }
            catch (System.OverflowException)
            {
                return n.RawText.StartsWith("-", System.StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
            }
        }

        /// <summary><c>repr(float)</c>: shortest digits that round-trip; exponent form below 1e-4 and from 1e16 on.</summary>
        public static string FloatRepr(double d)
        {
            if (double.IsNaN(d)) return "nan";
            if (double.IsPositiveInfinity(d)) return "inf";
            if (double.IsNegativeInfinity(d)) return "-inf";
            bool negative = d < 0 || (d == 0 && 1 / d < 0);
            if (d == 0) return negative ? "-0.0" : "0.0";
            ShortestDigits(System.Math.Abs(d), out string digits, out int decpt);
            var sb = new StringBuilder(digits.Length + 8);
            if (negative) sb.Append('-');
            if (decpt <= -4 || decpt > 16)
            {
                int exp = decpt - 1;
                sb.Append(digits[0]);
                if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
                sb.Append('e').Append(exp < 0 ? '-' : '+');
                int absExp = System.Math.Abs(exp);
                if (absExp < 10) sb.Append('0');
                sb.Append(absExp.ToString(CultureInfo.InvariantCulture));
            }
            else if (decpt <= 0)
            {
                sb.Append("0.").Append('0', -decpt).Append(digits);
            }
            else if (decpt >= digits.Length)
            {
                sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
            }
            return sb.ToString();
        }

        // Digits d1..dn and decpt such that the value is 0.d1..dn * 10^decpt, with the fewest digits that round-trip.
        private static void ShortestDigits(double d, out string digits, out int decpt)
        {
            string text = "";
            for (int precision = 1; precision <= 17; precision++)
            {
                text = d.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == d) break;
            }
            int e = text.IndexOf('E');
            string mantissa = text.Substring(0, e).Replace(".", "");
            int exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            digits = mantissa.TrimEnd('0');
            if (digits.Length == 0) digits = "0";
            decpt = exponent + 1;
        }

        /// <summary>Appends <c>repr(s)</c>: single quotes unless the text has ' and no ", Python's escapes for the rest.</summary>
        public static void AppendReprString(StringBuilder sb, string s)
        {
            bool hasSingle = s.IndexOf('\'') >= 0, hasDouble = s.IndexOf('"') >= 0;
            char quote = hasSingle && !hasDouble ? '"' : '\'';
            sb.Append(quote);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == quote || c == '\\')
                {
                    sb.Append('\\').Append(c);
                    continue;
                }
                switch (c)
                {
                    case '\t': sb.Append("\\t"); continue;
                    case '\n': sb.Append("\\n"); continue;
                    case '\r': sb.Append("\\r"); continue;
                }
                if (c < ' ' || c == 0x7f)
                {
                    AppendHex(sb, "\\x", c, 2);
                    continue;
                }
                if (c < 0x7f)
                {
                    sb.Append(c);
                    continue;
                }
                int cp = PythonText.CodePointAt(s, i);
                if (IsPrintable(s, i))
                {
                    i += PythonText.AppendCodePoint(sb, s, i) - 1;
                    continue;
                }
                if (cp < 0x100) AppendHex(sb, "\\x", cp, 2);
                else if (cp < 0x10000) AppendHex(sb, "\\u", cp, 4);
                else AppendHex(sb, "\\U", cp, 8);
                if (cp > 0xFFFF) i++;
            }
            sb.Append(quote);
        }

        // Python's str.isprintable() for one code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (the ASCII space excepted).
        private static bool IsPrintable(string s, int index)
        {
            switch (PythonUnicode.Category(s, index))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.SpaceSeparator:
                    return false;
                default:
                    return true;
            }
        }

        private static void AppendHex(StringBuilder sb, string prefix, int value, int width) =>
            sb.Append(prefix).Append(value.ToString("x" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }
}
