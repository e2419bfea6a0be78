using System.Text;

namespace BkSops.Json
{
    /// <summary>
    /// Lone surrogates (from a <c>\ud800</c> escape or an encoded surrogate in the input) have no UTF-8 form: written
    /// raw into a message they would become U+FFFD, and strict readers of SARIF/JSON would refuse the file.
    /// </summary>
    internal static class LoneSurrogates
    {
        /// <summary>The text with each lone surrogate written as its <c>\ud800</c>-style escape (surrogate pairs kept).</summary>
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull("text")]
        public static string? Escape(string? text)
        {
            if (text == null) return null;
            int i = 0;
            for (; i < text.Length; i++)
            {
                if (IsPairAt(text, i)) { i++; continue; }
                if (char.IsSurrogate(text[i])) break;
            }
            if (i == text.Length) return text;
            var sb = new StringBuilder(text.Length + 12);
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
    }
}
