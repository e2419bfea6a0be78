using System.Diagnostics;
using System.Linq;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>Depth limits and the cost of very large trees: no stack overflow, near-linear time (generous bounds).</summary>
    public class ScaleTests
    {
        [Fact]
        public void NineHundredNodesOnTheLongestPathPass()
        {
            // start + 898 activities + end = 900 nodes.
            var result = GraphCheck.Validate(ShapeGenerators.Chain(898).Root);
            Assert.True(result.IsValid, GraphCheck.Describe(result));
        }

        [Fact]
        public void NineHundredAndOneNodesAreTooDeep()
        {
            var result = GraphCheck.Validate(ShapeGenerators.Chain(899).Root);
            Assert.False(result.IsValid);
            var d = result.ServerVerdict;
            Assert.Equal("TreeTooDeep", d.RuleName);
            Assert.Equal(ServerAnswer.InvalidTreePrefix + "maximum recursion depth exceeded", d.ServerMessage);
            Assert.Contains("901", d.Message);
        }

        [Fact]
        public void MaxDepthIsAnOption()
        {
            var result = GraphCheck.Validate(ShapeGenerators.Chain(10).Root, new ValidationOptions { MaxDepth = 11 });
            Assert.Equal("TreeTooDeep", result.ServerVerdict?.RuleName);
        }

        [Fact]
        public void HundredThousandActivityChainWithoutStackOverflow()
        {
            var tree = ShapeGenerators.Chain(100000);
            var watch = Stopwatch.StartNew();
            var result = GraphCheck.Validate(tree.Root);
            watch.Stop();
            Assert.Equal("TreeTooDeep", result.ServerVerdict.RuleName);
            Assert.Equal(1, result.ErrorCount);
            Assert.True(watch.Elapsed.TotalSeconds < 20, $"took {watch.Elapsed}");
        }

        [Fact]
        public void TenThousandDeepNestedExclusiveGatewaysWithoutStackOverflow()
        {
            var tree = ShapeGenerators.NestedExclusive(10000);
            var watch = Stopwatch.StartNew();
            var context = new ValidationContext(tree, null);
            foreach (var stage in GraphCheck.Stages()) stage.Run(context);
            watch.Stop();
            var errors = context.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Equal("TreeTooDeep", errors.Single().RuleName);
            // The gateway matching itself is emulated too (iteratively): every exclusive gateway finds its converge.
            var converges = (System.Collections.Generic.Dictionary<string, string>)context.Shared[GatewayStage.ConvergesKey];
            Assert.Equal(10000, converges.Count);
            Assert.Contains(context.Diagnostics, d => d.RuleName == "SlowGatewayMatching");
            Assert.True(watch.Elapsed.TotalSeconds < 30, $"took {watch.Elapsed}");
        }

        [Fact]
        public void TwoHundredDeepNestedGatewayMatchingIsFast()
        {
            var tree = ShapeGenerators.NestedExclusive(200);
            var context = new ValidationContext(tree, null);
            new LayoutStage().Run(context);
            new ConnectionStage().Run(context);
            var gateways = new GatewayStage();
            gateways.Run(context); // warm up
            var best = double.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                var again = new ValidationContext(tree, null);
                new LayoutStage().Run(again);
                new ConnectionStage().Run(again);
                var watch = Stopwatch.StartNew();
                new GatewayStage().Run(again);
                watch.Stop();
                Assert.True((bool)again.Shared[GatewayStage.GatewaysSucceededKey]);
                best = System.Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }
            // Measured 2-4 ms on the build machines (the server needs minutes); the bound is loose for busy CI hosts.
            Assert.True(best < 25, $"gateway matching took {best} ms");
            Assert.Contains(context.Diagnostics, d => d.RuleName == "SlowGatewayMatching");
        }

        [Fact]
        public void AThousandActivitiesInParallelBlocksValidateQuickly()
        {
            var tree = ShapeGenerators.ParallelBlocks(1000);
            GraphCheck.Validate(tree.Root); // warm up
            var watch = Stopwatch.StartNew();
            var result = GraphCheck.Validate(tree.Root);
            watch.Stop();
            Assert.True(result.IsValid, GraphCheck.Describe(result));
            Assert.True(watch.Elapsed.TotalSeconds < 5, $"took {watch.Elapsed}");
        }
    }
}
