using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class GatewayTests
    {
        [Theory]
        [InlineData(null, "app code cannot be empty")]
        [InlineData("not json", "app code cannot be empty")]
        [InlineData("{\"bk_app_code\":\"bksops-sandbox\",\"bk_username\":\"admin\"}", "please provide bk_app_secret or bk_signature to verify app")]
        [InlineData("{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"wrong\",\"bk_username\":\"admin\"}", "bk_app_code or bk_app_secret is incorrect")]
        [InlineData("{\"bk_app_code\":\"other\",\"bk_app_secret\":\"" + SandboxHost.Secret + "\",\"bk_username\":\"admin\"}", "bk_app_code or bk_app_secret is incorrect")]
        [InlineData("{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"" + SandboxHost.Secret + "\"}", "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token")]
        [InlineData("{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"" + SandboxHost.Secret + "\",\"bk_token\":\"stolen\"}", "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token")]
        public async Task MissingOrWrongCredentialsGetTheGateways400(string header, string reason)
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Send("GET", $"{host.Server.Uri}/prod/get_user_project_list/", null, header);
                Assert.Equal(400, reply.Status);
                Assert.Equal($"{{\"code_name\":\"INVALID_ARGS\",\"data\":null,\"code\":1640001,\"message\":\"Parameters error [reason=\\\"{reason}\\\"]\",\"result\":false}}", reply.Text);
                Assert.Equal("1640001", reply.Header("X-Bkapi-Error-Code"));
                Assert.Matches("^[0-9a-f]{32}$", reply.Header("X-Bkapi-Request-Id"));
                Assert.DoesNotContain(SandboxHost.Secret, reply.Text);
            }
        }

        [Fact]
        public async Task TheSandboxsTokenAndAnyUserNameAreAccepted()
        {
            using (var host = new SandboxHost())
            {
                var token = await host.Send("GET", $"{host.Server.Uri}/prod/get_user_project_list/", null,
                    $"{{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"{SandboxHost.Secret}\",\"bk_token\":\"{SandboxHost.Token}\"}}");
                Assert.Equal("{\"result\":true,\"data\":[{\"project_id\":1,\"bk_biz_id\":2,\"name\":\"Sandbox\"}],\"code\":0}", token.Text);
                var created = await host.Gateway("POST", "fast_create_task/2", $"{{\"name\":\"u\",\"pipeline_tree\":{SandboxHost.SeedListTree}}}", SandboxHost.Authorization("someone"));
                Assert.True(created.Result);
                host.Server.Tasks.TryGet(1, out var task);
                Assert.Equal("someone", task.Creator);
            }
        }

        [Theory]
        [InlineData("GET", "/api/bk-sops/prod/fast_create_task/2/")]
        [InlineData("POST", "/api/bk-sops/prod/get_task_list/2/")]
        [InlineData("GET", "/api/bk-sops/prod/no_such_api/2/")]
        [InlineData("GET", "/api/bk-sops/test/get_task_list/2/")]
        [InlineData("GET", "/api/bk-sops/prod/get_task_list/")]
        [InlineData("GET", "/api/bk-sops/prod/get_task_list/2/3/")]
        [InlineData("DELETE", "/api/bk-sops/prod/get_task_list/2/")]
        [InlineData("GET", "/")]
        [InlineData("GET", "/api/other/prod/get_task_list/2/")]
        public async Task WrongMethodsAndUnknownPathsGetTheGateways404(string method, string path)
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Send(method, host.Server.EsbUri + path, method == "GET" ? null : "{}", SandboxHost.Authorization());
                Assert.Equal(404, reply.Status);
                Assert.Equal(1640401, reply.Code);
                Assert.Equal($"API not found [method=\"{method}\" path=\"{path}\"]", reply.Message);
                Assert.NotNull(reply.Header("X-Bkapi-Request-Id"));
            }
        }

        [Fact]
        public async Task IdsThatAreNotDigitsGetDjangos404Page()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Gateway("GET", "get_task_list/abc");
                Assert.Equal(404, reply.Status);
                Assert.Equal("text/html", reply.ContentType);
                Assert.Contains("<h1>Not Found</h1>", reply.Text);
            }
        }

        [Fact]
        public async Task EveryAnswerCarriesANewRequestId()
        {
            using (var host = new SandboxHost())
            {
                var ids = new[] { await host.Gateway("GET", "get_plugin_list/2"), await host.Gateway("GET", "get_plugin_list/2"), await host.Create() }
                    .Select(r => r.Header("X-Bkapi-Request-Id")).ToList();
                Assert.All(ids, id => Assert.Matches(new Regex("^[0-9a-f]{32}$"), id));
                Assert.Equal(3, ids.Distinct().Count());
            }
        }
    }
}
