using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Sandbox.Creation;
using Xunit;

namespace BkSops.Sandbox.Tests.Creation
{
    public class ServerIdsTests
    {
        [Fact]
        public void IdsHaveTheServersFormatAndNeverRepeatAcrossThreads()
        {
            // Many more ids than one thread's block of random bytes holds, from several threads at once.
            var ids = new ConcurrentBag<string>();
            Parallel.For(0, 8, _ =>
            {
                for (int i = 0; i < 500; i++)
                {
                    ids.Add(ServerIds.NewNodeId());
                    ids.Add(ServerIds.NewFlowId());
                }
            });
            Assert.Equal(8000, ids.Count);
            Assert.Equal(8000, ids.Distinct().Count());
            Assert.All(ids, id => Assert.True(ServerIds.IsServerId(id, id[0] == 'n' ? 'n' : 'l'), id));
            Assert.Equal(4000, ids.Count(id => id[0] == 'n'));
            // Random where the format leaves it so: every hex digit shows up at a free position (14) over 4,000 ids.
            Assert.Equal(16, ids.Select(id => id[14]).Distinct().Count());
            Assert.Equal(4, ids.Select(id => id[16]).Distinct().Count());
        }

        [Fact]
        public void RequestIdsAreVersion4UuidsInHex()
        {
            var ids = Enumerable.Range(0, 1000).Select(_ => RandomBytes.Uuid4Hex()).ToList();
            Assert.All(ids, id => Assert.Matches("^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$", id));
            Assert.Equal(1000, ids.Distinct().Count());
        }
    }
}
