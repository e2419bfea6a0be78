using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// Small web-format trees written as a list of edges: <c>new MiniTree().Chain("s", "a1", "e")</c>. Node kinds
    /// come from the id's prefix: <c>s</c> start, <c>e</c> end, <c>a</c> activity, <c>x</c> exclusive, <c>p</c>
    /// parallel, <c>q</c> conditional parallel, <c>c</c> converge gateway (anything else: an activity).
    /// Flows are named <c>f1</c>, <c>f2</c>, ... in the order added; <c>incoming</c> is a list, <c>outgoing</c> a string
    /// on the start event, activities and converge gateways (a list once there are two) and a list on branch gateways.
    /// </summary>
    internal sealed class MiniTree
    {
        private readonly List<string> order = new List<string>();
        private readonly Dictionary<string, List<string>> incoming = new Dictionary<string, List<string>>();
        private readonly Dictionary<string, List<string>> outgoing = new Dictionary<string, List<string>>();
        private readonly List<(string Id, string Source, string Target)> flows = new List<(string, string, string)>();

        public MiniTree Node(string id)
        {
            if (incoming.ContainsKey(id)) return this;
            order.Add(id);
            incoming[id] = new List<string>();
            outgoing[id] = new List<string>();
            return this;
        }

        /// <summary>Adds a flow; returns its id.</summary>
        public string Flow(string source, string target, string id = null)
        {
            Node(source);
            Node(target);
            id = id ?? "f" + (flows.Count + 1);
            flows.Add((id, source, target));
            outgoing[source].Add(id);
            incoming[target].Add(id);
            return id;
        }

        public MiniTree Chain(params string[] ids)
        {
            for (int i = 0; i + 1 < ids.Length; i++) Flow(ids[i], ids[i + 1]);
            return this;
        }

        /// <summary>A branch gateway to each of <paramref name="targets"/>.</summary>
        public MiniTree Branch(string gateway, params string[] targets)
        {
            foreach (var t in targets) Flow(gateway, t);
            return this;
        }

        public static string TypeOf(string id)
        {
            switch (id[0])
            {
                case 's': return "EmptyStartEvent";
                case 'e': return "EmptyEndEvent";
                case 'x': return "ExclusiveGateway";
                case 'p': return "ParallelGateway";
                case 'q': return "ConditionalParallelGateway";
                case 'c': return "ConvergeGateway";
                default: return "ServiceActivity";
            }
        }

        private static bool IsBranch(string type) => type == "ExclusiveGateway" || type == "ParallelGateway" || type == "ConditionalParallelGateway";

        public JsonObject Build()
        {
            var root = new JsonObject();
            var activities = new JsonObject();
            var gateways = new JsonObject();
            JsonObject start = null, end = null;
            foreach (var id in order)
            {
                string type = TypeOf(id);
                var node = new JsonObject();
                node.Set("id", new JsonString(id));
                node.Set("name", new JsonString(type == "ServiceActivity" ? "step " + id : ""));
                node.Set("type", new JsonString(type));
                node.Set("incoming", type == "EmptyStartEvent" ? (JsonNode)Single(incoming[id]) : List(incoming[id]));
                node.Set("outgoing", IsBranch(type) ? (JsonNode)List(outgoing[id]) : outgoing[id].Count > 1 ? List(outgoing[id]) : Single(outgoing[id]));
                if (type == "ExclusiveGateway" || type == "ConditionalParallelGateway")
                {
                    var conditions = new JsonObject();
                    foreach (var f in outgoing[id])
                    {
                        var c = new JsonObject();
                        c.Set("evaluate", new JsonString("1 == 1"));
                        conditions.Set(f, c);
                    }
                    node.Set("conditions", conditions);
                }
                if (type == "ServiceActivity")
                {
                    node.Set("error_ignorable", JsonNode.From(false));
                    node.Set("component", JsonReader.Parse("{\"code\": \"sleep_timer\", \"data\": {\"bk_timing\": {\"hook\": false, \"value\": \"1\"}}}"));
                }
                if (type == "EmptyStartEvent") start = node;
                else if (type == "EmptyEndEvent") end = node;
                else if (type == "ServiceActivity") activities.Set(id, node);
                else gateways.Set(id, node);
            }
            if (start != null) root.Set("start_event", start);
            root.Set("activities", activities);
            if (end != null) root.Set("end_event", end);
            root.Set("gateways", gateways);
            var flowObject = new JsonObject();
            foreach (var (id, source, target) in flows)
            {
                var f = new JsonObject();
                f.Set("id", new JsonString(id));
                f.Set("is_default", JsonNode.From(false));
                f.Set("source", new JsonString(source));
                f.Set("target", new JsonString(target));
                flowObject.Set(id, f);
            }
            root.Set("flows", flowObject);
            root.Set("constants", new JsonObject());
            root.Set("outputs", new JsonArray());
            return root;
        }

        private static JsonArray List(List<string> ids)
        {
            var a = new JsonArray();
            foreach (var id in ids) a.Add(new JsonString(id));
            return a;
        }

        private static JsonString Single(List<string> ids) => new JsonString(ids.Count == 0 ? "" : ids[0]);
    }

    internal static class JsonEdits
    {
        /// <summary>The node object (start, end, activity or gateway) with this id.</summary>
        public static JsonObject NodeOf(this JsonObject root, string id)
        {
            foreach (var section in new[] { "activities", "gateways" })
                if (root[section] is JsonObject d && d[id] is JsonObject n) return n;
            foreach (var ev in new[] { "start_event", "end_event" })
                if (root[ev] is JsonObject n && n["id"] is JsonString s && s.Value == id) return n;
            return null;
        }

        public static JsonObject FlowOf(this JsonObject root, string id) => (JsonObject)((JsonObject)root["flows"])[id];

        public static JsonObject SetJson(this JsonObject o, string key, string json)
        {
            o.Set(key, JsonReader.Parse(json));
            return o;
        }
    }
}
