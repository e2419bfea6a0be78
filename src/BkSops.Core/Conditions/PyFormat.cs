using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace BkSops.Conditions
{
    /// <summary>Python's <c>str()</c>, <c>repr()</c> and <c>json.dumps()</c> for the values conditions work with.</summary>
    internal static class PyFormat
    {
        /// <summary><c>str(v)</c>: what Mako writes for <c>${v}</c>.</summary>
        public static string Str(object v)
        {
            if (v is string s) return s;
            return Repr(v);
        }

        /// <summary><c>repr(v)</c>; containers are written with an explicit stack (values can be deeply nested).</summary>
        public static string Repr(object v) => Write(v, json: false);

        /// <summary><c>json.dumps(v)</c> with its defaults (ASCII only, <c>", "</c> and <c>": "</c> separators).</summary>
        public static string JsonDumps(object v) => Write(v, json: true);

        private static string Write(object value, bool json)
        {
            var sb = new StringBuilder();
            var work = new Stack<object>();
            work.Push(value);
            while (work.Count > 0)
            {
                var item = work.Pop();
                if (item is Literal lit) { sb.Append(lit.Text); continue; }
                if (item is PyList list)
                {
                    work.Push(new Literal("]"));
                    for (int i = list.Count - 1; i >= 0; i--)
                    {
                        work.Push(list[i]);
                        if (i > 0) work.Push(new Literal(", "));
                    }
                    sb.Append('[');
                    continue;
                }
                if (item is PyDict dict)
                {
                    var pairs = new List<KeyValuePair<object, object>>(dict.Items);
                    work.Push(new Literal("}"));
                    for (int i = pairs.Count - 1; i >= 0; i--)
                    {
                        work.Push(pairs[i].Value);
                        work.Push(new Literal(": "));
                        work.Push(json ? new Literal(JsonKey(pairs[i].Key)) : (object)pairs[i].Key);
                        if (i > 0) work.Push(new Literal(", "));
                    }
                    sb.Append('{');
                    continue;
                }
                sb.Append(json ? JsonScalar(item) : ReprScalar(item));
            }
            return sb.ToString();
        }

        private sealed class Literal
        {
            public Literal(string text) { Text = text; }
            public readonly string Text;
        }

        private static string ReprScalar(object v)
        {
            if (v == null) return "None";
            if (v is bool b) return b ? "True" : "False";
            if (v is BigInteger i) return i.ToString(CultureInfo.InvariantCulture);
            if (v is double d) return FloatRepr(d);
            if (v is string s) return StrRepr(s);
            return "<object>";
        }

        private static string JsonScalar(object v)
        {
            if (v == null) return "null";
            if (v is bool b) return b ? "true" : "false";
            if (v is BigInteger i) return i.ToString(CultureInfo.InvariantCulture);
            if (v is double d)
            {
                if (double.IsNaN(d)) return "NaN";
                if (double.IsPositiveInfinity(d)) return "Infinity";
                if (double.IsNegativeInfinity(d)) return "-Infinity";
                return FloatRepr(d);
            }
            if (v is string s) return JsonString(s);
            return "null";
        }

        // json.dumps turns keys into strings: True -> "true", 1 -> "1", None -> "null".
        private static string JsonKey(object key)
        {
            if (key is string s) return JsonString(s);
            return JsonString(JsonScalar(key));
        }

        private static string JsonString(string s)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary><c>repr(float)</c>: the shortest text that reads back to the same double, in Python's layout (1.0, 1e+16, 1e-05).</summary>
        public static string FloatRepr(double d)
        {
            if (double.IsNaN(d)) return "nan";
            if (double.IsPositiveInfinity(d)) return "inf";
            if (double.IsNegativeInfinity(d)) return "-inf";
            string r = ShortestRoundTrip(d);
            bool negative = r[0] == '-';
            if (negative) r = r.Substring(1);
            int exponent = 0;
            int e = r.IndexOfAny(new[] { 'E', 'e' });
            if (e >= 0)
            {
                exponent = int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                r = r.Substring(0, e);
            }
            int dot = r.IndexOf('.');
            string digits = dot >= 0 ? r.Remove(dot, 1) : r;
            int pointPosition = (dot >= 0 ? dot : r.Length) + exponent;
            int leadingZeros = 0;
            while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
            digits = digits.Substring(leadingZeros);
            pointPosition -= leadingZeros;
            digits = digits.TrimEnd('0');
            if (digits.Length == 0) { digits = "0"; pointPosition = 1; }

            var sb = new StringBuilder();
            if (negative) sb.Append('-');
            // Python's 'r' format: scientific notation when the decimal point is far from the digits.
            if (pointPosition <= -4 || pointPosition > 16)
            {
                sb.Append(digits[0]);
                if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
                int exp = pointPosition - 1;
                sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
            }
            else if (pointPosition <= 0)
            {
                sb.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                sb.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
            return sb.ToString();
        }

        // "R" is the shortest round-trip form on .NET Core 3.0+ (as Python's repr); old runtimes may miss, then G17 is exact.
        private static string ShortestRoundTrip(double d)
        {
            string r = d.ToString("R", CultureInfo.InvariantCulture);
            if (double.Parse(r, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(d)) return r;
            return d.ToString("G17", CultureInfo.InvariantCulture);
        }

        /// <summary><c>repr(str)</c>: single quotes unless the text has ' and no ", with Python's escapes.</summary>
        public static string StrRepr(string s)
        {
            char quote = s.IndexOf('\'') >= 0 && s.IndexOf('"') < 0 ? '"' : '\'';
            var sb = new StringBuilder(s.Length + 2).Append(quote);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == quote || c == '\\') { sb.Append('\\').Append(c); continue; }
                if (c == '\t') { sb.Append("\\t"); continue; }
                if (c == '\n') { sb.Append("\\n"); continue; }
                if (c == '\r') { sb.Append("\\r"); continue; }
                int codePoint = c;
                int width = 1;
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    codePoint = char.ConvertToUtf32(c, s[i + 1]);
                    width = 2;
                }
                if (IsPrintable(s, i, codePoint)) sb.Append(s, i, width);
                else if (codePoint <= 0xff) sb.Append("\\x").Append(codePoint.ToString("x2", CultureInfo.InvariantCulture));
                else if (codePoint <= 0xffff) sb.Append("\\u").Append(codePoint.ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                i += width - 1;
            }
            return sb.Append(quote).ToString();
        }

        // Python's str.isprintable for one code point: everything but the Other and Separator categories (space excepted).
        private static bool IsPrintable(string s, int index, int codePoint)
        {
            if (codePoint == ' ') return true;
            if (codePoint < 0x20 || codePoint == 0x7f) return false;
            if (codePoint < 0x7f) return true;
            switch (CharUnicodeInfo.GetUnicodeCategory(s, index))
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
    }
}
