using System;
using System.IO;
using System.Linq;
using BkSops.Building;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Creation;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>
    /// Task creation sets node labels aside and puts them back (bk-sops PipelineWebTreeCleaner, the label signal
    /// handler): every way that crashes with HTTP 500, how Repair makes such trees safe, and the quick proof.
    /// </summary>
    public class NodeLabelsTests
    {
        [Theory]
        [InlineData("labels_on_gateway.json", nameof(Rules.LabelsNotOnActivity), "$.gateways['node0863aab8325b84cfa3e5db52dc61'].labels")]
        [InlineData("labels_on_converge_gateway.json", nameof(Rules.LabelsNotOnActivity), "$.gateways['node2b6f3285cfb3961c72834bafbe1b'].labels")]
        [InlineData("labels_on_start_event.json", nameof(Rules.LabelsNotOnActivity), "$.start_event.labels")]
        [InlineData("labels_on_end_event.json", nameof(Rules.LabelsNotOnActivity), "$.end_event.labels")]
        [InlineData("labels_activity_object.json", nameof(Rules.LabelsMalformed), "$.activities['node5310ec36c0364d3094d515f8f5ef'].labels")]
        [InlineData("labels_activity_strings.json", nameof(Rules.LabelsMalformed), "$.activities['node5310ec36c0364d3094d515f8f5ef'].labels")]
        [InlineData("labels_activity_missing_group.json", nameof(Rules.LabelsMalformed), "$.activities['node5310ec36c0364d3094d515f8f5ef'].labels")]
        [InlineData("labels_activity_number.json", nameof(Rules.LabelsMalformed), "$.activities['node5310ec36c0364d3094d515f8f5ef'].labels")]
        [InlineData("labels_on_reserved_id.json", nameof(Rules.LabelsOnReservedId), "$.activities['subprocess_detail'].labels")]
        [InlineData("labels_hidden_activity_null.json", nameof(Rules.LabelsMalformed), "$.activities['node2b6f3285cfb3961c72834bafbe1b'].labels")]
        public void EachCaseIsAnHttp500WithItsRule(string file, string rule, string path)
        {
            var verdict = new PipelineValidator().Validate(new PipelineTree(Example(file), file)).ServerVerdict;
            Assert.Equal(rule, verdict.RuleName);
            Assert.Equal(path, verdict.Path);
            Assert.Equal(500, verdict.ServerStatus);
            Assert.Null(verdict.ServerMessage);
            Assert.Null(verdict.ServerCode);
            Assert.Contains("HTTP 500", verdict.Message);
            Assert.Contains("labels", verdict.Hint);
            Assert.True(verdict.Line > 0, "the diagnostic points into the file");
        }

        [Theory]
        [InlineData("labels_activity_ok.json")]
        [InlineData("labels_activity_null.json")]
        [InlineData("labels_on_gateway_empty.json")]
        [InlineData("labels_gateway_onto_activity.json")]
        public void LabelsTheServerTakesAreAccepted(string file) =>
            Assert.True(new PipelineValidator().Validate(new PipelineTree(Example(file), file)).IsValid);

        [Fact]
        public void TheKeyErrorNamesTheNodeAndEveryBadPlaceIsReported()
        {
            var tree = Example("labels_on_gateway.json");
            tree.At("start_event").With("labels", "[{\"label\": \"a\", \"group\": \"b\"}]");
            tree.At("activities", "node5310ec36c0364d3094d515f8f5ef").With("labels", "\"ops\"");
            var errors = Validate(tree).Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Equal(new[] { Rules.LabelsNotOnActivity.Name, Rules.LabelsNotOnActivity.Name, Rules.LabelsMalformed.Name }, errors.Select(d => d.RuleName));
            Assert.Contains("KeyError: 'node0863aab8325b84cfa3e5db52dc61'", errors[0].Message);
            Assert.Equal("$.start_event.labels", errors[1].Path);
            Assert.Contains("TypeError: string indices must be integers, not 'str'", errors[2].Message);
        }

        [Fact]
        public void AGatewaysLabelsEndOnTheActivityWithItsIdAndMustBeWellFormed()
        {
            var tree = Example("labels_gateway_onto_activity.json");
            tree.At("gateways", "node2b6f3285cfb3961c72834bafbe1b").With("labels", "[\"ops\"]");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.LabelsMalformed.Name, verdict.RuleName);
            Assert.Equal("$.gateways['node2b6f3285cfb3961c72834bafbe1b'].labels", verdict.Path);
            Assert.Contains("activity 'node2b6f3285cfb3961c72834bafbe1b'", verdict.Message);
        }

        [Fact]
        public void ReplacementErrorsComeFirst()
        {
            var tree = Example("exclusive_condition_missing_branch.json");
            tree.At("start_event").With("labels", "[{\"label\": \"a\", \"group\": \"b\"}]");
            var result = Validate(tree);
            Assert.Equal(Rules.BranchConditionMissing.Name, result.ServerVerdict.RuleName);
            Assert.DoesNotContain(result.Diagnostics, d => d.RuleName == Rules.LabelsNotOnActivity.Name);
        }

        /// <summary>Trees with labels in random places and forms, each with the answer of bk-sops' own code.</summary>
        [Fact]
        public void MatchesTheServerOnTheLabelsCorpus()
        {
            var corpus = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "labels-corpus.json")));
            int n = 0, crashes = 0;
            foreach (var item in ((JsonArray)corpus["cases"]).Items.Cast<JsonObject>())
            {
                var expected = (JsonObject)item["expected"];
                var tree = (JsonObject)item["tree"];
                var result = new PipelineValidator().Validate(new PipelineTree((JsonObject)tree.Clone(), $"case {n}"));
                bool accepted = ((JsonBoolean)expected["accepted"]).Value;
                Assert.True(accepted == result.IsValid, $"case {n}: server {(accepted ? "accepts" : "rejects")}; validator: {string.Join(" | ", result.Diagnostics)}");
                if (!accepted)
                {
                    if (expected["message"] is JsonString message) Assert.Equal(message.Value, result.ServerVerdict.ServerMessage);
                    else
                    {
                        crashes++;
                        Assert.Equal(500, result.ServerVerdict.ServerStatus);
                    }
                }
                n++;
            }
            Assert.True(n >= 150 && crashes >= 50, $"{n} cases, {crashes} crashes");
        }

        [Fact]
        public void RepairMakesEveryCorpusTreeSafeWithoutTouchingAnythingButLabels()
        {
            var corpus = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "labels-corpus.json")));
            int repaired = 0;
            foreach (var item in ((JsonArray)corpus["cases"]).Items.Cast<JsonObject>())
            {
                var tree = (JsonObject)item["tree"];
                var before = new PipelineValidator().Validate(new PipelineTree((JsonObject)tree.Clone()));
                if (before.ServerVerdict != null && !before.ServerVerdict.RuleName.StartsWith("Labels", StringComparison.Ordinal)) continue;
                var result = new TreeRepairer().Repair(new PipelineTree((JsonObject)tree.Clone()));
                Assert.True(result.IsRepaired, string.Join(" | ", result.Validation.Diagnostics));
                Assert.All(result.Changes.Where(c => c.Path.EndsWith(".labels", StringComparison.Ordinal) || c.Path.Contains("['labels']")), c => Assert.NotNull(c.Description));
                if (!before.IsValid)
                {
                    repaired++;
                    Assert.Contains(result.Changes, c => c.Path.EndsWith(".labels", StringComparison.Ordinal));
                }
                Assert.True(NodeLabelsReplay.Run(result.Tree.Root).Count == 0);
            }
            Assert.True(repaired >= 50, $"only {repaired} trees needed a labels repair");
        }

        [Fact]
        public void RepairWrapsASingleLabelKeepsGoodEntriesAndRemovesTheRest()
        {
            var tree = Example("labels_activity_object.json");
            tree.At("activities", "node2bf42efcebe266706c3e21326dc4").With("labels", "[{\"label\": \"a\", \"group\": \"b\"}, \"x\", {\"label\": \"c\"}]");
            tree.At("activities", "node3c7dcf31454c1e9bdc9cf1cdeacc").With("labels", "7");
            tree.At("gateways", "node0863aab8325b84cfa3e5db52dc61").With("labels", "[{\"label\": \"a\", \"group\": \"b\"}]");
            tree.At("gateways", "node7e97af0f55fb64276e067951dd9d").With("labels", "[]");
            var result = new TreeRepairer().Repair(new PipelineTree(tree, "t"));
            Assert.True(result.IsRepaired, string.Join(" | ", result.Validation.Diagnostics));
            var labels = result.Changes.Where(c => c.Path.EndsWith(".labels", StringComparison.Ordinal)).ToDictionary(c => c.Path);
            Assert.Equal("[{\"label\":\"ops\",\"group\":\"default\"}]", labels["$.activities['node5310ec36c0364d3094d515f8f5ef'].labels"].After);
            Assert.Equal("[{\"label\":\"a\",\"group\":\"b\"}]", labels["$.activities['node2bf42efcebe266706c3e21326dc4'].labels"].After);
            Assert.Null(labels["$.activities['node3c7dcf31454c1e9bdc9cf1cdeacc'].labels"].After);
            Assert.Equal("7", labels["$.activities['node3c7dcf31454c1e9bdc9cf1cdeacc'].labels"].Before);
            Assert.Null(labels["$.gateways['node0863aab8325b84cfa3e5db52dc61'].labels"].After);
            Assert.Contains("activities only", labels["$.gateways['node0863aab8325b84cfa3e5db52dc61'].labels"].Description);
            Assert.Equal(4, labels.Count); // the empty list on the parallel gateway is left alone
            Assert.False(result.Tree.Root.At("gateways", "node0863aab8325b84cfa3e5db52dc61").ContainsKey("labels"));
            // The input is never changed.
            Assert.True(tree.At("gateways", "node0863aab8325b84cfa3e5db52dc61").ContainsKey("labels"));
        }

        [Fact]
        public void RepairOfTheReservedIdAndOfHiddenNodesLeavesASafeTree()
        {
            foreach (var file in new[] { "labels_on_reserved_id.json", "labels_hidden_activity_null.json" })
            {
                var result = new TreeRepairer().Repair(new PipelineTree(Example(file), file));
                Assert.True(result.IsRepaired, file + ": " + string.Join(" | ", result.Validation.Diagnostics));
                Assert.Contains(result.Changes, c => c.Path.EndsWith(".labels", StringComparison.Ordinal) && c.After == null);
            }
        }

        /// <summary>
        /// The whole validator with and without the quick proofs (the layout's, the id replacement's and the labels'):
        /// random and mutated trees with labels in random places give the same diagnostics either way.
        /// </summary>
        [Fact]
        public void TheQuickProofsChangeNoDiagnosticOnTreesWithLabels()
        {
            var random = new Random(11);
            var values = new[] { "[]", "null", "0", "\"x\"", "[\"x\"]", "[{\"label\": \"a\", \"group\": \"b\"}]", "[{\"label\": \"a\"}]", "{\"label\": \"a\", \"group\": \"b\"}" };
            int labelErrors = 0;
            for (int seed = 1; seed <= 200; seed++)
            {
                var root = Generators.RandomTreeGenerator.GenerateJson(seed, new Generators.RandomTreeOptions { MaxActivities = 3 + random.Next(30), MaxNesting = 1 + random.Next(3) });
                if (seed % 3 == 0) Generators.TreeMutator.Mutate(random, root, 1);
                var nodes = new System.Collections.Generic.List<JsonObject>();
                foreach (var section in new[] { "activities", "gateways" })
                    if (root[section] is JsonObject dict)
                        foreach (var p in dict.Properties)
                            if (p.Value is JsonObject o) nodes.Add(o);
                if (root["start_event"] is JsonObject start) nodes.Add(start);
                for (int i = random.Next(3); i > 0 && nodes.Count > 0; i--) nodes[random.Next(nodes.Count)].Set("labels", JsonReader.Parse(values[random.Next(values.Length)]));
                string fast = Run(root, true), full = Run(root, false);
                Assert.Equal(full, fast);
                if (fast.Contains("Labels")) labelErrors++;
            }
            Assert.True(labelErrors > 30, $"only {labelErrors} trees had a labels finding");

            static string Run(JsonObject root, bool fastPaths)
            {
                var stages = ServerOrder.Stages().Select(stage => stage switch
                {
                    BkSops.Validation.Graph.LayoutStage _ => new BkSops.Validation.Graph.LayoutStage { AllowFastPath = fastPaths },
                    CreationStage _ => new CreationStage { AllowFastPaths = fastPaths },
                    _ => stage,
                }).ToList();
                var result = new PipelineValidator(stages).Validate(new PipelineTree((JsonObject)root.Clone(), "t"));
                return string.Join("\n", result.Diagnostics.Select(DiagnosticText.Of));
            }
        }

        /// <summary>The quick proof (no node has labels, every node a type) is exact: whatever it calls safe, the replay finds safe.</summary>
        [Fact]
        public void TheQuickProofNeverCallsAFailingTreeSafe()
        {
            var random = new Random(7);
            var values = new[] { "[]", "null", "0", "\"\"", "{}", "\"x\"", "[\"x\"]", "[{\"label\": \"a\", \"group\": \"b\"}]", "[{\"label\": \"a\"}]", "true", "{\"label\": \"a\", \"group\": \"b\"}" };
            int proved = 0, failing = 0;
            for (int seed = 1; seed <= 300; seed++)
            {
                var root = Generators.RandomTreeGenerator.GenerateJson(seed);
                var nodes = new System.Collections.Generic.List<JsonObject> { (JsonObject)root["start_event"], (JsonObject)root["end_event"] };
                foreach (var section in new[] { "activities", "gateways" })
                    foreach (var p in ((JsonObject)root[section]).Properties) nodes.Add((JsonObject)p.Value);
                int labelled = random.Next(3);
                for (int i = 0; i < labelled; i++) nodes[random.Next(nodes.Count)].Set("labels", JsonReader.Parse(values[random.Next(values.Length)]));
                if (random.Next(10) == 0) nodes[random.Next(nodes.Count)].Remove("type");
                bool quick = NodeLabelsReplay.CannotFail(root);
                var found = NodeLabelsReplay.Run(root);
                if (quick) { proved++; Assert.Empty(found); }
                if (found.Count > 0) failing++;
                // Labels that the replay accepts stay accepted once Repair has normalised them, and Repair never leaves a failure.
                new TreeNormalizer().Normalize(root);
                Assert.DoesNotContain(NodeLabelsReplay.Run(root), f => f.Kind != LabelFailureKind.NoType);
            }
            Assert.True(proved > 50 && failing > 50, $"{proved} proved, {failing} failing");
        }
    }
}
