using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>bamboo's validate_gateways (spec 2.8) on small trees, including shapes of bamboo's own unit tests (pipeline/tests/validators/cases.py).</summary>
    public class GatewayStageTests
    {
        private static Dictionary<string, string> Converges(JsonObject tree)
        {
            var context = new ValidationContext(new BkSops.Model.PipelineTree(tree), null);
            foreach (var stage in GraphCheck.Stages()) stage.Run(context);
            Assert.False(context.HasError, string.Join(" | ", context.Diagnostics));
            return context.Graph.Converges.Value;
        }

        [Fact]
        public void ExclusiveBranchesReachingDifferentConverges()
        {
            var t = new MiniTree().Chain("s", "x1");
            t.Branch("x1", "a1", "a2");
            t.Flow("a1", "c1");
            t.Flow("a2", "c2");
            t.Flow("c1", "c2");
            t.Flow("c2", "e");
            var d = GraphCheck.Rejects(t.Build(), "分支网关的所有分支第一个遇到的汇聚网关必须是同一个", "ConvergeMismatch");
            Assert.Equal("x1", d.NodeId);
        }

        [Fact]
        public void ParallelBranchToTheEnd()
        {
            var t = new MiniTree().Chain("s", "p1");
            t.Branch("p1", "a1", "a2");
            t.Flow("a1", "c1");
            t.Flow("a2", "e");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "非法网关, 请检查其分支是否符合规则, cur_index: p1, targets: ['c1', 'e']", "ParallelBranchToEnd");
        }

        [Fact]
        public void ExclusiveInsideAParallelBranchToTheEnd()
        {
            var t = new MiniTree().Chain("s", "p1");
            t.Branch("p1", "a1", "x1");
            t.Flow("a1", "c1");
            t.Branch("x1", "a2", "e");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关", "ExclusiveInParallelMustConverge");
        }

        [Fact]
        public void ExclusiveInsideAParallelLoopingBackToTheParallel()
        {
            var t = new MiniTree().Chain("s", "p1");
            t.Branch("p1", "a1", "x1");
            t.Flow("a1", "c1");
            t.Branch("x1", "a2", "p1");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关", "ExclusiveInParallelMustConverge");
        }

        [Fact]
        public void ExclusiveInsideAParallelLoopingBackToAnOuterExclusive()
        {
            var t = new MiniTree().Chain("s", "x0");
            t.Branch("x0", "p1", "e");
            t.Branch("p1", "a1", "x1");
            t.Flow("a1", "c1");
            t.Branch("x1", "a2", "x0");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关", "ExclusiveInParallelMustConverge");
        }

        [Fact]
        public void ExclusiveLoopInsideAParallelBranchIsAccepted()
        {
            var t = new MiniTree().Chain("s", "a0", "p1");
            t.Branch("p1", "a1", "a9");
            t.Chain("a9", "x1");
            t.Flow("a1", "c1");
            t.Branch("x1", "a2", "a9");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            GraphCheck.Accepts(t.Build());
        }

        [Fact]
        public void TwoParallelGatewaysSharingOneConverge()
        {
            var t = new MiniTree().Chain("s", "x1");
            t.Branch("x1", "p1", "p2");
            t.Branch("p1", "a1", "a2");
            t.Branch("p2", "a3", "a4");
            foreach (var a in new[] { "a1", "a2", "a3", "a4" }) t.Flow(a, "c1");
            t.Flow("c1", "e");
            var d = GraphCheck.Rejects(t.Build(), "汇聚网关只能汇聚来自同一个并行网关的分支", "ConvergeSharedByParallels");
            Assert.Equal("c1", d.NodeId);
        }

        [Fact]
        public void ParallelWithTwoFlowsIntoOneActivity()
        {
            // Three branches resolve to c1, which has only two incoming flows.
            var t = new MiniTree().Chain("s", "p1");
            t.Flow("p1", "a1");
            t.Flow("p1", "a1");
            t.Flow("p1", "a2");
            t.Flow("a1", "c1");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "汇聚网关没有汇聚其对应的并行网关的所有分支", "ConvergeMissingBranches");
        }

        [Fact]
        public void ExclusiveLoopingBackToItselfAndToItsConverge()
        {
            // bamboo flow_valid_edge_case_5: start -> eg -> (cg, cg, end); cg -> eg.
            var t = new MiniTree().Chain("s", "x1");
            t.Branch("x1", "c1", "c1", "e");
            t.Flow("c1", "x1");
            GraphCheck.Accepts(t.Build());
        }

        [Fact]
        public void ParallelWithAnExclusiveLoopingOnItself()
        {
            // bamboo flow_valid_edge_case_4: start -> pg -> (cg, eg); eg -> (eg, cg); cg -> end.
            var t = new MiniTree().Chain("s", "p1");
            t.Branch("p1", "c1", "x1");
            t.Branch("x1", "x1", "c1");
            t.Flow("c1", "e");
            var converges = Converges(t.Build());
            Assert.Equal("c1", converges["p1"]);
            Assert.Equal("c1", converges["x1"]);
        }

        [Fact]
        public void ExclusiveLoopBackToAnEarlierActivity()
        {
            // bamboo flow_valid_edge_case_1: start -> a1 -> a2 -> eg -> (a1, a2, a3); a3 -> end.
            var t = new MiniTree().Chain("s", "a1", "a2", "x1");
            t.Branch("x1", "a1", "a2", "a3");
            t.Flow("a3", "e");
            GraphCheck.Accepts(t.Build());
        }

        [Fact]
        public void BambooValidCaseMatchesEveryGateway()
        {
            var converges = Converges(BambooFlowValidCase.Build());
            var expected = new Dictionary<string, string>
            {
                ["p1"] = "c3", ["p2"] = "c1", ["q3"] = "c4", ["x1"] = "c3", ["x2"] = "c2", ["x3"] = "c4", ["x4"] = "c4",
                ["x5"] = "c4", ["x6"] = "c3", ["x7"] = "c3", ["x8"] = "c3",
            };
            Assert.Equal(expected, converges);
        }

        [Fact]
        public void ConvergeIdIsWrittenIntoTheWorkingCopy()
        {
            var t = new MiniTree().Chain("s", "x1");
            t.Branch("x1", "a1", "a2");
            t.Flow("a1", "c1");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            var context = new ValidationContext(new BkSops.Model.PipelineTree(t.Build()), null);
            foreach (var stage in GraphCheck.Stages()) stage.Run(context);
            Assert.Equal("c1", ((JsonString)context.Work.ForReading.NodeOf("x1")["converge_gateway_id"]).Value);
            Assert.Null(context.TreeAsGiven.ForReading.NodeOf("x1")["converge_gateway_id"]);
        }

        [Fact]
        public void StaleConvergeIdInTheInputIsUsedByTheLayout()
        {
            // compute_nodes_fill_num reads converge_gateway_id when the input has it: a value that is a list is unhashable.
            var t = new MiniTree().Chain("s", "x1");
            t.Branch("x1", "a1", "a2");
            t.Flow("a1", "c1");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            var tree = t.Build();
            tree.NodeOf("x1").SetJson("converge_gateway_id", "[\"c1\"]");
            GraphCheck.Rejects(tree, "unhashable type: 'list'");
        }
    }

    /// <summary>bamboo's flow_valid_case (pipeline/tests/validators/cases.py) as a web-format tree.</summary>
    internal static class BambooFlowValidCase
    {
        public static JsonObject Build()
        {
            var t = new MiniTree().Chain("s", "a1", "p1");
            t.Branch("p1", "p2", "a5", "a6");
            t.Branch("p2", "a2", "a3", "a4");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("a4", "c1");
            t.Chain("c1", "a7", "x1");
            t.Branch("x1", "p2", "c3");
            t.Chain("a5", "x7");
            t.Branch("x7", "c3", "a8");
            t.Chain("a8", "x8");
            t.Branch("x8", "a8", "a11");
            t.Flow("a11", "c3");
            t.Chain("a6", "x2");
            t.Branch("x2", "a9", "a10");
            t.Flow("a9", "c2");
            t.Flow("a10", "c2");
            t.Chain("c2", "a12", "x6");
            t.Branch("x6", "a6", "c3", "c2");
            t.Flow("x2", "a6");
            t.Chain("c3", "a13", "x3");
            t.Branch("x3", "e", "a14", "q3", "a1");
            t.Chain("a14", "x4");
            t.Branch("x4", "a13", "c4");
            t.Branch("q3", "a15", "a16", "a17");
            t.Chain("a15", "a18", "c4");
            t.Chain("a17", "x5");
            t.Branch("x5", "a19", "a20");
            t.Flow("a19", "c4");
            t.Flow("a20", "c4");
            t.Flow("a16", "c4");
            t.Flow("c4", "e");
            return t.Build();
        }
    }
}
