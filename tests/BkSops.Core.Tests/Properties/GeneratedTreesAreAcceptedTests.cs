using BkSops.Core.Tests.Generators;
using BkSops.Model;
using BkSops.Serialization;
using BkSops.Validation;
using CsCheck;
using Xunit;
using Xunit.Sdk;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>Every tree the generators make is one bk-sops accepts, so the validator must accept it too.</summary>
    public sealed class GeneratedTreesAreAcceptedTests
    {
        [Fact]
        public void RandomTreesAreValid()
        {
            TreeGens.Recipe.Sample(recipe => AssertAccepted(recipe.Build(), recipe.ToString()),
                iter: 400, print: r => r.ToString());
        }

        [Fact]
        public void RandomTreesReadBackFromTextAreValid()
        {
            // Trees read from text carry line/column positions: a different path through the diagnostics code.
            TreeGens.Recipe.Sample(recipe =>
            {
                string json = recipe.Build().ToJson(indented: true);
                AssertAccepted(PipelineReader.Parse(json, "generated.json"), recipe.ToString());
            }, iter: 100, print: r => r.ToString());
        }

        [Theory]
        [InlineData("chain", 1)]
        [InlineData("chain", 500)]
        [InlineData("parallel", 4)]
        [InlineData("parallel", 1000)] // 250 blocks: accepted by the server (spec section 5)
        [InlineData("parallel", 7)]
        [InlineData("nested", 1)]
        [InlineData("nested", 50)] // accepted by the server, in about 4 s (spec section 5)
        public void ShapesTheServerAcceptsAreValid(string shape, int size)
        {
            var tree = shape == "chain" ? ShapeGenerators.Chain(size)
                : shape == "parallel" ? ShapeGenerators.ParallelBlocks(size)
                : ShapeGenerators.NestedExclusive(size);
            AssertAccepted(tree, tree.Source);
        }

        internal static void AssertAccepted(PipelineTree tree, string context, ValidationOptions options = null)
        {
            var result = ValidationHarness.Validate(tree, options, context: context);
            ValidationHarness.AssertConsistent(result, context);
            if (!result.IsValid)
                throw new XunitException($"The validator rejects a tree the server accepts ({context}):{System.Environment.NewLine}{ValidationHarness.Errors(result)}");
        }
    }
}
