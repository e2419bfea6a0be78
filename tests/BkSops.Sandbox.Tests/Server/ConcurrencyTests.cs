using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class ConcurrencyTests
    {
        [Fact]
        public async Task CreatesFromEightClientsAtOnceStoreEachTaskOnce()
        {
            using (var host = new SandboxHost())
            {
                var ids = new ConcurrentBag<long>();
                await Task.WhenAll(Enumerable.Range(0, 8).Select(async client =>
                {
                    for (int i = 0; i < 40; i++)
                    {
                        var reply = await host.Create(name: $"c{client}-{i}");
                        Assert.True(reply.Result, reply.Text);
                        ids.Add(reply.Data.Num("task_id"));
                    }
                }));
                Assert.Equal(Enumerable.Range(1, 320).Select(i => (long)i), ids.OrderBy(i => i));
                Assert.Equal(320, host.Server.Tasks.Count);
                var names = host.Server.Tasks.NewestFirst().Select(t => t.Name).ToList();
                Assert.Equal(320, names.Distinct().Count());
            }
        }
    }
}
