using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        /// <summary>
        /// <c>compute_nodes_fill_num</c> (bk-sops since 2022-11): how much room each gateway and the activities before
        /// it need. This is the step that iterates <c>gateway["incoming"]</c> and <c>activity["incoming"]</c> directly,
        /// so a str there yields its characters and <c>flows['l']</c> raises KeyError 'l'.
        /// </summary>
        private void ComputeFillNumbers()
        {
            Phase = "compute_nodes_fill_num";
            var gateways = RootGet("gateways");
            var gatewayItems = DictItems(gateways);
            var final = new PyDict<long>();
            foreach (var entry in gatewayItems)
            {
                var gateway = entry.Value;
                if (Py.IsBranchGatewayType(Py.Subscript(gateway, "type")))
                    final.Set(entry.Key, Py.Len(Py.Subscript(gateway, Outgoing)) - 1);
                if (Py.EqualsString(Py.Subscript(gateway, "type"), Py.ConvergeGateway))
                    final.Set(entry.Key, Py.Len(Py.Subscript(gateway, Incoming)) - 1);
            }

            var nodesDummy = new PyDict<long>();
            foreach (var entry in gatewayItems)
            {
                var gateway = entry.Value;
                if (!Py.IsBranchGatewayType(Py.Subscript(gateway, "type"))) continue;
                foreach (var incoming in IterateAt(Py.Subscript(gateway, Incoming), entry.Key))
                {
                    long value = Py.Len(Py.Subscript(gateway, Outgoing)) - 1;
                    var source = FlowAtFor(incoming, entry.Key).Get("source");
                    nodesDummy.Set(keys.Of(source), value);
                    RightToLeft(incoming, value, nodesDummy);
                }
            }

            if (!Reduced)
            {
                var activities = RootGet("activities");
                foreach (var nodeId in SortedByOrder(nodesDummy).AsEnumerableReversed())
                {
                    if (!(activities is JsonObject acts) || !acts.TryGetValue(nodeId, out var activity)) continue;
                    foreach (var incoming in IterateAt(Py.Subscript(activity, Incoming), nodeId))
                    {
                        string sourceId = keys.Of(FlowAtFor(incoming, nodeId).Get("source"));
                        if (!final.TryGetValue(sourceId, out long sourceValue)) continue;
                        long value = sourceValue + nodesDummy.Get(nodeId, keys);
                        final.Set(sourceId, value);
                        var gateway = DictGet(gateways, sourceId);
                        if (!Py.IsBranchGatewayType(Py.Subscript(gateway, "type"))) continue;
                        foreach (var gatewayIncoming in IterateAt(Py.Subscript(gateway, Incoming), sourceId))
                            RightToLeft(gatewayIncoming, value, nodesDummy);
                    }
                }
            }

            var convergeNumbers = new PyDict<long>();
            foreach (var entry in final.Items())
            {
                var gateway = DictGet(gateways, entry.Key);
                if (!Py.IsBranchGatewayType(Py.Subscript(gateway, "type"))) continue;
                if (gateway is JsonObject g && g.TryGetValue("converge_gateway_id", out var converge))
                    convergeNumbers.Set(keys.Of(converge), entry.Value);
            }
            foreach (var entry in convergeNumbers.Items()) final.Set(entry.Key, entry.Value);
            foreach (var entry in nodesDummy.Items()) final.Set(entry.Key, entry.Value);

            var dummyNumbers = new PyDict<long>();
            foreach (var entry in AllNodes.Items())
            {
                var node = entry.Value;
                if (!Py.EqualsString(node.Get("type"), EmNode.DummyType)) continue;
                string sourceId = keys.Of(FlowAtFor(node.Get(Incoming), entry.Key).Get("source"));
                if (!final.TryGetValue(sourceId, out long value)) continue;
                dummyNumbers.Set(entry.Key, value);
                LeftToRight(node.Get(Outgoing), value, dummyNumbers);
            }
            foreach (var entry in dummyNumbers.Items()) final.Set(entry.Key, entry.Value);
            fillNumbers = final;
        }

        /// <summary><c>compute_node_right_to_left</c>: walk back through activities along each one's first incoming flow.</summary>
        private void RightToLeft(JsonNode incoming, long value, PyDict<long> numbers)
        {
            var activities = RootGet("activities");
            var seen = new HashSet<string>();
            while (true)
            {
                var nodeId = FlowAtFor(incoming, null).Get("source");
                string key = keys.Of(nodeId);
                if (!(activities is JsonObject acts))
                    throw new PythonException(PythonErrorKind.AttributeError, "'" + Py.TypeName(activities) + "' object has no attribute 'get'");
                if (!acts.TryGetValue(key, out var node) || !PyKeys.IsStr(key)) return;
                numbers.Set(key, value);
                var first = Py.FirstItem(Py.Subscript(node, Incoming));
                if (first == null) return;
                if (!seen.Add(key)) throw PythonException.Recursion().At(key, operation: Incoming);
                incoming = first;
                currentSubject = key;
            }
        }

        /// <summary><c>compute_node_left_to_right</c>: walk forward through a chain of dummy nodes.</summary>
        private void LeftToRight(JsonNode outgoing, long value, PyDict<long> numbers)
        {
            var seen = new HashSet<string>();
            while (true)
            {
                var nodeId = FlowAtFor(outgoing, null).Get("target");
                string key = keys.Of(nodeId);
                if (!AllNodes.TryGetValue(key, out var node)) return;
                if (!Py.EqualsString(node.Get("type"), EmNode.DummyType)) return;
                if (!seen.Add(key)) throw PythonException.Recursion().At(key);
                numbers.Set(key, value);
                outgoing = node.Get(Outgoing);
            }
        }

        private string? currentSubject;

        private EmFlow FlowAtFor(JsonNode flowId, string? subject)
        {
            try
            {
                return FlowAt(flowId);
            }
            catch (PythonException e)
            {
                throw e.At(subject ?? currentSubject, operation: Incoming);
            }
        }

        private IReadOnlyList<JsonNode> IterateAt(JsonNode value, string subject)
        {
            currentSubject = subject;
            try
            {
                return Py.Iterate(value);
            }
            catch (PythonException e)
            {
                throw e.At(subject, operation: Incoming);
            }
        }

        /// <summary><c>compute_sorted_list_by_order</c>: the keys of <paramref name="numbers"/> layer by layer (keys in dict order within a layer).</summary>
        private List<string> SortedByOrder(PyDict<long> numbers)
        {
            var membership = Orders.Membership();
            var buckets = new Dictionary<long, List<string>>();
            var bucketRanks = new List<long>();
            foreach (var entry in numbers.Live())
            {
                if (!membership.TryGetValue(entry.Key, out var layers)) continue;
                foreach (var at in layers)
                {
                    if (!buckets.TryGetValue(at.Key, out var list))
                    {
                        buckets[at.Key] = list = new List<string>();
                        bucketRanks.Insert(StableOrder.Find(bucketRanks, at.Key, out _), at.Key);
                    }
                    list.Add(entry.Key);
                }
            }
            var result = new List<string>();
            foreach (long rank in bucketRanks) result.AddRange(buckets[rank]);
            return result;
        }

        private static List<KeyValuePair<string, JsonNode>> DictItems(JsonNode dict)
        {
            if (!(dict is JsonObject o))
                throw new PythonException(PythonErrorKind.AttributeError, "'" + Py.TypeName(dict) + "' object has no attribute 'items'");
            var list = new List<KeyValuePair<string, JsonNode>>(o.Count);
            foreach (var p in o.Properties) list.Add(new KeyValuePair<string, JsonNode>(p.Name, p.Value));
            return list;
        }

        private JsonNode DictGet(JsonNode dict, string key)
        {
            if (dict is JsonObject o && PyKeys.IsStr(key) && o.TryGetValue(key, out var value)) return value;
            if (!(dict is JsonObject)) return Py.Subscript(dict, key);
            throw PythonException.KeyError(ReprKey(key));
        }
    }

    internal static class ListExtensions
    {
        public static IEnumerable<T> AsEnumerableReversed<T>(this List<T> list)
        {
            for (int i = list.Count - 1; i >= 0; i--) yield return list[i];
        }
    }
}
