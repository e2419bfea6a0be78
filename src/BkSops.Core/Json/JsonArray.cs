using System;
using System.Collections.Generic;

namespace BkSops.Json
{
    /// <summary>A JSON array.</summary>
    public sealed class JsonArray : JsonNode
    {
        private JsonNode[] items;
        private int count;

        public JsonArray() { items = Array.Empty<JsonNode>(); }

        public JsonArray(IEnumerable<JsonNode> values)
        {
            items = new List<JsonNode>(values).ToArray();
            count = items.Length;
        }

        public override JsonKind Kind => JsonKind.Array;

        /// <summary>The items in order (the array's own storage when it is full, as after reading: no copy).</summary>
        public IReadOnlyList<JsonNode> Items =>
            count == items.Length ? (IReadOnlyList<JsonNode>)items : new ArraySegment<JsonNode>(items, 0, count);

        public int Count => count;

        /// <summary>Gives the items an array of exactly their number, as a read array has (no view on each read of <see cref="Items"/>).</summary>
        internal void TrimExcess()
        {
            if (items.Length != count) Array.Resize(ref items, count);
        }

        public JsonNode this[int index]
        {
            get
            {
                if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index));
                return items[index];
            }
        }

        public void Add(JsonNode value)
        {
            if (count == items.Length) Array.Resize(ref items, count == 0 ? 4 : count * 2);
            items[count++] = value;
        }

        public void Insert(int index, JsonNode value)
        {
            if ((uint)index > (uint)count) throw new ArgumentOutOfRangeException(nameof(index));
            var grown = new JsonNode[count == items.Length ? Math.Max(4, count * 2) : items.Length];
            Array.Copy(items, 0, grown, 0, index);
            grown[index] = value;
            Array.Copy(items, index, grown, index + 1, count - index);
            items = grown;
            count++;
        }

        public void RemoveAt(int index)
        {
            if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index));
            var shrunk = new JsonNode[count - 1];
            Array.Copy(items, 0, shrunk, 0, index);
            Array.Copy(items, index + 1, shrunk, index, count - index - 1);
            items = shrunk;
            count--;
        }

        public void Clear()
        {
            items = Array.Empty<JsonNode>();
            count = 0;
        }

        /// <summary>Takes <paramref name="complete"/> as the items (the reader, once an array is read: exact size).</summary>
        internal void Adopt(JsonNode[] complete)
        {
            items = complete;
            count = complete.Length;
        }

        internal override JsonNode ShallowCopy() =>
            new JsonArray { items = count == 0 ? Array.Empty<JsonNode>() : new JsonNode[count] }.WithPositionOf<JsonArray>(this);
    }
}
