using System.Globalization;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        /// <summary><c>normalize_run</c>: all_nodes = activities + gateways + {start id: start, end id: end}.</summary>
        private void Normalize()
        {
            Phase = "normalize_run";
            allNodes = new PyDict<EmNode>();
            DictUpdate(RootGet("activities"));
            DictUpdate(RootGet("gateways"));
            // The dict display evaluates every key and value first, then hashes the keys in order.
            var start = RootGet("start_event");
            var startId = Py.Subscript(start, "id");
            RootGet("start_event");
            var end = RootGet("end_event");
            var endId = Py.Subscript(end, "id");
            RootGet("end_event");
            string startKey = keys.Of(startId);
            string endKey = keys.Of(endId);
            AllNodes.Set(startKey, Wrap(start, startKey));
            AllNodes.Set(endKey, Wrap(end, endKey));
        }

        /// <summary><c>all_nodes.update(value)</c> with CPython's rules for a value that is not a dict.</summary>
        private void DictUpdate(JsonNode source)
        {
            switch (source)
            {
                case JsonObject o:
                    foreach (var p in o.Properties) AllNodes.Set(p.Name, Wrap(p.Value, p.Name));
                    return;
                case JsonArray a:
                    for (int i = 0; i < a.Count; i++)
                    {
                        JsonNode key, value;
                        switch (a[i])
                        {
                            case JsonString s:
                                var chars = Py.Characters(s.Value);
                                if (chars.Count != 2) throw UpdateLength(i, chars.Count);
                                key = chars[0];
                                value = chars[1];
                                break;
                            case JsonArray pair:
                                if (pair.Count != 2) throw UpdateLength(i, pair.Count);
                                key = pair[0];
                                value = pair[1];
                                break;
                            case JsonObject d:
                                if (d.Count != 2) throw UpdateLength(i, d.Count);
                                key = new JsonString(d.Properties[0].Name);
                                value = new JsonString(d.Properties[1].Name);
                                break;
                            default:
                                throw PythonException.TypeError("cannot convert dictionary update sequence element #" + i.ToString(CultureInfo.InvariantCulture) + " to a sequence");
                        }
                        string k = keys.Of(key);
                        AllNodes.Set(k, Wrap(value, k));
                    }
                    return;
                case JsonString s:
                    if (s.Value.Length == 0) return;
                    throw UpdateLength(0, 1);
                default:
                    throw PythonException.TypeError("'" + Py.TypeName(source) + "' object is not iterable");
            }
        }

        private static PythonException UpdateLength(int element, int length) =>
            new PythonException(PythonErrorKind.ValueError, "dictionary update sequence element #" + element.ToString(CultureInfo.InvariantCulture) +
                " has length " + length.ToString(CultureInfo.InvariantCulture) + "; 2 is required");

        /// <summary><c>remove_self_edges</c>: flows from a node to itself leave the graph until after ordering.</summary>
        private void RemoveSelfEdges()
        {
            Phase = "remove_self_edges";
            var flowsValue = RootGet("flows");
            if (!(flowsValue is JsonObject flowsObject))
                throw new PythonException(PythonErrorKind.AttributeError, "'" + Py.TypeName(flowsValue) + "' object has no attribute 'items'");
            flows = new PyDict<EmFlow>();
            foreach (var p in flowsObject.Properties) Flows.Set(p.Name, new EmFlow(p.Value));
            selfEdges = new PyDict<EmFlow>();
            foreach (var entry in Flows.Items())
            {
                var flow = entry.Value;
                JsonNode source, target;
                try
                {
                    source = flow.Get("source");
                    target = flow.Get("target");
                }
                catch (PythonException e)
                {
                    throw e.At(flowId: entry.Key, operation: "flow");
                }
                if (!Py.Equal(source, target)) continue;
                SelfEdges.Set(entry.Key, flow);
                Flows.Remove(entry.Key);
                DeleteIo(NodeAt(source), entry.Key, Incoming);
                DeleteIo(NodeAt(source), entry.Key, Outgoing);
            }
        }

        /// <summary><c>insert_self_edges</c>.</summary>
        private void InsertSelfEdges()
        {
            Phase = "insert_self_edges";
            foreach (var entry in SelfEdges.Items()) Flows.Set(entry.Key, entry.Value);
            foreach (var entry in SelfEdges.Items())
            {
                var source = entry.Value.Get("source");
                AddIo(NodeAt(source), entry.Key, Incoming);
                AddIo(NodeAt(source), entry.Key, Outgoing);
            }
        }

        /// <summary><c>acyclic_undo</c>: reversed flows get their original copies back and return to their nodes' lists.</summary>
        private void AcyclicUndo()
        {
            Phase = "acyclic_undo";
            foreach (var entry in ReversedFlows.Items()) Flows.Set(entry.Key, new EmFlow(entry.Value));
            foreach (var entry in ReversedFlows.Items())
            {
                var source = Py.Subscript(entry.Value, "source");
                var sourceNode = NodeAt(source);
                DeleteIo(sourceNode, entry.Key, Incoming);
                AddIo(sourceNode, entry.Key, Outgoing);
                var target = Py.Subscript(entry.Value, "target");
                var targetNode = NodeAt(target);
                DeleteIo(targetNode, entry.Key, Outgoing);
                AddIo(targetNode, entry.Key, Incoming);
            }
        }
    }
}
