using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Advisory
{
    /// <summary>
    /// Finds the variables a text refers to through <c>${...}</c> templates (Mako expressions): every name that is
    /// not an attribute (after a dot) and not inside a quoted string. <c>${x}</c> and <c>${int(x) + 1}</c> both use x.
    /// </summary>
    public static class VariableReferences
    {
        /// <summary>One <c>${...}</c> use.</summary>
        public struct Reference
        {
            public string Name;
            /// <summary>True when the whole template is the bare name (<c>${name}</c>).</summary>
            public bool IsBare;
        }

        public static List<Reference> In(string text)
        {
            var found = new List<Reference>();
            In(text, found);
            return found;
        }

        /// <summary>Adds the references of <paramref name="text"/> to <paramref name="found"/>.</summary>
        public static void In(string text, List<Reference> found)
        {
            int at = 0;
            while ((at = text.IndexOf("${", at, System.StringComparison.Ordinal)) >= 0)
            {
                int close = text.IndexOf('}', at + 2);
                if (close < 0) break;
                int start = at + 2;
                while (start < close && text[start] == ' ') start++;
                int end = close;
                while (end > start && text[end - 1] == ' ') end--;
                if (IsName(text, start, end))
                    found.Add(new Reference { Name = text.Substring(start, end - start), IsBare = true });
                else
                    AddNames(text, at + 2, close, found);
                at = close + 1;
            }
        }

        /// <summary>True when some string inside the value contains "${".</summary>
        public static bool HasTemplate([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] JsonNode? value)
        {
            if (value == null) return false;
            if (value is JsonString s) return s.Value.IndexOf("${", System.StringComparison.Ordinal) >= 0;
            if (!(value is JsonObject) && !(value is JsonArray)) return false;
            foreach (var str in StringsIn(value))
                if (str.Value.IndexOf("${", System.StringComparison.Ordinal) >= 0) return true;
            return false;
        }

        /// <summary>Every string inside a JSON value (object values and list items, any depth), iteratively.</summary>
        public static IEnumerable<JsonString> StringsIn(JsonNode? value)
        {
            if (value == null) yield break;
            if (value is JsonString only)
            {
                yield return only;
                yield break;
            }
            var stack = new Stack<JsonNode>();
            stack.Push(value);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                switch (node)
                {
                    case JsonString s: yield return s; break;
                    case JsonObject o:
                        for (int i = o.Count - 1; i >= 0; i--) stack.Push(o.Properties[i].Value);
                        break;
                    case JsonArray a:
                        for (int i = a.Count - 1; i >= 0; i--) stack.Push(a[i]);
                        break;
                }
            }
        }

        private static void AddNames(string text, int from, int to, List<Reference> found)
        {
            int i = from;
            while (i < to)
            {
                char c = text[i];
                if (c == '\'' || c == '"')
                {
                    int end = text.IndexOf(c, i + 1, to - i - 1);
                    i = end < 0 ? to : end + 1;
                    continue;
                }
                if (IsNameStart(c))
                {
                    int start = i;
                    while (i < to && IsNamePart(text[i])) i++;
                    if (!PrecededByDot(text, start, from)) found.Add(new Reference { Name = text.Substring(start, i - start), IsBare = false });
                    continue;
                }
                i++;
            }
        }

        private static bool PrecededByDot(string s, int index, int from)
        {
            for (int i = index - 1; i >= from; i--)
            {
                if (s[i] == ' ') continue;
                return s[i] == '.';
            }
            return false;
        }

        private static bool IsName(string s, int start, int end)
        {
            if (end <= start || !IsNameStart(s[start])) return false;
            for (int i = start; i < end; i++) if (!IsNamePart(s[i])) return false;
            return true;
        }

        private static bool IsNameStart(char c) => c == '_' || char.IsLetter(c);
        private static bool IsNamePart(char c) => c == '_' || char.IsLetterOrDigit(c);
    }
}
