using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Sandbox.Creation
{
    /// <summary>
    /// Writes <c>location</c> and <c>line</c> as the canvas reads them: a plain left-to-right layout (column = the
    /// fewest flows from the start event, row = order within the column), not bk-sops' own layout algorithm.
    /// Iterative breadth-first walk: cycles and deep trees are fine.
    /// </summary>
    public static class SimpleLayout
    {
        private const int Left = 40, Top = 150, ColumnWidth = 180, RowHeight = 120;

        public static void Write(JsonObject root)
        {
            var nodes = new Dictionary<string, JsonObject>(System.StringComparer.Ordinal);
            var order = new List<string>();
            void Add(string? id, JsonObject? node)
            {
                if (id != null && node != null && !nodes.ContainsKey(id)) { nodes[id] = node; order.Add(id); }
            }
            var start = root["start_event"] as JsonObject;
            Add((start?["id"] as JsonString)?.Value, start);
            AddAll(root["activities"] as JsonObject, Add);
            AddAll(root["gateways"] as JsonObject, Add);
            var end = root["end_event"] as JsonObject;
            Add((end?["id"] as JsonString)?.Value, end);
            var flows = root["flows"] as JsonObject ?? new JsonObject();

            var column = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var queue = new Queue<string>();
            if (order.Count > 0) { column[order[0]] = 0; queue.Enqueue(order[0]); }
            while (queue.Count > 0)
            {
                string id = queue.Dequeue();
                foreach (var flowId in Ids(nodes[id]["outgoing"]))
                {
                    if (!(flows[flowId] is JsonObject flow) || !(flow["target"] is JsonString target)) continue;
                    if (!nodes.ContainsKey(target.Value) || column.ContainsKey(target.Value)) continue;
                    column[target.Value] = column[id] + 1;
                    queue.Enqueue(target.Value);
                }
            }

            var rows = new Dictionary<int, int>();
            var location = new JsonArray();
            foreach (var id in order)
            {
                if (!column.TryGetValue(id, out int c)) c = 0;
                rows.TryGetValue(c, out int r);
                rows[c] = r + 1;
                var node = nodes[id];
                var item = new JsonObject();
                item.Set("id", new JsonString(id));
                item.Set("type", new JsonString(WebType((node["type"] as JsonString)?.Value)));
                item.Set("name", node["name"] is JsonString name ? name : new JsonString(""));
                item.Set("status", new JsonString(""));
                item.Set("x", JsonNode.From(Left + c * ColumnWidth));
                item.Set("y", JsonNode.From(Top + r * RowHeight));
                location.Add(item);
            }

            var line = new JsonArray();
            foreach (var p in flows.Properties)
            {
                if (!(p.Value is JsonObject flow)) continue;
                var item = new JsonObject();
                item.Set("id", new JsonString(p.Name));
                item.Set("source", End("Right", flow["source"]));
                item.Set("target", End("Left", flow["target"]));
                line.Add(item);
            }
            root.Set("location", location);
            root.Set("line", line);
        }

        private static void AddAll(JsonObject? dict, System.Action<string?, JsonObject?> add)
        {
            if (dict == null) return;
            foreach (var p in dict.Properties) add(p.Name, p.Value as JsonObject);
        }

        private static IEnumerable<string> Ids(JsonNode? value)
        {
            if (value is JsonString s) yield return s.Value;
            else if (value is JsonArray a)
                foreach (var item in a.Items)
                    if (item is JsonString i) yield return i.Value;
        }

        private static JsonObject End(string arrow, JsonNode? id)
        {
            var o = new JsonObject();
            o.Set("arrow", new JsonString(arrow));
            o.Set("id", id is JsonString text ? text : new JsonString(""));
            return o;
        }

        /// <summary>The canvas type of a node type (spec 1.6).</summary>
        public static string WebType(string? type)
        {
            switch (type)
            {
                case "EmptyStartEvent": return "startpoint";
                case "EmptyEndEvent": return "endpoint";
                case "SubProcess": return "subflow";
                case "ExclusiveGateway": return "branchgateway";
                case "ParallelGateway": return "parallelgateway";
                case "ConditionalParallelGateway": return "conditionalparallelgateway";
                case "ConvergeGateway": return "convergegateway";
                default: return "tasknode";
            }
        }
    }
}
