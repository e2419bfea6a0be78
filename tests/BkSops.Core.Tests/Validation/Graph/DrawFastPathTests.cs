using System;
using System.Text;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;
using BkSops.Validation.Graph.Layout;
using BkSops.Validation.Python;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// The linear fast path of the layout emulation must leave exactly what the full emulation leaves, and the layout
    /// and unreachable stages must report exactly the same on it (checked against the forced slow path).
    /// </summary>
    public class DrawFastPathTests
    {
        [Fact]
        public void FastPathEqualsTheFullEmulationOnRandomTrees()
        {
            int fast = 0;
            for (int seed = 1; seed <= 300; seed++)
            {
                var random = new Random(seed);
                var options = new RandomTreeOptions { MaxActivities = 5 + random.Next(60), MaxNesting = 1 + random.Next(4), MaxMainElements = 1 + random.Next(12) };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                var a = (JsonObject)root.Clone();
                var b = (JsonObject)root.Clone();
                var quick = new DrawPipeline(a);
                var full = new DrawPipeline(b) { AllowFastPath = false };
                Assert.Null(quick.Run());
                Assert.Null(full.Run());
                if (quick.UsedFastPath) fast++;
                Assert.Equal(JsonWriter.Write(b, false), JsonWriter.Write(a, false));
            }
            Assert.True(fast > 100, $"only {fast} trees took the fast path");
        }

        [Fact]
        public void FastPathEqualsTheFullEmulationOnMutatedTrees()
        {
            int fast = 0;
            for (int seed = 1; seed <= 250; seed++)
            {
                var root = MutatedTree(seed);
                var a = (JsonObject)root.Clone();
                var b = (JsonObject)root.Clone();
                var quick = new DrawPipeline(a);
                var full = new DrawPipeline(b) { AllowFastPath = false };
                var quickError = quick.Run();
                var fullError = full.Run();
                if (quick.UsedFastPath) fast++;
                Assert.Equal(fullError?.Text, quickError?.Text);
                Assert.Equal(JsonWriter.Write(b, false), JsonWriter.Write(a, false));
            }
            Assert.True(fast > 40, $"only {fast} trees took the fast path");
        }

        [Fact]
        public void TheNumberedIndexEqualsTheBuiltIndex()
        {
            int fast = 0;
            for (int seed = 1; seed <= 300; seed++)
            {
                var original = seed % 2 == 0 ? MutatedTree(seed) : RandomTreeGenerator.GenerateJson(seed, Options(seed));
                original.Set("all_nodes", new JsonObject()); // a change on every path, so the layout always works on the copy
                JsonObject copy = null;
                var draw = new DrawPipeline(original, () => copy = (JsonObject)original.Clone());
                var error = draw.Run();
                if (!draw.UsedFastPath) continue;
                Assert.Null(error);
                fast++;
                Assert.NotNull(copy);
                AssertSameIndex(GraphIndex.Build(copy), GraphIndex.Of(draw.Graph));
            }
            Assert.True(fast > 50, $"only {fast} trees took the fast path");
        }

        [Fact]
        public void LayoutAndUnreachableStagesReportTheSameOnBothPaths()
        {
            for (int seed = 1; seed <= 250; seed++)
            {
                var root = seed % 4 == 0 ? RandomTreeGenerator.GenerateJson(seed, Options(seed)) : MutatedTree(seed);
                var options = new ValidationOptions { MaxDepth = seed % 3 == 0 ? 6 : 900 };
                Assert.Equal(RunStages(root, options, fastPath: false), RunStages(root, options, fastPath: true));
            }
        }

        private static string RunStages(JsonObject root, ValidationOptions options, bool fastPath)
        {
            string input = JsonWriter.Write(root, false);
            var context = new ValidationContext(new PipelineTree(root, "test"), options);
            new LayoutStage { AllowFastPath = fastPath }.Run(context);
            new UnreachableStage().Run(context);
            Assert.Equal(input, JsonWriter.Write(root, false));
            var text = new StringBuilder(JsonWriter.Write(context.Work.ForReading, false));
            foreach (var d in context.Diagnostics)
                text.Append('\n').Append(DiagnosticText.Of(d));
            return text.ToString();
        }

        private static void AssertSameIndex(GraphIndex expected, GraphIndex actual)
        {
            Assert.True(actual.WellFormed);
            Assert.Equal(expected.StartId, actual.StartId);
            Assert.Equal(expected.EndId, actual.EndId);
            Assert.Equal(expected.NodeList.Count, actual.NodeList.Count);
            for (int i = 0; i < expected.NodeList.Count; i++)
            {
                GraphNode e = expected.NodeList[i], a = actual.NodeList[i];
                Assert.Equal(e.Id, a.Id);
                Assert.Equal(e.Kind, a.Kind);
                Assert.Equal(e.Type, a.Type);
                Assert.Same(e.Data, a.Data);
                Assert.Equal(e.Path, a.Path);
                Assert.Equal(e.Incoming, a.Incoming);
                Assert.Equal(e.Outgoing, a.Outgoing);
                Assert.Same(a, actual.Node(e.Id));
                Assert.Same(a, actual.Nodes[e.Id]);
            }
            Assert.Equal(expected.FlowList.Count, actual.FlowList.Count);
            for (int i = 0; i < expected.FlowList.Count; i++)
            {
                GraphFlow e = expected.FlowList[i], a = actual.FlowList[i];
                Assert.Equal(e.ToString(), a.ToString());
                Assert.Same(e.Data, a.Data);
                Assert.Equal(e.Path, a.Path);
                Assert.Same(a, actual.Flow(e.Id));
                Assert.Same(a, actual.Flows[e.Id]);
            }
            Assert.Null(actual.Node("no such node"));
            Assert.Null(actual.Flow(null));
        }

        private static RandomTreeOptions Options(int seed) =>
            new RandomTreeOptions { MaxActivities = 5 + seed % 60, MaxNesting = 1 + seed % 4, MaxMainElements = 1 + seed % 12 };

        private static JsonObject MutatedTree(int seed)
        {
            var root = RandomTreeGenerator.GenerateJson(seed, Options(seed));
            TreeMutator.Mutate(new Random(seed), root, 1 + seed % 2);
            return root;
        }

        [Fact]
        public void LongFlowsMoveToTheEndOnBothPaths()
        {
            var t = new MiniTree().Chain("s", "x1");
            t.Flow("x1", "a1");
            t.Flow("x1", "a2");
            t.Flow("a1", "a3");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("c1", "e");
            var tree = t.Build();
            tree.NodeOf("a2").SetJson("outgoing", "[\"f5\"]");
            var a = (JsonObject)tree.Clone();
            var b = (JsonObject)tree.Clone();
            var quick = new DrawPipeline(a);
            Assert.Null(quick.Run());
            Assert.True(quick.UsedFastPath);
            Assert.Null(new DrawPipeline(b) { AllowFastPath = false }.Run());
            Assert.Equal(JsonWriter.Write(b, false), JsonWriter.Write(a, false));
            // A one-element outgoing list of an activity comes back as a string when its flow was long.
            Assert.Equal("\"f5\"", JsonWriter.Write(a.NodeOf("a2")["outgoing"], false));
        }
    }
}
