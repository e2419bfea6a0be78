using System;
using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>contracts.md section 5: after a restart finished nodes stay finished, a running task runs on, a suspended one stays suspended.</summary>
    public class RestoreTests
    {
        private static TestTree Tree() =>
            new TestTree().Parallel("npg", "ncg").Sleep("nshort", JsonNode.From(2)).Sleep("nlong", JsonNode.From(10)).Activity("nwait", "pause_node")
                .Converge("ncg").Activity("nafter")
                .Chain(TestTree.Start, "npg", "nshort", "ncg", "nafter", TestTree.End).Chain("npg", "nlong", "ncg").Chain("npg", "nwait", "ncg");

        /// <summary>The snapshot goes through JSON text, as a data folder keeps it.</summary>
        private static Harness Restart(Harness before, Action<ExecutionOptions> configure = null)
        {
            string text = JsonWriter.Write(before.Run.Snapshot(), indented: false);
            var after = new Harness(new TestTree().Build(), configure);
            after.Run = TaskRun.Restore((JsonObject)JsonReader.Parse(text), after.Options);
            return after;
        }

        [Fact]
        public void ARunningTaskRunsOnAfterARestartWithFinishedNodesKept()
        {
            var h = new Harness(Tree()).Started();
            h.Wait(3);
            var before = h.Status();
            var after = Restart(h);
            Assert.Equal("RUNNING", after.TaskState);
            var s = after.Status();
            Assert.Equal(Str(Find(before, "nshort")["version"]), Str(Find(s, "nshort")["version"]));
            Assert.Equal(Str(Find(before, "nshort")["finish_time"]), Str(Find(s, "nshort")["finish_time"]));
            Assert.Equal("RUNNING", Str(Find(s, "nlong")["state"]));
            // The sleep under way starts again: ten seconds from the restart.
            after.Wait(9);
            Assert.Equal("RUNNING", after.StateOf("nlong"));
            after.Wait(1);
            Assert.Equal("FINISHED", after.StateOf("nlong"));
            // The node waiting for a callback still waits, with the same version.
            Assert.Equal("RUNNING", after.StateOf("nwait"));
            AssertOk(after.Run.Callback("nwait", null, Str(Find(before, "nwait")["version"])));
            after.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", after.TaskState);
            Assert.Equal(42, after.Run.TaskId);
            Assert.Equal("my task", after.Run.Name);
        }

        [Fact]
        public void ASuspendedTaskStaysSuspendedAndResumesAfterARestart()
        {
            var h = new Harness(Tree()).Started();
            h.Wait(11);
            AssertOk(h.Run.Pause());
            AssertOk(h.Run.Callback("nwait", null));
            h.Scheduler.RunUntilIdle();
            var after = Restart(h);
            after.Wait(30);
            Assert.Equal("SUSPENDED", after.TaskState);
            Assert.Null(after.Entry("nafter"));
            AssertOk(after.Run.Resume());
            after.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", after.TaskState);
        }

        [Fact]
        public void AFailedNodeCanBeRetriedAfterARestartAndACreatedTaskStarted()
        {
            var t = new TestTree().Activity("nbad", "sleep_timer", inputs: ("bk_timing", JsonNode.From("x"))).Chain(TestTree.Start, "nbad", TestTree.End);
            var h = new Harness(t).Started();
            var after = Restart(h);
            Assert.Equal("FAILED", after.TaskState);
            AssertOk(after.Node("retry", "nbad", Body(("inputs", Body(("bk_timing", JsonNode.From(1)))))));
            after.Wait(1);
            Assert.Equal("FINISHED", after.TaskState);
            Assert.Single(((JsonArray)((JsonObject)after.Run.GetNodeDetail("nbad").Data)["histories"]).Items);

            var created = new Harness(t);
            var restarted = Restart(created);
            Assert.Equal("CREATED", restarted.TaskState);
            restarted.Started();
            Assert.Equal("FAILED", restarted.TaskState);
        }

        [Fact]
        public void ASubProcessKeepsItsIdsAndVariablesAcrossARestart()
        {
            var template = new TestTree { PipelineId = "ntemplate" }.Sleep("ninner", JsonNode.From(5)).Chain(TestTree.Start, "ninner", TestTree.End).Build();
            var h = new Harness(new TestTree().SubProcess("nsub", 3).Chain(TestTree.Start, "nsub", TestTree.End), o => o.Templates[3] = template).Started();
            var ids = ((JsonObject)h.Entry("nsub")["children"]).Keys.ToArray();
            // Registered templates are not needed after the restart: the snapshot carries the tree the task unfolded.
            var after = Restart(h);
            Assert.Equal(ids, ((JsonObject)after.Entry("nsub")["children"]).Keys.ToArray());
            after.Wait(5);
            Assert.Equal("FINISHED", after.TaskState);
        }

        [Fact]
        public void AStartAnsweredButNotYetRunStillHappensAfterARestart()
        {
            var h = new Harness(Tree());
            Assert.True(h.Run.StartTask("u").Result);
            var after = Restart(h);
            Assert.Equal("CREATED", after.TaskState);
            after.Scheduler.RunUntilIdle();
            Assert.Equal("RUNNING", after.TaskState);
        }

        [Fact]
        public void ADamagedSnapshotIsAFormatExceptionNamingTheProblem()
        {
            var snapshot = new Harness(Tree()).Started().Run.Snapshot();
            snapshot.Set("format", JsonNode.From(99));
            var e = Assert.Throws<FormatException>(() => TaskRun.Restore(snapshot, new ExecutionOptions()));
            Assert.Contains("format 99", e.Message);
            snapshot.Set("format", JsonNode.From(1));
            snapshot.Set("states", JsonNode.From("nope"));
            Assert.Throws<FormatException>(() => TaskRun.Restore(snapshot, new ExecutionOptions()));
        }
    }
}
