using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading.Tasks;
using BkSops.Sandbox.Faults;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class FaultTests
    {
        [Fact]
        public async Task Http429AnswersLikeTheGatewaysRateLimitAndCreatesNothing()
        {
            using (var host = new SandboxHost())
            {
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.Http429, 2, retryAfterSeconds: 7));
                for (int i = 0; i < 2; i++)
                {
                    var reply = await host.Create();
                    Assert.Equal(429, reply.Status);
                    Assert.Equal(1642902, reply.Code);
                    Assert.Equal("RATE_LIMIT_RESTRICTION", reply.Json.Str("code_name"));
                    Assert.Equal("7", reply.Header("Retry-After"));
                    Assert.Equal("0", reply.Header("X-Bkapi-RateLimit-Remaining"));
                    Assert.NotNull(reply.Header("X-Bkapi-RateLimit-Reset"));
                }
                Assert.Equal(0, host.Server.Tasks.Count);
                Assert.True((await host.Create()).Result); // used up
                Assert.Equal(1, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task Http502AndHttp500OnACreateStoreTheTaskFirst()
        {
            using (var host = new SandboxHost())
            {
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.Http502, 1));
                var bad = await host.Create();
                Assert.Equal(502, bad.Status);
                Assert.Equal(1650200, bad.Code);
                Assert.Equal(1, host.Server.Tasks.Count);
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.Http500, 1));
                var error = await host.Create();
                Assert.Equal(500, error.Status);
                Assert.Null(error.Json);
                Assert.Equal(2, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task Http502OnAReadOnlyRouteAnswersWithoutDoingAnything()
        {
            using (var host = new SandboxHost())
            {
                host.Server.Faults.Set(new SandboxFault("get_task_list", SandboxFaultKind.Http502, 1));
                Assert.Equal(502, (await host.Gateway("GET", "get_task_list/2")).Status);
                Assert.Equal(200, (await host.Gateway("GET", "get_task_list/2")).Status);
            }
        }

        [Fact]
        public async Task ResetDropsTheConnectionAfterCreatingTheTask()
        {
            using (var host = new SandboxHost())
            {
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.Reset, 1));
                Reply r = null;
                var e = await Record.ExceptionAsync(async () => r = await host.Create());
                Assert.True(e is HttpRequestException, r?.ToString() + " " + host.Server.Tasks.Count);
                Assert.Equal(1, host.Server.Tasks.Count);
                Assert.True((await host.Create()).Result);
            }
        }

        [Fact]
        public async Task SlowHoldsTheAnswerBack()
        {
            using (var host = new SandboxHost())
            {
                host.Server.Faults.Set(new SandboxFault("get_plugin_list", SandboxFaultKind.Slow, 1, delaySeconds: 1.0));
                var watch = Stopwatch.StartNew();
                var reply = await host.Gateway("GET", "get_plugin_list/2");
                Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), watch.Elapsed.ToString());
                Assert.True(reply.Result);
            }
        }

        [Fact]
        public async Task NotJsonAndResultFalseDoNothingAndSaySo()
        {
            using (var host = new SandboxHost())
            {
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.NotJson, 1));
                var html = await host.Create();
                Assert.Equal(200, html.Status);
                Assert.Null(html.Json);
                host.Server.Faults.Set(new SandboxFault("fast_create_task", SandboxFaultKind.ResultFalse, 1));
                var refused = await host.Create();
                Assert.False(refused.Result);
                Assert.Equal(3599999, refused.Code);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public void ACountOfZeroDisarmsTheRoute()
        {
            var faults = new FaultInjector();
            faults.Set(new SandboxFault("start_task", SandboxFaultKind.Http500, 3));
            Assert.Single(faults.Armed());
            faults.Set(new SandboxFault("start_task", SandboxFaultKind.Http500, 0));
            Assert.Empty(faults.Armed());
            Assert.Null(faults.Take("start_task"));
        }
    }
}
