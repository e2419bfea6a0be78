using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>
    /// Assembles a web-format pipeline_tree the way the bk-sops canvas sends it: list <c>incoming</c> on every
    /// node but the start event, a string <c>outgoing</c> on the start event, activities and converge gateways,
    /// a list <c>outgoing</c> on branch gateways, one flow per edge with <c>is_default: false</c>.
    /// It only wires what it is told to; the shape generators decide what is legal.
    /// </summary>
    public sealed class PipelineTreeBuilder
    {
        private readonly JsonObject startEvent;
        private readonly JsonObject endEvent;
        private readonly JsonObject activities = new JsonObject();
        private readonly JsonObject gateways = new JsonObject();
        private readonly JsonObject flows = new JsonObject();
        private readonly JsonObject constants = new JsonObject();
        private readonly JsonArray outputs = new JsonArray();
        private readonly Dictionary<string, JsonObject> nodes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> types = new Dictionary<string, string>(StringComparer.Ordinal);

        public PipelineTreeBuilder(Random random)
        {
            Ids = new TreeIds(random);
            StartId = Ids.NewNodeId();
            EndId = Ids.NewNodeId();
            startEvent = Node(StartId, NodeTypes.StartEvent, "");
            startEvent.Set("incoming", new JsonString(""));
            startEvent.Set("outgoing", new JsonString(""));
            endEvent = Node(EndId, NodeTypes.EndEvent, "");
            endEvent.Set("incoming", new JsonArray());
            endEvent.Set("outgoing", new JsonString(""));
            Register(StartId, NodeTypes.StartEvent, startEvent);
            Register(EndId, NodeTypes.EndEvent, endEvent);
        }

        public TreeIds Ids { get; }
        public string StartId { get; }
        public string EndId { get; }
        public int ActivityCount => activities.Count;
        public int ConstantCount => constants.Count;

        public string TypeOf(string nodeId) => types[nodeId];

        /// <summary>The node's JSON object (events, activities and gateways).</summary>
        public JsonObject NodeObject(string nodeId) => nodes[nodeId];

        /// <summary>The outgoing flow ids of a branch gateway, in wiring order.</summary>
        public IReadOnlyList<string> OutgoingFlows(string gatewayId)
        {
            var list = new List<string>();
            foreach (var item in ((JsonArray)nodes[gatewayId]["outgoing"]).Items) list.Add(((JsonString)item).Value);
            return list;
        }

        /// <summary>Adds a ServiceActivity with every field the server uses at task start (spec 2.12).</summary>
        public string AddActivity(string name, string stageName, JsonObject component,
            bool errorIgnorable = false, bool retryable = true, bool skippable = true)
        {
            string id = Ids.NewNodeId();
            var node = Node(id, NodeTypes.ServiceActivity, name);
            node.Set("incoming", new JsonArray());
            node.Set("outgoing", new JsonString(""));
            node.Set("stage_name", new JsonString(stageName ?? ""));
            node.Set("error_ignorable", JsonNode.From(errorIgnorable));
            node.Set("retryable", JsonNode.From(retryable));
            node.Set("skippable", JsonNode.From(skippable));
            node.Set("component", component ?? Component("sleep_timer", new JsonObject()));
            activities.Set(id, node);
            Register(id, NodeTypes.ServiceActivity, node);
            return id;
        }

        /// <summary>Adds a gateway of <paramref name="type"/> (see <see cref="NodeTypes"/>).</summary>
        public string AddGateway(string type, string name = "")
        {
            if (Array.IndexOf(NodeTypes.Gateways, type) < 0) throw new ArgumentException("Not a gateway type: " + type, nameof(type));
            string id = Ids.NewNodeId();
            var node = Node(id, type, name);
            node.Set("incoming", new JsonArray());
            node.Set("outgoing", NodeTypes.IsBranchGateway(type) ? (JsonNode)new JsonArray() : new JsonString(""));
            if (NodeTypes.HasConditions(type)) node.Set("conditions", new JsonObject());
            gateways.Set(id, node);
            Register(id, type, node);
            return id;
        }

        /// <summary>Adds the flow <paramref name="source"/> -> <paramref name="target"/> and lists it on both nodes.</summary>
        public string Connect(string source, string target)
        {
            if (target == StartId) throw new InvalidOperationException("The start event takes no incoming flow.");
            if (source == EndId) throw new InvalidOperationException("The end event has no outgoing flow.");
            string flowId = Ids.NewFlowId();
            var flow = new JsonObject();
            flow.Set("id", new JsonString(flowId));
            flow.Set("source", new JsonString(source));
            flow.Set("target", new JsonString(target));
            flow.Set("is_default", JsonNode.From(false));
            flows.Set(flowId, flow);

            var from = nodes[source];
            if (NodeTypes.IsBranchGateway(types[source]))
            {
                ((JsonArray)from["outgoing"]).Add(new JsonString(flowId));
            }
            else
            {
                if (((JsonString)from["outgoing"]).Value.Length != 0)
                    throw new InvalidOperationException($"{types[source]} {source} already has its one outgoing flow.");
                from.Set("outgoing", new JsonString(flowId));
            }
            ((JsonArray)nodes[target]["incoming"]).Add(new JsonString(flowId));
            return flowId;
        }

        public void SetCondition(string gatewayId, string flowId, string expression, string name = null)
        {
            var condition = new JsonObject();
            condition.Set("evaluate", new JsonString(expression));
            condition.Set("name", new JsonString(name ?? expression));
            ((JsonObject)nodes[gatewayId]["conditions"]).Set(flowId, condition);
        }

        public void SetDefaultCondition(string gatewayId, string flowId, string name = "default")
        {
            var condition = new JsonObject();
            condition.Set("name", new JsonString(name));
            condition.Set("flow_id", new JsonString(flowId));
            nodes[gatewayId].Set("default_condition", condition);
        }

        /// <summary>Adds a custom input constant with every field (spec 2.12); <paramref name="key"/> is <c>${name}</c>.</summary>
        public void AddConstant(string key, string name, JsonNode value, string desc = "")
        {
            var constant = new JsonObject();
            constant.Set("key", new JsonString(key));
            constant.Set("name", new JsonString(name));
            constant.Set("index", JsonNode.From(constants.Count));
            constant.Set("desc", new JsonString(desc));
            constant.Set("source_type", new JsonString("custom"));
            constant.Set("custom_type", new JsonString("input"));
            constant.Set("source_tag", new JsonString(""));
            constant.Set("source_info", new JsonObject());
            constant.Set("value", value);
            constant.Set("show_type", new JsonString("show"));
            constants.Set(key, constant);
        }

        public void AddOutput(string key) => outputs.Add(new JsonString(key));

        /// <summary>The tree document (the builder's own objects: build once).</summary>
        public JsonObject Build()
        {
            var root = new JsonObject();
            root.Set("start_event", startEvent);
            root.Set("activities", activities);
            root.Set("end_event", endEvent);
            root.Set("flows", flows);
            root.Set("gateways", gateways);
            root.Set("constants", constants);
            root.Set("outputs", outputs);
            return root;
        }

        public PipelineTree BuildTree(string source) => new PipelineTree(Build(), source);

        /// <summary>A component object: <c>{code, data: {k: {hook, value}}}</c>.</summary>
        public static JsonObject Component(string code, JsonObject data)
        {
            var component = new JsonObject();
            component.Set("code", new JsonString(code));
            component.Set("data", data ?? new JsonObject());
            return component;
        }

        /// <summary>One <c>component.data</c> item.</summary>
        public static JsonObject DataItem(bool hook, JsonNode value)
        {
            var item = new JsonObject();
            item.Set("hook", JsonNode.From(hook));
            item.Set("value", value);
            return item;
        }

        private static JsonObject Node(string id, string type, string name)
        {
            var node = new JsonObject();
            node.Set("id", new JsonString(id));
            node.Set("type", new JsonString(type));
            node.Set("name", new JsonString(name ?? ""));
            return node;
        }

        private void Register(string id, string type, JsonObject node)
        {
            nodes.Add(id, node);
            types.Add(id, type);
        }
    }
}
