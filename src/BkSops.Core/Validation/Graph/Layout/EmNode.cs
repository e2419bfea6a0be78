using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    /// <summary>
    /// A value of one of draw_pipeline's dicts (<c>all_nodes</c>, <c>flows</c>): the tree's own value, or a dummy the
    /// layout made, whose fields <see cref="DummyField"/> gives.
    /// </summary>
    internal abstract class EmEntry
    {
        protected EmEntry(JsonNode real)
        {
            Real = real;
        }

        protected EmEntry(string dummyId)
        {
            IsDummy = true;
            DummyId = new JsonString(dummyId);
        }

        /// <summary>The tree's value (null for dummies).</summary>
        public JsonNode? Real { get; }

        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Real))]
        public bool IsDummy { get; }

        /// <summary>A dummy's id (null for the tree's values).</summary>
        public JsonString? DummyId { get; }

        /// <summary><c>entry[field]</c>.</summary>
        public JsonNode Get(string field)
        {
            if (!IsDummy) return Py.Subscript(Real, field);
            var value = DummyField(field);
            if (value == null) throw PythonException.KeyError(PythonRepr.ReprString(field));
            return value;
        }

        /// <summary><c>entry.get(field)</c> (null when absent).</summary>
        public JsonNode? GetOrNull(string field) => IsDummy ? DummyField(field) : Py.Get(Real, field);

        /// <summary>A dummy's field, null when it has none.</summary>
        protected abstract JsonNode? DummyField(string field);
    }

    /// <summary>
    /// A value of draw_pipeline's <c>all_nodes</c> dict: a node of the tree (any JSON value, normally a dict) or one
    /// of the layout's dummy nodes (<c>{"id", "type": "DummyNode", "name", "incoming", "outgoing"}</c>).
    /// </summary>
    internal sealed class EmNode : EmEntry
    {
        public const string DummyType = "DummyNode";
        private static readonly JsonString DummyTypeValue = new JsonString(DummyType);

        public EmNode(JsonNode real, string key) : base(real)
        {
            Key = key;
        }

        public EmNode(string id, string incoming, string outgoing) : base(id)
        {
            Key = id;
            DummyIn = new JsonString(incoming);
            DummyOut = new JsonString(outgoing);
        }

        /// <summary>The all_nodes key it was first stored under (for messages).</summary>
        public string Key { get; }

        /// <summary>A dummy's fields (null for tree nodes).</summary>
        public JsonString? DummyIn { get; }
        public JsonString? DummyOut { get; }

        // Longest-path memo (see DrawPipeline.Rank).
        internal int MemoStamp = -1;
        internal long MemoValue;
        internal bool OnStack;

        // Feasible-tree bookkeeping: all neighbours already in the tight tree, so a rescan can add nothing.
        internal bool Internal;

        protected override JsonNode? DummyField(string field)
        {
            switch (field)
            {
                case "id": return DummyId;
                case "type": return DummyTypeValue;
                case "name": return DummyTypeValue;
                case "incoming": return DummyIn;
                case "outgoing": return DummyOut;
                default: return null;
            }
        }
    }

    /// <summary>A value of the <c>flows</c> dict during layout: a flow of the tree or a dummy flow.</summary>
    internal sealed class EmFlow : EmEntry
    {
        public const string DummyType = "DummyFlow";
        private static readonly JsonString DummyTypeValue = new JsonString(DummyType);

        public EmFlow(JsonNode real) : base(real)
        {
        }

        public EmFlow(string id, JsonNode? source, JsonNode? target) : base(id)
        {
            Source = source;
            Target = target;
        }

        /// <summary>A dummy's fields (null for tree flows).</summary>
        public JsonNode? Source { get; set; }
        public JsonNode? Target { get; set; }

        protected override JsonNode? DummyField(string field)
        {
            switch (field)
            {
                case "id": return DummyId;
                case "type": return DummyTypeValue;
                case "source": return Source;
                case "target": return Target;
                default: return null;
            }
        }
    }
}
