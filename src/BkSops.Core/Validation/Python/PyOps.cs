using System;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace BkSops.Validation.Python
{
    /// <summary>Python 3 conversions and operators on the values boolrule works with.</summary>
    internal static class PyOps
    {
        /// <summary>CPython 3.11's limit for converting long digit strings (int_max_str_digits).</summary>
        public const int MaxIntDigits = 4300;

        // ---- int() and float() ----

        /// <summary>Python's <c>int(v)</c>.</summary>
        public static BigInteger ToInt(object? v)
        {
            if (v is bool || v is BigInteger) return PyValue.AsInteger(v);
            if (v is double d)
            {
                if (double.IsNaN(d)) throw new PythonException("ValueError", "cannot convert float NaN to integer");
                if (double.IsInfinity(d)) throw new PythonException("OverflowError", "cannot convert float infinity to integer");
                return new BigInteger(Math.Truncate(d));
            }
            if (v is string s) return ParseInt(s);
            throw new PythonException("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '" + PyValue.TypeName(v) + "'");
        }

        /// <summary>Python's <c>int(str)</c> in base 10: surrounding whitespace, a sign, Unicode decimal digits, single underscores between digits.</summary>
        public static BigInteger ParseInt(string s)
        {
            // Fast path: plain ASCII digits with an optional sign (every literal the parser reads).
            if (s.Length > 0 && s.Length <= 18)
            {
                int start = s[0] == '-' || s[0] == '+' ? 1 : 0;
                bool plain = start < s.Length;
                for (int k = start; k < s.Length && plain; k++) plain = s[k] >= '0' && s[k] <= '9';
                if (plain) return new BigInteger(long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
            string ascii = ToAsciiDigits(s);
            string t = StripPythonSpace(ascii);
            int i = 0;
            bool negative = false;
            if (i < t.Length && (t[i] == '+' || t[i] == '-')) { negative = t[i] == '-'; i++; }
            var digits = new StringBuilder();
            bool lastWasDigit = false;
            for (; i < t.Length; i++)
            {
                char c = t[i];
                if (c >= '0' && c <= '9') { digits.Append(c); lastWasDigit = true; }
                else if (c == '_' && lastWasDigit && i + 1 < t.Length && t[i + 1] >= '0' && t[i + 1] <= '9') lastWasDigit = false;
                else throw InvalidInt(s);
            }
            if (digits.Length == 0) throw InvalidInt(s);
            if (digits.Length > MaxIntDigits)
                throw new PythonException("ValueError", "Exceeds the limit (" + MaxIntDigits + " digits) for integer string conversion: value has " + digits.Length + " digits; use sys.set_int_max_str_digits() to increase the limit");
            var value = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
            return negative ? -value : value;
        }

        private static PythonException InvalidInt(string s) =>
            new PythonException("ValueError", "invalid literal for int() with base 10: " + PyFormat.StrRepr(s));

        private static readonly Regex FloatText = new Regex(
            @"^[+-]?(?:(?:[0-9](?:_?[0-9])*)(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$",
            RegexOptions.CultureInvariant);

        private static readonly Regex SpecialFloat = new Regex(@"^([+-]?)(inf|infinity|nan)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Python's <c>float(v)</c>.</summary>
        public static double ToFloat(object? v)
        {
            if (v is bool b) return b ? 1.0 : 0.0;
            if (v is BigInteger i)
            {
                double d = (double)i;
                if (double.IsInfinity(d)) throw new PythonException("OverflowError", "int too large to convert to float");
                return d;
            }
            if (v is double dd) return dd;
            if (v is string s) return ParseFloat(s);
            throw new PythonException("TypeError", "float() argument must be a string or a real number, not '" + PyValue.TypeName(v) + "'");
        }

        public static double ParseFloat(string s)
        {
            string t = StripPythonSpace(ToAsciiDigits(s));
            var special = SpecialFloat.Match(t);
            if (special.Success)
            {
                bool negative = special.Groups[1].Value == "-";
                if (special.Groups[2].Value.Equals("nan", StringComparison.OrdinalIgnoreCase)) return double.NaN;
                return negative ? double.NegativeInfinity : double.PositiveInfinity;
            }
            if (!FloatText.IsMatch(t)) throw new PythonException("ValueError", "could not convert string to float: " + PyFormat.StrRepr(s));
            return ParseDecimalDouble(t.Replace("_", ""));
        }

        /// <summary>Parses a validated decimal literal; overflow gives ±inf as in Python.</summary>
        public static double ParseDecimalDouble(string text)
        {
            try { return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture); }
            catch (OverflowException) { return text.StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity; }
        }

        // int() and float() strip ASCII whitespace and any non-ASCII Unicode space (but not \x1c-\x1f).
        private static bool IsNumberSpace(char c) =>
            c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : char.IsWhiteSpace(c);

        private static string StripPythonSpace(string s)
        {
            int start = 0, end = s.Length;
            while (start < end && IsNumberSpace(s[start])) start++;
            while (end > start && IsNumberSpace(s[end - 1])) end--;
            return s.Substring(start, end - start);
        }

        // int() and float() accept any Unicode decimal digit (category Nd), e.g. Arabic-Indic or full-width digits.
        private static string ToAsciiDigits(string s)
        {
            StringBuilder? sb = null;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c < 0x80) { sb?.Append(c); continue; }
                int width = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
                int digit = CharUnicodeInfo.GetUnicodeCategory(s, i) == UnicodeCategory.DecimalDigitNumber
                    ? CharUnicodeInfo.GetDecimalDigitValue(s, i) : -1;
                if (digit >= 0)
                {
                    if (sb == null) sb = new StringBuilder(s, 0, i, s.Length);
                    sb.Append((char)('0' + digit));
                }
                else sb?.Append(s, i, width);
                i += width - 1;
            }
            return sb == null ? s : sb.ToString();
        }

        // ---- comparisons ----

        /// <summary>Python's <c>a == b</c>.</summary>
        public static bool Eq(object? a, object? b)
        {
            if (a == null || b == null) return a == null && b == null;
            if (PyValue.IsNumber(a) && PyValue.IsNumber(b)) return CompareNumbers(a, b) == 0;
            if (a is string sa && b is string sb) return string.Equals(sa, sb, StringComparison.Ordinal);
            if (a is PyList la && b is PyList lb)
            {
                if (la.Count != lb.Count) return false;
                for (int i = 0; i < la.Count; i++)
                    if (!ReferenceEquals(la[i], lb[i]) && !Eq(la[i], lb[i])) return false;
                return true;
            }
            return ReferenceEquals(a, b);
        }

        /// <summary>Python's rich comparison for <c>&lt; &lt;= &gt; &gt;=</c>; raises TypeError for unorderable types.</summary>
        public static bool Order(string op, object? a, object? b)
        {
            if (PyValue.IsNumber(a) && PyValue.IsNumber(b))
            {
                int? c = CompareNumbers(a, b);
                return c.HasValue && Holds(op, c.Value);
            }
            if (a is string sa && b is string sb) return Holds(op, CompareCodePoints(sa, sb));
            if (a is PyList la && b is PyList lb)
            {
                int n = Math.Min(la.Count, lb.Count);
                for (int i = 0; i < n; i++)
                    if (!ReferenceEquals(la[i], lb[i]) && !Eq(la[i], lb[i])) return Order(op, la[i], lb[i]);
                return Holds(op, la.Count.CompareTo(lb.Count));
            }
            throw new PythonException("TypeError", "'" + op + "' not supported between instances of '" + PyValue.TypeName(a) + "' and '" + PyValue.TypeName(b) + "'");
        }

        private static bool Holds(string op, int comparison)
        {
            switch (op)
            {
                case "<": return comparison < 0;
                case "<=": return comparison <= 0;
                case ">": return comparison > 0;
                default: return comparison >= 0;
            }
        }

        /// <summary>Compares two numbers exactly (int against float too); null when one is NaN.</summary>
        public static int? CompareNumbers(object a, object b)
        {
            bool aFloat = a is double, bFloat = b is double;
            if (!aFloat && !bFloat) return PyValue.AsInteger(a).CompareTo(PyValue.AsInteger(b));
            if (aFloat && bFloat)
            {
                double x = (double)a, y = (double)b;
                if (double.IsNaN(x) || double.IsNaN(y)) return null;
                return x.CompareTo(y);
            }
            if (aFloat) { int? r = CompareIntWithFloat(PyValue.AsInteger(b), (double)a); return -r; }
            return CompareIntWithFloat(PyValue.AsInteger(a), (double)b);
        }

        private static int? CompareIntWithFloat(BigInteger i, double d)
        {
            if (double.IsNaN(d)) return null;
            if (double.IsPositiveInfinity(d)) return -1;
            if (double.IsNegativeInfinity(d)) return 1;
            double floor = Math.Floor(d);
            var f = new BigInteger(floor);
            int c = i.CompareTo(f);
            if (c != 0) return c;
            return floor == d ? 0 : -1;
        }

        /// <summary>Orders strings by code point, as Python does (UTF-16 order differs above U+FFFF).</summary>
        public static int CompareCodePoints(string a, string b)
        {
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++)
            {
                char x = a[i], y = b[i];
                if (x == y) continue;
                if (x >= 0xD800 && y >= 0xD800)
                {
                    x = x >= 0xE000 ? (char)(x - 0x800) : (char)(x + 0x2000);
                    y = y >= 0xE000 ? (char)(y - 0x800) : (char)(y + 0x2000);
                }
                return x < y ? -1 : 1;
            }
            return a.Length.CompareTo(b.Length);
        }

        /// <summary>Python's <c>a in b</c>.</summary>
        public static bool In(object? a, object? b)
        {
            if (b is PyList list)
            {
                foreach (var item in list)
                    if (ReferenceEquals(item, a) || Eq(item, a)) return true;
                return false;
            }
            if (b is string s)
            {
                if (a is string sa) return s.IndexOf(sa, StringComparison.Ordinal) >= 0;
                throw new PythonException("TypeError", "'in <string>' requires string as left operand, not " + PyValue.TypeName(a));
            }
            throw new PythonException("TypeError", "argument of type '" + PyValue.TypeName(b) + "' is not iterable");
        }

        /// <summary>Python's <c>set(a).issuperset(set(b))</c>.</summary>
        public static bool IsSuperset(object? a, object? b)
        {
            var left = SetItems(a);
            var right = SetItems(b);
            foreach (var r in right)
            {
                bool found = false;
                foreach (var l in left)
                    if (Eq(l, r)) { found = true; break; }
                if (!found) return false;
            }
            return true;
        }

        private static PyList SetItems(object? v)
        {
            if (v is PyList list) return list;
            if (v is string s)
            {
                // set("abc") is {'a', 'b', 'c'}; boolrule wraps strings first, so this only happens for rendered lists.
                var chars = new System.Collections.Generic.List<object?>();
                for (int i = 0; i < s.Length; i++)
                {
                    int width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
                    chars.Add(s.Substring(i, width));
                    i += width - 1;
                }
                return new PyList(chars);
            }
            throw new PythonException("TypeError", "'" + PyValue.TypeName(v) + "' object is not iterable");
        }
    }
}
