using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Building;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Validation;
using CsCheck;
using Xunit;
using Xunit.Sdk;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>Every tree the builder returns is one the server accepts (contracts.md section 3), whatever steps and blocks it is given.</summary>
    public sealed class BuiltTreesAreAcceptedTests
    {
        [Fact]
        public void RandomStepSetsAndBranchStructuresBuildTreesTheServerAccepts()
        {
            Gen.Int.Sample(seed =>
            {
                var structure = new RandomBuildStructure(seed);
                var result = new PipelineBuilder().Build(structure.Items(), new PipelineBuildOptions { Seed = seed });
                string context = $"structure seed {seed}";
                // The one problem the builder may answer is a loop the server refuses: then the tree written with every
                // loop must be refused by the validator too, and the builder's own rules (not its validator safety net)
                // must have said so.
                if (!result.Succeeded && result.Problems.All(p => p.Reason == "InvalidLoop") && structure.HasLoops)
                {
                    var unchecked_ = new PipelineBuilder().Build(new RandomBuildStructure(seed).Items(), new PipelineBuildOptions { Seed = seed, WriteEveryLoop = true });
                    Assert.True(unchecked_.Succeeded, context);
                    var verdict = ValidationHarness.Validate(unchecked_.Tree, context: context);
                    if (!verdict.Diagnostics.Any(d => d.Severity == Severity.Error && d.RuleName != "TreeTooDeep"))
                        throw new XunitException($"The builder refused a loop the server accepts ({context}): {string.Join("; ", result.Problems)}");
                    return;
                }
                if (!result.Succeeded)
                    throw new XunitException($"The builder refused a valid structure ({context}): " + string.Join("; ", result.Problems));
                AssertServerSafe(result, context);
            }, iter: 3000, threads: 1);
        }

        [Fact]
        public void StructuresWithLoopsBuildExactlyWhenTheServerAcceptsTheirLoops()
        {
            int built = 0, refused = 0;
            Gen.Int.Sample(seed =>
            {
                var structure = new RandomBuildStructure(seed, maxNesting: 3);
                var items = structure.Items();
                if (!structure.HasLoops) return;
                string context = $"loop structure seed {seed}";
                var result = new PipelineBuilder().Build(items, new PipelineBuildOptions { Seed = seed });
                var all = new PipelineBuilder().Build(new RandomBuildStructure(seed, maxNesting: 3).Items(), new PipelineBuildOptions { Seed = seed, WriteEveryLoop = true });
                if (!all.Succeeded) { Assert.False(result.Succeeded, context); return; } // problems other than loops
                bool serverAccepts = !ValidationHarness.Validate(all.Tree, context: context).Diagnostics.Any(d => d.Severity == Severity.Error && d.RuleName != "TreeTooDeep");
                if (serverAccepts != result.Succeeded)
                    throw new XunitException($"The builder {(result.Succeeded ? "built" : "refused")} a structure whose loops the server {(serverAccepts ? "accepts" : "refuses")} ({context}): {string.Join("; ", result.Problems)}");
                if (result.Succeeded) { built++; AssertServerSafe(result, context); }
                else
                {
                    refused++;
                    Assert.All(result.Problems, p => Assert.Equal("InvalidLoop", p.Reason));
                    // Every refusal names the gateway's branch and the step it loops back to.
                    Assert.All(result.Problems, p => Assert.Matches("^Branch [0-9]+ of the Exclusive gateway.* loops back to '", p.Message));
                }
            }, iter: 3000, threads: 1);
            Assert.True(built > 100 && refused > 100, $"built {built}, refused {refused}: the generator should make both kinds");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(900)]
        [InlineData(1200)]
        public void LongStepSequencesAreBuiltEvenWhenTheServerRefusesThemAsTooDeep(int steps)
        {
            var items = Enumerable.Range(1, steps).Select(i => (BuildBlock)new StepDefinition { Name = "step " + i, Code = "sleep_timer" });
            var result = new PipelineBuilder().Build(items, new PipelineBuildOptions { Seed = 1 });
            Assert.True(result.Succeeded);
            Assert.Equal(steps, result.Tree.ActivityCount);
            AssertServerSafe(result, $"chain of {steps}");
        }

        internal static void AssertServerSafe(BuildResult result, string context)
        {
            var tree = result.Tree;
            var validation = ValidationHarness.Validate(tree, context: context);
            ValidationHarness.AssertConsistent(validation, context);
            var errors = validation.Diagnostics.Where(d => d.Severity == Severity.Error && d.RuleName != "TreeTooDeep").ToList();
            if (errors.Count > 0)
                throw new XunitException($"The validator rejects a built tree ({context}):{Environment.NewLine}{ValidationHarness.Errors(validation)}{Environment.NewLine}{tree.ToJson()}");
            Assert.Empty(new TreeNormalizer().Normalize(tree.Clone().Root));
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in tree.Activities.Cast<Model.PipelineNode>().Concat(tree.Gateways).Append(tree.StartEvent).Append(tree.EndEvent))
            {
                Assert.True(IdGenerator.IsCanvasId(node.Id) && node.Id.StartsWith("node"), $"bad node id {node.Id} ({context})");
                Assert.True(ids.Add(node.Id), $"id {node.Id} used twice ({context})");
                if (node.Key != "start_event" && node.Key != "end_event") Assert.Equal(node.Key, node.Id);
                Assert.True(BkSops.Validation.Python.PythonText.Length(node.Name) <= 50);
            }
            foreach (var flow in tree.Flows)
            {
                Assert.True(IdGenerator.IsCanvasId(flow.Key) && flow.Key.StartsWith("line"), $"bad flow id {flow.Key} ({context})");
                Assert.True(ids.Add(flow.Key), $"id {flow.Key} used twice ({context})");
            }
            foreach (var gateway in tree.Gateways.Where(g => g.Type == "ExclusiveGateway" || g.Type == "ConditionalParallelGateway"))
                foreach (var flow in gateway.Outgoing)
                    Assert.True(gateway.Conditions.ContainsKey(flow) || gateway.DefaultFlowId == flow, $"flow {flow} has no condition ({context})");
        }
    }
}
