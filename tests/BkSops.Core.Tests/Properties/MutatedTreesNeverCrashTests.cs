using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;
using CsCheck;
using Xunit;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>
    /// Broken trees never make the validator throw or hang, its answer is consistent, and it leaves the input alone.
    /// </summary>
    public sealed class MutatedTreesNeverCrashTests
    {
        public static IEnumerable<object[]> MutationNames => TreeMutator.Names.Select(n => new object[] { n });

        [Fact]
        public void RandomMutationsOfValidTrees()
        {
            Gen.Select(TreeGens.Recipe, Gen.Int[0, int.MaxValue], Gen.Int[1, 4], Gen.Bool)
               .Sample((recipe, mutationSeed, mutations, fromText) => Check(recipe, mutationSeed, mutations, fromText),
                   iter: 1000,
                   print: t => $"{t.Item1}, mutation seed {t.Item2}, {t.Item3} mutation(s), from text: {t.Item4}");
        }

        [Theory]
        [MemberData(nameof(MutationNames))]
        public void EachMutationAlone(string mutation)
        {
            int applied = 0;
            for (int seed = 0; seed < 25; seed++)
            {
                var recipe = new TreeRecipe(seed, new RandomTreeOptions { MaxActivities = 12 });
                var root = (JsonObject)recipe.Build().Root.Clone();
                string what = TreeMutator.Apply(mutation, new Random(seed), root);
                if (what == null) continue;
                applied++;
                CheckDocument(root, fromText: seed % 2 == 0, $"{recipe}, {mutation}: {what}");
            }
            Assert.True(applied > 0, $"The mutation {mutation} never applied to a generated tree.");
        }

        private static void Check(TreeRecipe recipe, int mutationSeed, int mutations, bool fromText)
        {
            var root = (JsonObject)recipe.Build().Root.Clone();
            var done = TreeMutator.Mutate(new Random(mutationSeed), root, mutations);
            CheckDocument(root, fromText, $"{recipe} mutated by [{string.Join("; ", done)}]");
        }

        private static void CheckDocument(JsonObject root, bool fromText, string context)
        {
            string before = JsonWriter.Write(root, indented: false);
            PipelineTree tree;
            if (fromText)
            {
                // Compact text: indenting 20,000 levels would write 2 * depth spaces per line, quadratic in the depth.
                tree = PipelineReader.Parse(JsonWriter.Write(root, indented: false), "mutated.json");
            }
            else
            {
                tree = new PipelineTree(root, "mutated tree");
            }
            var result = ValidationHarness.Validate(tree, context: context);
            ValidationHarness.AssertConsistent(result, context);
            if (!fromText)
                Assert.True(before == JsonWriter.Write(root, indented: false), "The validator changed its input: " + context);
        }
    }
}
