using System;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Sandbox.Http;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>
    /// Why the sandbox never reports EXPIRED (spec 2.15.1). bk-sops answers {"state": "EXPIRED"} once its v2 cleaner
    /// (gcloud/contrib/cleaner/tasks.py) marked the pipeline instance expired. The cleaner runs only when
    /// BKAPP_ENABLE_CLEAN_EXPIRED_V2_TASK is set (off by default), and then only for tasks created more than
    /// BKAPP_V2_TASK_VALIDITY_DAY (730) days ago whose create_method is in BKAPP_CLEAN_EXPIRED_V2_TASK_CREATE_METHODS
    /// (default "periodic") or in the project's task_clean_configs. The sandbox creates tasks only through
    /// fast_create_task (create_method "api"), so with bk-sops' defaults none of its tasks can expire, however old.
    /// </summary>
    public class ExpiredStateTests
    {
        [Fact]
        public async Task TasksAreCreatedOnlyByFastCreateTaskWithCreateMethodApi()
        {
            Assert.Equal(new[] { "fast_create_task" }, new[] { "fast_create_task", "create_task", "create_and_start_task", "create_periodic_task" }
                .Where(name => Routes.Find(name) != null).ToArray());
            using (var host = new SandboxHost())
            {
                Assert.True((await host.Create()).Result);
                var list = await host.Gateway("GET", "get_task_list/2");
                Assert.Equal(new[] { "api" }, ((BkSops.Json.JsonArray)list.Data).Items.Select(t => t.Str("create_method")).ToArray());
                var periodic = await host.Gateway("POST", "create_periodic_task/1/2", "{}");
                Assert.Equal(404, periodic.Status);
            }
        }

        [Fact]
        public async Task ATaskCreatedYearsAgoKeepsItsState()
        {
            using (var host = new SandboxHost())
            {
                long id = (await host.Create()).Data.Num("task_id");
                Assert.True(host.Server.Tasks.TryGet(id, out var task));
                task.CreateTime = DateTimeOffset.UtcNow.AddDays(-3 * 365);
                var status = await host.Gateway("GET", $"get_task_status/{id}/2");
                Assert.Equal("CREATED", status.Data.Str("state"));
                Assert.True((await host.Gateway("POST", $"start_task/{id}/2", "{}")).Result);
                await Task.Delay(100);
                Assert.NotEqual("EXPIRED", (await host.Gateway("GET", $"get_task_status/{id}/2")).Data.Str("state"));
            }
        }
    }
}
