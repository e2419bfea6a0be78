using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Graph.Emulation
{
    /// <summary>
    /// draw_pipeline for the common case, in linear time: a well-formed tree whose flows and incoming/outgoing lists
    /// agree, without cycles or self-loops, every node reachable from the start event. For such a tree every step of
    /// the layout provably succeeds (the ranks are the longest distances from the start event, every node is placed,
    /// and no flow can end level with its source at the start of a row), so its only lasting effect is the round trip
    /// of the long flows (spanning more than one rank) through dummy chains: they move to the end of the flows dict
    /// and of their nodes' lists, and single ids may change between string and list form. That is replayed here with
    /// the server's own list edits. When any condition does not hold, the full emulation runs instead.
    /// </summary>
    internal static class DrawFastPath
    {
        private static readonly HashSet<string> ActivityTypes = new HashSet<string> { Py.ServiceActivity, Py.SubProcess };
        private static readonly HashSet<string> GatewayTypes = new HashSet<string>
            { Py.ExclusiveGateway, Py.ParallelGateway, Py.ConditionalParallelGateway, Py.ConvergeGateway };
        private static readonly HashSet<string> WebTypes = new HashSet<string>
            { "tasknode", "subflow", "startpoint", "endpoint", "branchgateway", "parallelgateway", "convergegateway", "conditionalparallelgateway", "DummyNode" };

        private sealed class Node
        {
            public JsonObject Data;
            public List<string> In = new List<string>();
            public List<string> Out = new List<string>();
            public int Distance = -1;
            public int Pending;
            public readonly List<Flow> OutFlows = new List<Flow>(1);
        }

        private sealed class Flow
        {
            public string Id;
            public Node Source, Target;
            public bool ListedOut, ListedIn, IsLong;
            public string FirstDummy, LastDummy;
        }

        /// <summary>
        /// Returns false (nothing changed) when the tree needs the full emulation. Otherwise returns true and tells in
        /// <paramref name="changes"/> whether the layout changes the tree; those changes are made only when
        /// <paramref name="apply"/> is true.
        /// </summary>
        public static bool TryRun(JsonObject root, bool apply, out bool changes, out double crossingWork, out int longestPath, out string deepest)
        {
            changes = false;
            crossingWork = 0;
            longestPath = 0;
            deepest = null;
            if (!(root["activities"] is JsonObject activities) || !(root["gateways"] is JsonObject gateways)) return false;
            if (!(root["start_event"] is JsonObject start) || !(root["end_event"] is JsonObject end)) return false;
            if (!(root["flows"] is JsonObject flows)) return false;
            if (!(start["id"] is JsonString startId) || !(end["id"] is JsonString endId) || startId.Value == endId.Value) return false;

            var nodes = new Dictionary<string, Node>(activities.Count + gateways.Count + 2);
            if (!AddEvent(nodes, start, Py.StartEvent, isStart: true) || !AddEvent(nodes, end, Py.EndEvent, isStart: false)) return false;
            if (!AddSection(nodes, activities, ActivityTypes, gateway: false) || !AddSection(nodes, gateways, GatewayTypes, gateway: true)) return false;

            // Flows: string ends that are nodes, no self-loops; each listed once in its source's outgoing and target's incoming.
            var flowEnds = new Dictionary<string, Flow>(flows.Count);
            var flowList = new List<Flow>(flows.Count);
            var flowProperties = flows.Properties;
            for (int i = 0; i < flowProperties.Count; i++)
            {
                var p = flowProperties[i];
                if (!(p.Value is JsonObject f) || !(f["source"] is JsonString s) || !(f["target"] is JsonString t)) return false;
                if (s.Value == t.Value || !nodes.TryGetValue(s.Value, out var source) || !nodes.TryGetValue(t.Value, out var target)) return false;
                var flow = new Flow { Id = p.Name, Source = source, Target = target };
                flowEnds[p.Name] = flow;
                flowList.Add(flow);
            }
            int listedOut = 0, listedIn = 0;
            foreach (var n in nodes.Values)
            {
                for (int i = 0; i < n.Out.Count; i++)
                {
                    if (!flowEnds.TryGetValue(n.Out[i], out var flow) || flow.Source != n || flow.ListedOut) return false;
                    flow.ListedOut = true;
                    n.OutFlows.Add(flow);
                    listedOut++;
                }
                for (int i = 0; i < n.In.Count; i++)
                {
                    if (!flowEnds.TryGetValue(n.In[i], out var flow) || flow.Target != n || flow.ListedIn) return false;
                    flow.ListedIn = true;
                    listedIn++;
                }
            }
            if (listedOut != flowEnds.Count || listedIn != flowEnds.Count) return false;
            if (!LocationsAreSafe(root, nodes)) return false;

            // Longest distances from the start event in topological order; every node must be reached (no cycles).
            foreach (var n in nodes.Values) n.Pending = n.In.Count;
            var startNode = nodes[startId.Value];
            if (startNode.Pending != 0) return false;
            startNode.Distance = 0;
            var ready = new Queue<Node>();
            ready.Enqueue(startNode);
            int done = 0;
            while (ready.Count > 0)
            {
                var n = ready.Dequeue();
                done++;
                foreach (var f in n.OutFlows)
                {
                    var target = f.Target;
                    if (n.Distance + 1 > target.Distance) target.Distance = n.Distance + 1;
                    if (--target.Pending == 0) ready.Enqueue(target);
                }
            }
            if (done != nodes.Count) return false;
            foreach (var pair in nodes)
            {
                if (pair.Value.Distance + 1 <= longestPath) continue;
                longestPath = pair.Value.Distance + 1;
                deepest = pair.Key;
            }

            // The long flows' round trip through dummy chains (replace_long_path_with_dummy, then remove_dummy).
            var longFlows = new List<Flow>();
            long dummies = 0;
            foreach (var flow in flowList)
            {
                long slack = flow.Target.Distance - flow.Source.Distance - 1;
                if (slack <= 0) continue;
                flow.IsLong = true;
                longFlows.Add(flow);
                dummies += slack;
            }
            crossingWork = 2.0 * (nodes.Count + dummies) * (flows.Count + dummies);
            changes = longFlows.Count > 0 || root.ContainsKey("all_nodes");
            if (!apply || !changes) return true;
            int counter = 0;
            foreach (var f in longFlows)
            {
                f.FirstDummy = "~dummy~l" + (++counter);
                f.LastDummy = "~dummy~l" + (++counter);
                NodeIo.Delete(f.Source.Data, f.Id, "outgoing", null);
                NodeIo.Add(f.Source.Data, f.FirstDummy, "outgoing", null);
                NodeIo.Delete(f.Target.Data, f.Id, "incoming", null);
                NodeIo.Add(f.Target.Data, f.LastDummy, "incoming", null);
            }
            foreach (var f in longFlows)
            {
                NodeIo.Delete(f.Source.Data, f.FirstDummy, "outgoing", null);
                NodeIo.Delete(f.Target.Data, f.LastDummy, "incoming", null);
            }
            foreach (var f in longFlows)
            {
                NodeIo.Add(f.Source.Data, f.Id, "outgoing", null);
                NodeIo.Add(f.Target.Data, f.Id, "incoming", null);
            }
            if (longFlows.Count > 0)
            {
                var reordered = new JsonObject();
                for (int i = 0; i < flowProperties.Count; i++)
                    if (!flowList[i].IsLong) reordered.Set(flowProperties[i].Name, flowProperties[i].Value, flowProperties[i].Line, flowProperties[i].Column);
                for (int i = 0; i < flowProperties.Count; i++)
                    if (flowList[i].IsLong) reordered.Set(flowProperties[i].Name, flowProperties[i].Value, flowProperties[i].Line, flowProperties[i].Column);
                root.Set("flows", reordered);
            }
            root.Remove("all_nodes");
            return true;
        }

        private static bool AddEvent(Dictionary<string, Node> nodes, JsonObject node, string type, bool isStart)
        {
            if (!(node["type"] is JsonString t) || t.Value != type) return false;
            var n = new Node { Data = node };
            var incoming = node["incoming"];
            var outgoing = node["outgoing"];
            if (isStart)
            {
                if (!(incoming is JsonString si) || si.Value.Length != 0) return false;
                if (!Ids(outgoing, n.Out, allowString: true) || n.Out.Count == 0) return false;
            }
            else
            {
                if (!Ids(incoming, n.In, allowString: true) || n.In.Count == 0) return false;
                if (!(outgoing is JsonString so && so.Value.Length == 0) && !(outgoing is JsonArray oa && oa.Count == 0)) return false;
            }
            string id = ((JsonString)node["id"]).Value;
            if (nodes.ContainsKey(id)) return false;
            nodes[id] = n;
            return true;
        }

        private static bool AddSection(Dictionary<string, Node> nodes, JsonObject section, HashSet<string> types, bool gateway)
        {
            foreach (var p in section.Properties)
            {
                if (!(p.Value is JsonObject node) || nodes.ContainsKey(p.Name)) return false;
                if (!(node["id"] is JsonString id) || id.Value != p.Name) return false;
                if (!(node["type"] is JsonString type) || !types.Contains(type.Value)) return false;
                var n = new Node { Data = node };
                // incoming must be a list: a string is iterated character by character by compute_nodes_fill_num.
                if (!(node["incoming"] is JsonArray) || !Ids(node["incoming"], n.In, allowString: false) || n.In.Count == 0) return false;
                bool branch = gateway && type.Value != Py.ConvergeGateway;
                if (!Ids(node["outgoing"], n.Out, allowString: !branch) || n.Out.Count == 0) return false;
                if (branch && node.TryGetValue("converge_gateway_id", out var converge) && !(converge is JsonString)) return false;
                nodes[p.Name] = n;
            }
            return true;
        }

        /// <summary>A non-empty list of strings, or (where allowed) a non-empty string.</summary>
        private static bool Ids(JsonNode value, List<string> into, bool allowString)
        {
            if (value is JsonString s)
            {
                if (!allowString || s.Value.Length == 0) return false;
                into.Add(s.Value);
                return true;
            }
            if (!(value is JsonArray a)) return false;
            foreach (var item in a.Items)
            {
                if (!(item is JsonString id)) return false;
                into.Add(id.Value);
            }
            return true;
        }

        /// <summary>An input <c>location</c> the layout can read: shallow objects with an id, and a known type for the tree's nodes.</summary>
        private static bool LocationsAreSafe(JsonObject root, Dictionary<string, Node> nodes)
        {
            if (!root.TryGetValue("location", out var value)) return true;
            if (!(value is JsonArray list)) return false;
            foreach (var item in list.Items)
            {
                if (!(item is JsonObject location) || !(location["id"] is JsonString id)) return false;
                foreach (var p in location.Properties)
                    if (p.Value is JsonObject || p.Value is JsonArray) return false;
                if (nodes.ContainsKey(id.Value) && !(location["type"] is JsonString type && WebTypes.Contains(type.Value))) return false;
            }
            return true;
        }
    }
}
