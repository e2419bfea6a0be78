using System;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Api;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Api
{
    public class RequestLayoutTests
    {
        private static readonly byte[] Tree = System.Text.Encoding.UTF8.GetBytes("{\"start_event\":{\"id\":\"a\",\"value\":1.50}}");

        private static JsonObject Parse(string json) => (JsonObject)JsonReader.Parse(json);
        private static string Str(JsonObject o, string key) => (o[key] as JsonString)?.Value;
        private static long Num(JsonObject o, string key) => ((JsonNumber)o[key]).TryGetInt64(out long n) ? n : -1;

        [Fact]
        public async Task GatewayPutsIdsInThePathAndCredentialsInTheAuthorizationHeader()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson(TestClients.CreatedAnswer);
            await client.SendAsync(ApiRoutes.CreateTask(2, "cmdb_biz", "deploy", Tree, category: "OpsTools"));
            var seen = handler.Requests.Single();
            Assert.Equal("POST", seen.Method);
            Assert.Equal("https://bkapi.example.com/api/bk-sops/prod/fast_create_task/2/", seen.Url);
            var auth = Parse(seen.Headers["X-Bkapi-Authorization"]);
            Assert.Equal("my-app", Str(auth, "bk_app_code"));
            Assert.Equal(TestClients.Secret, Str(auth, "bk_app_secret"));
            Assert.Equal("admin", Str(auth, "bk_username"));
            var body = Parse(seen.Body);
            Assert.Equal("cmdb_biz", Str(body, "scope"));
            Assert.Equal("deploy", Str(body, "name"));
            Assert.Equal("OpsTools", Str(body, "category"));
            Assert.Null(body["bk_app_secret"]);
            Assert.Contains("\"value\":1.50", seen.Body);  // the tree is written as our model wrote it
        }

        [Fact]
        public async Task GatewayGetPutsFieldsInTheQueryAndKeepsThePathOrderOfTheRoute()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway(token: true));
            handler.ThenJson("{\"result\": true, \"data\": {\"state\": \"CREATED\", \"children\": {}}, \"code\": 0}");
            await client.SendAsync(ApiRoutes.Status(2, "project", 7));
            var seen = handler.Requests.Single();
            Assert.Equal("GET", seen.Method);
            Assert.StartsWith("https://bkapi.example.com/api/bk-sops/prod/get_task_status/7/2/?scope=project", seen.Url);
            Assert.Null(seen.Body);
            var auth = Parse(seen.Headers["X-Bkapi-Authorization"]);
            Assert.Equal(TestClients.Token, Str(auth, "bk_token"));
            Assert.Null(auth["bk_username"]);
        }

        [Fact]
        public async Task EsbPutsCredentialsAndIdsInTheBody()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Esb());
            handler.ThenJson("{\"result\": true, \"data\": {}, \"code\": 0}");
            await client.SendAsync(ApiRoutes.Start(2, "cmdb_biz", 7));
            var seen = handler.Requests.Single();
            Assert.Equal("https://paas.example.com/api/c/compapi/v2/sops/start_task/", seen.Url);
            Assert.False(seen.Headers.ContainsKey("X-Bkapi-Authorization"));
            var body = Parse(seen.Body);
            Assert.Equal("my-app", Str(body, "bk_app_code"));
            Assert.Equal(TestClients.Secret, Str(body, "bk_app_secret"));
            Assert.Equal("admin", Str(body, "bk_username"));
            Assert.Equal(7, Num(body, "task_id"));
            Assert.Equal(2, Num(body, "bk_biz_id"));
        }

        [Fact]
        public async Task EsbGetPutsCredentialsInTheQueryButVerboseShowsOnlyThePath()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Esb(token: true));
            handler.ThenJson("{\"result\": true, \"data\": [], \"code\": 0}");
            var log = new RecordingLog();
            await client.SendAsync(ApiRoutes.Plugins(2, "cmdb_biz"), log);
            var seen = handler.Requests.Single();
            Assert.Contains("bk_token=" + Uri.EscapeDataString(TestClients.Token), seen.Url);
            Assert.Contains("bk_biz_id=2", seen.Url);
            Assert.Contains(log.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^V GET /api/c/compapi/v2/sops/get_plugin_list/ -> 200 \(\d+ ms\)$"));
            Assert.DoesNotContain(log.Lines, l => l.Contains(TestClients.Token) || l.Contains(TestClients.Secret));
            Assert.Contains(log.Lines, l => l.StartsWith("D Request:", StringComparison.Ordinal) && l.Contains("bk_token=%2A%2A%2A"));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void PreviewRedactsEverySecret(bool esb)
        {
            var settings = esb ? TestClients.Esb(token: true) : TestClients.Gateway(token: true);
            using var client = new BkSopsClient(settings, new FakeHandler());
            string text = client.Preview(ApiRoutes.CreateTask(2, "cmdb_biz", "n", Tree)).ToString();
            Assert.DoesNotContain(TestClients.Secret, text);
            Assert.DoesNotContain(TestClients.Token, text);
            Assert.Contains("\"bk_app_secret\":\"***\"", text);
            Assert.Contains("\"bk_token\":\"***\"", text);
            Assert.StartsWith("POST https://", text);
        }

        [Fact]
        public void SettingsRefusePlainHttpToAnotherHostUnlessAllowed()
        {
            var s = TestClients.Gateway();
            s.Uri = new Uri("http://bkapi.example.com/api/bk-sops");
            var e = Assert.Throws<BkSopsApiException>(() => s.Check());
            Assert.Equal("BkSops.Connection.Unencrypted", e.ErrorId);
            s.AllowUnencrypted = true;
            s.Check();
            s.AllowUnencrypted = false;
            s.Uri = new Uri("http://127.0.0.1:5000/api/bk-sops");
            s.Check();  // loopback is fine
        }

        [Fact]
        public void SettingsFromEnvironmentReadEveryVariable()
        {
            var env = new System.Collections.Generic.Dictionary<string, string>
            {
                ["BKSOPS_URI"] = "https://paas.example.com", ["BKSOPS_CHANNEL"] = "esb", ["BKSOPS_STAGE"] = "stag",
                ["BKSOPS_APP_CODE"] = "app", ["BKSOPS_APP_SECRET"] = "sec", ["BKSOPS_TOKEN"] = "tok", ["BKSOPS_SCOPE"] = "project",
            };
            var s = ConnectionSettings.FromEnvironment(k => env.TryGetValue(k, out var v) ? v : null);
            Assert.Equal(ApiChannel.Esb, s.Channel);
            Assert.Equal("stag", s.Stage);
            Assert.Equal("app", s.AppCode);
            Assert.Equal("sec", SecretText.Reveal(s.AppSecret));
            Assert.Equal("tok", SecretText.Reveal(s.UserToken));
            Assert.Equal("project", s.Scope);
            s.Check();
            Assert.Null(ConnectionSettings.FromEnvironment(k => null));
            env["BKSOPS_CHANNEL"] = "Carrier pigeon";
            Assert.Equal("BkSops.Connection.InvalidChannel",
                Assert.Throws<BkSopsApiException>(() => ConnectionSettings.FromEnvironment(k => env.TryGetValue(k, out var v) ? v : null)).ErrorId);
        }

        [Fact]
        public void ConnectionShowsNoSecret()
        {
            using var connection = new BkSopsConnection(TestClients.Gateway(token: true), new FakeHandler());
            string text = connection.ToString();
            Assert.DoesNotContain(TestClients.Secret, text);
            Assert.Equal("bk_token", connection.UserIdentity);
            foreach (var p in typeof(BkSopsConnection).GetProperties())
                Assert.False(p.PropertyType == typeof(System.Security.SecureString) || p.PropertyType == typeof(ConnectionSettings), p.Name);
        }
    }
}
