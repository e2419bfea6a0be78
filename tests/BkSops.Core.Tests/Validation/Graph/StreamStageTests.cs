using System.Collections.Generic;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>bamboo's validate_stream (spec 2.9): StreamValidateError has an empty text.</summary>
    public class StreamStageTests
    {
        [Fact]
        public void ExclusiveInOneParallelBranchJumpingIntoAnother()
        {
            // bamboo flow_invalid_case_1: start -> a1 -> pg -> (a2, a3, eg); eg -> (a3, a4); a2, a3, a4 -> cg -> end.
            var t = new MiniTree().Chain("s", "a1", "p1");
            t.Branch("p1", "a2", "a3", "x1");
            t.Branch("x1", "a3", "a4");
            foreach (var a in new[] { "a2", "a3", "a4" }) t.Flow(a, "c1");
            t.Flow("c1", "e");
            var d = GraphCheck.Rejects(t.Build(), "", "StreamCrossing");
            Assert.Equal("a3", d.NodeId);
        }

        [Fact]
        public void MainFlowJumpingIntoAParallelBranch()
        {
            // bamboo flow_invalid_case_2: start -> a1 -> eg -> (a3, a2); a2 -> pg -> (a3, a4) -> cg -> end.
            var t = new MiniTree().Chain("s", "a1", "x1");
            t.Branch("x1", "a3", "a2");
            t.Chain("a2", "p1");
            t.Branch("p1", "a3", "a4");
            t.Flow("a3", "c1");
            t.Flow("a4", "c1");
            t.Flow("c1", "e");
            var d = GraphCheck.Rejects(t.Build(), "", "StreamCrossing");
            Assert.Equal("a3", d.NodeId);
        }

        [Fact]
        public void BambooValidCaseStreams()
        {
            var context = new ValidationContext(new BkSops.Model.PipelineTree(BambooFlowValidCase.Build()), null);
            foreach (var stage in GraphCheck.Stages()) stage.Run(context);
            Assert.False(context.HasError, string.Join(" | ", context.Diagnostics));
            var streams = context.Graph.Streams.Value;
            Assert.Equal("main", streams["a1"]);
            Assert.Equal("p1_0", streams["p2"]);
            Assert.Equal("p2_2", streams["a4"]);
            Assert.Equal("p1_0", streams["c1"]);
            Assert.Equal("p1_1", streams["x8"]);
            Assert.Equal("p1_2", streams["x6"]);
            Assert.Equal("main", streams["c3"]);
            Assert.Equal("q3_0", streams["a18"]);
            Assert.Equal("q3_2", streams["a20"]);
            Assert.Equal("main", streams["c4"]);
            Assert.Equal("main", streams["e"]);
        }
    }
}
