using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>auto_retry and timeout_config (spec 2.15.3).</summary>
    public class StrategyTests
    {
        private static Harness Failing(JsonObject autoRetry)
        {
            var tree = new TestTree().Activity("nf", "boom").Chain(TestTree.Start, "nf", TestTree.End).Build();
            ((JsonObject)((JsonObject)tree["activities"])["nf"]).Set("auto_retry", autoRetry);
            return new Harness(tree, o => o.FailPlugins.Add("boom")).Started();
        }

        [Fact]
        public void AFailingNodeIsRetriedAutomaticallyAfterTheIntervalUpToTheMaximum()
        {
            var h = Failing(Body(("enable", JsonNode.From(true)), ("times", JsonNode.From(2)), ("interval", JsonNode.From(5))));
            var s = h.Status(failedInfo: true, autoRetry: true);
            Assert.Equal("FAILED", Str(s["state"]));
            Assert.Equal("{\"nf\":{\"node_id\":\"nf\",\"auto_retry_times\":0,\"max_auto_retry_times\":2}}", JsonWriter.Write(s["failed_node_info"], false));
            Assert.Equal("{\"exist_auto_retry_nodes\":true,\"auto_retry_nodes\":[\"nf\"]}", JsonWriter.Write(s["auto_retry_status"], false));
            h.Wait(4);
            Assert.Equal(0, Num(h.Entry("nf")["retry"]));
            h.Wait(1);
            Assert.Equal("FAILED", h.StateOf("nf"));
            Assert.Equal(1, Num(h.Entry("nf")["retry"]));
            h.Wait(5);
            Assert.Equal(2, Num(h.Entry("nf")["retry"]));
            h.Wait(60);
            Assert.Equal(2, Num(h.Entry("nf")["retry"]));
            s = h.Status(failedInfo: true, autoRetry: true);
            Assert.Equal("{\"nf\":{\"node_id\":\"nf\",\"auto_retry_times\":2,\"max_auto_retry_times\":2}}", JsonWriter.Write(s["failed_node_info"], false));
            Assert.Equal("{\"exist_auto_retry_nodes\":false,\"auto_retry_nodes\":[]}", JsonWriter.Write(s["auto_retry_status"], false));
            Assert.Equal("{\"node_id\":\"nf\",\"auto_retry_times\":2,\"max_auto_retry_times\":2}", JsonWriter.Write(((JsonObject)h.Run.GetNodeDetail("nf").Data)["auto_retry_info"], false));
        }

        [Fact]
        public void TimesAndIntervalAreCappedLikeBkSopsAndASkipCancelsThePendingRetry()
        {
            var h = Failing(Body(("enable", JsonNode.From(true)), ("times", JsonNode.From(-50)), ("interval", JsonNode.From("600"))));
            Assert.Equal("{\"nf\":{\"node_id\":\"nf\",\"auto_retry_times\":0,\"max_auto_retry_times\":10}}", JsonWriter.Write(h.Status(failedInfo: true)["failed_node_info"], false));
            h.Wait(59);
            Assert.Equal(0, Num(h.Entry("nf")["retry"]));
            h.Wait(1);
            Assert.Equal(1, Num(h.Entry("nf")["retry"]));
            AssertOk(h.Node("skip", "nf"));
            h.Wait(600);
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal(1, Num(h.Entry("nf")["retry"]));
        }

        private static Harness WithTimeout(string action, int sleep)
        {
            var tree = new TestTree().Sleep("ns", JsonNode.From(sleep)).Activity("nnext").Chain(TestTree.Start, "ns", "nnext", TestTree.End).Build();
            ((JsonObject)((JsonObject)tree["activities"])["ns"]).Set("timeout_config",
                Body(("enable", JsonNode.From(true)), ("seconds", JsonNode.From(10)), ("action", JsonNode.From(action))));
            return new Harness(tree).Started();
        }

        [Fact]
        public void ANodeRunningPastItsTimeoutIsForceFailedAndCanBeRetried()
        {
            var h = WithTimeout("forced_fail", 60);
            string version = Str(h.Entry("ns")["version"]);
            h.Wait(10);
            Assert.Equal("FAILED", h.StateOf("ns"));
            Assert.NotEqual(version, Str(h.Entry("ns")["version"]));
            Assert.Equal("The node has been terminated by the system due to exceeding the 'Timeout Setting'.", Str(((JsonObject)h.Status(exData: true)["ex_data"])["ns"]));
            h.Wait(100);
            Assert.Equal("FAILED", h.StateOf("ns"));
            AssertOk(h.Node("retry", "ns", Body(("inputs", Body(("bk_timing", JsonNode.From(3)))))));
            h.Wait(3);
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void ForcedFailAndSkipMovesOnAndANodeFinishingInTimeIsNotTouched()
        {
            var h = WithTimeout("forced_fail_and_skip", 60);
            h.Wait(10);
            var e = h.Entry("ns");
            Assert.Equal("FINISHED", Str(e["state"]));
            Assert.True(((JsonBoolean)e["skip"]).Value);
            Assert.Equal("FINISHED", h.TaskState);

            h = WithTimeout("forced_fail", 5);
            h.Wait(30);
            Assert.Equal("FINISHED", h.TaskState);
            Assert.False(((JsonBoolean)h.Entry("ns")["skip"]).Value);
        }

        [Fact]
        public void APendingAutomaticRetrySurvivesARestart()
        {
            var h = Failing(Body(("enable", JsonNode.From(true)), ("times", JsonNode.From(1)), ("interval", JsonNode.From(5))));
            var after = new Harness(new TestTree().Build(), o => o.FailPlugins.Add("boom"));
            after.Run = TaskRun.Restore(h.Run.Snapshot(), after.Options);
            after.Wait(5);
            Assert.Equal(1, Num(after.Entry("nf")["retry"]));
            Assert.Equal(1, Num(((JsonObject)((JsonObject)after.Status(failedInfo: true)["failed_node_info"])["nf"])["auto_retry_times"]));
        }
    }
}
