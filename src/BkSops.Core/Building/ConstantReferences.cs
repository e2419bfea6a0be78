using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Constants;

namespace BkSops.Building
{
    /// <summary>Finds the <c>${name}</c> references in input values and conditions.</summary>
    public static class ConstantReferences
    {
        /// <summary>
        /// The names of the constants <paramref name="value"/> refers to, in order of first appearance: every
        /// <c>${name}</c> segment whose name fits the server's key pattern. System variables (<c>${_system.…}</c>,
        /// <c>${_env_…}</c>) and expressions are not constants and are left alone.
        /// </summary>
        public static void Collect(JsonNode value, List<string> names)
        {
            var pending = new Stack<JsonNode>();
            pending.Push(value);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case JsonString s: Collect(s.Value, names); break;
                    case JsonObject o:
                        for (int i = o.Count - 1; i >= 0; i--) pending.Push(o.Properties[i].Value);
                        break;
                    case JsonArray a:
                        for (int i = a.Count - 1; i >= 0; i--) pending.Push(a[i]);
                        break;
                }
            }
        }

        public static void Collect(string text, List<string> names)
        {
            int at = 0;
            while ((at = text.IndexOf("${", at, System.StringComparison.Ordinal)) >= 0)
            {
                int end = text.IndexOf('}', at + 2);
                if (end < 0) return;
                string key = text.Substring(at, end - at + 1);
                if (ConstantKeyPattern.IsMatch(key)) names.Add(NameOf(key));
                at = end + 1;
            }
        }

        /// <summary>
        /// For a value that is exactly <c>${…}</c> around something that reads as a name (letters of any script, digits,
        /// <c>_</c>, <c>-</c>) but that the server's key pattern refuses, that name; else null.
        /// </summary>
        public static string? RefusedName(string text)
        {
            if (text.Length < 4 || !text.StartsWith("${", System.StringComparison.Ordinal) || text[text.Length - 1] != '}') return null;
            string inner = text.Substring(2, text.Length - 3);
            foreach (char c in inner)
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-')) return null;
            if (inner.StartsWith("_env_", System.StringComparison.Ordinal)) return null;
            return ConstantKeyPattern.IsMatch(text) ? null : inner;
        }

        public static string KeyOf(string name) => "${" + name + "}";

        public static string NameOf(string key) =>
            key.StartsWith("${", System.StringComparison.Ordinal) && key.EndsWith("}", System.StringComparison.Ordinal) ? key.Substring(2, key.Length - 3) : key;
    }
}
