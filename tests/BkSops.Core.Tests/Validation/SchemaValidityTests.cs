using System;
using System.IO;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Validation.Schema;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>The quick validity walk the schema stage starts with must agree with the full evaluator on every tree.</summary>
    public class SchemaValidityTests
    {
        [Fact]
        public void AgreesWithTheEvaluatorOnRandomAndMutatedTrees()
        {
            int valid = 0, invalid = 0;
            for (int seed = 1; seed <= 400; seed++)
            {
                var random = new Random(seed);
                var options = new RandomTreeOptions { MaxActivities = 3 + random.Next(30), MaxNesting = 1 + random.Next(3) };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                Check(root, ref valid, ref invalid);
                TreeMutator.Mutate(random, root, 1 + random.Next(4));
                Check(root, ref valid, ref invalid);
            }
            Assert.True(valid > 100 && invalid > 100, $"{valid} valid and {invalid} invalid trees");
        }

        [Fact]
        public void AgreesWithTheEvaluatorOnTheServerExamples()
        {
            int valid = 0, invalid = 0;
            var folder = Path.Combine(AppContext.BaseDirectory, "examples", "server-verdicts");
            foreach (var file in Directory.GetFiles(folder, "*.json"))
            {
                if (Path.GetFileName(file) == "verdicts.json") continue;
                if (JsonReader.Parse(File.ReadAllText(file)) is JsonObject root) Check(root, ref valid, ref invalid);
            }
            Assert.True(valid > 0 && invalid > 0, $"{valid} valid and {invalid} invalid examples");
        }

        [Theory]
        [InlineData("ServiceActivity", true)]
        [InlineData("Activity", false)]
        public void EnumsAcceptOnlyTheirValues(string type, bool expected)
        {
            var tree = ValidationTestTrees.Minimal();
            tree.At("activities", "nodeact").Set("type", new JsonString(type));
            tree.Set("gateways", new JsonObject());
            tree.Set("constants", new JsonObject());
            tree.Set("outputs", new JsonArray());
            Assert.Equal(expected, SchemaValidity.IsValid(WebPipelineSchema.Root, tree));
            Assert.Equal(expected, SchemaEvaluator.Validate(WebPipelineSchema.Root, tree).Count == 0);
        }

        private static void Check(JsonObject root, ref int valid, ref int invalid)
        {
            bool quick = SchemaValidity.IsValid(WebPipelineSchema.Root, root);
            bool full = SchemaEvaluator.Validate(WebPipelineSchema.Root, root).Count == 0;
            Assert.Equal(full, quick);
            if (quick) valid++;
            else invalid++;
        }
    }
}
