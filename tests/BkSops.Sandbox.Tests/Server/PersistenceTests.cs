using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public sealed class PersistenceTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "bksops-sandbox-test-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }

        [Fact]
        public async Task ARestartWithTheDataFolderKeepsEveryTask()
        {
            string[] before;
            using (var host = new SandboxHost(folder))
            {
                for (int i = 0; i < 25; i++) Assert.True((await host.Create(name: $"kept {i}")).Result);
                before = Enumerable.Range(1, 25).Select(id => { host.Server.Tasks.TryGet(id, out var t); return t.Name + JsonWriter.Write(t.PipelineTree, false); }).ToArray();
            }
            using (var host = new SandboxHost(folder))
            {
                Assert.Equal(25, host.Server.Tasks.Count);
                var after = Enumerable.Range(1, 25).Select(id => { host.Server.Tasks.TryGet(id, out var t); return t.Name + JsonWriter.Write(t.PipelineTree, false); }).ToArray();
                Assert.Equal(before, after);
                var list = await host.Gateway("GET", "get_task_list/2", query: "limit=200");
                Assert.Equal(25, list.Json.Num("count"));
                Assert.Equal(26, (await host.Create()).Data.Num("task_id")); // ids go on
            }
        }

        [Fact]
        public async Task LeftoversOfAKilledWriteAndBrokenFilesDoNotStopAStart()
        {
            using (var host = new SandboxHost(folder)) Assert.True((await host.Create()).Result);
            string tasks = Path.Combine(folder, "tasks");
            File.WriteAllText(Path.Combine(tasks, "2.json.tmp-0123"), "{\"half");
            File.WriteAllText(Path.Combine(tasks, "3.json"), "{\"not\": \"a task\"}");
            using (var host = new SandboxHost(folder))
            {
                Assert.Equal(1, host.Server.Tasks.Count);
                Assert.Single(host.Server.Tasks.LoadProblems);
                Assert.StartsWith("3.json: ", host.Server.Tasks.LoadProblems[0]);
                Assert.False(File.Exists(Path.Combine(tasks, "2.json.tmp-0123")));
                Assert.True(File.Exists(Path.Combine(tasks, "3.json")));
                Assert.Equal(2, (await host.Create()).Data.Num("task_id"));
            }
        }

        [Fact]
        public async Task WithoutADataFolderNothingIsWritten()
        {
            using (var host = new SandboxHost())
            {
                Assert.True((await host.Create()).Result);
                Assert.False(host.Server.Tasks.IsPersistent);
            }
            Assert.False(Directory.Exists(folder));
        }
    }
}
