using System;
using System.Collections.Generic;

namespace BkSops.Json
{
    /// <summary>One member of a JSON object, with the position of its key.</summary>
    public sealed class JsonProperty
    {
        public JsonProperty(string name, JsonNode value, int line = 0, int column = 0)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Line = line;
            Column = column;
            Tag = TagOf(name);
        }

        public string Name { get; }

        /// <summary>A cheap fingerprint of <see cref="Name"/>: most lookups of an absent key end at comparing it.</summary>
        internal int Tag { get; }

        internal static int TagOf(string name)
        {
            int n = name.Length;
            return n == 0 ? 0 : (((n * 31) + name[0]) * 31 + name[n >> 1]) * 31 + name[n - 1];
        }
        public JsonNode Value { get; internal set; }
        public int Line { get; }
        public int Column { get; }
    }

    /// <summary>
    /// A JSON object that keeps its members in the order they were written. Like a Python dict loaded by
    /// <c>json.loads</c>, a repeated key keeps the position of its first occurrence and the value of its last.
    /// </summary>
    public sealed class JsonObject : JsonNode
    {
        // Below this many members a linear scan beats building a dictionary (activities have about a dozen).
        private const int IndexThreshold = 24;
        private readonly List<JsonProperty> members = new List<JsonProperty>();
        // The members' tags side by side: a scan for a key reads this one array instead of every member object.
        private int[] tags = Array.Empty<int>();
        private Dictionary<string, int> index;

        public override JsonKind Kind => JsonKind.Object;
        public IReadOnlyList<JsonProperty> Properties => members;
        public int Count => members.Count;
        public IEnumerable<string> Keys { get { foreach (var m in members) yield return m.Name; } }

        /// <summary>The value of <paramref name="name"/>, or null when the key is absent.</summary>
        public JsonNode this[string name] => TryGetValue(name, out var value) ? value : null;

        public bool ContainsKey(string name) => IndexOf(name) >= 0;

        public bool TryGetValue(string name, out JsonNode value)
        {
            int i = IndexOf(name);
            value = i >= 0 ? members[i].Value : null;
            return i >= 0;
        }

        public JsonProperty GetProperty(string name)
        {
            int i = IndexOf(name);
            return i >= 0 ? members[i] : null;
        }

        /// <summary>Sets the value of a key: in place when it exists, appended otherwise. Returns true when the key already existed.</summary>
        public bool Set(string name, JsonNode value, int line = 0, int column = 0)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            int i = IndexOf(name);
            if (i >= 0)
            {
                members[i].Value = value;
                return true;
            }
            Append(new JsonProperty(name, value, line, column));
            return false;
        }

        /// <summary>Python's <c>dict.setdefault</c>: adds the key with <paramref name="value"/> when absent; returns the value now stored.</summary>
        public JsonNode SetDefault(string name, JsonNode value)
        {
            if (TryGetValue(name, out var existing)) return existing;
            Set(name, value);
            return value;
        }

        /// <summary>Appends a member known not to be present yet (copying an object): no lookup.</summary>
        internal void AppendUnique(JsonProperty member) => Append(member);

        private void Append(JsonProperty member)
        {
            int at = members.Count;
            if (at == tags.Length) Array.Resize(ref tags, at == 0 ? 4 : at * 2);
            tags[at] = member.Tag;
            members.Add(member);
            index?.Add(member.Name, at);
        }

        public bool Remove(string name)
        {
            int i = IndexOf(name);
            if (i < 0) return false;
            members.RemoveAt(i);
            Array.Copy(tags, i + 1, tags, i, members.Count - i);
            index = null;
            return true;
        }

        /// <summary>Replaces a key by another at the same position, keeping the value.</summary>
        public bool Rename(string oldName, string newName)
        {
            int i = IndexOf(oldName);
            if (i < 0 || ContainsKey(newName)) return false;
            var old = members[i];
            members[i] = new JsonProperty(newName, old.Value, old.Line, old.Column);
            tags[i] = members[i].Tag;
            index = null;
            return true;
        }

        /// <summary>
        /// A new object with the same members in the same order; the values are shared, not copied, or replaced by
        /// what <paramref name="map"/> gives for them.
        /// </summary>
        public JsonObject CopySharingValues(Func<JsonNode, JsonNode> map = null)
        {
            var copy = new JsonObject().WithPositionOf<JsonObject>(this);
            copy.members.Capacity = members.Count;
            copy.tags = new int[members.Count];
            foreach (var m in members) copy.AppendUnique(new JsonProperty(m.Name, map == null ? m.Value : map(m.Value), m.Line, m.Column));
            return copy;
        }

        internal override JsonNode ShallowCopy() => new JsonObject().WithPositionOf<JsonObject>(this);

        private int IndexOf(string name)
        {
            if (name == null) return -1;
            if (members.Count <= IndexThreshold && index == null)
            {
                int tag = JsonProperty.TagOf(name), count = members.Count;
                var tagArray = tags;
                for (int i = 0; i < count; i++)
                    if (tagArray[i] == tag && string.Equals(members[i].Name, name, StringComparison.Ordinal)) return i;
                return -1;
            }
            var byName = index;
            if (byName == null)
            {
                // Built whole before it is published: readers on other threads see no index or a complete one.
                byName = new Dictionary<string, int>(members.Count, StringComparer.Ordinal);
                for (int i = 0; i < members.Count; i++) byName[members[i].Name] = i;
                index = byName;
            }
            return byName.TryGetValue(name, out int found) ? found : -1;
        }
    }
}
