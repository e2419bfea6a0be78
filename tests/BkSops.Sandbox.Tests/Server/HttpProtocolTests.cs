using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Sandbox.Faults;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>The sandbox's own HTTP/1.1 server byte by byte: framing, keep-alive, 100-continue, bad requests.</summary>
    public class HttpProtocolTests
    {
        private const string CreatePath = "/api/bk-sops/prod/fast_create_task/2/";

        /// <summary>A raw connection: writes bytes, reads answers by their Content-Length.</summary>
        private sealed class Raw : IDisposable
        {
            private readonly TcpClient client = new TcpClient();
            private readonly MemoryStream pending = new MemoryStream();
            private NetworkStream stream;

            public static async Task<Raw> Open(SandboxHost host)
            {
                var raw = new Raw();
                await raw.client.ConnectAsync("127.0.0.1", host.Server.Port);
                raw.stream = raw.client.GetStream();
                raw.stream.ReadTimeout = 20000;
                return raw;
            }

            public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

            public void Send(byte[] bytes) => stream.Write(bytes, 0, bytes.Length);

            /// <summary>The next answer's head and body; null when the server closed the connection first.</summary>
            public (string Head, string Body)? Read()
            {
                while (true)
                {
                    string text = Encoding.UTF8.GetString(pending.ToArray());
                    int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end >= 0)
                    {
                        string head = text.Substring(0, end);
                        int length = 0;
                        foreach (var line in head.Split("\r\n"))
                            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line.Substring(15).Trim());
                        var all = pending.ToArray();
                        int headBytes = Encoding.UTF8.GetByteCount(text.Substring(0, end + 4));
                        if (all.Length - headBytes >= length)
                        {
                            string body = Encoding.UTF8.GetString(all, headBytes, length);
                            var rest = new byte[all.Length - headBytes - length];
                            Array.Copy(all, headBytes + length, rest, 0, rest.Length);
                            pending.SetLength(0);
                            pending.Write(rest, 0, rest.Length);
                            return (head, body);
                        }
                    }
                    var buffer = new byte[65536];
                    int n;
                    try { n = stream.Read(buffer, 0, buffer.Length); }
                    catch (IOException) { return null; }
                    if (n == 0) return null;
                    pending.Write(buffer, 0, n);
                }
            }

            /// <summary>True when the server closed the connection (no more bytes).</summary>
            public bool Closed()
            {
                try { return stream.Read(new byte[1], 0, 1) == 0; }
                catch (IOException) { return true; }
            }

            /// <summary>Whatever bytes come next, unparsed.</summary>
            public int ReadSome(byte[] buffer) => stream.Read(buffer, 0, buffer.Length);

            public void Dispose() => client.Dispose();
        }

        private static string CreateBody(string name = "raw") => $"{{\"name\":\"{name}\",\"pipeline_tree\":{SandboxHost.SeedListTree}}}";

        private static string Head(string method, string path, string extra = "", string version = "HTTP/1.1") =>
            $"{method} {path} {version}\r\nHost: 127.0.0.1\r\nX-Bkapi-Authorization: {SandboxHost.Authorization()}\r\n{extra}\r\n";

        [Fact]
        public async Task RequestsFollowEachOtherOnOneKeptAliveConnection()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                string body = CreateBody();
                // Two requests written at once (pipelined): both are answered, in order.
                raw.Send(Head("POST", CreatePath, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n") + body
                         + Head("GET", "/api/bk-sops/prod/get_task_list/2/"));
                var created = raw.Read().Value;
                Assert.StartsWith("HTTP/1.1 200 OK", created.Head);
                Assert.Contains("X-Bkapi-Request-Id: ", created.Head);
                Assert.DoesNotContain("Connection: close", created.Head);
                Assert.StartsWith("{\"result\":true,\"data\":{\"task_id\":1,", created.Body);
                var list = raw.Read().Value;
                Assert.Equal(1, ((JsonObject)JsonReader.Parse(list.Body))["count"] is JsonNumber n && n.TryGetInt64(out long c) ? c : -1);
            }
        }

        [Fact]
        public async Task TheCreateAnswerIsTheJSONItsObjectsWrite()
        {
            using (var host = new SandboxHost())
            {
                // The answer is spliced from the stored tree's bytes: it must read back and write out the same.
                var reply = await host.Create();
                Assert.True(reply.Result, reply.Text);
                Assert.Equal(reply.Text, JsonWriter.Write(JsonReader.Parse(reply.Text), indented: false));
                Assert.Equal(reply.Data.Obj("pipeline_tree").Str("id"), host.Server.Tasks.NewestFirst().First().PipelineTree.Str("id"));
            }
        }

        [Fact]
        public async Task AChunkedBodyIsReadLikeAnyOther()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                var body = Encoding.UTF8.GetBytes(CreateBody("chunked"));
                var chunks = new MemoryStream();
                for (int at = 0; at < body.Length; at += 1000)
                {
                    int size = Math.Min(1000, body.Length - at);
                    var sizeLine = Encoding.ASCII.GetBytes($"{size:x};ext=1\r\n");
                    chunks.Write(sizeLine, 0, sizeLine.Length);
                    chunks.Write(body, at, size);
                    chunks.Write(new byte[] { 13, 10 }, 0, 2);
                }
                var last = Encoding.ASCII.GetBytes("0\r\nX-Trailer: t\r\n\r\n");
                chunks.Write(last, 0, last.Length);
                raw.Send(Head("POST", CreatePath, "Transfer-Encoding: chunked\r\n"));
                raw.Send(chunks.ToArray());
                var answer = raw.Read().Value;
                Assert.StartsWith("HTTP/1.1 200", answer.Head);
                Assert.StartsWith("{\"result\":true,", answer.Body);
                Assert.Equal("chunked", host.Server.Tasks.NewestFirst().First().Name);
            }
        }

        [Fact]
        public async Task Expect100ContinueGetsTheInterimAnswerBeforeTheBodyIsSent()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                string body = CreateBody("continued");
                raw.Send(Head("POST", CreatePath, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nExpect: 100-continue\r\n"));
                var interim = raw.Read().Value;
                Assert.Equal("HTTP/1.1 100 Continue", interim.Head);
                raw.Send(body);
                var answer = raw.Read().Value;
                Assert.StartsWith("HTTP/1.1 200", answer.Head);
                Assert.StartsWith("{\"result\":true,", answer.Body);
            }
        }

        [Fact]
        public async Task Expect100ContinueWithABodyOverTheGatewayLimitGets413WithoutSendingIt()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                raw.Send(Head("POST", CreatePath, $"Content-Length: {SandboxDefaults.GatewayBodyLimit + 1}\r\nExpect: 100-continue\r\n"));
                var answer = raw.Read().Value;
                Assert.StartsWith("HTTP/1.1 413", answer.Head);
                Assert.Contains("Connection: close", answer.Head);
                Assert.Contains("BODY_SIZE_LIMIT_EXCEED", answer.Body);
                Assert.True(raw.Closed());
                Assert.True((await host.Create()).Result);
            }
        }

        [Theory]
        [InlineData("GARBAGE\r\n\r\n")]
        [InlineData("GET /api/bk-sops/prod/get_task_list/2/ HTTP/2.0\r\n\r\n")]
        [InlineData("GET /a b HTTP/1.1\r\n\r\n")]
        [InlineData("POST /api/bk-sops/prod/fast_create_task/2/ HTTP/1.1\r\nContent-Length: -5\r\n\r\n")]
        [InlineData("POST /api/bk-sops/prod/fast_create_task/2/ HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n")]
        [InlineData("POST /api/bk-sops/prod/fast_create_task/2/ HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")]
        [InlineData("POST /api/bk-sops/prod/fast_create_task/2/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
        [InlineData("GET / HTTP/1.1\r\nNo colon here\r\n\r\n")]
        [InlineData("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")]
        public async Task ARequestThatIsNotHTTPGets400AndTheServerGoesOn(string request)
        {
            using (var host = new SandboxHost())
            {
                using (var raw = await Raw.Open(host))
                {
                    raw.Send(request);
                    var answer = raw.Read().Value;
                    Assert.StartsWith("HTTP/1.1 400 Bad Request", answer.Head);
                    Assert.Contains("Connection: close", answer.Head);
                    Assert.True(raw.Closed());
                }
                Assert.True((await host.Create()).Result);
            }
        }

        [Fact]
        public async Task HeadersOver32KiBGet400AndTheServerGoesOn()
        {
            using (var host = new SandboxHost())
            {
                using (var raw = await Raw.Open(host))
                {
                    raw.Send(Head("GET", "/api/bk-sops/prod/get_task_list/2/", "X-Big: " + new string('a', 40 * 1024) + "\r\n"));
                    var answer = raw.Read().Value;
                    Assert.StartsWith("HTTP/1.1 400", answer.Head);
                    Assert.Equal("Request Header Or Cookie Too Large", answer.Body);
                }
                Assert.True((await host.Create()).Result);
            }
        }

        [Fact]
        public async Task AnHTTP10RequestIsAnsweredAndTheConnectionCloses()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                raw.Send(Head("GET", "/api/bk-sops/prod/get_user_project_list/", version: "HTTP/1.0"));
                var answer = raw.Read().Value;
                Assert.StartsWith("HTTP/1.1 200", answer.Head);
                Assert.Contains("Connection: close", answer.Head);
                Assert.True(raw.Closed());
            }
        }

        [Fact]
        public async Task AHEADRequestGetsTheHeadOnly()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                raw.Send(Head("HEAD", "/api/bk-sops/prod/get_user_project_list/") + Head("GET", "/api/bk-sops/prod/get_user_project_list/"));
                // HEAD is not a method of the route: the gateway's 404, announced but not sent; the next answer follows at once.
                var buffer = new byte[65536];
                var text = new StringBuilder();
                while (!text.ToString().Contains("HTTP/1.1 200"))
                {
                    int n = raw.ReadSome(buffer);
                    Assert.True(n > 0);
                    text.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }
                string all = text.ToString();
                Assert.StartsWith("HTTP/1.1 404", all);
                int second = all.IndexOf("HTTP/1.1 200", StringComparison.Ordinal);
                Assert.EndsWith("\r\n\r\n", all.Substring(0, second)); // no body between the two heads
            }
        }

        [Fact]
        public async Task TheResetFaultEndsTheConnectionInTheMiddleOfTheAnswer()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.Reset, 1));
                string body = CreateBody();
                raw.Send(Head("POST", CreatePath, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n") + body);
                // Response bytes arrived before the end, so no client resends the create on its own.
                var buffer = new byte[4096];
                var text = new StringBuilder();
                int n;
                try { while ((n = raw.ReadSome(buffer)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n)); }
                catch (IOException) { }
                Assert.StartsWith("HTTP/1.1 200 OK\r\n", text.ToString());
                Assert.Contains("Content-Length: 4096\r\n", text.ToString());
                Assert.EndsWith("\r\n\r\n{", text.ToString());
                Assert.Equal(1, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task TheResetFaultOnAKeptAliveConnectionIsNotResentByHttpClient()
        {
            using (var host = new SandboxHost())
            {
                Assert.True((await host.Create()).Result); // the client's connection is now pooled
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.Reset, 1));
                var e = await Record.ExceptionAsync(() => host.Create());
                Assert.IsType<System.Net.Http.HttpRequestException>(e);
                Assert.Equal(2, host.Server.Tasks.Count);
            }
        }
    
        [Fact]
        public async Task A400GivenBeforeTheBodyWasReadStillReachesAClientThatIsSendingIt()
        {
            using (var host = new SandboxHost())
            using (var raw = await Raw.Open(host))
            {
                // A request line that is not HTTP is answered before its body is read; closing at once with the rest of
                // the body unread would reset the connection under the client, which would never see its answer.
                var body = new byte[4 * 1024 * 1024];
                raw.Send($"POST  HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length}\r\n\r\n");
                raw.Send(body);
                var answer = raw.Read();
                Assert.NotNull(answer);
                Assert.StartsWith("HTTP/1.1 400 Bad Request", answer.Value.Head);
            }
        }
    }
}
