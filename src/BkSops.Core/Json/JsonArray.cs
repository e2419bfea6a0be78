using System.Collections.Generic;

namespace BkSops.Json
{
    /// <summary>A JSON array.</summary>
    public sealed class JsonArray : JsonNode
    {
        private readonly List<JsonNode> items;

        public JsonArray() { items = new List<JsonNode>(); }
        public JsonArray(IEnumerable<JsonNode> values) { items = new List<JsonNode>(values); }
        internal JsonArray(List<JsonNode> values, bool takeOwnership) { items = values; }

        public override JsonKind Kind => JsonKind.Array;
        public IReadOnlyList<JsonNode> Items => items;
        public int Count => items.Count;
        public JsonNode this[int index] => items[index];

        public void Add(JsonNode value) => items.Add(value);
        public void Insert(int index, JsonNode value) => items.Insert(index, value);
        public void RemoveAt(int index) => items.RemoveAt(index);
        public void Clear() => items.Clear();

        internal override JsonNode ShallowCopy() => new JsonArray().WithPositionOf<JsonArray>(this);
    }
}
