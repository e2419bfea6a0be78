using System;
using System.Collections.Generic;

namespace BkSops.Json
{
    /// <summary>
    /// One member of a JSON object, with the position of its key. A value type: an object keeps its members in one
    /// array, without an object per member (a large tree has millions of members).
    /// </summary>
    public struct JsonProperty
    {
        public JsonProperty(string name, JsonNode value, int line = 0, int column = 0)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Line = line;
            Column = column;
        }

        public string Name { get; }

        /// <summary>
        /// A cheap fingerprint of <see cref="Name"/>: most lookups of an absent key end at comparing it. Computed, not
        /// stored (a member stays 24 bytes); names read from text are shared strings, so the characters it reads are cached.
        /// </summary>
        internal int Tag => TagOf(Name);

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
        private JsonProperty[] members = Array.Empty<JsonProperty>();
        private int count;
        private Dictionary<string, int>? index;

        public override JsonKind Kind => JsonKind.Object;

        /// <summary>The members in order: a view on the object's own array as it is now (no copy).</summary>
        public MemberList Properties => new MemberList(members, count);

        /// <summary>True when the members' array has exactly their number (see <see cref="TrimExcess"/>).</summary>
        internal bool StorageFits => count == members.Length;

        /// <summary>Gives the members an array of exactly their number, as a read object has.</summary>
        internal void TrimExcess()
        {
            if (members.Length != count) Array.Resize(ref members, count);
        }

        public int Count => count;

        /// <summary>
        /// The member at <paramref name="index"/> (0 to <see cref="Count"/> - 1), read directly: the validator's hot loops
        /// use it instead of <see cref="Properties"/>, whose interface calls run unoptimised framework code until the JIT
        /// has recompiled them (issue #8, the first calls).
        /// </summary>
        public JsonProperty PropertyAt(int index) =>
            (uint)index < (uint)count ? members[index] : throw new ArgumentOutOfRangeException(nameof(index));
        public IEnumerable<string> Keys { get { for (int i = 0; i < count; i++) yield return members[i].Name; } }

        /// <summary>The value of <paramref name="name"/>, or null when the key is absent.</summary>
        public JsonNode? this[string name] => TryGetValue(name, out var value) ? value : null;

        public bool ContainsKey(string name) => IndexOf(name) >= 0;

        public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonNode? value)
        {
            int i = IndexOf(name);
            value = i >= 0 ? members[i].Value : null;
            return i >= 0;
        }

        /// <summary>The member named <paramref name="name"/>, or null when the key is absent.</summary>
        public JsonProperty? GetProperty(string name)
        {
            int i = IndexOf(name);
            return i >= 0 ? members[i] : (JsonProperty?)null;
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
            if (count == members.Length) Array.Resize(ref members, count == 0 ? 4 : count * 2);
            members[count] = member;
            index?.Add(member.Name, count);
            count++;
        }

        /// <summary>Takes <paramref name="complete"/> as the members (the reader, once an object is read: distinct keys, exact size).</summary>
        internal void Adopt(JsonProperty[] complete)
        {
            members = complete;
            count = complete.Length;
            index = null;
        }

        public bool Remove(string name)
        {
            int i = IndexOf(name);
            if (i < 0) return false;
            var shrunk = new JsonProperty[count - 1];
            Array.Copy(members, 0, shrunk, 0, i);
            Array.Copy(members, i + 1, shrunk, i, count - i - 1);
            members = shrunk;
            count--;
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
            index = null;
            return true;
        }

        /// <summary>
        /// A new object with the same members in the same order; the values are shared, not copied, or replaced by
        /// what <paramref name="map"/> gives for them.
        /// </summary>
        public JsonObject CopySharingValues(Func<JsonNode, JsonNode>? map = null)
        {
            var copy = new JsonObject().WithPositionOf<JsonObject>(this);
            copy.members = new JsonProperty[count];
            for (int i = 0; i < count; i++)
            {
                var m = members[i];
                copy.members[i] = new JsonProperty(m.Name, map == null ? m.Value : map(m.Value), m.Line, m.Column);
            }
            copy.count = count;
            return copy;
        }

        internal override JsonNode ShallowCopy() =>
            new JsonObject { members = count == 0 ? Array.Empty<JsonProperty>() : new JsonProperty[count] }.WithPositionOf<JsonObject>(this);

        /// <summary>
        /// The view <see cref="Properties"/> gives: the members' array and their number as they were when it was taken. A
        /// struct with a struct enumerator, so <c>foreach</c> over it allocates nothing; not the array itself nor an
        /// ArraySegment, whose interface methods over <see cref="JsonProperty"/> are framework generics the ReadyToRun
        /// image cannot hold, JIT-compiled (and run unoptimised) in the first calls of a process (issue #8).
        /// </summary>
        public readonly struct MemberList : IReadOnlyList<JsonProperty>
        {
            private readonly JsonProperty[] items;
            private readonly int count;

            internal MemberList(JsonProperty[] items, int count)
            {
                this.items = items;
                this.count = count;
            }

            public int Count => count;

            public JsonProperty this[int index] =>
                (uint)index < (uint)count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

            public Enumerator GetEnumerator() => new Enumerator(items, count);

            IEnumerator<JsonProperty> IEnumerable<JsonProperty>.GetEnumerator() => GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

            public struct Enumerator : IEnumerator<JsonProperty>
            {
                private readonly JsonProperty[] items;
                private readonly int count;
                private int at;

                internal Enumerator(JsonProperty[] items, int count)
                {
                    this.items = items;
                    this.count = count;
                    at = -1;
                }

                public JsonProperty Current => items[at];

                object System.Collections.IEnumerator.Current => Current;

                public bool MoveNext()
                {
                    if (at < count) at++;
                    return at < count;
                }

                public void Reset() => at = -1;

                public void Dispose() { }
            }
        }

        private int IndexOf(string? name)
        {
            if (name == null) return -1;
            if (count <= IndexThreshold && index == null)
            {
                int n = count;
                var array = members;
                for (int i = 0; i < n; i++)
                {
                    string candidate = array[i].Name;
                    if ((object)candidate == name || (candidate.Length == name.Length && string.Equals(candidate, name, StringComparison.Ordinal))) return i;
                }
                return -1;
            }
            var byName = index;
            if (byName == null)
            {
                // Built whole before it is published: readers on other threads see no index or a complete one.
                byName = new Dictionary<string, int>(count, StringComparer.Ordinal);
                for (int i = 0; i < count; i++) byName[members[i].Name] = i;
                index = byName;
            }
            return byName.TryGetValue(name, out int found) ? found : -1;
        }
    }
}
