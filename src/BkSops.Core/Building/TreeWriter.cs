using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Building
{
    /// <summary>
    /// Writes the emitted graph as a web pipeline_tree in the canvas' field order, every object created in document
    /// order (as the JSON reader creates them, so a built tree is laid out in memory like a parsed one) and every id
    /// one shared string.
    /// </summary>
    internal sealed class TreeWriter
    {
        // Each id and name is copied the first time it is written, so that its text lies next to the object that uses
        // it (as the reader's string pool leaves it), not among the builder's long-dead work objects: the validator
        // reads every id many times, and a tree whose strings lie far from its objects validates markedly slower.
        private readonly Dictionary<string, string> fresh = new Dictionary<string, string>(System.StringComparer.Ordinal);

        private JsonString Text(string value)
        {
            if (value.Length == 0) return new JsonString("");
            if (!fresh.TryGetValue(value, out var copy)) fresh[value] = copy = new string(value.ToCharArray());
            return new JsonString(copy);
        }

        private string Key(string value) => Text(value).Value;
        /// <summary>A copy of an input value whose text lies with the tree (scalars are immutable, so the copy is only for locality).</summary>
        public JsonNode Copy(JsonNode value)
        {
            switch (value)
            {
                case JsonString s: return Text(s.Value);
                case JsonNumber n: return new JsonNumber(n.RawText);
                case JsonBoolean b: return JsonNode.From(b.Value);
                case JsonNull _: return new JsonNull();
                default: return value.Clone();
            }
        }

        /// <summary>
        /// The tree in document order. <paramref name="componentData"/> writes a plugin node's inputs when the node is
        /// written; <paramref name="constants"/> is called last (after every input it may expose).
        /// </summary>
        public JsonObject Write(GraphEmitter graph, System.Func<JsonObject> constants, System.Func<NodeRecord, JsonObject> componentData)
        {
            var root = new JsonObject();
            root.Set("start_event", Event(graph.Start));
            var activities = new JsonObject();
            root.Set("activities", activities);
            foreach (var node in graph.Activities) activities.Set(Key(node.Id), Activity(node, componentData));
            root.Set("end_event", Event(graph.End));
            var flows = new JsonObject();
            root.Set("flows", flows);
            foreach (var flow in graph.Flows)
            {
                var f = new JsonObject();
                f.Set("id", Text(flow.Id));
                f.Set("source", Text(flow.Source));
                f.Set("target", Text(flow.Target));
                f.Set("is_default", JsonBoolean.False());
                flows.Set(Key(flow.Id), f);
            }
            var gateways = new JsonObject();
            root.Set("gateways", gateways);
            foreach (var node in graph.Gateways) gateways.Set(Key(node.Id), Gateway(node));
            root.Set("constants", constants());
            root.Set("outputs", new JsonArray());
            return root;
        }

        private JsonObject Event(NodeRecord node)
        {
            var o = new JsonObject();
            o.Set("id", Text(node.Id));
            o.Set("type", new JsonString(node.Type));
            o.Set("name", Text(node.Name));
            if (node.Type == "EmptyStartEvent")
            {
                o.Set("incoming", new JsonString(""));
                o.Set("outgoing", Text(node.Outgoing[0]));
            }
            else
            {
                o.Set("incoming", List(node.Incoming));
                o.Set("outgoing", new JsonString(""));
            }
            return o;
        }

        private JsonObject Activity(NodeRecord node, System.Func<NodeRecord, JsonObject> componentData)
        {
            var step = node.Step ?? throw new System.InvalidOperationException("An activity node was emitted without its step.");
            var o = new JsonObject();
            o.Set("id", Text(node.Id));
            o.Set("type", new JsonString(node.Type));
            o.Set("name", Text(node.Name));
            o.Set("incoming", List(node.Incoming));
            o.Set("outgoing", Text(node.Outgoing[0]));
            if (step.Kind == StepKind.SubProcess)
            {
                o.Set("template_id", JsonNode.From(step.TemplateId ?? 0));
                if (step.Version != null) o.Set("version", Text(step.Version));
                o.Set("constants", new JsonObject());
            }
            else
            {
                var component = new JsonObject();
                component.Set("code", Text(step.Code));
                component.Set("version", step.Version == null ? new JsonString("legacy") : Text(step.Version));
                component.Set("data", componentData(node));
                o.Set("component", component);
            }
            o.Set("stage_name", Text(step.Stage ?? ""));
            o.Set("error_ignorable", JsonNode.From(step.ErrorIgnorable ?? false));
            o.Set("retryable", JsonNode.From(step.Retryable ?? true));
            o.Set("skippable", JsonNode.From(step.Skippable ?? true));
            o.Set("optional", JsonBoolean.False());
            return o;
        }

        private JsonObject Gateway(NodeRecord node)
        {
            var o = new JsonObject();
            o.Set("id", Text(node.Id));
            o.Set("type", new JsonString(node.Type));
            o.Set("name", Text(node.Name));
            o.Set("incoming", List(node.Incoming));
            o.Set("outgoing", node.IsBranching ? (JsonNode)List(node.Outgoing) : Text(node.Outgoing[0]));
            if (node.Conditions != null)
            {
                var conditions = new JsonObject();
                foreach (var c in node.Conditions)
                {
                    var entry = new JsonObject();
                    entry.Set("evaluate", new JsonString(c.Value));
                    conditions.Set(Key(c.Key), entry);
                }
                o.Set("conditions", conditions);
                if (node.DefaultFlow != null)
                {
                    var d = new JsonObject();
                    d.Set("flow_id", Text(node.DefaultFlow));
                    d.Set("name", new JsonString("default"));
                    o.Set("default_condition", d);
                }
            }
            return o;
        }

        private JsonArray List(List<string> ids)
        {
            var a = new JsonArray();
            foreach (var id in ids) a.Add(Text(id));
            return a;
        }
    }
}
