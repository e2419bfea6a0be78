using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using BkSops.Json;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>A sandbox on a free loopback port and an HTTP client for it (real HTTP, no mocks).</summary>
    public sealed class SandboxHost : IDisposable
    {
        public const string Secret = "test-secret-0123456789";
        public const string Token = "test-token-abcdef";

        public SandboxHost(string dataPath = null, Action<SandboxOptions> configure = null)
        {
            var options = new SandboxOptions { AppSecret = Secret, UserToken = Token, DataPath = dataPath, TimeScale = 0.001 };
            configure?.Invoke(options);
            Server = SandboxServer.Start(options);
            Client = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
        }

        public SandboxServer Server { get; }
        public HttpClient Client { get; }

        public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");
        public static string Verdicts => Path.Combine(AppContext.BaseDirectory, "server-verdicts");
        public static string SeedListTree => File.ReadAllText(Path.Combine(Examples, "seed-tree-list-incoming.json"));

        public static string Authorization(string user = "admin", string secret = Secret, string code = SandboxDefaults.AppCode) =>
            $"{{\"bk_app_code\":\"{code}\",\"bk_app_secret\":\"{secret}\",\"bk_username\":\"{user}\"}}";

        public Task<Reply> Gateway(string method, string routeAndIds, string body = null, string authorization = null, string query = null) =>
            Send(method, $"{Server.Uri}/prod/{routeAndIds}/" + (query != null ? "?" + query : ""), body, authorization ?? Authorization());

        public Task<Reply> Esb(string method, string route, string body = null, string query = null) =>
            Send(method, $"{Server.EsbUri}/api/c/compapi/v2/sops/{route}/" + (query != null ? "?" + query : ""), body, null);

        public async Task<Reply> Send(string method, string url, string body, string authorization, byte[] raw = null)
        {
            using (var request = new HttpRequestMessage(new HttpMethod(method), url))
            {
                if (authorization != null) request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization", authorization);
                if (raw != null) request.Content = new ByteArrayContent(raw);
                else if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                using (var response = await Client.SendAsync(request))
                {
                    string text = await response.Content.ReadAsStringAsync();
                    return new Reply(response, text);
                }
            }
        }

        public Task<Reply> Create(string tree = null, string name = "sandbox test", string extra = "") =>
            Gateway("POST", "fast_create_task/2", $"{{\"name\":{Quote(name)},{extra}\"pipeline_tree\":{tree ?? SeedListTree}}}");

        public static string Quote(string text)
        {
            var sb = new StringBuilder();
            JsonWriter.WriteString(text, new StringWriter(sb));
            return sb.ToString();
        }

        public void Dispose()
        {
            Server.Stop();
            Client.Dispose();
        }
    }

    /// <summary>An HTTP answer: status, headers, text, and the JSON object when the text is one.</summary>
    public sealed class Reply
    {
        public Reply(HttpResponseMessage response, string text)
        {
            Status = (int)response.StatusCode;
            Text = text;
            ContentType = response.Content.Headers.ContentType?.MediaType;
            foreach (var h in response.Headers) Headers[h.Key] = string.Join(",", h.Value);
            foreach (var h in response.Content.Headers) Headers[h.Key] = string.Join(",", h.Value);
            try { Json = JsonReader.Parse(text) as JsonObject; } catch (BkSops.Serialization.PipelineInputException) { Json = null; }
        }

        public int Status { get; }
        public string Text { get; }
        public string ContentType { get; }
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public JsonObject Json { get; }

        public bool Result => Json?["result"] is JsonBoolean b && b.Value;
        public long Code => Json?["code"] is JsonNumber n && n.TryGetInt64(out long c) ? c : -1;
        public string Message => (Json?["message"] as JsonString)?.Value;
        public JsonNode Data => Json?["data"];
        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
        public override string ToString() => $"HTTP {Status}: {Text}";
    }

    internal static class JsonTestExtensions
    {
        public static string Str(this JsonNode node, string key) => ((node as JsonObject)?[key] as JsonString)?.Value;
        public static long Num(this JsonNode node, string key) => ((node as JsonObject)?[key] is JsonNumber n && n.TryGetInt64(out long v)) ? v : -1;
        public static JsonObject Obj(this JsonNode node, string key) => (node as JsonObject)?[key] as JsonObject;
        public static IEnumerable<string> Strings(this JsonNode node) =>
            node is JsonArray a ? a.Items.OfType<JsonString>().Select(s => s.Value) : node is JsonString s1 ? new[] { s1.Value } : Enumerable.Empty<string>();
    }
}
