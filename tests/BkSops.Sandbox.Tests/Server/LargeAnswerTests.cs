using System.Linq;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class LargeAnswerTests
    {
        [Fact]
        public async Task ACreateAnswerOfHundredsOfKilobytesArrivesWholeAndTheConnectionGoesOn()
        {
            var t = new TestTree();
            var ids = Enumerable.Range(0, 600).Select(i => "na" + i).ToArray();
            foreach (var id in ids) t.Activity(id, name: new string('x', 200));
            t.Chain(new[] { TestTree.Start }.Concat(ids).Concat(new[] { TestTree.End }).ToArray());
            using (var host = new SandboxHost())
            {
                var reply = await host.Create(JsonWriter.Write(t.Build(), indented: false));
                Assert.True(reply.Result, reply.Text);
                Assert.True(reply.Text.Length > 256 * 1024, reply.Text.Length.ToString());
                Assert.Equal(600, reply.Data.Obj("pipeline_tree").Obj("activities").Count);
                // The stored task is the tree that was answered.
                Assert.True(host.Server.Tasks.TryGet(1, out var task));
                Assert.Equal(JsonWriter.Write(reply.Data.Obj("pipeline_tree"), indented: false), JsonWriter.Write(task.PipelineTree, indented: false));
                Assert.True((await host.Create()).Result);
            }
        }
    }
}
