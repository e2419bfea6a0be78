using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BkSops.Core.Tests.Generators;
using BkSops.Core.Tests.Json;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Documentation
{
    /// <summary>Every rule the validator reports is explained, with a failing and a fixed example, in docs/rules.</summary>
    public class RuleDocumentationTests
    {
        // docs/rules/*.md are copied next to the tests by the project file.
        private static string RulesFolder() => Path.Combine(AppContext.BaseDirectory, "rule-docs");

        /// <summary>The rule names reported on the example trees, generated trees and mutations of them.</summary>
        private static SortedSet<string> ReportedRuleNames()
        {
            var validator = new PipelineValidator();
            var names = new SortedSet<string>(StringComparer.Ordinal);
            void Collect(PipelineTree tree)
            {
                foreach (var d in validator.Validate(tree).Diagnostics) names.Add(d.RuleName);
            }
            foreach (var file in Directory.GetFiles(JsonRoundTripTests.SharedExample("server-verdicts"), "*.json"))
                if (Path.GetFileName(file) != "verdicts.json")
                    Collect(new PipelineTree((JsonObject)JsonReader.Parse(File.ReadAllText(file)), file));
            Collect(new PipelineTree((JsonObject)JsonReader.Parse(File.ReadAllText(JsonRoundTripTests.SharedExample("seed-tree.json")))));
            for (int seed = 0; seed < 150; seed++)
            {
                var random = new Random(seed);
                var root = RandomTreeGenerator.GenerateJson(seed);
                Collect(new PipelineTree((JsonObject)root.Clone()));
                TreeMutator.Mutate(random, root);
                Collect(new PipelineTree(root));
            }
            return names;
        }

        [Fact]
        public void EveryReportedRuleHasAPageWithAFailingAndAFixedExample()
        {
            string folder = RulesFolder();
            var names = ReportedRuleNames();
            Assert.True(names.Count >= 20, $"the corpus should exercise many rules, got {names.Count}");
            var missing = names.Where(n => !File.Exists(Path.Combine(folder, n + ".md"))).ToList();
            Assert.True(missing.Count == 0, "rules without docs/rules/<Name>.md: " + string.Join(", ", missing));
            foreach (var name in names)
            {
                string text = File.ReadAllText(Path.Combine(folder, name + ".md"));
                Assert.True(text.IndexOf("```", StringComparison.Ordinal) >= 0 && text.Split(new[] { "```" }, StringSplitOptions.None).Length >= 5,
                    $"docs/rules/{name}.md needs a failing and a fixed example");
            }
        }

        [Fact]
        public void RuleNamesAreStablePascalCase()
        {
            foreach (var name in ReportedRuleNames())
                Assert.Matches("^[A-Z][A-Za-z0-9]+$", name);
        }
    }
}
