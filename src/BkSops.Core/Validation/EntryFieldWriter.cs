using BkSops.Json;

namespace BkSops.Validation
{
    /// <summary>
    /// Sets one field of the entries of one section of the working copy, and nothing else: what
    /// <see cref="ValidationContext.WritableField"/> gives, so that a change said to touch only that field cannot touch
    /// another. The entries are the working copy's own (copied one level deep); what is below them is shared with the
    /// tree as given, and this writer gives no way to reach it.
    /// </summary>
    internal readonly struct EntryFieldWriter
    {
        private readonly ValidationContext context;
        private readonly string name;
        private readonly JsonObject section;
        private readonly string field;

        internal EntryFieldWriter(ValidationContext context, string name, JsonObject section, string field)
        {
            this.context = context;
            this.name = name;
            this.section = section;
            this.field = field;
        }

        /// <summary>The section as it is now, for reading.</summary>
        public ReadOnlyJsonObject Entries => new ReadOnlyJsonObject(section);

        /// <summary>
        /// Sets the field of the entry <paramref name="key"/> to <paramref name="value"/>. <paramref name="position"/> is
        /// where the entry is expected in the section (its place in the tree's order): found there, it needs no lookup.
        /// </summary>
        public void Set(string key, int position, JsonNode value)
        {
            // A later copy of the whole tree would take the section's place: a write here would be lost.
            if (!context.Work.TryGetValue(name, out var current) || !ReferenceEquals(current, section))
                throw new System.InvalidOperationException($"The working copy's '{name}' was copied again after this writer was made; ask WritableField again.");
            var properties = section.Properties;
            var entry = position >= 0 && position < properties.Count && properties[position].Name == key ? properties[position].Value : section[key];
            if (!(entry is JsonObject target)) throw new System.InvalidOperationException($"'{key}' is not a dict in the working copy's copied section.");
            target.Set(field, value);
        }
    }
}
