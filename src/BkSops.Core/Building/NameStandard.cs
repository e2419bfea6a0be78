using System.Globalization;
using System.Text;

namespace BkSops.Building
{
    /// <summary>
    /// bk-sops' name standardising (spec 2.2): the characters &lt;&gt;$&amp;'" are removed, then the name is cut to 50
    /// code points. The server applies it to every node, flow, constant and layout name before validating.
    /// </summary>
    public static class NameStandard
    {
        public const int MaxLength = 50;
        private const string Removed = "<>$&'\"";

        public static string Apply(string name) => CutToCodePoints(Strip(name), MaxLength);

        public static bool ContainsRemovedCharacters(string name) => name.IndexOfAny(Removed.ToCharArray()) >= 0;

        public static string Strip(string name)
        {
            if (!ContainsRemovedCharacters(name)) return name;
            var sb = new StringBuilder(name.Length);
            foreach (char c in name)
                if (Removed.IndexOf(c) < 0) sb.Append(c);
            return sb.ToString();
        }

        /// <summary>Python's <c>s[:n]</c>: counts code points, so a surrogate pair is never split.</summary>
        public static string CutToCodePoints(string text, int max)
        {
            int codePoints = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (codePoints == max) return text.Substring(0, i);
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                codePoints++;
            }
            return text;
        }

        public static int CodePointLength(string text)
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++, n++)
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            return n;
        }

        /// <summary>Says what standardising does to <paramref name="name"/>, for change logs and warnings.</summary>
        public static string Describe(string name)
        {
            bool strips = ContainsRemovedCharacters(name);
            bool cuts = CodePointLength(Strip(name)) > MaxLength;
            if (strips && cuts) return $"the server removes the characters <>$&'\" and cuts names to {MaxLength} characters";
            if (strips) return "the server removes the characters <>$&'\" from names";
            return $"the server cuts names to {MaxLength} characters";
        }
    }
}
