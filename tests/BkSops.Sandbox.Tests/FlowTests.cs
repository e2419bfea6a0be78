using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>Parallel branches, conditions chosen at run time, converging, error_ignorable, loops.</summary>
    public class FlowTests
    {
        /// <summary>start → parallel → (sleep a s | sleep b s | noop) → converge → after → end.</summary>
        private static TestTree ThreeBranches(int a, int b, string third = "noop") =>
            new TestTree().Parallel("npg", "ncg").Sleep("na", JsonNode.From(a)).Sleep("nb", JsonNode.From(b)).Activity("nc", third)
                .Converge("ncg").Activity("nafter")
                .Chain(TestTree.Start, "npg", "na", "ncg", "nafter", TestTree.End).Chain("npg", "nb", "ncg").Chain("npg", "nc", "ncg");

        [Fact]
        public void ParallelBranchesRunSideBySideAndTheConvergeWaitsForAll()
        {
            var h = new Harness(ThreeBranches(5, 10)).Started();
            var s = h.Status();
            Assert.Equal("RUNNING", Str(Find(s, "na")["state"]));
            Assert.Equal("RUNNING", Str(Find(s, "nb")["state"]));
            Assert.Equal("FINISHED", Str(Find(s, "nc")["state"]));
            Assert.Equal(Str(Find(s, "na")["start_time"]), Str(Find(s, "nb")["start_time"]));
            h.Wait(5);
            Assert.Equal("FINISHED", h.StateOf("na"));
            Assert.Equal("RUNNING", h.StateOf("nb"));
            Assert.Null(h.Entry("ncg"));
            h.Wait(5);
            s = h.Status();
            Assert.Equal("FINISHED", Str(s["state"]));
            Assert.All(new[] { "npg", "na", "nb", "nc", "ncg", "nafter", TestTree.End }, id => Assert.Equal("FINISHED", Str(Find(s, id)["state"])));
            Assert.Equal(10, Num(s["elapsed_time"]));
        }

        [Fact]
        public void AFailedBranchFailsTheTaskWhileTheOthersRunOnAndTheConvergeIsNeverReached()
        {
            var h = new Harness(ThreeBranches(5, 10, third: "boom"), o => o.FailPlugins.Add("boom")).Started();
            Assert.Equal("FAILED", h.TaskState);
            Assert.Equal("RUNNING", h.StateOf("na"));
            h.Wait(10);
            var s = h.Status(exData: true, failedInfo: true, autoRetry: true);
            Assert.Equal("FAILED", Str(s["state"]));
            Assert.Equal("FINISHED", Str(Find(s, "nb")["state"]));
            Assert.Null(Find(s, "ncg"));
            Assert.Equal("{\"nc\":\"plugin boom failed: the sandbox is set to make it fail (FailPlugins)\"}", JsonWriter.Write(s["ex_data"], false));
            Assert.Equal("{\"nc\":{}}", JsonWriter.Write(s["failed_node_info"], false));
            Assert.Equal("{\"exist_auto_retry_nodes\":false,\"auto_retry_nodes\":[]}", JsonWriter.Write(s["auto_retry_status"], false));
            AssertOk(h.Node("skip", "nc"));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void ExDataIsAddedOnlyWhenTheTaskReadsFAILED()
        {
            var h = new Harness(ThreeBranches(5, 10)).Started();
            Assert.Null(h.Status(exData: true)["ex_data"]);
        }

        [Fact]
        public void APausedTaskWithAFailedNodeReadsSUSPENDED()
        {
            var h = new Harness(ThreeBranches(5, 10, third: "boom"), o => o.FailPlugins.Add("boom")).Started();
            AssertOk(h.Run.Pause());
            Assert.Equal("SUSPENDED", h.TaskState);
            Assert.Equal("RUNNING", h.StateOf("na"));
        }

        [Fact]
        public void AnErrorIgnorableNodeThatFailsIsFINISHEDWithErrorIgnoredAndTheFlowGoesOn()
        {
            var t = new TestTree().Activity("nf", "boom", errorIgnorable: true).Activity("nnext").Chain(TestTree.Start, "nf", "nnext", TestTree.End);
            var h = new Harness(t, o => o.FailPlugins.Add("boom")).Started();
            var s = h.Status();
            Assert.Equal("FINISHED", Str(s["state"]));
            var e = Find(s, "nf");
            Assert.Equal("FINISHED", Str(e["state"]));
            Assert.True(((JsonBoolean)e["error_ignored"]).Value);
            Assert.True(((JsonBoolean)e["error_ignorable"]).Value);
            Assert.Equal("FINISHED", Str(Find(s, "nnext")["state"]));
            var detail = (JsonObject)h.Run.GetNodeDetail("nf").Data;
            Assert.Equal("plugin boom failed: the sandbox is set to make it fail (FailPlugins)", Str(detail["ex_data"]));
            var result = ((JsonArray)detail["outputs"]).Items.Cast<JsonObject>().First(o => Str(o["key"]) == "_result");
            Assert.False(((JsonBoolean)result["value"]).Value);
            AssertEngine(h.Node("retry", "nf"), "bamboo_engine.exceptions.InvalidOperationError: nf state is not FAILED, actual FINISHED");
        }

        private static TestTree EnvSwitch(string prodCondition, string devCondition, bool withDefault = false)
        {
            var t = new TestTree().Constant("${env}", JsonNode.From("prod"))
                .Exclusive("ngw", "ncv").Activity("nprod").Activity("ndev").Activity("nother").Converge("ncv");
            t.Flow(TestTree.Start, "ngw");
            t.Flow("ngw", "nprod", prodCondition);
            t.Flow("ngw", "ndev", devCondition);
            if (withDefault) t.Flow("ngw", "nother", isDefault: true);
            else t.Flow("ngw", "nother", "1 == 0");
            t.Chain("nprod", "ncv", TestTree.End);
            t.Flow("ndev", "ncv");
            t.Flow("nother", "ncv");
            return t;
        }

        [Fact]
        public void AnExclusiveGatewayTakesTheBranchWhoseConditionHoldsWithTheConstants()
        {
            var h = new Harness(EnvSwitch("\"${env}\" == \"prod\"", "\"${env}\" == \"dev\"")).Started();
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("FINISHED", h.StateOf("nprod"));
            Assert.Null(h.Entry("ndev"));
            Assert.Null(h.Entry("nother"));
        }

        [Fact]
        public void NoConditionHoldingTakesTheDefaultFlow()
        {
            var h = new Harness(EnvSwitch("\"${env}\" == \"test\"", "\"${env}\" == \"dev\"", withDefault: true)).Started();
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("FINISHED", h.StateOf("nother"));
            Assert.Null(h.Entry("nprod"));
        }

        [Fact]
        public void SeveralConditionsHoldingFailAnExclusiveGateway()
        {
            var h = new Harness(EnvSwitch("\"${env}\" == \"prod\"", "${env} in (\"prod\", \"dev\")")).Started();
            Assert.Equal("FAILED", h.TaskState);
            Assert.Equal("multiple conditions meet: ['nprod', 'ndev']", Str(((JsonObject)h.Status(exData: true)["ex_data"])["ngw"]));
        }

        [Fact]
        public void AConditionThatDoesNotParseFailsTheGatewayAtRunTime()
        {
            var h = new Harness(EnvSwitch("${env} = prod", "\"${env}\" == \"dev\"")).Started();
            Assert.Equal("FAILED", h.StateOf("ngw"));
            Assert.StartsWith("evaluate[${env} = prod] fail with data[", Str(((JsonObject)h.Status(exData: true)["ex_data"])["ngw"]));
        }

        [Fact]
        public void AFormTheSandboxCannotRenderStaysLiteralText()
        {
            // int("prod") raises ValueError, so ${int(env) + 1} is left as written and both sides are the same text.
            var h = new Harness(EnvSwitch("\"${int(env) + 1}\" == \"${int(env) + 1}\"", "\"${missing}\" == \"x\"")).Started();
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("FINISHED", h.StateOf("nprod"));
        }

        [Fact]
        public void ConditionsSeePluginOutputsWrittenBeforeTheGatewayRuns()
        {
            var t = new TestTree()
                .Activity("npick", inputs: ("color", JsonNode.From("blue")))
                .Constant("${color}", JsonNode.From(""), sourceType: "component_outputs", sourceNode: "npick", sourceKey: "color")
                .Exclusive("ngw", "ncv").Activity("nblue").Activity("nred").Converge("ncv");
            t.Chain(TestTree.Start, "npick", "ngw");
            t.Flow("ngw", "nblue", "\"${color}\" == \"blue\"");
            t.Flow("ngw", "nred", "\"${color}\" == \"red\"");
            t.Chain("nblue", "ncv", TestTree.End);
            t.Flow("nred", "ncv");
            var h = new Harness(t).Started();
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("FINISHED", h.StateOf("nblue"));
            Assert.Null(h.Entry("nred"));
        }

        [Fact]
        public void AConditionalParallelGatewayRunsEveryBranchWhoseConditionHoldsAndJoinsThem()
        {
            var t = new TestTree().Constant("${n}", JsonNode.From(5))
                .ConditionalParallel("ncpg", "ncv").Sleep("nbig", JsonNode.From(3)).Sleep("nodd", JsonNode.From(6)).Activity("nsmall").Converge("ncv");
            t.Flow(TestTree.Start, "ncpg");
            t.Flow("ncpg", "nbig", "${n} > 3");
            t.Flow("ncpg", "nodd", "${n} in (1, 3, 5)");
            t.Flow("ncpg", "nsmall", "${n} < 3");
            t.Chain("nbig", "ncv", TestTree.End);
            t.Flow("nodd", "ncv");
            t.Flow("nsmall", "ncv");
            var h = new Harness(t).Started();
            Assert.Equal("RUNNING", h.StateOf("nbig"));
            Assert.Equal("RUNNING", h.StateOf("nodd"));
            Assert.Null(h.Entry("nsmall"));
            h.Wait(3);
            Assert.Null(h.Entry("ncv"));
            h.Wait(3);
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Null(h.Entry("nsmall"));
        }

        [Fact]
        public void NestedParallelGatewaysJoinInnerThenOuter()
        {
            var t = new TestTree().Parallel("nouter", "nouterc").Parallel("ninner", "ninnerc")
                .Sleep("n1", JsonNode.From(1)).Sleep("n2", JsonNode.From(2)).Sleep("n3", JsonNode.From(3))
                .Converge("ninnerc").Converge("nouterc");
            t.Chain(TestTree.Start, "nouter", "ninner", "n1", "ninnerc", "nouterc", TestTree.End);
            t.Chain("ninner", "n2", "ninnerc");
            t.Chain("nouter", "n3", "nouterc");
            var h = new Harness(t).Started();
            h.Wait(2);
            Assert.Equal("FINISHED", h.StateOf("ninnerc"));
            Assert.Null(h.Entry("nouterc"));
            h.Wait(1);
            Assert.Equal("FINISHED", h.TaskState);
        }

        /// <summary>start → na → gw: back to na while its _loop output is below 3, else end.</summary>
        private static TestTree Loop()
        {
            var t = new TestTree()
                .Activity("na")
                .Constant("${times}", JsonNode.From(0), sourceType: "component_outputs", sourceNode: "na", sourceKey: "_loop")
                .Exclusive("ngw").Converge("ncv");
            t.Chain(TestTree.Start, "ncv", "na", "ngw");
            t.Flow("ngw", "ncv", "${times} < 3");
            t.Flow("ngw", TestTree.End, "${times} >= 3");
            return t;
        }

        [Fact]
        public void ANodeEnteredAgainInALoopGetsLoopPlusOneAndAHistoryRow()
        {
            var h = new Harness(Loop()).Started();
            Assert.Equal("FINISHED", h.TaskState);
            var e = h.Entry("na");
            Assert.Equal(3, Num(e["loop"]));
            Assert.Equal(3, Num(h.Entry("ngw")["loop"]));
            var detail = (JsonObject)h.Run.GetNodeDetail("na").Data;
            Assert.Empty(((JsonArray)detail["histories"]).Items);
            Assert.Equal(3, Num(((JsonObject)detail["inputs"])["_loop"]));
            var past = (JsonObject)h.Run.GetNodeDetail("na", loop: 1).Data;
            Assert.Equal("FINISHED", Str(past["state"]));
            Assert.Equal(1, Num(past["loop"]));
        }

        [Fact]
        public void GoingOverTheRerunLimitFailsTheNode()
        {
            var h = new Harness(Loop(), o => o.RerunLimit = 1).Started();
            Assert.Equal("FAILED", h.TaskState);
            Assert.Equal("node execution exceed rerun limit 1", Str(((JsonObject)h.Status(exData: true)["ex_data"])["ncv"]));
        }
    }
}
