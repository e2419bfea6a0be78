using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>
    /// Replays bamboo's <c>replace_all_id</c> (<c>pipeline/parser/utils.py</c>) on the validated tree without changing
    /// it: events, then activities, then gateways get new ids (flow ends rewritten as it goes), then every flow in
    /// <c>flows</c> order is renamed inside its source and target nodes (which is where exclusive-gateway conditions
    /// are checked), then <c>data.inputs</c> and <c>constants[*].source_info</c>. Returns the first Python exception
    /// the server would raise. New ids are never materialised: a renamed node is its NodeState, and a renamed flow id
    /// can never equal an id that was sent. The layout lists (<c>location</c>, <c>line</c>) are the server's own and
    /// always consistent, so they are not replayed.
    /// </summary>
    internal sealed partial class IdReplacementSimulator
    {
        // A flow's ends: the value as sent (JsonNode) until a node rewrites it to its new id (the NodeState itself).
        private sealed class FlowState
        {
            public required string Key;
            /// <summary>The entry of <c>flows</c>: a flow object, or whatever else was sent there.</summary>
            public required JsonNode Value;
            public bool HasSource, HasTarget;
            /// <summary>The ends as sent (null when missing: see HasSource/HasTarget), or the NodeState that renamed them.</summary>
            public object? Source, Target;
        }

        // A node being renamed. Its new id is the NodeState itself: flows that point at it hold this object.
        private sealed class NodeState
        {
            /// <summary>The node's key; an event's id once it is read (null before).</summary>
            public string? Key;
            /// <summary>"activities" or "gateways"; null for the events, whose Path is set directly.</summary>
            public string? Role;
            public required JsonObject Raw;
            /// <summary>"activity 'x'", "the start event".</summary>
            public required string Where;
            public bool HasIncoming, HasOutgoing;
            /// <summary>The fields as sent (null when missing); incoming is read through format_to_list where the validators made it a list.</summary>
            public JsonNode? Incoming, Outgoing;
            public bool IncomingFormatted;
            // Exclusive and conditional parallel gateways: the condition keys not yet moved, and the default branch.
            public HashSet<string>? Conditions;
            public bool HasConditions;
            public JsonNode? ConditionsRaw;
            public JsonObject? DefaultCondition;
            public JsonNode? DefaultFlowId;
            public bool DefaultConditionNotDict;
            private string? path;

            /// <summary>Spelled out only when a failure needs it.</summary>
            public string Path
            {
                get => path ?? (path = TreePlaces.PathOf(Role ?? throw new System.InvalidOperationException("An event's path is set when it is made."), Key));
                set => path = value;
            }

            /// <summary>The activity or gateway <paramref name="key"/>, whose value must be a dict (the server assigns into it).</summary>
            public static NodeState Of(string role, string key, JsonNode value)
            {
                string where = role == "activities" ? $"activity '{key}'" : $"gateway '{key}'";
                return new NodeState { Key = key, Role = role, Where = where, Raw = AsDict(value, where, "does not support item assignment") };
            }
        }

        /// <summary>The keys of the server's node_map: the ids the tree was sent with (events' id fields, node keys).</summary>
        private readonly struct NodeIds
        {
            private readonly string startId, endId;
            private readonly JsonObject activities, gateways;

            public NodeIds(string startId, string endId, JsonObject activities, JsonObject gateways)
            {
                this.startId = startId;
                this.endId = endId;
                this.activities = activities;
                this.gateways = gateways;
            }

            public bool Contains(string id) =>
                id == startId || id == endId || activities.ContainsKey(id) || gateways.ContainsKey(id);
        }

        private static readonly HashSet<string> BranchSelectGateways = new HashSet<string> { "ExclusiveGateway", "ConditionalParallelGateway" };

        private readonly JsonObject tree;
        private readonly Dictionary<string, FlowState> flowStates = new Dictionary<string, FlowState>(System.StringComparer.Ordinal);
        private readonly List<FlowState> flowOrder = new List<FlowState>();

        public IdReplacementSimulator(JsonObject tree) { this.tree = tree; }

        /// <summary>False to replay every step even where <see cref="IdReplacementFastPath"/> proves that it completes (for tests).</summary>
        public bool AllowFastPath { get; set; } = true;

        /// <summary>Gives <see cref="IdReplacementFastPath.NodesAndFlowsCannotFail(JsonObject)"/> of the tree (the creation stage may have it computed ahead).</summary>
        public System.Func<JsonObject, bool> ProveNodesAndFlows { get; set; } = IdReplacementFastPath.NodesAndFlowsCannotFail;

        /// <summary>The exception the server's id replacement raises, or null when it completes.</summary>
        public PythonException? Run()
        {
            try
            {
                Replay();
                return null;
            }
            catch (PythonException failure)
            {
                return failure;
            }
        }

        private void Replay()
        {
            var ids = AllowFastPath && ProveNodesAndFlows(tree) ? ReadNodeIds() : ReplaceNodesAndFlows();
            ReplaceDataInputs(ids);
            ReplaceSourceInfo(ids);
        }

        // What the data steps need of a tree whose node and flow steps are known to complete.
        private NodeIds ReadNodeIds() =>
            new NodeIds(ProvenEventId("start_event"), ProvenEventId("end_event"), ProvenDict(tree, "activities"), ProvenDict(tree, "gateways"));

        private JsonObject ProvenDict(JsonObject dict, string key) =>
            dict[key] as JsonObject ?? throw new System.InvalidOperationException($"The fast path proved a tree whose '{key}' is not a dict.");

        private string ProvenEventId(string key) =>
            (ProvenDict(tree, key)["id"] as JsonString)?.Value ?? throw new System.InvalidOperationException($"The fast path proved a tree whose {key} id is not a string.");

        private NodeIds ReplaceNodesAndFlows()
        {
            var flowsNode = Item(tree, "flows", "the pipeline tree");
            var flows = flowsNode as JsonObject ?? throw new PythonException("TypeError", $"'{flowsNode.PythonTypeName}' object is not subscriptable", "the pipeline tree");
            foreach (var p in flows.Properties)
            {
                var state = new FlowState { Key = p.Name, Value = p.Value };
                if (p.Value is JsonObject raw)
                {
                    state.HasSource = raw.TryGetValue("source", out var source);
                    state.HasTarget = raw.TryGetValue("target", out var target);
                    state.Source = source;
                    state.Target = target;
                }
                flowStates[p.Name] = state;
                flowOrder.Add(state);
            }
            var startRaw = AsDict(Item(tree, "start_event", "the pipeline tree"), "the start event");
            var endRaw = AsDict(Item(tree, "end_event", "the pipeline tree"), "the end event");
            string startId = KeyText(Item(startRaw, "id", "the start event"), "the start event");
            string endId = KeyText(Item(endRaw, "id", "the end event"), "the end event");

            var start = new NodeState { Raw = startRaw, Where = "the start event", Path = TreePlaces.PathOf("start_event") };
            var end = new NodeState { Raw = endRaw, Where = "the end event", Path = TreePlaces.PathOf("end_event") };
            ReplaceEvent(start, formatIncoming: false);
            ReplaceEvent(end, formatIncoming: true);

            var activities = AsDict(Item(tree, "activities", "the pipeline tree"), "the activities");
            foreach (var p in activities.Properties) ReplaceActivity(p.Name, p.Value);
            var gateways = AsDict(Item(tree, "gateways", "the pipeline tree"), "the gateways");
            foreach (var p in gateways.Properties) ReplaceGateway(p.Name, p.Value);

            // Every node now has its new id, so a flow end that was never rewritten names no node any more.
            foreach (var flow in flowOrder) ReplaceFlow(flow);
            return new NodeIds(startId, endId, activities, gateways);
        }

        // _replace_event_id: KeyErrors become "replace event id error: ...".
        private void ReplaceEvent(NodeState ev, bool formatIncoming)
        {
            try
            {
                var id = Item(ev.Raw, "id", ev.Where);
                if (id is JsonObject || id is JsonArray) throw PythonException.Unhashable(id, ev.Where);
                ev.Key = id is JsonString s ? s.Value : PythonRepr.Repr(id);
                Load(ev, formatIncoming);
                var incoming = Require(ev, "incoming");
                if (Truthy(incoming))
                {
                    if (IsList(ev, "incoming"))
                        foreach (var f in Items(ev, "incoming")) Flow(f, ev, "incoming").Target = ev;
                    else Flow(incoming, ev, "incoming").Target = ev;
                }
                else
                {
                    Flow(Require(ev, "outgoing"), ev, "outgoing").Source = ev;
                }
            }
            catch (PythonException f) when (f.IsKeyError)
            {
                throw Replacement("event", f, ev);
            }
        }

        private NodeState ReplaceActivity(string key, JsonNode value)
        {
            var node = NodeState.Of("activities", key, value); // a TypeError: not caught below
            try
            {
                Load(node, formatIncoming: true);
                foreach (var f in Items(node, "incoming")) Flow(f, node, "incoming").Target = node;
                Flow(Require(node, "outgoing"), node, "outgoing").Source = node;
            }
            catch (PythonException f) when (f.IsKeyError)
            {
                throw Replacement("activity", f, node);
            }
            return node;
        }

        private NodeState ReplaceGateway(string key, JsonNode value)
        {
            var node = NodeState.Of("gateways", key, value); // a TypeError: not caught below
            try
            {
                Load(node, formatIncoming: true);
                if (!node.Raw.TryGetValue("type", out var type)) throw PythonException.KeyError("type", node.Where);
                if (IsString(type, "ConvergeGateway"))
                {
                    Flow(Require(node, "outgoing"), node, "outgoing").Source = node;
                    foreach (var f in Items(node, "incoming")) Flow(f, node, "incoming").Target = node;
                }
                else
                {
                    foreach (var f in Items(node, "incoming")) Flow(f, node, "incoming").Target = node;
                    foreach (var f in Items(node, "outgoing")) Flow(f, node, "outgoing").Source = node;
                }
                if (type is JsonString t && BranchSelectGateways.Contains(t.Value)) LoadConditions(node);
            }
            catch (PythonException f) when (f.IsKeyError)
            {
                throw Replacement("gateway", f, node);
            }
            return node;
        }
    }
}
