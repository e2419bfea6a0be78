using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        /// <summary>
        /// <c>acyclic_run</c>: while bamboo's <c>Graph.get_cycle</c> finds a cycle among the flows, the flow that closes
        /// it (the last flow with that "source.target" text) is reversed, in the flows and in its nodes' lists.
        /// </summary>
        private void Acyclic()
        {
            Phase = "acyclic_run";
            var deformed = new Dictionary<string, string>();
            foreach (var entry in Flows.Live())
                deformed[Py.Str(entry.Value.Get("source")) + "." + Py.Str(entry.Value.Get("target"))] = entry.Key;
            reversedFlows = new PyDict<JsonObject>();
            while (true)
            {
                var cycle = FindCycle();
                if (cycle == null) break;
                JsonNode source = cycle.Value.Source, target = cycle.Value.Target;
                string deformedKey = Py.Str(source) + "." + Py.Str(target);
                if (!deformed.TryGetValue(deformedKey, out var flowId)) throw PythonException.KeyError(ReprStr(deformedKey));
                var flow = Flows.Get(flowId, keys);
                // Only tree flows are in `deformed`, so the flow is real; a flow that is not a dict fails as the cast did.
                var real = (JsonObject)(flow.Real ?? throw new System.InvalidOperationException($"Flow '{flowId}' in a cycle is a dummy."));
                bool unchanged = ReversedFlows.ContainsKey(flowId) && Py.Equal(real["source"], target) && Py.Equal(real["target"], source);
                ReversedFlows.Set(flowId, (JsonObject)real.Clone());
                journal.TouchFlow(real);
                real.Set("source", target);
                real.Set("target", source);

                var sourceNode = NodeAt(source);
                DeleteIo(sourceNode, flowId, Outgoing);
                AddIo(sourceNode, flowId, Incoming);
                var targetNode = NodeAt(target);
                DeleteIo(targetNode, flowId, Incoming);
                AddIo(targetNode, flowId, Outgoing);

                // The flows did not change, so the next search finds the same cycle again, forever.
                if (unchanged) throw PythonException.Hang("reversing flow " + flowId + " again and again").At(flowId: flowId);
            }
        }

        private struct Edge
        {
            public JsonNode Source;
            public JsonNode Target;
        }

        private sealed class CycleFrame
        {
            public CycleFrame(string key, JsonNode value, List<JsonNode> neighbours)
            {
                Key = key;
                Value = value;
                Neighbours = neighbours;
            }

            public string Key;
            public JsonNode Value;
            public List<JsonNode> Neighbours;
            public int Next;
        }

        /// <summary>
        /// <c>validate_graph_without_circle</c> with bamboo's <c>Graph</c>: nodes are start, end, gateway keys and
        /// activity keys; a DFS from each node in that order. Returns the edge that closes the first cycle found.
        /// </summary>
        private Edge? FindCycle()
        {
            var nodeValues = new List<JsonNode>
            {
                Py.Subscript(RootGet("start_event"), "id"),
                Py.Subscript(RootGet("end_event"), "id"),
            };
            AddKeys(nodeValues, RootGet("gateways"));
            AddKeys(nodeValues, RootGet("activities"));
            var edges = new List<Edge>(Flows.Count);
            foreach (var flow in Flows.Values()) edges.Add(new Edge { Source = flow.Get("source"), Target = flow.Get("target") });

            var graph = new Dictionary<string, List<JsonNode>>();
            var nodeKeys = new List<string>(nodeValues.Count);
            foreach (var value in nodeValues)
            {
                string key = keys.Of(value);
                nodeKeys.Add(key);
                graph[key] = new List<JsonNode>();
            }
            foreach (var edge in edges)
            {
                string key = keys.Of(edge.Source);
                if (!graph.TryGetValue(key, out var list)) throw PythonException.KeyError(Py.Repr(edge.Source)).At(key);
                list.Add(edge.Target);
            }

            var visited = new Dictionary<string, bool>(graph.Count);
            var onStack = new Dictionary<string, bool>(graph.Count);
            foreach (var key in nodeKeys)
            {
                visited[key] = false;
                onStack[key] = false;
            }
            var stack = new Stack<CycleFrame>();
            for (int n = 0; n < nodeKeys.Count; n++)
            {
                Push(stack, nodeKeys[n], nodeValues[n], graph, visited, onStack);
                while (stack.Count > 0)
                {
                    var frame = stack.Peek();
                    if (frame.Next < frame.Neighbours.Count)
                    {
                        var neighbour = frame.Neighbours[frame.Next++];
                        string key = keys.Of(neighbour);
                        if (!visited.TryGetValue(key, out bool seen)) throw PythonException.KeyError(Py.Repr(neighbour)).At(key);
                        if (!seen) Push(stack, key, neighbour, graph, visited, onStack);
                        else if (onStack[key]) return new Edge { Source = frame.Value, Target = neighbour };
                    }
                    else
                    {
                        onStack[frame.Key] = false;
                        stack.Pop();
                    }
                }
            }
            return null;
        }

        private static void Push(Stack<CycleFrame> stack, string key, JsonNode value, Dictionary<string, List<JsonNode>> graph,
            Dictionary<string, bool> visited, Dictionary<string, bool> onStack)
        {
            visited[key] = true;
            onStack[key] = true;
            stack.Push(new CycleFrame(key, value, graph[key]));
        }

        /// <summary><c>list(value.keys())</c>.</summary>
        private static void AddKeys(List<JsonNode> list, JsonNode value)
        {
            if (!(value is JsonObject o))
                throw new PythonException(PythonErrorKind.AttributeError, "'" + Py.TypeName(value) + "' object has no attribute 'keys'");
            foreach (var p in o.Properties) list.Add(new JsonString(p.Name));
        }
    }
}
