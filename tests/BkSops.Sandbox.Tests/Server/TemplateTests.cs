using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>SubProcess nodes over HTTP: the sandbox knows its own templates (contracts.md sections 2 and 5).</summary>
    public class TemplateTests
    {
        private static string ParentTree() =>
            JsonWriter.Write(new TestTree().SubProcess("nsub", 5, "child").Chain(TestTree.Start, "nsub", TestTree.End).Build(), false);

        [Fact]
        public async Task ASubProcessOfAnUnknownTemplateGetsTheServersAnswer()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Create(ParentTree());
                Assert.Equal(200, reply.Status);
                Assert.Equal("[API] fast_create_task get invalid template_id: 5, template_id should belong to current project.", reply.Message);
                Assert.Equal(3540000, reply.Code);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task ASubProcessOfARegisteredTemplateIsCreatedAndRunsIt()
        {
            var child = new TestTree().Activity("nchild").Chain(TestTree.Start, "nchild", TestTree.End).Build();
            using (var host = new SandboxHost(configure: o => o.Templates = new Dictionary<long, JsonObject> { [5] = child }))
            {
                var reply = await host.Create(ParentTree());
                Assert.True(reply.Result, reply.Text);
                long id = reply.Data.Num("task_id");
                Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                var watch = Stopwatch.StartNew();
                Reply status;
                do
                {
                    await Task.Delay(20);
                    status = await host.Gateway("GET", $"get_task_status/{id}/2");
                } while (status.Data.Str("state") != "FINISHED" && watch.Elapsed < TimeSpan.FromSeconds(30));
                Assert.Equal("FINISHED", status.Data.Str("state"));
                // The SubProcess node's entry holds the child's nodes, as get_task_status nests them.
                string subId = reply.Data.Obj("pipeline_tree").Obj("activities").Properties[0].Name;
                Assert.NotEmpty(status.Data.Obj("children").Obj(subId).Obj("children").Properties);
            }
        }

        /// <summary>
        /// The template: constants ${greet} (shown: the parent may set it), ${secret} (hidden) and ${result} (hidden, an
        /// output built from both); one activity echoing them.
        /// </summary>
        private static JsonObject Template() =>
            new TestTree { PipelineId = "ntemplate" }
                .Constant("${greet}", JsonNode.From("hello")).Constant("${secret}", JsonNode.From("s")).Constant("${result}", JsonNode.From("${greet}-${secret}"))
                .Activity("nchild", inputs: ("msg", JsonNode.From("${greet} ${secret} ${int(len(greet)) + 1}")))
                .Chain(TestTree.Start, "nchild", TestTree.End).Build()
                .With(tree => { tree.Set("outputs", new JsonArray(new JsonNode[] { JsonNode.From("${result}") })); foreach (var hidden in new[] { "${secret}", "${result}" }) ((JsonObject)((JsonObject)tree["constants"])[hidden]).Set("show_type", JsonNode.From("hide")); });

        /// <summary>The parent: ${who} feeds the SubProcess's ${greet}; ${got} takes the child's ${result}; nafter echoes it.</summary>
        private static string Parent(long templateId = 5, string extraSubProcessJson = null, bool withConstants = true)
        {
            var tree = new TestTree().Constant("${who}", JsonNode.From("ops"))
                .Constant("${got}", JsonNode.From(""), sourceType: "component_outputs", sourceNode: "nsub", sourceKey: "${result}")
                .SubProcess("nsub", templateId, "child").Activity("nafter", inputs: ("x", JsonNode.From("${got}")))
                .Chain(TestTree.Start, "nsub", "nafter", TestTree.End).Build();
            var sub = (JsonObject)((JsonObject)tree["activities"])["nsub"];
            var greet = new JsonObject();
            foreach (var (k, v) in new (string, JsonNode)[] { ("key", JsonNode.From("${greet}")), ("name", JsonNode.From("greet")), ("value", JsonNode.From("hi ${who}")),
                ("show_type", JsonNode.From("show")), ("source_type", JsonNode.From("custom")), ("custom_type", JsonNode.From("input")), ("source_tag", JsonNode.From("")),
                ("source_info", new JsonObject()), ("form", new JsonObject()) })
                greet.Set(k, v);
            ((JsonObject)sub["constants"]).Set("${greet}", greet);
            if (!withConstants) sub.Remove("constants");
            if (extraSubProcessJson != null)
                foreach (var p in ((JsonObject)JsonReader.Parse(extraSubProcessJson)).Properties) sub.Set(p.Name, p.Value);
            return JsonWriter.Write(tree, false);
        }

        private static SandboxHost WithTemplates(params (long id, JsonObject tree)[] templates)
        {
            var map = new Dictionary<long, JsonObject>();
            foreach (var (id, tree) in templates) map[id] = tree;
            return new SandboxHost(configure: o => o.Templates = map);
        }

        private static async Task<Reply> WaitFor(SandboxHost host, long id, string state)
        {
            var watch = Stopwatch.StartNew();
            Reply status;
            do
            {
                await Task.Delay(20);
                status = await host.Gateway("GET", $"get_task_status/{id}/2");
            } while (status.Data.Str("state") != state && watch.Elapsed < TimeSpan.FromSeconds(30));
            return status;
        }

        [Fact]
        public async Task TheCreatedTreeHoldsTheUnfoldedTemplateAsBkSopsStoresIt()
        {
            using (var host = WithTemplates((5, Template())))
            {
                var reply = await host.Create(Parent());
                Assert.True(reply.Result, reply.Text);
                var tree = reply.Data.Obj("pipeline_tree");
                var subProperty = tree.Obj("activities").Properties.First(p => p.Value.Str("type") == "SubProcess");
                var sub = (JsonObject)subProperty.Value;
                Assert.Equal("nsub", sub.Str("template_node_id"));
                Assert.False(sub.ContainsKey("constants")); // popped into the unfolded tree's constants
                Assert.Matches("^n[0-9a-f]{31}$", sub.Str("template_id")); // the pipeline template's id, not 5
                Assert.Equal("project", sub.Str("template_source"));
                Assert.Equal("5", sub.Str("original_template_id"));
                Assert.Matches("^[0-9a-f]{32}$", sub.Str("original_template_version"));
                var child = sub.Obj("pipeline");
                Assert.Equal(subProperty.Name, child.Str("id"));
                var childActivity = child.Obj("activities").Properties.Single();
                Assert.Matches("^n[0-9a-f]{31}$", childActivity.Name);
                Assert.Equal("nchild", childActivity.Value.Str("template_node_id"));
                Assert.Matches("^n[0-9a-f]{31}$", child.Obj("start_event").Str("id"));
                Assert.All(child.Obj("flows").Properties, f => Assert.Matches("^l[0-9a-f]{31}$", f.Name));
                var greet = child.Obj("constants").Obj("${greet}");
                Assert.Equal("hi ${who}", greet.Str("value"));
                Assert.False(greet.ContainsKey("form"));
                Assert.Equal("s", child.Obj("constants").Obj("${secret}").Str("value"));
                Assert.IsType<JsonArray>(child["line"]);
                Assert.IsType<JsonArray>(child["location"]);
                // The parent's output binding follows the SubProcess's new id.
                Assert.Equal(new[] { subProperty.Name }, tree.Obj("constants").Obj("${got}").Obj("source_info").Properties.Select(p => p.Name).ToArray());

                // The template's version: a SubProcess naming it is accepted, another version gets the server's HTTP 500.
                string version = sub.Str("original_template_version");
                Assert.True((await host.Create(Parent(extraSubProcessJson: "{\"version\":\"" + version + "\"}"))).Result);
                Assert.Equal(500, (await host.Create(Parent(extraSubProcessJson: "{\"version\":\"0123456789abcdef0123456789abcdef\"}"))).Status);
                Assert.True((await host.Create(Parent(extraSubProcessJson: "{\"version\":\"0123\",\"always_use_latest\":true}"))).Result);
            }
        }

        [Fact]
        public async Task ASubProcessRunsItsTreeWithTheValuesItPassesAndHandsItsOutputsBack()
        {
            using (var host = WithTemplates((5, Template())))
            {
                var reply = await host.Create(Parent());
                long id = reply.Data.Num("task_id");
                var tree = reply.Data.Obj("pipeline_tree");
                string subId = tree.Obj("activities").Properties.First(p => p.Value.Str("type") == "SubProcess").Name;
                string afterId = tree.Obj("activities").Properties.First(p => p.Value.Str("template_node_id") == "nafter").Name;
                string childId = tree.Obj("activities").Obj(subId).Obj("pipeline").Obj("activities").Properties.Single().Name;
                Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                var status = await WaitFor(host, id, "FINISHED");
                Assert.Equal("FINISHED", status.Data.Str("state"));
                var subEntry = status.Data.Obj("children").Obj(subId);
                Assert.Equal("child", subEntry.Str("name"));
                Assert.Equal("FINISHED", subEntry.Obj("children").Obj(childId).Str("state"));
                Assert.Equal(subId, subEntry.Obj("children").Obj(childId).Str("parent_id"));

                // The child sees ${greet} rendered in the parent ("hi ops"), its own hidden ${secret}, and evaluates expressions.
                var child = await host.Gateway("GET", $"get_task_node_detail/{id}/2", query: $"node_id={childId}&component_code=noop&subprocess_stack=%5B%22{subId}%22%5D");
                Assert.True(child.Result, child.Text);
                Assert.Equal("hi ops s 7", child.Data.Obj("inputs").Str("msg"));
                // The SubProcess node's inputs are what it passed; its outputs are the child's outputs.
                var subDetail = await host.Gateway("GET", $"get_task_node_detail/{id}/2", query: $"node_id={subId}");
                Assert.Equal("{\"${greet}\":\"hi ops\"}", JsonWriter.Write(subDetail.Data.Obj("inputs"), false)); // hidden constants are not passed
                Assert.True(subDetail.Result, subDetail.Text);
                // The output feeding the parent's ${got} is shown under that name (spec 2.15.5).
                Assert.Contains(((JsonArray)((JsonObject)subDetail.Data)["outputs"]).Items, o => o.Str("key") == "got" && o.Str("value") == "hi ops-s");
                // ${got} took the child's ${result}.
                var after = await host.Gateway("GET", $"get_task_node_detail/{id}/2", query: $"node_id={afterId}&component_code=noop");
                Assert.Equal("hi ops-s", after.Data.Obj("inputs").Str("x"));
            }
        }

        [Fact]
        public async Task TemplatesTheSandboxCannotResolveGetTheServersAnswers()
        {
            var self = new TestTree().SubProcess("nloop", 8).Chain(TestTree.Start, "nloop", TestTree.End).Build();
            using (var host = WithTemplates((5, Template()), (8, self)))
            {
                // A template that contains itself: bk-sops stops at TEMPLATE_MAX_RECURSIVE_NUMBER (200) levels.
                var loop = await host.Create(Parent(templateId: 8));
                Assert.Equal(200, loop.Status);
                Assert.Equal("[API] fast_create_task create pipeline error: Template recursive number exceeds limit.", loop.Message);
                Assert.Equal(3599999, loop.Code);
                // Common templates (the sandbox has none) and a SubProcess without constants: bk-sops raises, HTTP 500.
                Assert.Equal(500, (await host.Create(Parent(), extra: "\"has_common_subprocess\":true,")).Status);
                Assert.Equal(500, (await host.Create(Parent(extraSubProcessJson: "{\"template_source\":\"common\"}"))).Status);
                Assert.Equal(500, (await host.Create(Parent(withConstants: false))).Status);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task TemplatesNestAndANestedUnknownTemplateIsTheServersHttp500()
        {
            JsonObject Wrapper(long inner) => new TestTree { PipelineId = "nwrapper" }.SubProcess("ninner", inner, "inner")
                .Chain(TestTree.Start, "ninner", TestTree.End).Build();
            using (var host = WithTemplates((5, Template()), (9, Wrapper(5)), (10, Wrapper(99))))
            {
                var reply = await host.Create(Parent(templateId: 9));
                Assert.True(reply.Result, reply.Text);
                var outer = reply.Data.Obj("pipeline_tree").Obj("activities").Properties.Single(p => p.Value.Str("type") == "SubProcess");
                var inner = outer.Value.Obj("pipeline").Obj("activities").Properties.Single();
                Assert.Equal("ninner", inner.Value.Str("template_node_id"));
                Assert.Equal("5", inner.Value.Str("original_template_id"));
                Assert.Equal(inner.Name, inner.Value.Obj("pipeline").Str("id"));
                Assert.Equal("nchild", inner.Value.Obj("pipeline").Obj("activities").Properties.Single().Value.Str("template_node_id"));

                long id = reply.Data.Num("task_id");
                Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                var status = await WaitFor(host, id, "FINISHED");
                Assert.Equal("FINISHED", status.Data.Str("state"));
                Assert.Equal("FINISHED", status.Data.Obj("children").Obj(outer.Name).Obj("children").Obj(inner.Name).Str("state"));

                Assert.Equal(500, (await host.Create(Parent(templateId: 10))).Status);
            }
        }
    }
}
