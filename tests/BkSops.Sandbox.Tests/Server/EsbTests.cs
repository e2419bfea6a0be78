using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class EsbTests
    {
        private const string Credentials = "\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"" + SandboxHost.Secret + "\",\"bk_username\":\"esbuser\"";

        [Fact]
        public async Task FastCreateTaskTakesCredentialsAndTheBusinessIdFromTheBody()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Esb("POST", "fast_create_task", $"{{{Credentials},\"bk_biz_id\":2,\"name\":\"esb\",\"pipeline_tree\":{SandboxHost.SeedListTree}}}");
                Assert.Equal(200, reply.Status);
                Assert.True(reply.Result, reply.Text);
                Assert.Matches("^[0-9a-f]{32}$", reply.Json.Str("request_id"));
                Assert.Null(reply.Header("X-Bkapi-Request-Id"));
                host.Server.Tasks.TryGet(1, out var task);
                Assert.Equal("esbuser", task.Creator);
            }
        }

        [Fact]
        public async Task GETRoutesTakeEverythingFromTheQuery()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Esb("GET", "get_task_list", query: $"bk_app_code=bksops-sandbox&bk_app_secret={SandboxHost.Secret}&bk_username=admin&bk_biz_id=2");
                Assert.True(reply.Result, reply.Text);
                Assert.Equal(0, reply.Json.Num("count"));
                var project = await host.Esb("GET", "get_task_list", query: $"bk_app_code=bksops-sandbox&bk_app_secret={SandboxHost.Secret}&bk_username=admin&bk_biz_id=1&scope=project");
                Assert.True(project.Result, project.Text);
            }
        }

        [Theory]
        [InlineData("{\"bk_biz_id\":2}", "app code cannot be empty")]
        [InlineData("{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"no\",\"bk_username\":\"a\",\"bk_biz_id\":2}", "bk_app_code or bk_app_secret is incorrect")]
        [InlineData("{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"" + SandboxHost.Secret + "\",\"bk_biz_id\":2}", "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token")]
        [InlineData("{" + Credentials + "}", "The ESB component sops.get_tasks_status needs the parameter bk_biz_id.")]
        [InlineData("[1]", "The request body is not a JSON object; the ESB reads bk_app_code, bk_app_secret and bk_token or bk_username from it.")]
        public async Task RefusalsAreResultFalseWithTheSandboxsESBCode(string body, string message)
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Esb("POST", "get_tasks_status", body);
                Assert.Equal(200, reply.Status);
                Assert.False(reply.Result);
                Assert.Equal(1306000, reply.Code);
                Assert.Equal(message, reply.Message);
                Assert.DoesNotContain(SandboxHost.Secret, reply.Text);
            }
        }

        [Fact]
        public async Task UnknownComponentsAndWrongMethodsAreRefused()
        {
            using (var host = new SandboxHost())
            {
                Assert.Equal(404, (await host.Esb("GET", "nothing_here")).Status);
                var wrong = await host.Esb("GET", "fast_create_task");
                Assert.Equal(405, wrong.Status);
                Assert.Equal(1306000, wrong.Code);
            }
        }
    }
}
