using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>Issue #10: 100 tasks running at once with parallel branches finish with correct states (real thread pool and timers).</summary>
    public class ConcurrencyTests
    {
        /// <summary>
        /// start → parallel (sleep | conditional parallel (two sleeps, one branch skipped) | noop | a failing node when
        /// <paramref name="fail"/>) → converge → end.
        /// </summary>
        private static JsonObject Tree(int index, bool fail)
        {
            var t = new TestTree { PipelineId = "np" + index.ToString("D30") }
                .Constant("${size}", JsonNode.From(index % 3))
                .Parallel("npg", "ncg")
                .Sleep("nsleep", JsonNode.From(2 + index % 5))
                .ConditionalParallel("ncpg", "nccg").Sleep("nbig", JsonNode.From(3)).Sleep("nsmall", JsonNode.From(1)).Activity("nnever").Converge("nccg")
                .Activity("nnoop", fail ? "boom" : "noop")
                .Converge("ncg").Activity("nafter");
            t.Chain(TestTree.Start, "npg", "nsleep", "ncg", "nafter", TestTree.End);
            t.Chain("npg", "nnoop", "ncg");
            t.Flow("npg", "ncpg");
            t.Flow("ncpg", "nbig", "${size} >= 0");
            t.Flow("ncpg", "nsmall", "${size} < 3");
            t.Flow("ncpg", "nnever", "${size} > 5");
            t.Chain("nbig", "nccg", "ncg");
            t.Flow("nsmall", "nccg");
            t.Flow("nnever", "nccg");
            return t.Build();
        }

        [Fact]
        public async Task AHundredTasksWithParallelBranchesRunAtOnceAndFinishWithCorrectStates()
        {
            var options = new ExecutionOptions { TimeScale = 0.02 };
            options.FailPlugins.Add("boom");
            var runs = Enumerable.Range(0, 100).Select(i => new TaskRun(i + 1, "task " + i, Tree(i, fail: i % 10 == 0), options)).ToList();

            // Start from 8 threads at once while others read states; starts answer at once.
            using var stopReading = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                int reads = 0;
                while (!stopReading.IsCancellationRequested)
                    foreach (var run in runs)
                    {
                        Assert.True(run.GetStatus(withExData: true).Result);
                        reads++;
                    }
                return reads;
            })).ToList();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
            {
                for (int i = w; i < runs.Count; i += 8) Assert.True(runs[i].StartTask("u").Result);
            })));

            var clock = Stopwatch.StartNew();
            // A task with a failed branch reads FAILED at once: it is done when its other branches have reached the converge.
            bool Settled(TaskRun r)
            {
                var status = (JsonObject)r.GetStatus().Data;
                string state = Str(status["state"]);
                if (state == "FINISHED") return true;
                return state == "FAILED" && Str(Find(status, "nsleep")?["state"]) == "FINISHED" && Str(Find(status, "nccg")?["state"]) == "FINISHED";
            }
            while (!runs.All(Settled) && clock.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(20);
            stopReading.Cancel();
            Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));

            for (int i = 0; i < runs.Count; i++)
            {
                var s = (JsonObject)runs[i].GetStatus(withExData: true).Data;
                bool fail = i % 10 == 0;
                Assert.Equal(fail ? "FAILED" : "FINISHED", Str(s["state"]));
                foreach (var id in new[] { TestTree.Start, "npg", "nsleep", "ncpg", "nbig", "nsmall", "nccg" })
                    Assert.Equal("FINISHED", Str(Find(s, id)["state"]));
                Assert.Null(Find(s, "nnever"));
                if (fail)
                {
                    Assert.Equal("FAILED", Str(Find(s, "nnoop")["state"]));
                    Assert.Null(Find(s, "ncg"));
                    Assert.Equal(new[] { "nnoop" }, ((JsonObject)s["ex_data"]).Keys.ToArray());
                }
                else
                {
                    foreach (var id in new[] { "nnoop", "ncg", "nafter", TestTree.End })
                        Assert.Equal("FINISHED", Str(Find(s, id)["state"]));
                    Assert.IsType<JsonString>(s["finish_time"]);
                }
            }
        }

        [Fact]
        public async Task ThreadPoolTimersOfZeroAndTinyDelaysAllFireOnceAndCancelledOnesNever()
        {
            var scheduler = new ThreadPoolScheduler();
            int fired = 0, cancelledFired = 0;
            var cancelled = new List<IDisposable>();
            for (int i = 0; i < 2000; i++)
            {
                scheduler.Schedule(TimeSpan.FromTicks(i % 3), () => Interlocked.Increment(ref fired));
                cancelled.Add(scheduler.Schedule(TimeSpan.FromMilliseconds(200), () => Interlocked.Increment(ref cancelledFired)));
            }
            foreach (var c in cancelled) c.Dispose();
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref fired) < 2000 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
            await Task.Delay(400);
            Assert.Equal(2000, Volatile.Read(ref fired));
            Assert.Equal(0, Volatile.Read(ref cancelledFired));
        }

        [Fact]
        public async Task TasksWithATimeScaleOfZeroFinishOnTheThreadPool()
        {
            var options = new ExecutionOptions { TimeScale = 0 };
            var runs = Enumerable.Range(0, 50).Select(i => new TaskRun(i + 1, "t", Tree(i, fail: false), options)).ToList();
            foreach (var r in runs) Assert.True(r.StartTask("u").Result);
            var clock = Stopwatch.StartNew();
            while (runs.Any(r => r.State != "FINISHED") && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
            Assert.All(runs, r => Assert.Equal("FINISHED", r.State));
        }

        [Fact]
        public async Task OperationsFromManyThreadsOnOneTaskLeaveItConsistent()
        {
            var options = new ExecutionOptions { TimeScale = 0.001 };
            var t = new TestTree().Parallel("npg", "ncg").Converge("ncg");
            var branches = Enumerable.Range(0, 20).Select(i => "nb" + i).ToList();
            foreach (var b in branches) t.Sleep(b, JsonNode.From(5)).Chain("npg", b, "ncg");
            t.Chain(TestTree.Start, "npg");
            t.Chain("ncg", TestTree.End);
            var run = new TaskRun(1, "busy", t.Build(), options);
            Assert.True(run.StartTask("u").Result);
            var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
                i % 2 == 0 ? run.Pause() : run.Resume())));
            Assert.All(answers, a => Assert.True(a.Result || a.Code == 3599999 || a.Code == 3545000, a.ToString()));
            var last = run.State;
            if (last == "SUSPENDED") Assert.True(run.Resume().Result);
            var clock = Stopwatch.StartNew();
            while (run.State != "FINISHED" && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
            Assert.Equal("FINISHED", run.State);
            var s = (JsonObject)run.GetStatus().Data;
            Assert.All(branches, b => Assert.Equal("FINISHED", Str(Find(s, b)["state"])));
        }
    }
}
