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
            public string Key;
            /// <summary>The entry of <c>flows</c>: a flow object, or whatever else was sent there.</summary>
            public JsonNode Value;
            public bool HasSource, HasTarget;
            public object Source, Target;
        }

        // A node being renamed. Its new id is the NodeState itself: flows that point at it hold this object.
        private sealed class NodeState
        {
            public string Key;
            /// <summary>"activities" or "gateways"; null for the events, whose Where and Path are set directly.</summary>
            public string Role;
            public JsonObject Raw;
            public bool HasIncoming, HasOutgoing;
            /// <summary>The fields as sent; incoming is read through format_to_list where the validators made it a list.</summary>
            public JsonNode Incoming, Outgoing;
            public bool IncomingFormatted;
            // Exclusive and conditional parallel gateways: the condition keys not yet moved, and the default branch.
            public HashSet<string> Conditions;
            public bool HasConditions;
            public JsonNode ConditionsRaw;
            public JsonObject DefaultCondition;
            public JsonNode DefaultFlowId;
            public bool DefaultConditionNotDict;
            private string where, path;

            /// <summary>"activity 'x'", spelled out only when a failure needs it.</summary>
            public string Where
            {
                get => where ?? (where = Role == "activities" ? $"activity '{Key}'" : $"gateway '{Key}'");
                set => where = value;
            }

            public string Path
            {
                get => path ?? (path = TreePlaces.PathOf(Role, Key));
                set => path = value;
            }
        }

        private static readonly HashSet<string> BranchSelectGateways = new HashSet<string> { "ExclusiveGateway", "ConditionalParallelGateway" };

        private readonly JsonObject tree;
        private JsonObject flows;
        private readonly Dictionary<string, FlowState> flowStates = new Dictionary<string, FlowState>(System.StringComparer.Ordinal);
        private readonly List<FlowState> flowOrder = new List<FlowState>();
        private JsonObject activities, gateways;
        private string startId, endId;
        private NodeState start, end;

        public IdReplacementSimulator(JsonObject tree) { this.tree = tree; }

        /// <summary>False to replay every step even where <see cref="IdReplacementFastPath"/> proves that it completes (for tests).</summary>
        public bool AllowFastPath { get; set; } = true;

        /// <summary>Gives <see cref="IdReplacementFastPath.NodesAndFlowsCannotFail(JsonObject)"/> of the tree (the creation stage may have it computed ahead).</summary>
        public System.Func<JsonObject, bool> ProveNodesAndFlows { get; set; } = IdReplacementFastPath.NodesAndFlowsCannotFail;

        /// <summary>A key of the server's node_map: an id the tree was sent with (events' id fields, node keys).</summary>
        private bool IsNodeId(string id) =>
            id == startId || id == endId || activities.ContainsKey(id) || gateways.ContainsKey(id);

        /// <summary>The exception the server's id replacement raises, or null when it completes.</summary>
        public PythonException Run()
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
            if (AllowFastPath && ProveNodesAndFlows(tree)) ReadNodeIds();
            else ReplaceNodesAndFlows();
            ReplaceDataInputs();
            ReplaceSourceInfo();
        }

        // What the data steps need of a tree whose node and flow steps are known to complete.
        private void ReadNodeIds()
        {
            startId = ((JsonString)((JsonObject)tree["start_event"])["id"]).Value;
            endId = ((JsonString)((JsonObject)tree["end_event"])["id"]).Value;
            activities = (JsonObject)tree["activities"];
            gateways = (JsonObject)tree["gateways"];
        }

        private void ReplaceNodesAndFlows()
        {
            var flowsNode = Item(tree, "flows", "the pipeline tree");
            flows = flowsNode as JsonObject ?? throw new PythonException("TypeError", $"'{flowsNode.PythonTypeName}' object is not subscriptable", "the pipeline tree");
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
            startId = KeyText(Item(startRaw, "id", "the start event"), "the start event");
            endId = KeyText(Item(endRaw, "id", "the end event"), "the end event");

            start = new NodeState { Raw = startRaw, Where = "the start event", Path = TreePlaces.PathOf("start_event") };
            end = new NodeState { Raw = endRaw, Where = "the end event", Path = TreePlaces.PathOf("end_event") };
            ReplaceEvent(start, formatIncoming: false);
            ReplaceEvent(end, formatIncoming: true);

            activities = AsDict(Item(tree, "activities", "the pipeline tree"), "the activities");
            foreach (var p in activities.Properties) ReplaceActivity(p.Name, p.Value);
            gateways = AsDict(Item(tree, "gateways", "the pipeline tree"), "the gateways");
            foreach (var p in gateways.Properties) ReplaceGateway(p.Name, p.Value);

            // Every node now has its new id, so a flow end that was never rewritten names no node any more.
            foreach (var flow in flowOrder) ReplaceFlow(flow);
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
                Require(ev, "incoming");
                if (IsTruthy(ev, "incoming"))
                {
                    if (IsList(ev, "incoming"))
                        foreach (var f in Items(ev, "incoming")) Flow(f, ev, "incoming").Target = ev;
                    else Flow(ev.Incoming, ev, "incoming").Target = ev;
                }
                else
                {
                    Require(ev, "outgoing");
                    Flow(ev.Outgoing, ev, "outgoing").Source = ev;
                }
            }
            catch (PythonException f) when (f.IsKeyError)
            {
                throw Replacement("event", f, ev);
            }
        }

        private NodeState ReplaceActivity(string key, JsonNode value)
        {
            var node = new NodeState { Key = key, Role = "activities" };
            try
            {
                node.Raw = AsDict(value, node, "does not support item assignment");
                Load(node, formatIncoming: true);
                foreach (var f in Items(node, "incoming")) Flow(f, node, "incoming").Target = node;
                Require(node, "outgoing");
                Flow(node.Outgoing, node, "outgoing").Source = node;
            }
            catch (PythonException f) when (f.IsKeyError)
            {
                throw Replacement("activity", f, node);
            }
            return node;
        }

        private NodeState ReplaceGateway(string key, JsonNode value)
        {
            var node = new NodeState { Key = key, Role = "gateways" };
            try
            {
                node.Raw = AsDict(value, node, "does not support item assignment");
                Load(node, formatIncoming: true);
                if (!node.Raw.TryGetValue("type", out var type)) throw PythonException.KeyError("type", node.Where);
                if (IsString(type, "ConvergeGateway"))
                {
                    Require(node, "outgoing");
                    Flow(node.Outgoing, node, "outgoing").Source = node;
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
