using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>Spec 2.15.2's task operation × state table, cell by cell, and 2.15.3's pause/resume/revoke semantics.</summary>
    public class TaskOperationTests
    {
        private const string Pipeline = "npipeline0000000000000000000000a";

        private static Harness TwoSleeps() =>
            new Harness(new TestTree().Sleep("ns1", JsonNode.From(10)).Sleep("ns2", JsonNode.From(10)).Chain(TestTree.Start, "ns1", "ns2", TestTree.End));

        [Fact]
        public void OnACREATEDTaskPauseResumeAndRevokeAnswerTaskNotStarted()
        {
            var h = TwoSleeps();
            AssertFailure(h.Run.Pause(), "task not started", 3545000);
            AssertFailure(h.Run.Resume(), "task not started", 3545000);
            AssertFailure(h.Run.Revoke(), "task not started", 3545000);
            AssertFailure(h.Run.OperateTask("stop"), "task command is invalid", 3545000);
            Assert.Equal("CREATED", h.TaskState);
        }

        [Fact]
        public void OnARUNNINGTaskPauseIsOKAndResumeIsRejectedByTheEngine()
        {
            var h = TwoSleeps().Started();
            AssertEngine(h.Run.Resume(), "bamboo_engine.exceptions.InvalidOperationError: pipeline(" + Pipeline + ") state is: RUNNING");
            AssertOk(h.Run.Pause());
            Assert.Equal("SUSPENDED", h.TaskState);
        }

        [Fact]
        public void OnASUSPENDEDTaskPauseIsAStateErrorAndResumeAndRevokeAreOK()
        {
            var h = TwoSleeps().Started();
            AssertOk(h.Run.Pause());
            AssertEngine(h.Run.Pause(), "RuntimeError: can't not transit node(" + Pipeline + ") state from SUSPENDED to SUSPENDED");
            AssertOk(h.Run.Resume());
            Assert.Equal("RUNNING", h.TaskState);
            AssertOk(h.Run.Pause());
            AssertOk(h.Run.Revoke());
            Assert.Equal("REVOKED", h.TaskState);
        }

        [Fact]
        public void OnAReportedFAILEDTaskPauseAndRevokeAreOKBecauseTheEngineRootIsRUNNING()
        {
            var h = new Harness(new TestTree().Activity("nf", code: "boom").Chain(TestTree.Start, "nf", TestTree.End), o => o.FailPlugins.Add("boom")).Started();
            Assert.Equal("FAILED", h.TaskState);
            AssertEngine(h.Run.Resume(), "bamboo_engine.exceptions.InvalidOperationError: pipeline(" + Pipeline + ") state is: RUNNING");
            AssertOk(h.Run.Pause());
            Assert.Equal("SUSPENDED", h.TaskState);
            AssertOk(h.Run.Revoke());
            Assert.Equal("REVOKED", h.TaskState);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void OnAFINISHEDOrREVOKEDTaskEveryOperationIsRefused(bool finish)
        {
            var h = TwoSleeps().Started();
            if (finish) h.Wait(20);
            else AssertOk(h.Run.Revoke());
            Assert.Equal(finish ? "FINISHED" : "REVOKED", h.TaskState);
            Assert.True(h.Run.IsArchived);
            AssertFailure(h.Run.Pause(), "task with current_flow:finished cannot be pauseed", 3545000);
            AssertFailure(h.Run.Resume(), "task with current_flow:finished cannot be resumeed", 3545000);
            AssertFailure(h.Run.Revoke(), "task with current_flow:finished cannot be revokeed", 3545000);
            AssertFailure(h.Run.OperateTask("stop"), "task with current_flow:finished cannot be stoped", 3545000);
            AssertFailure(h.Run.StartTask("u"), "task already started", 3545000);
            AssertFailure(h.Run.Start(), "task already started", 3545000);
        }

        [Fact]
        public void PauseLetsTheRunningSleepFinishAndParksBeforeTheNextNodeUntilResume()
        {
            var h = TwoSleeps().Started();
            h.Wait(3);
            AssertOk(h.Run.Pause());
            h.Wait(7);
            Assert.Equal("FINISHED", h.StateOf("ns1"));
            Assert.Null(h.Entry("ns2"));
            Assert.Equal("SUSPENDED", h.TaskState);
            h.Wait(60);
            Assert.Null(h.Entry("ns2"));
            AssertOk(h.Run.Resume());
            h.Scheduler.RunUntilIdle();
            Assert.Equal("RUNNING", h.StateOf("ns2"));
            h.Wait(10);
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void RevokeKeepsNodeStatesLetsTheSleepFinishAndStartsNothingMore()
        {
            var h = TwoSleeps().Started();
            h.Wait(2);
            AssertOk(h.Run.Revoke());
            var s = h.Status();
            Assert.Equal("REVOKED", Str(s["state"]));
            Assert.Equal("RUNNING", Str(Find(s, "ns1")["state"]));
            Assert.IsType<JsonNull>(s["finish_time"]);
            h.Wait(8);
            Assert.Equal("FINISHED", h.StateOf("ns1"));
            Assert.Null(h.Entry("ns2"));
            s = h.Status();
            Assert.Equal("REVOKED", Str(s["state"]));
            Assert.IsType<JsonNull>(s["finish_time"]);
            Assert.Equal(10, Num(s["elapsed_time"]));
            h.Wait(5);
            Assert.Equal(15, Num(h.Status()["elapsed_time"]));
        }

        [Fact]
        public void ChangedIsRaisedForStartsStepsAndOperations()
        {
            var h = TwoSleeps();
            int count = 0;
            h.Run.Changed += (s, e) => count++;
            h.Started();
            int afterStart = count;
            Assert.True(afterStart >= 2);
            h.Run.Pause();
            Assert.Equal(afterStart + 1, count);
            h.Run.Pause();
            Assert.Equal(afterStart + 1, count);
        }
    }
}
