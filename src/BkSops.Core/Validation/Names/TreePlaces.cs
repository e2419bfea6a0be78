using BkSops.Json;

namespace BkSops.Validation.Names
{
    /// <summary>Plain-English names and JSONPaths for the places of a tree (used in diagnostic messages).</summary>
    public static class TreePlaces
    {
        /// <summary>"activity 'node1'", "the start event", "constant '${x}'"... for an entry of a top-level member.</summary>
        public static string Describe(string topKey, string? entryKey)
        {
            switch (topKey)
            {
                case "start_event": return "the start event";
                case "end_event": return "the end event";
                case "activities": return entryKey == null ? "the activities" : $"activity '{entryKey}'";
                case "gateways": return entryKey == null ? "the gateways" : $"gateway '{entryKey}'";
                case "flows": return entryKey == null ? "the flows" : $"flow '{entryKey}'";
                case "constants": return entryKey == null ? "the constants" : $"constant '{entryKey}'";
                case "outputs": return entryKey == null ? "the outputs list" : $"outputs entry {entryKey}";
                default: return entryKey == null ? $"the top-level '{topKey}' member" : $"entry '{entryKey}' of '{topKey}'";
            }
        }

        /// <summary><c>$.activities['node1']</c>, <c>$.start_event</c>, <c>$.location[3]</c>.</summary>
        public static string PathOf(string topKey, string? entryKey = null)
        {
            string top = JsonPath.Member(JsonPath.Root, topKey);
            return entryKey == null ? top : JsonPath.Key(top, entryKey);
        }

        /// <summary>The id a diagnostic should name: the entry key, or the event's own id field.</summary>
        public static string? NodeIdOf(JsonObject tree, string topKey, string? entryKey)
        {
            if (entryKey != null) return entryKey;
            if ((topKey == "start_event" || topKey == "end_event") && tree[topKey] is JsonObject ev && ev["id"] is JsonString id)
                return id.Value;
            return null;
        }
    }
}
