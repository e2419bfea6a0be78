namespace BkSops.Validation
{
    /// <summary>Small text helpers shared by the diagnostics' messages.</summary>
    internal static class MessageText
    {
        /// <summary>The text with its first character in upper case, for a description that starts a sentence.</summary>
        /// <summary>
        /// The text with each lone surrogate (from a <c>\ud800</c> escape in the tree) written as that escape: it has no
        /// UTF-8 form, so written raw it would become U+FFFD and strict readers of SARIF/JSON would refuse the file.
        /// </summary>
        public static string EscapeLoneSurrogates(string text)
        {
            if (text == null) return null;
            int i = 0;
            for (; i < text.Length; i++)
                if (char.IsSurrogate(text[i]) && !IsPairAt(text, i)) break;
                else if (char.IsHighSurrogate(text[i])) i++;
            if (i == text.Length) return text;
            var sb = new System.Text.StringBuilder(text.Length + 12);
            sb.Append(text, 0, i);
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (IsPairAt(text, i)) { sb.Append(c).Append(text[++i]); continue; }
                if (char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4"));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static bool IsPairAt(string text, int i) =>
            char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

        public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
