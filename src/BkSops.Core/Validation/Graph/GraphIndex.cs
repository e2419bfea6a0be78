using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>Where a node lives in the tree.</summary>
    public enum GraphNodeKind { StartEvent, EndEvent, Activity, Gateway }

    /// <summary>A node of the tree as the graph stages see it.</summary>
    public sealed class GraphNode
    {
        internal GraphNode(string id, GraphNodeKind kind, JsonObject data)
        {
            Id = id;
            Kind = kind;
            Data = data;
        }

        /// <summary>The key (the id that counts on the server); the start/end event's <c>id</c> field.</summary>
        public string Id { get; internal set; }
        public GraphNodeKind Kind { get; internal set; }
        /// <summary>The <c>type</c> field when it is a string, else null.</summary>
        public string? Type { get; internal set; }
        public JsonObject Data { get; internal set; }
        /// <summary>JSONPath of the node, e.g. <c>$.activities['node1']</c>.</summary>
        public string Path => path ?? (path = Kind == GraphNodeKind.StartEvent ? "$.start_event" : Kind == GraphNodeKind.EndEvent ? "$.end_event"
            : JsonPath.Key(Kind == GraphNodeKind.Activity ? "$.activities" : "$.gateways", Id));

        private string? path;
        /// <summary>Flow ids of <c>incoming</c> (a string counts as one id, "" as none); non-string items are left out.</summary>
        public IReadOnlyList<string> Incoming { get; internal set; } = System.Array.Empty<string>();
        public IReadOnlyList<string> Outgoing { get; internal set; } = System.Array.Empty<string>();

        public override string ToString() => $"{Type ?? "?"} {Id}";
    }

    /// <summary>A flow of the tree.</summary>
    public sealed class GraphFlow
    {
        internal GraphFlow(string id, JsonObject data)
        {
            Id = id;
            Data = data;
        }

        public string Id { get; internal set; }
        /// <summary>The <c>source</c>/<c>target</c> fields when they are strings, else null.</summary>
        public string? Source { get; internal set; }
        public string? Target { get; internal set; }
        public JsonObject Data { get; internal set; }

        /// <summary>JSONPath of the flow, e.g. <c>$.flows['line1']</c>.</summary>
        public string Path => path ?? (path = JsonPath.Key("$.flows", Id));

        private string? path;

        public override string ToString() => $"{Id}: {Source} -> {Target}";
    }

    /// <summary>
    /// One index of the tree's graph (node id -> node, flow id -> flow, edges), built once by the layout stage from
    /// the working copy after draw_pipeline and handed to later stages as <see cref="GraphFacts.Index"/>. Tolerant: entries
    /// of the wrong JSON type are left out. When an activity and a gateway share a key, the gateway wins (as in
    /// the server's node dicts). For a well-formed tree it wraps the layout's <see cref="NumberedGraph"/> and makes
    /// the node and flow objects only when asked for (most runs never ask).
    /// </summary>
    public sealed class GraphIndex
    {
        // Exactly one of the two ways is set: graph (well-formed tree, the rest made lazily) or the four collections (Build).
        private readonly NumberedGraph? graph;
        private GraphNode[]? numberedNodes;
        private GraphFlow[]? numberedFlows;
        private Dictionary<string, GraphNode>? nodes;
        private Dictionary<string, GraphFlow>? flows;
        private List<GraphNode>? nodeList;
        private List<GraphFlow>? flowList;

        private GraphIndex(int nodeCapacity, int flowCapacity)
        {
            nodes = new Dictionary<string, GraphNode>(nodeCapacity);
            flows = new Dictionary<string, GraphFlow>(flowCapacity);
            nodeList = new List<GraphNode>(nodeCapacity);
            flowList = new List<GraphFlow>(flowCapacity);
        }

        private GraphIndex(NumberedGraph graph)
        {
            this.graph = graph;
            StartId = graph.NodeIds[graph.StartNode];
            EndId = graph.NodeIds[graph.EndNode];
        }

        /// <summary>The start/end event's id; null when a tree that is not well-formed has none.</summary>
        public string? StartId { get; private set; }
        public string? EndId { get; private set; }

        /// <summary>The numbered graph; only asked for when a lazy collection is still unset, which happens only for an index built from one.</summary>
        private NumberedGraph Numbered => graph ?? throw new System.InvalidOperationException("GraphIndex: no numbered graph behind an unset collection.");

        /// <summary>
        /// Built from a well-formed tree (see <see cref="NumberedGraph"/>): every flow is listed by both its ends and
        /// every node is reached from the start event.
        /// </summary>
        internal bool WellFormed => graph != null;

        public IReadOnlyDictionary<string, GraphNode> Nodes
        {
            get
            {
                if (nodes == null)
                {
                    nodes = new Dictionary<string, GraphNode>(Numbered.NodeCount);
                    foreach (var node in NodeList) nodes[node.Id] = node;
                }
                return nodes;
            }
        }

        public IReadOnlyDictionary<string, GraphFlow> Flows
        {
            get
            {
                if (flows == null)
                {
                    flows = new Dictionary<string, GraphFlow>(Numbered.FlowCount);
                    foreach (var flow in FlowList) flows[flow.Id] = flow;
                }
                return flows;
            }
        }

        /// <summary>Nodes in the tree's order: start, end, activities, gateways.</summary>
        public IReadOnlyList<GraphNode> NodeList
        {
            get
            {
                if (nodeList == null)
                {
                    int count = Numbered.NodeCount;
                    nodeList = new List<GraphNode>(count);
                    for (int n = 0; n < count; n++) nodeList.Add(NumberedNode(n));
                }
                return nodeList;
            }
        }

        public IReadOnlyList<GraphFlow> FlowList
        {
            get
            {
                if (flowList == null)
                {
                    var numbered = Numbered;
                    flowList = new List<GraphFlow>(numbered.FlowCount);
                    var order = numbered.FlowOrder;
                    for (int i = 0; i < numbered.FlowCount; i++) flowList.Add(NumberedFlow(order == null ? i : order[i]));
                }
                return flowList;
            }
        }

        /// <summary>The node with that id, or null when there is none.</summary>
        public GraphNode? Node(string? id)
        {
            if (id == null) return null;
            if (graph != null) return graph.NodeNumbers.TryGetValue(id, out int n) ? NumberedNode(n) : null;
            return Nodes.TryGetValue(id, out var node) ? node : null;
        }

        /// <summary>The flow with that id, or null when there is none.</summary>
        public GraphFlow? Flow(string? id)
        {
            if (id == null) return null;
            if (graph != null) return graph.FlowNumbers.TryGetValue(id, out int f) ? NumberedFlow(f) : null;
            return Flows.TryGetValue(id, out var flow) ? flow : null;
        }

        /// <summary>The index stored by the layout stage, or a new one built from the working copy.</summary>
        public static GraphIndex Of(ValidationContext context)
        {
            var fact = context.Graph.Index;
            if (fact.Value is GraphIndex known) return known;
            var index = Build(context.Work.ForReading);
            fact.Set(index);
            return index;
        }

        /// <summary>The index of a well-formed tree, from the graph its layout numbered.</summary>
        internal static GraphIndex Of(NumberedGraph graph) => new GraphIndex(graph);

        private GraphNode NumberedNode(int n)
        {
            var graph = Numbered;
            if (numberedNodes == null) numberedNodes = new GraphNode[graph.NodeCount];
            var node = numberedNodes[n];
            if (node != null) return node;
            return numberedNodes[n] = new GraphNode(graph.NodeIds[n], graph.NodeKinds[n], graph.NodeData[n])
            {
                Type = graph.NodeTypes[n],
                Incoming = FlowIds(graph.InFlows, graph.InStart[n], graph.InStart[n + 1]),
                Outgoing = FlowIds(graph.OutFlows, graph.OutStart[n], graph.OutStart[n + 1]),
            };
        }

        private GraphFlow NumberedFlow(int f)
        {
            var graph = Numbered;
            if (numberedFlows == null) numberedFlows = new GraphFlow[graph.FlowCount];
            var flow = numberedFlows[f];
            if (flow != null) return flow;
            return numberedFlows[f] = new GraphFlow(graph.FlowIds[f], graph.FlowData[f])
            {
                Source = graph.NodeIds[graph.FlowSource[f]],
                Target = graph.NodeIds[graph.FlowTarget[f]],
            };
        }

        private IReadOnlyList<string> FlowIds(int[] list, int from, int to)
        {
            if (to == from) return System.Array.Empty<string>();
            var flowIds = Numbered.FlowIds;
            var ids = new string[to - from];
            for (int i = from; i < to; i++) ids[i - from] = flowIds[list[i]];
            return ids;
        }

        public static GraphIndex Build(JsonObject root)
        {
            int capacity = 2 + ((root["activities"] as JsonObject)?.Count ?? 0) + ((root["gateways"] as JsonObject)?.Count ?? 0);
            var index = new GraphIndex(capacity, (root["flows"] as JsonObject)?.Count ?? 0);
            if (root["start_event"] is JsonObject start)
                index.AddNode(IdOf(start), GraphNodeKind.StartEvent, start);
            if (root["end_event"] is JsonObject end)
                index.AddNode(IdOf(end), GraphNodeKind.EndEvent, end);
            index.StartId = root["start_event"] is JsonObject s ? IdOf(s) : null;
            index.EndId = root["end_event"] is JsonObject e ? IdOf(e) : null;
            AddSection(index, root, "activities", GraphNodeKind.Activity);
            AddSection(index, root, "gateways", GraphNodeKind.Gateway);
            if (root["flows"] is JsonObject flowDict)
            {
                for (int i = 0; i < flowDict.Count; i++)
                {
                    var p = flowDict.PropertyAt(i);
                    if (!(p.Value is JsonObject f)) continue;
                    var flow = new GraphFlow(p.Name, f)
                    {
                        Source = (f["source"] as JsonString)?.Value,
                        Target = (f["target"] as JsonString)?.Value,
                    };
                    index.flows![p.Name] = flow; // set by the Build constructor
                    index.flowList!.Add(flow);
                }
            }
            return index;
        }

        private static void AddSection(GraphIndex index, JsonObject root, string section, GraphNodeKind kind)
        {
            if (!(root[section] is JsonObject dict)) return;
            for (int i = 0; i < dict.Count; i++)
                if (dict.PropertyAt(i).Value is JsonObject o) index.AddNode(dict.PropertyAt(i).Name, kind, o);
        }

        private void AddNode(string? id, GraphNodeKind kind, JsonObject data)
        {
            if (id == null) return;
            var nodes = this.nodes!; // Build's constructor sets both
            var nodeList = this.nodeList!;
            var node = new GraphNode(id, kind, data)
            {
                Type = (data["type"] as JsonString)?.Value,
                Incoming = FlowIds(data["incoming"]),
                Outgoing = FlowIds(data["outgoing"]),
            };
            if (nodes.TryGetValue(id, out var old)) nodeList.Remove(old);
            nodes[id] = node;
            nodeList.Add(node);
        }

        private static string? IdOf(JsonObject node) => (node["id"] as JsonString)?.Value;

        private static IReadOnlyList<string> FlowIds(JsonNode? value)
        {
            if (value is JsonString s) return s.Value.Length > 0 ? new[] { s.Value } : System.Array.Empty<string>();
            if (!(value is JsonArray a)) return System.Array.Empty<string>();
            var items = a.Items;
            int strings = 0;
            for (int i = 0; i < items.Count; i++) if (items[i] is JsonString) strings++;
            if (strings == 0) return System.Array.Empty<string>();
            var ids = new string[strings];
            for (int i = 0, at = 0; i < items.Count; i++) if (items[i] is JsonString v) ids[at++] = v.Value;
            return ids;
        }

        /// <summary>The JSONPath of a node id, falling back to the flows section or the root.</summary>
        public string PathOf(string? nodeId)
        {
            var node = Node(nodeId);
            if (node != null) return node.Path;
            var flow = Flow(nodeId);
            return flow != null ? flow.Path : "$";
        }
    }
}
