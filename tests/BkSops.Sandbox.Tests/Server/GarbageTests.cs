using System;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>Garbage in: a clean JSON or HTTP error, the sandbox keeps serving, nothing stored is lost.</summary>
    public class GarbageTests
    {
        [Fact]
        public async Task RandomBytesAsABodyGetInvalidParamFormat()
        {
            using (var host = new SandboxHost())
            {
                Assert.True((await host.Create()).Result);
                var random = new Random(7);
                for (int i = 0; i < 20; i++)
                {
                    var bytes = new byte[random.Next(1, 5000)];
                    random.NextBytes(bytes);
                    bytes[0] = (byte)'x'; // never valid JSON, never empty
                    var reply = await host.Send("POST", $"{host.Server.Uri}/prod/fast_create_task/2/", null, SandboxHost.Authorization(), bytes);
                    Assert.Equal(200, reply.Status);
                    Assert.Equal("{\"result\":false,\"message\":\"invalid param format\",\"code\":3540000}", reply.Text);
                }
                Assert.Equal(1, host.Server.Tasks.Count);
                Assert.True((await host.Create()).Result);
            }
        }

        [Fact]
        public async Task DeeplyNestedJSONIsAnsweredAndTheServerGoesOn()
        {
            using (var host = new SandboxHost())
            {
                string deep = new string('[', 200_000) + new string(']', 200_000);
                var asBody = await host.Gateway("POST", "fast_create_task/2", deep);
                Assert.Equal("invalid param format", asBody.Message);
                var asTree = await host.Gateway("POST", "fast_create_task/2", "{\"name\":\"d\",\"pipeline_tree\":" + deep + "}");
                Assert.StartsWith("[API] fast_create_task get invalid pipeline_tree: ", asTree.Message);
                string deepObject = "{\"name\":\"d\",\"pipeline_tree\":{\"start_event\":" + string.Concat(System.Linq.Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000) + "}}";
                var inTree = await host.Gateway("POST", "fast_create_task/2", deepObject);
                Assert.Equal(200, inTree.Status);
                Assert.False(inTree.Result);
                Assert.True((await host.Create()).Result);
            }
        }

        [Fact]
        public async Task ABodyOver40MiBGetsTheGateways413AndOneOver25MiBBkSops400()
        {
            using (var host = new SandboxHost())
            {
                var huge = new byte[SandboxDefaults.GatewayBodyLimit + 1];
                var tooLarge = await host.Send("POST", $"{host.Server.Uri}/prod/fast_create_task/2/", null, SandboxHost.Authorization(), huge);
                Assert.Equal(413, tooLarge.Status);
                Assert.Equal("{\"code_name\":\"BODY_SIZE_LIMIT_EXCEED\",\"data\":null,\"code\":1641301,\"message\":\"Request body size too large.\",\"result\":false}", tooLarge.Text);
                var big = new byte[SandboxDefaults.BkSopsBodyLimit + 1];
                var bkSopsLimit = await host.Send("POST", $"{host.Server.Uri}/prod/fast_create_task/2/", null, SandboxHost.Authorization(), big);
                Assert.Equal(400, bkSopsLimit.Status);
                Assert.Contains("Bad Request (400)", bkSopsLimit.Text);
                Assert.True((await host.Create()).Result);
            }
        }

        [Fact]
        public async Task TextThatIsNotHTTPDoesNotStopTheServer()
        {
            using (var host = new SandboxHost())
            {
                var random = new Random(3);
                for (int i = 0; i < 10; i++)
                {
                    using (var socket = new TcpClient())
                    {
                        await socket.ConnectAsync("127.0.0.1", host.Server.Port);
                        var bytes = new byte[random.Next(1, 2000)];
                        random.NextBytes(bytes);
                        var stream = socket.GetStream();
                        await stream.WriteAsync(bytes, 0, bytes.Length);
                        if (i % 2 == 0) await stream.WriteAsync(Encoding.ASCII.GetBytes("\r\n\r\n"), 0, 4);
                        socket.Client.Shutdown(SocketShutdown.Send);
                        var buffer = new byte[4096];
                        try { while (await stream.ReadAsync(buffer, 0, buffer.Length) > 0) { } }
                        catch (System.IO.IOException) { }
                    }
                }
                using (var socket = new TcpClient())
                {
                    // A request that announces a body and never sends all of it: the client gives up, the server goes on.
                    await socket.ConnectAsync("127.0.0.1", host.Server.Port);
                    var head = Encoding.ASCII.GetBytes($"POST /api/bk-sops/prod/fast_create_task/2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{{\"name\"");
                    await socket.GetStream().WriteAsync(head, 0, head.Length);
                }
                Assert.True((await host.Create()).Result);
                Assert.Equal(1, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task InvalidUTF8AndOddQueriesAreAnswered()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Send("POST", $"{host.Server.Uri}/prod/fast_create_task/2/", null, SandboxHost.Authorization(), new byte[] { 0x7b, 0xff, 0xfe, 0x7d });
                Assert.Equal("invalid param format", reply.Message);
                var query = await host.Gateway("GET", "get_task_list/2", query: "keyword=%E4%B8%AD%ZZ&&=&limit=%");
                Assert.Equal(200, query.Status);
                Assert.NotNull(query.Json);
            }
        }
    }
}
