using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Api
{
    /// <summary>
    /// Maps the ids a tree was sent with to the ids the server gave it (spec 1.6): activities by
    /// <c>template_node_id</c>, events by type, gateways by position and type, flows by their mapped ends (flows with
    /// the same ends by their conditions, else in order), the pipeline's own id by position.
    /// </summary>
    public static class IdMapper
    {
        public static IReadOnlyDictionary<string, string> Map(PipelineTree sent, PipelineTree returned)
        {
            var map = new Dictionary<string, string>();
            JsonObject s = sent.Root, r = returned.Root;
            AddString(map, s["id"], r["id"]);
            AddString(map, (s["start_event"] as JsonObject)?["id"], (r["start_event"] as JsonObject)?["id"]);
            AddString(map, (s["end_event"] as JsonObject)?["id"], (r["end_event"] as JsonObject)?["id"]);

            if (s["activities"] is JsonObject sentActivities && r["activities"] is JsonObject returnedActivities)
            {
                var byTemplateNode = new Dictionary<string, string>();
                foreach (var p in returnedActivities.Properties)
                    if (p.Value is JsonObject a && a["template_node_id"] is JsonString t) byTemplateNode[t.Value] = p.Name;
                foreach (var p in sentActivities.Properties)
                    if (byTemplateNode.TryGetValue(p.Name, out var id)) map[p.Name] = id;
            }

            if (s["gateways"] is JsonObject sentGateways && r["gateways"] is JsonObject returnedGateways &&
                sentGateways.Count == returnedGateways.Count)
            {
                for (int i = 0; i < sentGateways.Count; i++)
                {
                    var a = sentGateways.Properties[i];
                    var b = returnedGateways.Properties[i];
                    if (TypeOf(a.Value) == TypeOf(b.Value)) map[a.Name] = b.Name;
                }
            }

            MapFlows(map, s, r);
            return map;
        }

        private static void MapFlows(Dictionary<string, string> map, JsonObject s, JsonObject r)
        {
            if (!(s["flows"] is JsonObject sentFlows) || !(r["flows"] is JsonObject returnedFlows)) return;
            var groups = new Dictionary<(string?, string?), List<string>>();
            foreach (var p in returnedFlows.Properties)
            {
                if (!(p.Value is JsonObject f)) continue;
                var key = (Str(f["source"]), Str(f["target"]));
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<string>();
                list.Add(p.Name);
            }
            var sentConditions = Conditions(s);
            var returnedConditions = Conditions(r);
            foreach (var p in sentFlows.Properties)
            {
                if (!(p.Value is JsonObject f)) continue;
                string? source = Str(f["source"]), target = Str(f["target"]);
                if (source == null || target == null || !map.TryGetValue(source, out var ms) || !map.TryGetValue(target, out var mt)) continue;
                if (!groups.TryGetValue((ms, mt), out var candidates) || candidates.Count == 0) continue;
                string? pick = null;
                if (candidates.Count > 1 && sentConditions.TryGetValue(p.Name, out var condition))
                    pick = candidates.FirstOrDefault(c => returnedConditions.TryGetValue(c, out var rc) && rc == condition);
                pick = pick ?? candidates[0];
                candidates.Remove(pick);
                map[p.Name] = pick;
            }
        }

        /// <summary>Flow id → its condition text, over every gateway of a tree.</summary>
        private static Dictionary<string, string> Conditions(JsonObject root)
        {
            var result = new Dictionary<string, string>();
            if (!(root["gateways"] is JsonObject gateways)) return result;
            foreach (var g in gateways.Properties)
                if (g.Value is JsonObject gateway && gateway["conditions"] is JsonObject conditions)
                    foreach (var c in conditions.Properties)
                        result[c.Name] = c.Value is JsonObject o && o["evaluate"] is JsonString e ? e.Value : JsonWriter.Write(c.Value, false);
            return result;
        }

        private static void AddString(Dictionary<string, string> map, JsonNode? from, JsonNode? to)
        {
            if (from is JsonString a && to is JsonString b) map[a.Value] = b.Value;
        }

        private static string? TypeOf(JsonNode? node) => node is JsonObject o && o["type"] is JsonString t ? t.Value : null;
        private static string? Str(JsonNode? node) => node is JsonString s ? s.Value : null;
    }
}
