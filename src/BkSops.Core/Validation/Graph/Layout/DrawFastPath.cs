using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    /// <summary>
    /// draw_pipeline for the common case, in linear time: a well-formed tree whose flows and incoming/outgoing lists
    /// agree, without cycles or self-loops, every node reachable from the start event. For such a tree every step of
    /// the layout provably succeeds (the ranks are the longest distances from the start event, every node is placed,
    /// and no flow can end level with its source at the start of a row), so its only lasting effect is the round trip
    /// of the long flows (spanning more than one rank) through dummy chains: they move to the end of the flows dict
    /// and of their nodes' lists, and single ids may change between string and list form. That is replayed here with
    /// the server's own list edits. When any condition does not hold, the full emulation runs instead.
    /// The checks number the graph once (<see cref="NumberedGraph"/>); the later stages reuse it.
    /// Full emulation it is the twin of: <see cref="DrawPipeline"/> (both must agree; DrawFastPathTests runs both on the same trees).
    /// </summary>
    internal static class DrawFastPath
    {
        /// <summary>What the layout does to a well-formed tree.</summary>
        public sealed class Plan
        {
            public required NumberedGraph Graph;
            /// <summary>Nodes on the longest path from the start event (start and end included), and its first deepest node.</summary>
            public int LongestPath;
            public string? Deepest;
            public double CrossingWork;
            /// <summary>By flow number: the flow spans more than one rank (null when none does).</summary>
            public bool[]? IsLong;
            public bool RemovesAllNodes;

            public bool ChangesTree => IsLong != null || RemovesAllNodes;

            /// <summary>The top-level sections holding the nodes whose incoming/outgoing the layout edits.</summary>
            public List<string> EditedSections()
            {
                var sections = new List<string>();
                if (IsLong == null) return sections;
                for (int f = 0; f < Graph.FlowCount; f++)
                {
                    if (!IsLong[f]) continue;
                    AddSectionOf(sections, Graph.FlowSource[f]);
                    AddSectionOf(sections, Graph.FlowTarget[f]);
                }
                return sections;
            }

            private void AddSectionOf(List<string> sections, int node)
            {
                string section;
                switch (Graph.NodeKinds[node])
                {
                    case GraphNodeKind.StartEvent: section = "start_event"; break;
                    case GraphNodeKind.EndEvent: section = "end_event"; break;
                    case GraphNodeKind.Activity: section = "activities"; break;
                    default: section = "gateways"; break;
                }
                if (!sections.Contains(section)) sections.Add(section);
            }
        }

        /// <summary>The layout of <paramref name="root"/> when the tree is well-formed, else null (nothing is changed either way).</summary>
        public static Plan? TryPlan(JsonObject root)
        {
            if (!(root["activities"] is JsonObject activities) || !(root["gateways"] is JsonObject gateways)) return null;
            if (!(root["start_event"] is JsonObject start) || !(root["end_event"] is JsonObject end)) return null;
            if (!(root["flows"] is JsonObject flows)) return null;
            if (!(start["id"] is JsonString startId) || !(end["id"] is JsonString endId) || startId.Value == endId.Value) return null;

            var g = new NumberedGraph(root, 2 + activities.Count + gateways.Count, flows.Count);
            var reader = new Reader(g);
            if (!reader.ReadFlows(flows)) return null;
            if (!reader.AddNode(startId.Value, start, GraphNodeKind.StartEvent) || !reader.AddNode(endId.Value, end, GraphNodeKind.EndEvent)) return null;
            if (!reader.AddSection(activities, GraphNodeKind.Activity) || !reader.AddSection(gateways, GraphNodeKind.Gateway)) return null;
            if (!reader.AllFlowsListed() || !LocationsAreSafe(root, g)) return null;

            var distance = LongestDistances(g);
            if (distance == null) return null;
            var plan = new Plan { Graph = g, RemovesAllNodes = root.ContainsKey("all_nodes") };
            for (int n = 0; n < g.NodeCount; n++)
            {
                if (distance[n] + 1 <= plan.LongestPath) continue;
                plan.LongestPath = distance[n] + 1;
                plan.Deepest = g.NodeIds[n];
            }

            // The long flows' round trip through dummy chains (replace_long_path_with_dummy, then remove_dummy).
            long dummies = 0;
            for (int f = 0; f < g.FlowCount; f++)
            {
                long slack = distance[g.FlowTarget[f]] - distance[g.FlowSource[f]] - 1;
                if (slack <= 0) continue;
                if (plan.IsLong == null) plan.IsLong = new bool[g.FlowCount];
                plan.IsLong[f] = true;
                dummies += slack;
            }
            plan.CrossingWork = 2.0 * (g.NodeCount + dummies) * (g.FlowCount + dummies);
            return plan;
        }

        /// <summary>
        /// Makes the layout's changes in <paramref name="root"/>: the planned tree itself or a copy of it (the plan's
        /// graph then refers to the copy) in which the root and the entries of <see cref="Plan.EditedSections"/> are
        /// its own; the lists it edits may still be shared with the planned tree, so they are replaced by copies.
        /// </summary>
        public static void Apply(Plan plan, JsonObject root)
        {
            var g = plan.Graph;
            if (root != g.Root) g.Rebind(root);
            if (plan.IsLong != null)
            {
                var longFlows = new List<int>();
                var ownOut = new bool[g.NodeCount];
                var ownIn = new bool[g.NodeCount];
                for (int f = 0; f < g.FlowCount; f++)
                {
                    if (!plan.IsLong[f]) continue;
                    longFlows.Add(f);
                    int source = g.FlowSource[f], target = g.FlowTarget[f];
                    if (!ownOut[source]) NodeIo.OwnList(g.NodeData[source], "outgoing");
                    if (!ownIn[target]) NodeIo.OwnList(g.NodeData[target], "incoming");
                    ownOut[source] = ownIn[target] = true;
                }
                var dummies = new string[2 * longFlows.Count];
                for (int i = 0; i < dummies.Length; i++) dummies[i] = "~dummy~l" + (i + 1);
                for (int i = 0; i < longFlows.Count; i++)
                {
                    int f = longFlows[i];
                    NodeIo.Delete(g.NodeData[g.FlowSource[f]], g.FlowIds[f], "outgoing", null);
                    NodeIo.Add(g.NodeData[g.FlowSource[f]], dummies[2 * i], "outgoing", null);
                    NodeIo.Delete(g.NodeData[g.FlowTarget[f]], g.FlowIds[f], "incoming", null);
                    NodeIo.Add(g.NodeData[g.FlowTarget[f]], dummies[2 * i + 1], "incoming", null);
                }
                for (int i = 0; i < longFlows.Count; i++)
                {
                    int f = longFlows[i];
                    NodeIo.Delete(g.NodeData[g.FlowSource[f]], dummies[2 * i], "outgoing", null);
                    NodeIo.Delete(g.NodeData[g.FlowTarget[f]], dummies[2 * i + 1], "incoming", null);
                }
                foreach (int f in longFlows)
                {
                    NodeIo.Add(g.NodeData[g.FlowSource[f]], g.FlowIds[f], "outgoing", null);
                    NodeIo.Add(g.NodeData[g.FlowTarget[f]], g.FlowIds[f], "incoming", null);
                }
                g.MoveToEnd(plan.IsLong);
                var properties = (root["flows"] as JsonObject ?? throw new System.InvalidOperationException("flows is not a dict in a planned tree.")).Properties;
                var reordered = new JsonObject();
                foreach (int f in g.FlowOrder)
                    reordered.AppendUnique(new JsonProperty(properties[f].Name, properties[f].Value, properties[f].Line, properties[f].Column));
                root.Set("flows", reordered);
            }
            root.Remove("all_nodes");
        }

        /// <summary>
        /// Longest distances from the start event (which has no incoming flow) in topological order; null when some
        /// node is not reached (a cycle, or nothing leads to it).
        /// </summary>
        private static int[]? LongestDistances(NumberedGraph g)
        {
            var pending = new int[g.NodeCount];
            for (int n = 0; n < g.NodeCount; n++) pending[n] = g.InStart[n + 1] - g.InStart[n];
            var distance = new int[g.NodeCount];
            var ready = new int[g.NodeCount];
            int head = 0, tail = 0;
            ready[tail++] = g.StartNode;
            while (head < tail)
            {
                int n = ready[head++];
                for (int i = g.OutStart[n]; i < g.OutStart[n + 1]; i++)
                {
                    int target = g.FlowTarget[g.OutFlows[i]];
                    if (distance[n] + 1 > distance[target]) distance[target] = distance[n] + 1;
                    if (--pending[target] == 0) ready[tail++] = target;
                }
            }
            return tail == g.NodeCount ? distance : null;
        }

        /// <summary>An input <c>location</c> the layout can read: shallow objects with an id, and a known type for the tree's nodes.</summary>
        private static bool LocationsAreSafe(JsonObject root, NumberedGraph g)
        {
            if (!root.TryGetValue("location", out var value)) return true;
            if (!(value is JsonArray list)) return false;
            foreach (var item in list.Items)
            {
                if (!(item is JsonObject location) || !(location["id"] is JsonString id)) return false;
                foreach (var p in location.Properties)
                    if (p.Value is JsonObject || p.Value is JsonArray) return false;
                if (!(location["type"] is JsonString type && DrawPipeline.IsWebType(type.Value)) && g.NodeNumbers.ContainsKey(id.Value)) return false;
            }
            return true;
        }

        /// <summary>Fills a <see cref="NumberedGraph"/> while checking the tree's shape; each method returns false on the first thing the fast path cannot take.</summary>
        private sealed class Reader
        {
            private readonly NumberedGraph g;
            private readonly string[] sourceIds, targetIds;
            private int nodes, listedOut, listedIn;

            public Reader(NumberedGraph graph)
            {
                g = graph;
                sourceIds = new string[g.FlowCount];
                targetIds = new string[g.FlowCount];
            }

            /// <summary>Flows: objects with string ends. Whether the ends are nodes (and not the same node) is checked as the nodes list them.</summary>
            public bool ReadFlows(JsonObject flows)
            {
                for (int f = 0; f < flows.Count; f++)
                {
                    var p = flows.PropertyAt(f);
                    if (!(p.Value is JsonObject flow) || !(flow["source"] is JsonString s) || !(flow["target"] is JsonString t)) return false;
                    g.FlowIds[f] = p.Name;
                    g.FlowData[f] = flow;
                    g.FlowSource[f] = g.FlowTarget[f] = -1;
                    sourceIds[f] = s.Value;
                    targetIds[f] = t.Value;
                    g.FlowNumbers[p.Name] = f;
                }
                return true;
            }

            public bool AddSection(JsonObject section, GraphNodeKind kind)
            {
                for (int i = 0; i < section.Count; i++)
                {
                    var p = section.PropertyAt(i);
                    if (!(p.Value is JsonObject node) || !(node["id"] is JsonString id) || id.Value != p.Name) return false;
                    if (!AddNode(p.Name, node, kind)) return false;
                }
                return true;
            }

            /// <summary>
            /// A node of a known type with a unique id. Activities and gateways have a non-empty incoming list (a string
            /// there is iterated character by character by compute_nodes_fill_num) and a non-empty outgoing (a list on
            /// branch gateways); the start event has "" incoming, the end event "" or [] outgoing.
            /// </summary>
            public bool AddNode(string id, JsonObject node, GraphNodeKind kind)
            {
                if (!(node["type"] is JsonString typeValue) || !KnownType(kind, typeValue.Value)) return false;
                string type = typeValue.Value;
                int n = nodes;
                g.NodeNumbers[id] = n;
                if (g.NodeNumbers.Count == n) return false; // the id was there already
                nodes++;
                g.NodeIds[n] = id;
                g.NodeData[n] = node;
                g.NodeKinds[n] = kind;
                g.NodeTypes[n] = type;
                var incoming = node["incoming"];
                var outgoing = node["outgoing"];
                g.IncomingIsString[n] = incoming is JsonString;
                g.OutgoingIsString[n] = outgoing is JsonString;
                bool hasConverge = node.TryGetValue("converge_gateway_id", out var converge);
                g.ConvergeIds[n] = (converge as JsonString)?.Value;
                g.HasTemplateId[n] = node.ContainsKey("template_id");
                bool branch = kind == GraphNodeKind.Gateway && type != Py.ConvergeGateway;
                g.InStart[n] = listedIn;
                g.OutStart[n] = listedOut;
                switch (kind)
                {
                    case GraphNodeKind.StartEvent:
                        if (!(incoming is JsonString si) || si.Value.Length != 0) return false;
                        if (!ListOut(n, outgoing, allowString: true)) return false;
                        break;
                    case GraphNodeKind.EndEvent:
                        if (!ListIn(n, incoming, allowString: true)) return false;
                        if (!(outgoing is JsonString so && so.Value.Length == 0) && !(outgoing is JsonArray oa && oa.Count == 0)) return false;
                        break;
                    default:
                        if (!ListIn(n, incoming, allowString: false) || !ListOut(n, outgoing, allowString: !branch)) return false;
                        if (branch && hasConverge && !(converge is JsonString)) return false;
                        break;
                }
                g.InStart[n + 1] = listedIn;
                g.OutStart[n + 1] = listedOut;
                return true;
            }

            /// <summary>Every flow was listed by its source and its target (each at most once, so the counts tell), and none is a self-loop.</summary>
            public bool AllFlowsListed()
            {
                if (nodes != g.NodeCount || listedOut != g.FlowCount || listedIn != g.FlowCount) return false;
                for (int f = 0; f < g.FlowCount; f++)
                    if (g.FlowSource[f] == g.FlowTarget[f]) return false;
                return true;
            }

            private bool ListOut(int n, JsonNode? value, bool allowString)
            {
                int before = listedOut;
                if (!ForEachId(value, allowString, n, outgoing: true)) return false;
                return listedOut > before;
            }

            private bool ListIn(int n, JsonNode? value, bool allowString)
            {
                int before = listedIn;
                if (!ForEachId(value, allowString, n, outgoing: false)) return false;
                return listedIn > before;
            }

            /// <summary>A non-empty string (where allowed) or a list of strings, each a flow of this node not listed before.</summary>
            private bool ForEachId(JsonNode? value, bool allowString, int n, bool outgoing)
            {
                if (value is JsonString s) return allowString && s.Value.Length > 0 && List(n, s.Value, outgoing);
                if (!(value is JsonArray a)) return false;
                var items = a.Items;
                for (int i = 0; i < items.Count; i++)
                    if (!(items[i] is JsonString id) || !List(n, id.Value, outgoing)) return false;
                return true;
            }

            private bool List(int n, string flowId, bool outgoing)
            {
                if (!g.FlowNumbers.TryGetValue(flowId, out int f)) return false;
                if (outgoing)
                {
                    if (g.FlowSource[f] >= 0 || sourceIds[f] != g.NodeIds[n]) return false;
                    g.FlowSource[f] = n;
                    g.OutFlows[listedOut++] = f;
                }
                else
                {
                    if (g.FlowTarget[f] >= 0 || targetIds[f] != g.NodeIds[n]) return false;
                    g.FlowTarget[f] = n;
                    g.InFlows[listedIn++] = f;
                }
                return true;
            }

            private static bool KnownType(GraphNodeKind kind, string type)
            {
                switch (kind)
                {
                    case GraphNodeKind.StartEvent: return type == Py.StartEvent;
                    case GraphNodeKind.EndEvent: return type == Py.EndEvent;
                    case GraphNodeKind.Activity: return type == Py.ServiceActivity || type == Py.SubProcess;
                    default: return type == Py.ExclusiveGateway || type == Py.ParallelGateway || type == Py.ConditionalParallelGateway || type == Py.ConvergeGateway;
                }
            }
        }
    }
}
