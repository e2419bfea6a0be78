using System.Text;

namespace BkSops.Json
{
    /// <summary>Builds JSONPath expressions in bracket notation, e.g. <c>$.activities['node1'].component</c>.</summary>
    public static class JsonPath
    {
        public const string Root = "$";

        /// <summary>Appends a member: dotted when the name is a plain identifier, bracketed otherwise.</summary>
        public static string Member(string parent, string name)
        {
            if (IsPlainIdentifier(name)) return parent + "." + name;
            return Key(parent, name);
        }

        /// <summary>Appends a member in bracket notation, always: <c>parent['name']</c>.</summary>
        public static string Key(string parent, string name)
        {
            var sb = new StringBuilder(parent.Length + name.Length + 4);
            sb.Append(parent).Append("['");
            foreach (char c in name)
            {
                if (c == '\'' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            return sb.Append("']").ToString();
        }

        public static string Index(string parent, int index) => parent + "[" + index + "]";

        private static bool IsPlainIdentifier(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0])) return false;
            foreach (char c in name)
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
            return true;
        }
    }
}
