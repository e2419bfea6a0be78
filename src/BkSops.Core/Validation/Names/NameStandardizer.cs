using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Validation.Names
{
    /// <summary>bk-sops' <c>standardize_name</c>: the characters <c>&lt;&gt;$&amp;'"</c> are removed, then the text is cut to a length in code points.</summary>
    public static class NameStandardizer
    {
        /// <summary>The node name limit (<c>TEMPLATE_NODE_NAME_MAX_LENGTH</c>).</summary>
        public const int NodeNameMaxLength = 50;

        /// <summary>The characters the server removes from names.</summary>
        public const string RemovedCharacters = "<>$&'\"";

        /// <summary>True when <paramref name="name"/> holds a character the server removes.</summary>
        // A plain loop: string.IndexOfAny with six characters builds a lookup map on every call.
        public static bool HasRemovedCharacters(string name)
        {
            foreach (char c in name)
                if (c <= '>' && (c == '<' || c == '>' || c == '$' || c == '&' || c == '\'' || c == '"')) return true;
            return false;
        }

        public static string Strip(string name)
        {
            if (!HasRemovedCharacters(name)) return name;
            var sb = new StringBuilder(name.Length);
            foreach (char c in name)
                if (RemovedCharacters.IndexOf(c) < 0) sb.Append(c);
            return sb.ToString();
        }

        public static string Standardize(string name, int maxLength = NodeNameMaxLength) =>
            PythonText.Prefix(Strip(name), maxLength);
    }
}
