using System.Linq;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using CsCheck;
using Xunit;
using Xunit.Sdk;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>The generators themselves: well-formed, reproducible, and of the size asked for.</summary>
    public sealed class GeneratorsTests
    {
        [Fact]
        public void RandomTreesAreWellFormed()
        {
            TreeGens.Recipe.Sample(recipe =>
            {
                var problems = TreeInvariants.Check(recipe.Build().Root);
                if (problems.Count > 0) throw new XunitException(string.Join("\n", problems));
            }, iter: 500, print: r => r.ToString());
        }

        [Fact]
        public void TheSameSeedGivesTheSameTree()
        {
            TreeGens.Recipe.Sample(recipe =>
                Assert.Equal(recipe.Build().ToJson(), recipe.Build().ToJson()), iter: 50, print: r => r.ToString());
        }

        [Fact]
        public void RandomTreesUseEveryFeature()
        {
            // Over a few hundred seeds the generator must exercise each construct at least once.
            var seen = new System.Collections.Generic.HashSet<string>();
            for (int seed = 0; seed < 300; seed++)
            {
                var tree = RandomTreeGenerator.Generate(seed);
                var root = tree.Root;
                string endId = ((JsonString)((JsonObject)root["end_event"])["id"]).Value;
                foreach (var g in tree.Gateways)
                {
                    seen.Add(g.Type);
                    if (g.DefaultFlowId != null) seen.Add("default_condition");
                }
                foreach (var f in tree.Flows)
                {
                    var source = root["gateways"] is JsonObject gws ? gws[f.Source] as JsonObject : null;
                    if (source != null && f.Target == endId) seen.Add("branch to end");
                    if (source != null && ((JsonObject)root["activities"])[f.Target] is JsonObject target
                        && ((JsonArray)target["incoming"]).Count > 1) seen.Add("loop back");
                }
                if (tree.ConstantCount > 0) seen.Add("constants");
                if (tree.Outputs.Count > 0) seen.Add("outputs");
                if (tree.ToJson(false).Contains("\"hook\":true,\"value\":\"${")) seen.Add("reference");
            }
            foreach (var feature in new[] { NodeTypes.Parallel, NodeTypes.ConditionalParallel, NodeTypes.Exclusive, NodeTypes.Converge,
                         "default_condition", "branch to end", "loop back", "constants", "outputs", "reference" })
                Assert.Contains(feature, seen);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(10)]
        [InlineData(1000)]
        public void ChainHasTheSizeAskedFor(int n)
        {
            var tree = ShapeGenerators.Chain(n);
            Assert.Equal(n, tree.ActivityCount);
            Assert.Equal(n + 1, tree.FlowCount);
            Assert.Equal(0, tree.GatewayCount);
            Assert.Empty(TreeInvariants.Check(tree.Root));
        }

        [Theory]
        [InlineData(4)]
        [InlineData(10)]
        [InlineData(1000)]
        public void ParallelBlocksHasTheSizeAskedFor(int n)
        {
            var tree = ShapeGenerators.ParallelBlocks(n);
            Assert.Equal(n, tree.ActivityCount);
            Assert.Equal(n / 4 * 2, tree.GatewayCount);
            Assert.Equal(n / 4, tree.Gateways.Count(g => g.Type == NodeTypes.Parallel));
            Assert.Empty(TreeInvariants.Check(tree.Root));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(50)]
        public void NestedExclusiveHasTheDepthAskedFor(int depth)
        {
            var tree = ShapeGenerators.NestedExclusive(depth);
            Assert.Equal(2 * depth, tree.GatewayCount);
            Assert.Equal(2 * depth + 1, tree.ActivityCount);
            Assert.Equal(depth, tree.Gateways.Count(g => g.Type == NodeTypes.Exclusive));
            Assert.Empty(TreeInvariants.Check(tree.Root));
        }

        [Fact]
        public void ShapesAreDeterministic()
        {
            Assert.Equal(ShapeGenerators.Chain(20).ToJson(), ShapeGenerators.Chain(20).ToJson());
            Assert.Equal(ShapeGenerators.NestedExclusive(5).ToJson(), ShapeGenerators.NestedExclusive(5).ToJson());
        }
    }
}
