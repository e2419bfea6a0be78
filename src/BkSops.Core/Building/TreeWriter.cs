using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Building
{
    /// <summary>
    /// Writes the emitted graph as a web pipeline_tree in the canvas' field order, every object created in document
    /// order (as the JSON reader creates them, so a built tree is laid out in memory like a parsed one) and every id
    /// one shared string.
    /// </summary>
    internal static class TreeWriter
    {
        public static JsonObject Write(GraphEmitter graph, JsonObject constants, IReadOnlyDictionary<StepDefinition, JsonObject> componentData)
        {
            var root = new JsonObject();
            root.Set("start_event", Event(graph.Start));
            var activities = new JsonObject();
            root.Set("activities", activities);
            foreach (var node in graph.Activities) activities.Set(node.Id, Activity(node, componentData));
            root.Set("end_event", Event(graph.End));
            var flows = new JsonObject();
            root.Set("flows", flows);
            foreach (var flow in graph.Flows)
            {
                var f = new JsonObject();
                f.Set("id", new JsonString(flow.Id));
                f.Set("source", new JsonString(flow.Source));
                f.Set("target", new JsonString(flow.Target));
                f.Set("is_default", JsonBoolean.False());
                flows.Set(flow.Id, f);
            }
            var gateways = new JsonObject();
            root.Set("gateways", gateways);
            foreach (var node in graph.Gateways) gateways.Set(node.Id, Gateway(node));
            root.Set("constants", constants);
            root.Set("outputs", new JsonArray());
            return root;
        }

        private static JsonObject Event(NodeRecord node)
        {
            var o = new JsonObject();
            o.Set("id", new JsonString(node.Id));
            o.Set("type", new JsonString(node.Type));
            o.Set("name", new JsonString(node.Name));
            if (node.Type == "EmptyStartEvent")
            {
                o.Set("incoming", new JsonString(""));
                o.Set("outgoing", new JsonString(node.Outgoing[0]));
            }
            else
            {
                o.Set("incoming", List(node.Incoming));
                o.Set("outgoing", new JsonString(""));
            }
            return o;
        }

        private static JsonObject Activity(NodeRecord node, IReadOnlyDictionary<StepDefinition, JsonObject> componentData)
        {
            var step = node.Step;
            var o = new JsonObject();
            o.Set("id", new JsonString(node.Id));
            o.Set("type", new JsonString(node.Type));
            o.Set("name", new JsonString(node.Name));
            o.Set("incoming", List(node.Incoming));
            o.Set("outgoing", new JsonString(node.Outgoing[0]));
            if (step.Kind == StepKind.SubProcess)
            {
                o.Set("template_id", JsonNode.From(step.TemplateId ?? 0));
                if (step.Version != null) o.Set("version", new JsonString(step.Version));
                o.Set("constants", new JsonObject());
            }
            else
            {
                var component = new JsonObject();
                component.Set("code", new JsonString(step.Code));
                component.Set("version", new JsonString(step.Version ?? "legacy"));
                component.Set("data", componentData[step]);
                o.Set("component", component);
            }
            o.Set("stage_name", new JsonString(step.Stage ?? ""));
            o.Set("error_ignorable", JsonNode.From(step.ErrorIgnorable ?? false));
            o.Set("retryable", JsonNode.From(step.Retryable ?? true));
            o.Set("skippable", JsonNode.From(step.Skippable ?? true));
            o.Set("optional", JsonBoolean.False());
            return o;
        }

        private static JsonObject Gateway(NodeRecord node)
        {
            var o = new JsonObject();
            o.Set("id", new JsonString(node.Id));
            o.Set("type", new JsonString(node.Type));
            o.Set("name", new JsonString(node.Name));
            o.Set("incoming", List(node.Incoming));
            o.Set("outgoing", node.IsBranching ? (JsonNode)List(node.Outgoing) : new JsonString(node.Outgoing[0]));
            if (node.Conditions != null)
            {
                var conditions = new JsonObject();
                foreach (var c in node.Conditions)
                {
                    var entry = new JsonObject();
                    entry.Set("evaluate", new JsonString(c.Value));
                    conditions.Set(c.Key, entry);
                }
                o.Set("conditions", conditions);
                if (node.DefaultFlow != null)
                {
                    var d = new JsonObject();
                    d.Set("flow_id", new JsonString(node.DefaultFlow));
                    d.Set("name", new JsonString("default"));
                    o.Set("default_condition", d);
                }
            }
            return o;
        }

        private static JsonArray List(List<string> ids)
        {
            var a = new JsonArray();
            foreach (var id in ids) a.Add(new JsonString(id));
            return a;
        }
    }
}
