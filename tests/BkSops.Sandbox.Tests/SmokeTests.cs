using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;

namespace BkSops.Sandbox.Tests
{
    public class SmokeTests
    {
        [Fact]
        public void A_linear_task_runs_to_FINISHED()
        {
            var scheduler = new ManualScheduler();
            var tree = new TestTree().Activity("na").Chain(TestTree.Start, "na", TestTree.End).Build();
            var run = new TaskRun(1, "t", tree, new ExecutionOptions { Scheduler = scheduler });
            Assert.True(run.StartTask("http://x/").Result);
            Assert.Equal("CREATED", run.State);
            scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", run.State);
        }
    }
}
