using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>SubProcess nodes over HTTP: the sandbox knows its own templates (contracts.md sections 2 and 5).</summary>
    public class TemplateTests
    {
        private static string ParentTree() =>
            JsonWriter.Write(new TestTree().SubProcess("nsub", 5, "child").Chain(TestTree.Start, "nsub", TestTree.End).Build(), false);

        [Fact]
        public async Task ASubProcessOfAnUnknownTemplateGetsTheServersAnswer()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Create(ParentTree());
                Assert.Equal(200, reply.Status);
                Assert.Equal("[API] fast_create_task get invalid template_id: 5, template_id should belong to current project.", reply.Message);
                Assert.Equal(3540000, reply.Code);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task ASubProcessOfARegisteredTemplateIsCreatedAndRunsIt()
        {
            var child = new TestTree().Activity("nchild").Chain(TestTree.Start, "nchild", TestTree.End).Build();
            using (var host = new SandboxHost(configure: o => o.Templates = new Dictionary<long, JsonObject> { [5] = child }))
            {
                var reply = await host.Create(ParentTree());
                Assert.True(reply.Result, reply.Text);
                long id = reply.Data.Num("task_id");
                Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                var watch = Stopwatch.StartNew();
                Reply status;
                do
                {
                    await Task.Delay(20);
                    status = await host.Gateway("GET", $"get_task_status/{id}/2");
                } while (status.Data.Str("state") != "FINISHED" && watch.Elapsed < TimeSpan.FromSeconds(30));
                Assert.Equal("FINISHED", status.Data.Str("state"));
                // The SubProcess node's entry holds the child's nodes, as get_task_status nests them.
                string subId = reply.Data.Obj("pipeline_tree").Obj("activities").Properties[0].Name;
                Assert.NotEmpty(status.Data.Obj("children").Obj(subId).Obj("children").Properties);
            }
        }
    }
}
