using System.Collections.Generic;
using System.Linq;
using BkSops.Json;

namespace BkSops.Sandbox.Tests
{
    internal static class JsonObjectTestExtensions
    {
        /// <summary>Runs <paramref name="change"/> on the object and returns it (to change a built tree in one expression).</summary>
        public static JsonObject With(this JsonObject o, System.Action<JsonObject> change)
        {
            change(o);
            return o;
        }
    }

    /// <summary>Builds web pipeline trees for the tests, in the shape fast_create_task stores (list incoming, converge ids).</summary>
    internal sealed class TestTree
    {
        public const string Start = "nstart", End = "nend";
        private readonly List<(string id, JsonObject entry, bool gateway)> nodes = new List<(string, JsonObject, bool)>();
        private readonly List<(string id, string from, string to)> flows = new List<(string, string, string)>();
        private readonly Dictionary<string, (string flow, string evaluate)> pendingConditions = new Dictionary<string, (string, string)>();
        private readonly JsonObject constants = new JsonObject();

        public string PipelineId { get; set; } = "npipeline0000000000000000000000a";

        public TestTree Activity(string id, string code = "noop", string name = null, bool errorIgnorable = false, bool retryable = true, bool skippable = true,
            params (string key, JsonNode value)[] inputs)
        {
            var data = new JsonObject();
            foreach (var (key, value) in inputs)
            {
                var item = new JsonObject();
                item.Set("hook", JsonNode.From(false));
                item.Set("value", value);
                data.Set(key, item);
            }
            var component = new JsonObject();
            component.Set("code", JsonNode.From(code));
            component.Set("data", data);
            component.Set("version", JsonNode.From("legacy"));
            var a = new JsonObject();
            a.Set("id", JsonNode.From(id));
            a.Set("type", JsonNode.From("ServiceActivity"));
            a.Set("name", JsonNode.From(name ?? id));
            a.Set("component", component);
            a.Set("error_ignorable", JsonNode.From(errorIgnorable));
            a.Set("retryable", JsonNode.From(retryable));
            a.Set("skippable", JsonNode.From(skippable));
            a.Set("optional", JsonNode.From(false));
            nodes.Add((id, a, false));
            return this;
        }

        public TestTree Sleep(string id, JsonNode seconds) => Activity(id, "sleep_timer", inputs: ("bk_timing", seconds));

        public TestTree SubProcess(string id, long templateId, string name = null)
        {
            var a = new JsonObject();
            a.Set("id", JsonNode.From(id));
            a.Set("type", JsonNode.From("SubProcess"));
            a.Set("name", JsonNode.From(name ?? id));
            a.Set("template_id", JsonNode.From(templateId));
            a.Set("constants", new JsonObject());
            nodes.Add((id, a, false));
            return this;
        }

        public TestTree Gateway(string id, string type, string converge = null)
        {
            var g = new JsonObject();
            g.Set("id", JsonNode.From(id));
            g.Set("type", JsonNode.From(type));
            g.Set("name", JsonNode.From(""));
            if (converge != null) g.Set("converge_gateway_id", JsonNode.From(converge));
            if (type == "ExclusiveGateway" || type == "ConditionalParallelGateway") g.Set("conditions", new JsonObject());
            nodes.Add((id, g, true));
            return this;
        }

        public TestTree Parallel(string id, string converge) => Gateway(id, "ParallelGateway", converge);
        public TestTree Exclusive(string id, string converge = null) => Gateway(id, "ExclusiveGateway", converge);
        public TestTree ConditionalParallel(string id, string converge) => Gateway(id, "ConditionalParallelGateway", converge);
        public TestTree Converge(string id) => Gateway(id, "ConvergeGateway");

        /// <summary>Flows between consecutive ids.</summary>
        public TestTree Chain(params string[] ids)
        {
            for (int i = 0; i + 1 < ids.Length; i++) Flow(ids[i], ids[i + 1]);
            return this;
        }

        public string Flow(string from, string to, string condition = null, bool isDefault = false)
        {
            string id = "l" + from + "_" + to;
            flows.Add((id, from, to));
            if (condition != null || isDefault)
            {
                var gateway = nodes.First(n => n.id == from).entry;
                if (condition != null)
                {
                    var c = new JsonObject();
                    c.Set("evaluate", JsonNode.From(condition));
                    c.Set("name", JsonNode.From(to));
                    c.Set("tag", JsonNode.From("branch_" + from + "_" + to));
                    ((JsonObject)gateway["conditions"]).Set(id, c);
                }
                if (isDefault)
                {
                    var d = new JsonObject();
                    d.Set("flow_id", JsonNode.From(id));
                    d.Set("name", JsonNode.From("default"));
                    gateway.Set("default_condition", d);
                }
            }
            return id;
        }

        public TestTree Constant(string key, JsonNode value, string sourceType = "custom", string sourceNode = null, string sourceKey = null)
        {
            var c = new JsonObject();
            c.Set("key", JsonNode.From(key));
            c.Set("name", JsonNode.From(key));
            c.Set("index", JsonNode.From(constants.Count));
            c.Set("desc", JsonNode.From(""));
            c.Set("source_type", JsonNode.From(sourceType));
            c.Set("custom_type", JsonNode.From(sourceType == "custom" ? "input" : ""));
            c.Set("source_tag", JsonNode.From(""));
            var info = new JsonObject();
            if (sourceNode != null) info.Set(sourceNode, new JsonArray(new JsonNode[] { JsonNode.From(sourceKey) }));
            c.Set("source_info", info);
            c.Set("value", value);
            c.Set("show_type", JsonNode.From(sourceType == "custom" ? "show" : "hide"));
            constants.Set(key, c);
            return this;
        }

        /// <summary>Runs <paramref name="change"/> on this tree (to keep a chain of calls going).</summary>
        public TestTree With(System.Action<TestTree> change)
        {
            change(this);
            return this;
        }

        public JsonObject Build()
        {
            var tree = new JsonObject();
            tree.Set("id", JsonNode.From(PipelineId));
            var start = Event(Start, "EmptyStartEvent");
            var end = Event(End, "EmptyEndEvent");
            tree.Set("start_event", start);
            tree.Set("end_event", end);
            var activities = new JsonObject();
            var gateways = new JsonObject();
            foreach (var (id, entry, gateway) in nodes) (gateway ? gateways : activities).Set(id, entry);
            tree.Set("activities", activities);
            tree.Set("gateways", gateways);
            var flowObjects = new JsonObject();
            foreach (var (id, from, to) in flows)
            {
                var f = new JsonObject();
                f.Set("id", JsonNode.From(id));
                f.Set("source", JsonNode.From(from));
                f.Set("target", JsonNode.From(to));
                f.Set("is_default", JsonNode.From(false));
                flowObjects.Set(id, f);
            }
            tree.Set("flows", flowObjects);
            var all = new List<(string id, JsonObject entry, bool branching)> { (Start, start, false), (End, end, false) };
            foreach (var (id, entry, gateway) in nodes)
            {
                string type = ((JsonString)entry["type"]).Value;
                all.Add((id, entry, gateway && type != "ConvergeGateway"));
            }
            var into = flows.ToLookup(f => f.to);
            var outOf = flows.ToLookup(f => f.from);
            foreach (var (id, entry, branching) in all)
            {
                var incoming = new JsonArray(into[id].Select(f => (JsonNode)JsonNode.From(f.id)));
                entry.Set("incoming", incoming);
                var outs = outOf[id].Select(f => f.id).ToList();
                if (branching) entry.Set("outgoing", new JsonArray(outs.Select(o => (JsonNode)JsonNode.From(o))));
                else entry.Set("outgoing", JsonNode.From(outs.FirstOrDefault() ?? ""));
            }
            tree.Set("constants", constants);
            tree.Set("outputs", new JsonArray());
            return tree;
        }

        private static JsonObject Event(string id, string type)
        {
            var e = new JsonObject();
            e.Set("id", JsonNode.From(id));
            e.Set("type", JsonNode.From(type));
            e.Set("name", JsonNode.From(""));
            return e;
        }
    }
}
