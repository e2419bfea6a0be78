using System.Collections.Generic;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>The <c>str</c> methods of the expression subset, on code points as Python counts them.</summary>
    internal static class MakoText
    {
        /// <summary>The code points of a text, each as a string (a surrogate pair is one).</summary>
        public static List<string> CodePoints(string s)
        {
            var list = new List<string>(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                if (PythonText.IsPairAt(s, i))
                {
                    list.Add(s.Substring(i, 2));
                    i++;
                }
                else list.Add(s[i].ToString());
            }
            return list;
        }

        /// <summary>The code point index of a UTF-16 index.</summary>
        public static int CodePointIndex(string s, int charIndex)
        {
            int n = 0;
            for (int i = 0; i < charIndex; i++)
            {
                if (PythonText.IsPairAt(s, i)) i++;
                n++;
            }
            return n;
        }

        /// <summary>Python's <c>str.isspace()</c> for one character: .NET's white space plus the separators U+001C to U+001F.</summary>
        public static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

        /// <summary>
        /// <c>str.upper()</c> / <c>str.lower()</c>, or null where Python's full case mapping differs from a one-to-one
        /// mapping (ß, ligatures, final sigma, dotted capital I, Greek with iota subscript...): those stay outside the subset.
        /// </summary>
        public static string? ChangeCase(string s, bool upper)
        {
            var sb = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (c < 0x80)
                {
                    sb.Append(upper ? (c >= 'a' && c <= 'z' ? (char)(c - 32) : c) : (c >= 'A' && c <= 'Z' ? (char)(c + 32) : c));
                    continue;
                }
                if (IsSpecialCased(c, upper)) return null;
                sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        private static bool IsSpecialCased(char c, bool upper)
        {
            if (char.IsSurrogate(c)) return true;
            if (upper)
                return c == '\u00DF' || c == '\u0149' || c == '\u01F0' || c == '\u0390' || c == '\u03B0' || c == '\u0587' || c == '\u0345'
                    || (c >= '\u1E96' && c <= '\u1E9A') || (c >= '\u1F50' && c <= '\u1FFF') || (c >= '\uFB00' && c <= '\uFB17')
                    || (c >= '\u0250' && c <= '\u02AF') || (c >= '\u2C00' && c <= '\u2C7F') || (c >= '\uA640' && c <= '\uA7FF') || c == '\u00B5' || c == '\u0131' || c == '\u017F';
            return c == '\u0130' || c == '\u03A3' || (c >= '\u1F80' && c <= '\u1FFF') || (c >= '\u2C00' && c <= '\u2C7F') || (c >= '\uA640' && c <= '\uA7FF')
                || (c >= '\u10A0' && c <= '\u10FF') || (c >= '\u13A0' && c <= '\u13FF') || c == '\u212A' || c == '\u212B' || c == '\u2126';
        }

        public static string Strip(string s, string? chars, bool left, bool right)
        {
            int start = 0, end = s.Length;
            bool Strippable(char c) => chars == null ? IsSpace(c) : chars.IndexOf(c) >= 0;
            if (left) while (start < end && Strippable(s[start])) start++;
            if (right) while (end > start && Strippable(s[end - 1])) end--;
            return s.Substring(start, end - start);
        }

        /// <summary><c>str.split(sep, maxsplit)</c>; <paramref name="sep"/> null splits on runs of white space.</summary>
        public static List<object?> Split(string s, string? sep, int maxSplit)
        {
            var parts = new List<object?>();
            if (sep == null)
            {
                int i = 0;
                while (true)
                {
                    while (i < s.Length && IsSpace(s[i])) i++;
                    if (i >= s.Length) break;
                    if (maxSplit >= 0 && parts.Count == maxSplit)
                    {
                        parts.Add(Strip(s.Substring(i), null, false, true));
                        break;
                    }
                    int start = i;
                    while (i < s.Length && !IsSpace(s[i])) i++;
                    parts.Add(s.Substring(start, i - start));
                }
                return parts;
            }
            int from = 0;
            while (maxSplit < 0 || parts.Count < maxSplit)
            {
                int at = s.IndexOf(sep, from, System.StringComparison.Ordinal);
                if (at < 0) break;
                parts.Add(s.Substring(from, at - from));
                from = at + sep.Length;
            }
            parts.Add(s.Substring(from));
            return parts;
        }

        /// <summary><c>str.count(sub)</c>: non-overlapping occurrences; an empty <paramref name="sub"/> counts len + 1.</summary>
        public static int Count(string s, string sub)
        {
            if (sub.Length == 0) return PythonText.Length(s) + 1;
            int n = 0, from = 0;
            while (true)
            {
                int at = s.IndexOf(sub, from, System.StringComparison.Ordinal);
                if (at < 0) return n;
                n++;
                from = at + sub.Length;
            }
        }
    }
}
