using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>contracts.md section 5: a restart brings every task back, finished stays finished, running runs on, suspended stays suspended.</summary>
    public sealed class RestartTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "bksops-restart-test-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }

        private static string QuickTree()
        {
            var tree = (JsonObject)JsonReader.Parse(SandboxHost.SeedListTree);
            foreach (var p in tree.Obj("activities").Properties) ((JsonObject)p.Value).Obj("component").Set("code", new JsonString("job_noop"));
            return JsonWriter.Write(tree, false);
        }

        private static async Task<string> State(SandboxHost host, long id) => (await host.Gateway("GET", $"get_task_status/{id}/2")).Data.Str("state");

        private static async Task<string> WaitFor(SandboxHost host, long id, string state, double seconds = 30)
        {
            var watch = Stopwatch.StartNew();
            string last;
            do
            {
                last = await State(host, id);
                if (last == state) return last;
                await Task.Delay(20);
            } while (watch.Elapsed < TimeSpan.FromSeconds(seconds));
            return last;
        }

        [Fact]
        public async Task TasksComeBackInTheirStatesAndGoOn()
        {
            long finished, running, suspended, created;
            using (var host = new SandboxHost(folder, o => o.TimeScale = 1.0))
            {
                finished = (await host.Create(QuickTree())).Data.Num("task_id");
                running = (await host.Create()).Data.Num("task_id");
                suspended = (await host.Create()).Data.Num("task_id");
                created = (await host.Create()).Data.Num("task_id");
                foreach (var id in new[] { finished, running, suspended })
                    Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                Assert.Equal("FINISHED", await WaitFor(host, finished, "FINISHED"));
                Assert.Equal("RUNNING", await WaitFor(host, running, "RUNNING"));
                Assert.Equal("RUNNING", await WaitFor(host, suspended, "RUNNING"));
                Assert.True((await host.Gateway("POST", $"operate_task/{suspended}/2", "{\"action\":\"pause\"}")).Result);
                Assert.Equal("RUNNING", await State(host, running)); // the seed's first sleep_timer waits a second
            }
            using (var host = new SandboxHost(folder, o => o.TimeScale = 0.01))
            {
                Assert.Equal(4, host.Server.Tasks.Count);
                Assert.Equal("FINISHED", await State(host, finished));
                Assert.Equal("CREATED", await State(host, created));
                Assert.Equal("SUSPENDED", await State(host, suspended));
                Assert.Equal("FINISHED", await WaitFor(host, running, "FINISHED"));
                await Task.Delay(200);
                Assert.Equal("SUSPENDED", await State(host, suspended));
                Assert.True((await host.Gateway("POST", $"operate_task/{suspended}/2", "{\"action\":\"resume\"}")).Result);
                Assert.Equal("FINISHED", await WaitFor(host, suspended, "FINISHED"));
                var list = await host.Gateway("GET", "get_task_list/2", query: "is_finished=true");
                Assert.Equal(3, list.Json.Num("count"));
            }
        }
    }
}
