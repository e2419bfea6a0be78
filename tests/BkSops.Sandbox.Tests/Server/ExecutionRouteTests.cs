using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>The execution routes over HTTP: the views' own checks, and tasks that run to their end.</summary>
    public class ExecutionRouteTests
    {
        private static async Task<string> WaitForState(SandboxHost host, long taskId, string state, double seconds = 30)
        {
            var watch = Stopwatch.StartNew();
            string last = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var reply = await host.Gateway("GET", $"get_task_status/{taskId}/2");
                last = reply.Data.Str("state");
                if (last == state) return last;
                await Task.Delay(20);
            }
            return last;
        }

        [Fact]
        public async Task AStartedTaskRunsToFINISHEDAndTheListsShowIt()
        {
            using (var host = new SandboxHost())
            {
                long id = (await host.Create()).Data.Num("task_id");
                var created = await host.Gateway("GET", $"get_task_status/{id}/2");
                Assert.Equal("CREATED", created.Data.Str("state"));
                Assert.Equal("[]", JsonWriter.Write(((JsonObject)(await host.Gateway("GET", $"get_task_detail/{id}/2")).Data)["outputs"], false));
                var start = await host.Gateway("POST", $"start_task/{id}/2", "{}");
                Assert.Equal($"{{\"task_url\":\"{host.Server.TaskUrl(id)}\",\"data\":{{\"task_url\":\"{host.Server.TaskUrl(id)}\"}},\"result\":true,\"code\":0}}", start.Text);
                Assert.Equal("FINISHED", await WaitForState(host, id, "FINISHED"));

                var again = await host.Gateway("POST", $"start_task/{id}/2", "{}");
                Assert.Equal((false, 3545000L, "task already started"), (again.Result, again.Code, again.Message));
                var item = (JsonObject)((JsonArray)(await host.Gateway("GET", "get_task_list/2")).Data).Items[0];
                Assert.True(((JsonBoolean)item["is_started"]).Value);
                Assert.True(((JsonBoolean)item["is_finished"]).Value);
                Assert.Equal("admin", item.Str("executor"));
                Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0800$", item.Str("start_time"));
                var detail = await host.Gateway("GET", $"get_task_detail/{id}/2");
                Assert.True(detail.Result, detail.Text);
                Assert.Equal(id, detail.Data.Num("id"));
                Assert.Equal(host.Server.TaskUrl(id), detail.Data.Str("task_url"));
                // The pipeline's outputs, written by the root end event: each key of the tree's outputs list with its value.
                Assert.Equal("[{\"key\":\"${bk_timing}\",\"value\":\"1\",\"name\":\"timing\"}]", JsonWriter.Write(((JsonObject)detail.Data)["outputs"], false));
                Assert.Equal("", detail.Data.Str("ex_data"));
                var pause = await host.Gateway("POST", $"operate_task/{id}/2", "{\"action\":\"pause\"}");
                Assert.Equal("task with current_flow:finished cannot be pauseed", pause.Message);
            }
        }

        [Fact]
        public async Task UnknownTasksGetEachViewsAnswer()
        {
            using (var host = new SandboxHost())
            {
                Assert.Equal("{\"result\":false,\"data\":null,\"code\":3540400,\"message\":\"数据不存在错误: 数据不存在错误, 错误内容 TaskFlowInstance matching query does not exist. | process_exception\"}",
                    (await host.Gateway("POST", "start_task/99/2", "{}")).Text);
                Assert.Equal("{\"result\":false,\"message\":\"task[id=99] get status error: TaskFlowInstance matching query does not exist.\",\"code\":3599999}",
                    (await host.Gateway("GET", "get_task_status/99/2")).Text);
                Assert.Equal("task[id=99] of project[id=1] does not exist", (await host.Gateway("POST", "operate_node/2/99", "{\"action\":\"retry\",\"node_id\":\"n\"}")).Message);
                Assert.Equal("[API] node_callback task[id=99] of project[project_id=1, biz_id2] does not exist", (await host.Gateway("POST", "node_callback/99/2", "{\"node_id\":\"n\"}")).Message);
                Assert.Equal("[API] get_task_detail task[id=99] of project[project_id=1, biz_id2] does not exist", (await host.Gateway("GET", "get_task_detail/99/2")).Message);
                Assert.Equal(3540400, (await host.Gateway("GET", "get_task_node_detail/99/2", query: "node_id=x")).Code);
            }
        }

        [Fact]
        public async Task BodyChecksComeBeforeTheTask()
        {
            using (var host = new SandboxHost())
            {
                long id = (await host.Create()).Data.Num("task_id");
                Assert.Equal("{\"result\":false,\"message\":\"invalid json format\",\"code\":3540000}", (await host.Gateway("POST", $"operate_task/{id}/2", "")).Text);
                Assert.Equal("request body is not a valid json", (await host.Gateway("POST", $"operate_node/2/{id}", "")).Message);
                Assert.Equal("data field is not a valid object", (await host.Gateway("POST", $"operate_node/2/{id}", "{\"data\":[1]}")).Message);
                Assert.Equal("task_id_list must be a list", (await host.Gateway("POST", "get_tasks_status/2", "{\"task_id_list\":5}")).Message);
                Assert.Equal("task_id_list is too long, maximum length is 50", (await host.Gateway("POST", "get_tasks_status/2", "{\"task_id_list\":[" + string.Join(",", Enumerable.Range(1, 51)) + "]}")).Message);
                var pause = await host.Gateway("POST", $"operate_task/{id}/2", "{\"action\":\"pause\"}");
                Assert.Equal((false, 3545000L, "task not started"), (pause.Result, pause.Code, pause.Message));
                Assert.Equal($"task[{id}] does not have node[None]", (await host.Gateway("POST", $"node_callback/{id}/2", "{}")).Message);
            }
        }

        [Fact]
        public async Task ACommonFuncTaskWaitsForAClaimAndNeverStarts()
        {
            using (var host = new SandboxHost())
            {
                long id = (await host.Create(extra: "\"flow_type\":\"common_func\",")).Data.Num("task_id");
                Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                Assert.Equal("{\"message\":\"success\",\"result\":true,\"code\":0}", (await host.Gateway("POST", $"operate_task/{id}/2", "{\"action\":\"start\"}")).Text);
                Assert.Equal("{\"result\":false,\"message\":\"task with current_flow:func_claim cannot be revokeed\",\"code\":3545000}",
                    (await host.Gateway("POST", $"operate_task/{id}/2", "{\"action\":\"revoke\"}")).Text);
                await Task.Delay(200);
                Assert.Equal("CREATED", (await host.Gateway("GET", $"get_task_status/{id}/2")).Data.Str("state"));
            }
        }

        [Fact]
        public async Task AHundredTasksWithParallelBranchesRunAtOnceAndAllFinish()
        {
            using (var host = new SandboxHost())
            {
                var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i => (await host.Create(name: $"p{i}")).Data.Num("task_id")));
                await Task.WhenAll(ids.Select(id => host.Gateway("POST", $"start_task/{id}/2", "{}")));
                var watch = Stopwatch.StartNew();
                JsonArray states = null;
                while (watch.Elapsed < TimeSpan.FromSeconds(60))
                {
                    states = new JsonArray();
                    foreach (var batch in ids.Select((id, i) => (id, i)).GroupBy(x => x.i / 50))
                    {
                        var reply = await host.Gateway("POST", "get_tasks_status/2", "{\"include_children_status\":true,\"task_id_list\":[" + string.Join(",", batch.Select(x => x.id)) + "]}");
                        Assert.True(reply.Result, reply.Text);
                        foreach (var item in ((JsonArray)reply.Data).Items) states.Add(item);
                    }
                    if (states.Items.All(s => s.Obj("status").Str("state") == "FINISHED")) break;
                    await Task.Delay(50);
                }
                Assert.Equal(100, states.Count);
                Assert.All(states.Items, s =>
                {
                    Assert.Equal("FINISHED", s.Obj("status").Str("state"));
                    Assert.All(s.Obj("status").Obj("children").Properties, c => Assert.Equal("FINISHED", c.Value.Str("state")));
                });
            }
        }
    }
}
