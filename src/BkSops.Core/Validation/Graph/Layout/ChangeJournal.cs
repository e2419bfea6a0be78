using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Graph.Layout
{
    /// <summary>
    /// Remembers the incoming/outgoing of every node and the ends of every flow the layout emulation changes, so a
    /// failed run can put the working copy back as it was (later stages then report on the tree as given).
    /// </summary>
    internal sealed class ChangeJournal
    {
        private sealed class Saved
        {
            /// <summary>The field's value; null when the field was absent (JsonObject.TryGetValue gives non-null exactly when present).</summary>
            public JsonNode? Value;
            /// <summary>The items of <see cref="Value"/> when it is a list.</summary>
            public List<JsonNode>? Items;
        }

        private readonly Dictionary<JsonObject, Saved[]> nodes = new Dictionary<JsonObject, Saved[]>();
        private readonly Dictionary<JsonObject, Saved[]> flows = new Dictionary<JsonObject, Saved[]>();

        public void TouchNode(JsonObject node) => Touch(nodes, node, "incoming", "outgoing");

        public void TouchFlow(JsonObject flow) => Touch(flows, flow, "source", "target");

        public void Restore()
        {
            Restore(nodes, "incoming", "outgoing");
            Restore(flows, "source", "target");
        }

        private static void Touch(Dictionary<JsonObject, Saved[]> map, JsonObject owner, string first, string second)
        {
            if (map.ContainsKey(owner)) return;
            map[owner] = new[] { Save(owner, first), Save(owner, second) };
        }

        private static Saved Save(JsonObject owner, string field)
        {
            owner.TryGetValue(field, out var value);
            var saved = new Saved { Value = value };
            if (value is JsonArray a) saved.Items = new List<JsonNode>(a.Items);
            return saved;
        }

        private static void Restore(Dictionary<JsonObject, Saved[]> map, string first, string second)
        {
            foreach (var pair in map)
            {
                Put(pair.Key, first, pair.Value[0]);
                Put(pair.Key, second, pair.Value[1]);
            }
        }

        private static void Put(JsonObject owner, string field, Saved saved)
        {
            if (saved.Value == null)
            {
                owner.Remove(field);
                return;
            }
            if (saved.Value is JsonArray a && saved.Items != null) // Save sets Items whenever Value is a list
            {
                a.Clear();
                foreach (var item in saved.Items) a.Add(item);
            }
            owner.Set(field, saved.Value);
        }
    }
}
