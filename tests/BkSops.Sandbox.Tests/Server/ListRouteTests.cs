using System.Linq;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class ListRouteTests
    {
        [Fact]
        public async Task GetTaskListGivesTheProjectsTasksNewestFirstWithFiltersAndPages()
        {
            using (var host = new SandboxHost())
            {
                for (int i = 1; i <= 5; i++) Assert.True((await host.Create(name: i % 2 == 0 ? $"even {i}" : $"odd {i}")).Result);
                var all = await host.Gateway("GET", "get_task_list/2");
                Assert.True(all.Result);
                Assert.Equal(5, all.Json.Num("count"));
                var items = ((JsonArray)all.Data).Items;
                Assert.Equal(new long[] { 5, 4, 3, 2, 1 }, items.Select(t => t.Num("id")));
                var first = (JsonObject)items[0];
                Assert.Equal(new[] { "id", "name", "category", "create_method", "creator", "executor", "start_time", "finish_time", "is_started", "is_finished",
                    "template_source", "template_id", "is_child_taskflow", "project_id", "project_name", "bk_biz_id", "bk_biz_name", "auth_actions" }, first.Keys.ToArray());
                Assert.Equal(("odd 5", "api", "admin", "onetime"), (first.Str("name"), first.Str("create_method"), first.Str("creator"), first.Str("template_source")));
                Assert.IsType<JsonNull>(first["start_time"]);

                var even = await host.Gateway("GET", "get_task_list/2", query: "keyword=even");
                Assert.Equal(new long[] { 4, 2 }, ((JsonArray)even.Data).Items.Select(t => t.Num("id")));
                Assert.Equal(2, even.Json.Num("count"));
                var page = await host.Gateway("GET", "get_task_list/2", query: "offset=1&limit=2");
                Assert.Equal(new long[] { 4, 3 }, ((JsonArray)page.Data).Items.Select(t => t.Num("id")));
                Assert.Equal(5, page.Json.Num("count"));
                var started = await host.Gateway("GET", "get_task_list/1", query: "scope=project&is_started=true");
                Assert.Empty(((JsonArray)started.Data).Items);
                var notStarted = await host.Gateway("GET", "get_task_list/2", query: "is_started=false");
                Assert.Equal(5, notStarted.Json.Num("count"));
                var bad = await host.Gateway("GET", "get_task_list/2", query: "offset=x");
                Assert.Equal("{\"result\":false,\"data\":\"\",\"message\":\"[API] pagination error: invalid literal for int() with base 10: 'x'\",\"code\":3545000}", bad.Text);
                var negative = await host.Gateway("GET", "get_task_list/2", query: "limit=-1");
                Assert.Equal("[API] pagination error: offset and limit must be greater or equal to 0.", negative.Message);
            }
        }

        [Fact]
        public async Task GetPluginListShowsTheSandboxsPluginsAndTheFailingOnes()
        {
            using (var host = new SandboxHost(configure: o => o.FailPlugins = new[] { "job_execute_task" }))
            {
                var reply = await host.Gateway("GET", "get_plugin_list/2");
                Assert.True(reply.Result);
                var plugins = ((JsonArray)reply.Data).Items;
                Assert.Equal(new[] { "sleep_timer", "pause_node", "job_execute_task" }, plugins.Select(p => p.Str("code")));
                Assert.All(plugins, p => Assert.Equal(new[] { "inputs", "outputs", "desc", "code", "name", "group_name", "version", "form" }, ((JsonObject)p).Keys.ToArray()));
                Assert.Equal("bk_timing", ((JsonArray)((JsonObject)plugins[0])["inputs"]).Items[0].Str("key"));
            }
        }

        [Fact]
        public async Task TheUserProjectRoutesDescribeTheSandboxProject()
        {
            using (var host = new SandboxHost())
            {
                var detail = await host.Gateway("GET", "get_user_project_detail/2");
                Assert.Equal((1L, "Sandbox", 2L), (detail.Data.Num("project_id"), detail.Data.Str("project_name"), detail.Data.Num("bk_biz_id")));
                var missing = await host.Gateway("GET", "get_user_project_detail/9");
                Assert.Equal("{\"result\":false,\"message\":\"project(9) with scope(cmdb_biz) does not exist.\",\"code\":3540400}", missing.Text);
            }
        }
    }
}
