using System.Globalization;
using System.Text;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// String semantics of the server's Python code on .NET strings: lengths, slicing and ordering by Unicode code
    /// point (Python's <c>str</c> has no UTF-16 surrogate pairs), and the Unicode-aware <c>\w</c> of Python's <c>re</c>.
    /// </summary>
    public static class PythonText
    {
        /// <summary><c>len(s)</c>: the number of code points (a surrogate pair counts once).</summary>
        public static int Length(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                if (IsPairAt(s, i)) i++;
                n++;
            }
            return n;
        }

        /// <summary><c>s[:count]</c>: the first <paramref name="count"/> code points.</summary>
        public static string Prefix(string s, int count)
        {
            int i = 0, taken = 0;
            while (i < s.Length && taken < count)
            {
                i += IsPairAt(s, i) ? 2 : 1;
                taken++;
            }
            return i >= s.Length ? s : s.Substring(0, i);
        }

        /// <summary>The code point at <paramref name="index"/> (a lone surrogate is its own code point).</summary>
        public static int CodePointAt(string s, int index) =>
            IsPairAt(s, index) ? char.ConvertToUtf32(s[index], s[index + 1]) : s[index];

        /// <summary>Python's ordering of <c>str</c> values (by code point), unlike <see cref="string.CompareOrdinal(string,string)"/>.</summary>
        public static int Compare(string a, string b)
        {
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (a[i] != b[j])
                {
                    int ca = CodePointAt(a, i), cb = CodePointAt(b, j);
                    if (ca != cb) return ca < cb ? -1 : 1;
                }
                i += IsPairAt(a, i) ? 2 : 1;
                j += IsPairAt(b, j) ? 2 : 1;
            }
            if (i < a.Length) return 1;
            if (j < b.Length) return -1;
            return 0;
        }

        /// <summary>
        /// Python's <c>\w</c> for a <c>str</c> pattern: <c>ch.isalnum() or ch == '_'</c>, i.e. letters (L*), numbers
        /// (Nd, Nl, No) and the underscore. Unlike .NET's <c>\w</c>, combining marks and other connector punctuation
        /// are not word characters.
        /// </summary>
        public static bool IsWordChar(string s, int index)
        {
            char c = s[index];
            if (c < 0x80) return IsAsciiWordChar(c);
            switch (PythonUnicode.Category(s, index))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>re.search(r"^\w+$", s)</c>: one or more word characters, optionally followed by one final newline.</summary>
        public static bool IsWordKey(string s)
        {
            int end = s.Length > 0 && s[s.Length - 1] == '\n' ? s.Length - 1 : s.Length;
            if (end == 0) return false;
            for (int i = 0; i < end; i++)
            {
                char c = s[i];
                if (c < 0x80)
                {
                    if (!IsAsciiWordChar(c)) return false;
                    continue;
                }
                if (!IsWordChar(s, i)) return false;
                if (IsPairAt(s, i)) i++;
            }
            return true;
        }

        // A table rather than range tests: ids mix letters and digits, which would make the tests' branches unpredictable.
        private static readonly bool[] AsciiWordChars = BuildAsciiWordChars();

        private static bool IsAsciiWordChar(char c) => AsciiWordChars[c];

        private static bool[] BuildAsciiWordChars()
        {
            var table = new bool[0x80];
            for (char c = '\0'; c < 0x80; c++) table[c] = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            return table;
        }

        /// <summary><c>re.search(".", s)</c>: at least one character that is not a newline.</summary>
        public static bool HasNonNewline(string s)
        {
            foreach (char c in s) if (c != '\n') return true;
            return false;
        }

        /// <summary>Appends the code point at <paramref name="index"/> and returns how many chars it used.</summary>
        internal static int AppendCodePoint(StringBuilder sb, string s, int index)
        {
            if (IsPairAt(s, index))
            {
                sb.Append(s[index]).Append(s[index + 1]);
                return 2;
            }
            sb.Append(s[index]);
            return 1;
        }

        internal static bool IsPairAt(string s, int i) =>
            char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
    }
}
