using System.Collections.Generic;

namespace BkSops.Json
{
    /// <summary>
    /// A <see cref="JsonObject"/> that can be read and not changed: it has no member that sets, adds, removes or renames.
    /// A struct over the object (no copy, no allocation), for handing out an object someone else owns, such as the tree a
    /// user gave the validator. Code that reads deeper than its members asks for the object itself (<see cref="ForReading"/>).
    /// </summary>
    public readonly struct ReadOnlyJsonObject
    {
        private readonly JsonObject value;

        public ReadOnlyJsonObject(JsonObject value)
        {
            this.value = value ?? throw new System.ArgumentNullException(nameof(value));
        }

        /// <summary>
        /// The object itself, for code in this assembly that reads deeper than the members (the server emulations
        /// take a <see cref="JsonObject"/>). What it gives belongs to someone else: read it, never change it.
        /// </summary>
        internal JsonObject ForReading => value;

        public int Count => value.Count;

        public IEnumerable<string> Keys => value.Keys;

        /// <summary>The members in order (each a copy: setting nothing through them changes the object).</summary>
        public IReadOnlyList<JsonProperty> Properties => value.Properties;

        /// <summary>The value of <paramref name="name"/>, or null when the key is absent.</summary>
        public JsonNode? this[string name] => value[name];

        public bool ContainsKey(string name) => value.ContainsKey(name);

        public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonNode? found) => value.TryGetValue(name, out found);

        public int Line => value.Line;

        public int Column => value.Column;

        /// <summary>True when this is a view of <paramref name="other"/> itself (not of an equal copy).</summary>
        public bool IsViewOf(JsonObject other) => ReferenceEquals(value, other);

        /// <summary>The object as indented JSON text.</summary>
        public override string ToString() => value.ToString();
    }
}
