using System;
using BkSops.Core.Tests.Generators;
using BkSops.Serialization;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>
    /// Trees far larger than the server takes validate on a 1 MB stack: no recursion grows with the tree.
    /// MaxDepth is lifted so the only thing left to report is what is really wrong (nothing).
    /// </summary>
    public sealed class DeepTreeTests
    {
        private static readonly ValidationOptions NoDepthLimit = new ValidationOptions { MaxDepth = int.MaxValue };
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

        [Fact]
        public void ChainOf100000ActivitiesValidatesWithoutStackOverflow()
        {
            var tree = ShapeGenerators.Chain(100_000);
            var result = ValidationHarness.Validate(tree, NoDepthLimit, Bound, tree.Source);
            ValidationHarness.AssertConsistent(result, tree.Source);
            Assert.True(result.IsValid, "A 100,000-activity chain is well formed:" + Environment.NewLine + ValidationHarness.Errors(result));
        }

        [Fact]
        public void ChainOf10000ActivitiesReadFromTextValidates()
        {
            // Read from text, every node carries a line and column: the diagnostics' position code runs too.
            string json = ShapeGenerators.Chain(10_000).ToJson(indented: true);
            var tree = PipelineReader.Parse(json, "chain-10000.json");
            var result = ValidationHarness.Validate(tree, NoDepthLimit, Bound, tree.Source);
            ValidationHarness.AssertConsistent(result, tree.Source);
            Assert.True(result.IsValid, ValidationHarness.Errors(result));
        }

        [Fact]
        public void ChainOf100000ActivitiesWithDefaultOptionsAnswersConsistently()
        {
            // The server refuses such a tree (recursion limit); whatever the validator says, it must say it without crashing.
            var tree = ShapeGenerators.Chain(100_000);
            var result = ValidationHarness.Validate(tree, bound: Bound, context: tree.Source);
            ValidationHarness.AssertConsistent(result, tree.Source);
        }

        [Theory]
        [InlineData("parallel", 20_000)]
        [InlineData("nested", 2_000)]
        public void OtherDeepShapesValidateWithoutStackOverflow(string shape, int size)
        {
            var tree = shape == "parallel" ? ShapeGenerators.ParallelBlocks(size) : ShapeGenerators.NestedExclusive(size);
            var result = ValidationHarness.Validate(tree, NoDepthLimit, Bound, tree.Source);
            ValidationHarness.AssertConsistent(result, tree.Source);
            Assert.True(result.IsValid, ValidationHarness.Errors(result));
        }
    }
}
