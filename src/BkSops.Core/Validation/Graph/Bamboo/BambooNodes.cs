using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    /// <summary>One entry of bamboo's <c>get_nodes_dict</c>: a node with its io as lists and the other ends of its flows.</summary>
    internal sealed class BambooNode
    {
        public BambooNode(string key, JsonNode raw, IReadOnlyList<JsonNode> incoming, IReadOnlyList<JsonNode> outgoing,
            List<JsonNode> sources, List<JsonNode> targets)
        {
            Key = key;
            Raw = raw;
            Incoming = incoming;
            Outgoing = outgoing;
            Sources = sources;
            Targets = targets;
        }

        public string Key;
        public JsonNode Raw;
        public IReadOnlyList<JsonNode> Incoming;
        public IReadOnlyList<JsonNode> Outgoing;
        public List<JsonNode> Sources;
        public List<JsonNode> Targets;

        /// <summary>Streams of validate_stream.</summary>
        public readonly HashSet<string> Stream = new HashSet<string>();

        /// <summary>validate_stream: type is Parallel/ConditionalParallel (null until checked).</summary>
        public bool? Parallel;
    }

    /// <summary>bamboo's <c>pipeline/validators/utils.py</c>: <c>format_pipeline_tree_io_to_list</c>, <c>get_nodes_dict</c>, flows lookups.</summary>
    internal static class BambooNodes
    {
        /// <summary><c>format_pipeline_tree_io_to_list</c>: incoming of activities, gateways and the end event become lists (in the tree).</summary>
        public static void FormatIoToList(JsonObject root)
        {
            foreach (var act in Values(Py.Subscript(root, "activities"))) FormatIncoming(act);
            foreach (var gateway in Values(Py.Subscript(root, "gateways"))) FormatIncoming(gateway);
            FormatIncoming(Py.Subscript(root, "end_event"));
        }

        /// <summary>True when <see cref="FormatIoToList"/> would leave the tree as it is (every incoming already a list).</summary>
        public static bool IoAlreadyLists(JsonObject root)
        {
            if (!(root["activities"] is JsonObject activities) || !(root["gateways"] is JsonObject gateways)) return false;
            if (!(root["end_event"] is JsonObject end) || !(end["incoming"] is JsonArray)) return false;
            return IncomingAllLists(activities) && IncomingAllLists(gateways);
        }

        /// <summary>True when every entry of the section is a dict whose incoming is a list.</summary>
        public static bool IncomingAllLists(JsonObject section)
        {
            for (int i = 0; i < section.Count; i++)
                if (!(section.PropertyAt(i).Value is JsonObject node) || !(node["incoming"] is JsonArray)) return false;
            return true;
        }

        private static void FormatIncoming(JsonNode node)
        {
            var value = Py.Subscript(node, "incoming");
            if (value is JsonArray) return;
            var list = new JsonArray();
            if (Py.Truthy(value)) list.Add(value);
            ((JsonObject)node).Set("incoming", list);
        }

        /// <summary><c>list(d.values())</c>.</summary>
        public static IReadOnlyList<JsonNode> Values(JsonNode dict)
        {
            if (!(dict is JsonObject o))
                throw new PythonException(PythonErrorKind.AttributeError, "'" + Py.TypeName(dict) + "' object has no attribute 'values'");
            var list = new List<JsonNode>(o.Count);
            foreach (var p in o.Properties) list.Add(p.Value);
            return list;
        }

        /// <summary><c>tree["flows"][flow_id]</c>.</summary>
        public static JsonNode Flow(JsonObject root, JsonNode flowId, PyKeys keys) => Flow(Py.Subscript(root, "flows"), flowId, keys);

        public static JsonNode Flow(JsonNode flows, JsonNode flowId, PyKeys keys)
        {
            string key = keys.Of(flowId);
            if (flows is JsonObject o)
            {
                if (PyKeys.IsStr(key) && o.TryGetValue(key, out var flow)) return flow;
                throw PythonException.KeyError(Py.Repr(flowId)).At(flowId: key);
            }
            return Py.Subscript(flows, key);
        }

        /// <summary>
        /// <c>get_nodes_dict</c> (on a deep copy of the tree in bamboo; nothing here changes the tree):
        /// start, end, then activities and gateways by key, each with list io and the ends of its flows.
        /// </summary>
        public static PyDict<BambooNode> NodesDict(JsonObject root, PyKeys keys)
        {
            var start = Py.Subscript(root, "start_event");
            var startId = Py.Subscript(start, "id");
            var end = Py.Subscript(root, "end_event");
            var endId = Py.Subscript(end, "id");
            int capacity = 2 + ((root["activities"] as JsonObject)?.Count ?? 0) + ((root["gateways"] as JsonObject)?.Count ?? 0);
            var nodes = new PyDict<JsonNode>(capacity);
            nodes.Set(keys.Of(startId), start);
            nodes.Set(keys.Of(endId), end);
            Update(nodes, Py.Subscript(root, "activities"));
            Update(nodes, Py.Subscript(root, "gateways"));
            var result = new PyDict<BambooNode>(nodes.Count);
            var flows = Py.Subscript(root, "flows");
            foreach (var entry in nodes.Live())
            {
                BambooNode node;
                try
                {
                    var incoming = Py.FormatToList(Py.Subscript(entry.Value, "incoming"));
                    var outgoing = Py.FormatToList(Py.Subscript(entry.Value, "outgoing"));
                    var sources = new List<JsonNode>(incoming.Count);
                    foreach (var flowId in incoming) sources.Add(Py.Subscript(Flow(flows, flowId, keys), "source"));
                    var targets = new List<JsonNode>(outgoing.Count);
                    foreach (var flowId in outgoing) targets.Add(Py.Subscript(Flow(flows, flowId, keys), "target"));
                    node = new BambooNode(entry.Key, entry.Value, incoming, outgoing, sources, targets);
                }
                catch (PythonException e)
                {
                    throw e.At(entry.Key);
                }
                result.Set(entry.Key, node);
            }
            return result;
        }

        private static void Update(PyDict<JsonNode> nodes, JsonNode dict)
        {
            if (!(dict is JsonObject o))
                throw PythonException.TypeError("'" + Py.TypeName(dict) + "' object is not iterable");
            for (int i = 0; i < o.Count; i++) nodes.Set(o.PropertyAt(i).Name, o.PropertyAt(i).Value);
        }
    }
}
