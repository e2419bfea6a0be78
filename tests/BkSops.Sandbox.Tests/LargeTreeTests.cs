using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    public class LargeTreeTests
    {
        [Fact]
        public void ALongChainAndThousandsOfNestedGatewaysRunWithoutDeepRecursion()
        {
            var t = new TestTree();
            var ids = Enumerable.Range(0, 30_000).Select(i => "na" + i).ToList();
            foreach (var id in ids) t.Activity(id);
            // 3,000 nested parallel gateways around the chain's end.
            const int depth = 3_000;
            for (int i = 0; i < depth; i++) t.Parallel("np" + i, "nc" + i).Converge("nc" + i).Activity("nx" + i);
            var chain = new[] { TestTree.Start }.Concat(ids).ToList();
            for (int i = 0; i < depth; i++) chain.Add("np" + i);
            t.Chain(chain.ToArray());
            for (int i = depth - 1; i >= 0; i--)
            {
                t.Chain("np" + i, "nx" + i, "nc" + i);
                if (i > 0) t.Flow("nc" + i, "nc" + (i - 1));
            }
            t.Flow("np" + (depth - 1), "nc" + (depth - 1));
            t.Flow("nc0", TestTree.End);
            var h = new Harness(t).Started();
            var s = h.Status();
            Assert.Equal("FINISHED", Str(s["state"]));
            Assert.Equal(30_000 + 3 * depth + 2, ((JsonObject)s["children"]).Count);
        }
    }
}
