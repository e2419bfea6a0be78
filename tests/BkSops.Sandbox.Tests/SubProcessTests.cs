using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    public class SubProcessTests
    {
        private static JsonObject Template(string code = "noop", int sleep = 4)
        {
            var t = new TestTree { PipelineId = "ntemplate" }.Sleep("ninner_sleep", JsonNode.From(sleep)).Activity("ninner", code, name: "Inner step")
                .Chain(TestTree.Start, "ninner_sleep", "ninner", TestTree.End);
            return t.Build();
        }

        private static Harness WithSub(string code = "noop") =>
            new Harness(new TestTree().SubProcess("nsub", 7, name: "Child flow").Activity("nafter").Chain(TestTree.Start, "nsub", "nafter", TestTree.End),
                o => { o.Templates[7] = Template(code); o.FailPlugins.Add("boom"); });

        private static JsonObject ChildByName(JsonObject subEntry, string name) =>
            ((JsonObject)subEntry["children"]).Properties.Select(p => (JsonObject)p.Value).First(c => Str(c["name"]) == name);

        [Fact]
        public void ARegisteredTemplateRunsAsAChildPipelineNestedInTheStatus()
        {
            var h = WithSub().Started();
            var sub = h.Entry("nsub");
            Assert.Equal("RUNNING", Str(sub["state"]));
            Assert.Equal("Child flow", Str(sub["name"]));
            var children = (JsonObject)sub["children"];
            Assert.Equal(2, children.Count);
            foreach (var c in children.Properties)
            {
                var entry = (JsonObject)c.Value;
                Assert.Equal("nsub", Str(entry["parent_id"]));
                Assert.Equal("npipeline0000000000000000000000a", Str(entry["root_id:"]));
                // The unfolded tree gets fresh ids in the server's format.
                Assert.Matches("^n[0-9a-f]{31}$", c.Name);
            }
            Assert.Null(h.Entry("nafter"));
            h.Wait(4);
            var s = h.Status();
            Assert.Equal("FINISHED", Str(s["state"]));
            Assert.Equal("FINISHED", Str(Find(s, "nsub")["state"]));
            Assert.Equal("FINISHED", Str(ChildByName(Find(s, "nsub"), "Inner step")["state"]));
            Assert.Equal("FINISHED", Str(Find(s, "nafter")["state"]));
        }

        [Fact]
        public void SubprocessIdReturnsTheEntryOrCREATEDBeforeItIsReached()
        {
            var h = new Harness(new TestTree().Sleep("nfirst", JsonNode.From(2)).SubProcess("nsub", 7).Chain(TestTree.Start, "nfirst", "nsub", TestTree.End),
                o => o.Templates[7] = Template()).Started();
            var created = h.Status(subprocessId: "nsub");
            Assert.Equal("CREATED", Str(created["state"]));
            Assert.Equal("my task", Str(created["name"]));
            h.Wait(2);
            var sub = h.Status(subprocessId: "nsub");
            Assert.Equal("nsub", Str(sub["id"]));
            Assert.Equal("RUNNING", Str(sub["state"]));
            Assert.Equal("my task", Str(sub["name"]));
        }

        [Fact]
        public void AFailedNodeInsideReadsFAILEDUpToTheRootAndExDataNamesTheLeaf()
        {
            var h = WithSub("boom").Started();
            h.Wait(4);
            var s = h.Status(exData: true, failedInfo: true);
            Assert.Equal("FAILED", Str(s["state"]));
            var sub = Find(s, "nsub");
            Assert.Equal("FAILED", Str(sub["state"]));
            var inner = ChildByName(sub, "Inner step");
            string innerId = Str(inner["id"]);
            Assert.Equal(new[] { innerId }, ((JsonObject)s["ex_data"]).Keys.ToArray());
            Assert.Equal(new[] { "nsub", innerId }, ((JsonObject)s["failed_node_info"]).Keys.ToArray());
            // The engine's sub-process state is RUNNING: retry_subprocess is refused; the inner node can be skipped.
            AssertEngine(h.Node("retry_subprocess", "nsub"), "bamboo_engine.exceptions.InvalidOperationError: nsub state is not FAILED, actual RUNNING");
            AssertEngine(h.Node("skip", "nsub"), "bamboo_engine.exceptions.InvalidOperationError: can not skip this node");
            AssertOk(h.Node("skip", innerId));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void PauseSubprocParksTheChildPipelineAndTheRootReadsNODESUSPENDED()
        {
            var h = WithSub().Started();
            AssertOk(h.Node("pause_subproc", "nsub"));
            Assert.Equal("NODE_SUSPENDED", h.TaskState);
            AssertEngine(h.Node("pause", "nsub"), "bamboo_engine.exceptions.InvalidOperationError: can not use pause_node_appoint api for NodeType.SubProcess");
            h.Wait(10);
            var inner = ChildByName(h.Entry("nsub"), "ninner_sleep");
            Assert.Equal("FINISHED", Str(inner["state"]));
            Assert.DoesNotContain(((JsonObject)h.Entry("nsub")["children"]).Properties, p => Str(((JsonObject)p.Value)["name"]) == "Inner step");
            AssertOk(h.Node("resume_subproc", "nsub"));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
            AssertEngine(h.Node("resume_subproc", "nsub"), "bamboo_engine.exceptions.InvalidOperationError: pipeline(nsub) state is: FINISHED");
        }

        [Fact]
        public void ATemplateThatContainsItselfFailsTheStart()
        {
            var self = new TestTree().SubProcess("nloop", 8).Chain(TestTree.Start, "nloop", TestTree.End).Build();
            var h = new Harness(new TestTree().SubProcess("nsub", 8).Chain(TestTree.Start, "nsub", TestTree.End), o => o.Templates[8] = self).Started();
            Assert.Equal("CREATED", h.TaskState);
            Assert.Contains("nest more than", h.Run.StartError);
        }

        /// <summary>A parent tree with its SubProcess unfolded as fast_create_task stores it (template 7: sleep 4 s, then echo ${greet}).</summary>
        private static JsonObject Unfolded()
        {
            var template = new TestTree { PipelineId = "ntemplate" }.Constant("${greet}", JsonNode.From("hello"))
                .Sleep("ninner_sleep", JsonNode.From(4)).Activity("necho", inputs: ("msg", JsonNode.From("${greet}!")))
                .Chain(TestTree.Start, "ninner_sleep", "necho", TestTree.End).Build();
            var parent = new TestTree().Constant("${who}", JsonNode.From("ops")).SubProcess("nsub", 7).Chain(TestTree.Start, "nsub", TestTree.End).Build();
            var given = (JsonObject)((JsonObject)template["constants"])["${greet}"].Clone();
            given.Set("value", JsonNode.From("hi ${who}"));
            ((JsonObject)((JsonObject)((JsonObject)parent["activities"])["nsub"])["constants"]).Set("${greet}", given);
            var templates = new BkSops.Sandbox.Creation.ProjectTemplates(new System.Collections.Generic.Dictionary<long, JsonObject> { [7] = template });
            Assert.Null(BkSops.Sandbox.Creation.SubProcessUnfolder.Unfold(parent, templates, false, out var unfolding));
            return BkSops.Sandbox.Creation.TaskCreator.Finish(parent, unfolding);
        }

        [Fact]
        public void AnUnfoldedSubProcessRunsOnAfterARestartWithTheValuesItWasPassed()
        {
            var tree = Unfolded();
            var h = new Harness(tree).Started();
            string subId = ((JsonObject)tree["activities"]).Properties.Single().Name;
            var child = (JsonObject)((JsonObject)((JsonObject)tree["activities"])[subId])["pipeline"];
            string echoId = ((JsonObject)child["activities"]).Properties.Single(p => Str(((JsonObject)p.Value)["template_node_id"]) == "necho").Name;
            h.Wait(2);
            string text = JsonWriter.Write(h.Run.Snapshot(), indented: false);
            Assert.DoesNotContain("\"id_map\"", text); // the unfolded tree is part of the task's tree, not kept twice
            var after = new Harness(new TestTree().Build());
            after.Run = TaskRun.Restore((JsonObject)JsonReader.Parse(text), after.Options);
            Assert.Equal("RUNNING", after.TaskState);
            after.Wait(4);
            Assert.Equal("FINISHED", after.TaskState);
            var inputs = (JsonObject)((JsonObject)after.Run.GetNodeDetail(echoId).Data)["inputs"];
            Assert.Equal("hi ops!", Str(inputs["msg"]));
        }
    }
}
