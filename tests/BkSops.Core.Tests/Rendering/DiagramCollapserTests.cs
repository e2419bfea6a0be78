using System.Collections.Generic;
using System.Linq;
using BkSops.Building;
using BkSops.Core.Tests.Building;
using BkSops.Model;
using BkSops.Rendering;
using Xunit;

namespace BkSops.Core.Tests.Rendering
{
    public sealed class DiagramCollapserTests
    {
        private static StepDefinition Step(string name, string stage = null, string group = null) =>
            new StepDefinition { Name = name, Code = "sleep_timer", Stage = stage, ParallelGroup = group, Origin = "step" };

        /// <summary>A run in stage prepare, an exclusive gateway with a run and a single step, a stage with a parallel block, and a run without a stage.</summary>
        internal static PipelineTree StagedTree()
        {
            var exclusive = new GatewayBlock(GatewayKind.Exclusive);
            exclusive.Branches.Add(new BranchBlock { Condition = "${n} > 1", Body = new SequenceBlock(new[] { Step("B1"), Step("B2"), Step("B3") }) });
            exclusive.Branches.Add(new BranchBlock { IsDefault = true, Body = new SequenceBlock(new[] { Step("C1") }) });
            var items = new List<BuildBlock> { Step("A1", "prepare"), Step("A2", "prepare"), Step("A3", "prepare"), exclusive, Step("D1", "deploy"), Step("D2", "deploy") };
            items.Add(Step("E1", "deploy", "web"));
            items.Add(Step("E2", "deploy", "web"));
            items.Add(Step("D3", "deploy"));
            items.Add(Step("F1"));
            items.Add(Step("F2"));
            var options = new PipelineBuildOptions { Seed = 5 };
            options.Constants.Add(new KeyValuePair<string, BkSops.Json.JsonNode>("n", BkSops.Json.JsonNode.From(2)));
            return new PipelineBuilder().BuildOrThrow(items, options);
        }

        [Theory]
        [InlineData(DiagramFormat.Mermaid, DiagramCollapse.Runs, "collapsed-runs.mmd")]
        [InlineData(DiagramFormat.Mermaid, DiagramCollapse.Stages, "collapsed-stages.mmd")]
        [InlineData(DiagramFormat.Dot, DiagramCollapse.Runs, "collapsed-runs.dot")]
        [InlineData(DiagramFormat.Text, DiagramCollapse.Runs, "collapsed-runs.txt")]
        public void ACollapsedTreeDrawsAsItsGoldenFile(DiagramFormat format, DiagramCollapse collapse, string golden)
        {
            var result = DiagramRenderer.Render(StagedTree(), format, new HashSet<string> { "B2" }, collapse);
            Assert.Empty(result.Warnings);
            PipelineBuilderTests.AssertGolden(golden, result.Text);
        }

        [Fact]
        public void RunsFoldConsecutiveStepsOfOneStageAndKeepEveryOtherEdge()
        {
            var full = DiagramGraph.From(StagedTree());
            var runs = DiagramCollapser.Collapse(full, DiagramCollapse.Runs);
            var folded = runs.Nodes.Where(n => n.Kind == DiagramNodeKind.Folded).ToList();
            // A1-A3 (prepare), B1-B3, D1-D2 (deploy), F1-F2; C1, E1, E2 and D3 stand alone.
            Assert.Equal(new[] { 3, 3, 2, 2 }, folded.Select(n => n.Folds).OrderByDescending(n => n).ToArray());
            Assert.Contains(folded, n => n.Label == "3 steps\nfirst: A1\nlast: A3" && n.Stage == "prepare");
            Assert.Equal(full.Nodes.Count - 6, runs.Nodes.Count);
            Assert.Equal(full.Edges.Count - 6, runs.Edges.Count);
            Assert.Same(DiagramGraph.From(StagedTree()).GetType(), runs.GetType());
            Assert.Same(full, DiagramCollapser.Collapse(full, DiagramCollapse.None));
        }

        [Fact]
        public void StagesFoldWholeStagesWithTheBlocksInsideThem()
        {
            var stages = DiagramCollapser.Collapse(DiagramGraph.From(StagedTree()), DiagramCollapse.Stages);
            var deploy = Assert.Single(stages.Nodes, n => n.Label != null && n.Label.StartsWith("stage deploy"));
            // D1, D2, E1, E2, D3 and the parallel gateway and converge between them
            Assert.Equal(7, deploy.Folds);
            Assert.StartsWith("stage deploy: 5 steps\nfirst: D1\nlast: D3", deploy.Label);
            Assert.DoesNotContain(stages.Nodes, n => n.Kind == DiagramNodeKind.Parallel);
        }

        [Fact]
        public void ATenThousandStepTreeFoldsUnderMermaidsEdgeLimitAndTheWarningSaysHow()
        {
            var items = new List<BuildBlock>();
            for (int i = 1; i <= 10000; i++)
                items.Add(Step("s" + i, "stage " + (i - 1) / 1000, i % 100 < 3 ? "g" + i / 100 : null));
            var tree = new PipelineBuilder().BuildOrThrow(items, new PipelineBuildOptions { Seed = 3 });
            var plain = DiagramRenderer.Render(tree, DiagramFormat.Mermaid);
            string warning = Assert.Single(plain.Warnings);
            Assert.Contains("-Collapse Stages draws it with", warning);
            var runs = DiagramRenderer.Render(tree, DiagramFormat.Mermaid, collapse: DiagramCollapse.Runs);
            Assert.Contains("-Collapse Stages", Assert.Single(runs.Warnings));
            var stages = DiagramRenderer.Render(tree, DiagramFormat.Mermaid, collapse: DiagramCollapse.Stages);
            Assert.Empty(stages.Warnings);
            Assert.True(stages.Text.Split('\n').Count(l => l.Contains("-->")) <= DiagramRenderer.MermaidMaxEdges);

            var chain = new PipelineBuilder().BuildOrThrow(Enumerable.Range(1, 10000).Select(i => (BuildBlock)Step("c" + i)), new PipelineBuildOptions { Seed = 3 });
            Assert.Contains("-Collapse Runs draws it with 2 edges", Assert.Single(DiagramRenderer.Render(chain, DiagramFormat.Mermaid).Warnings));
            Assert.Empty(DiagramRenderer.Render(chain, DiagramFormat.Mermaid, collapse: DiagramCollapse.Runs).Warnings);
        }
    }
}
