using System;
using System.Collections.Generic;
using System.Text;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Graph.BambooFast;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// The numbered paths of the connection, gateway and stream stages (<see cref="BambooGraph"/>) must leave exactly
    /// what the full emulation leaves: the same diagnostics, shared results and working copy, on every tree.
    /// </summary>
    public class BambooFastPathTests
    {
        [Fact]
        public void FastPathsEqualTheFullEmulationOnRandomAndRewiredTrees()
        {
            var used = new PathCounts();
            for (int seed = 1; seed <= 500; seed++)
            {
                var random = new Random(seed);
                var options = new RandomTreeOptions
                {
                    MaxActivities = 4 + random.Next(50), MaxNesting = 1 + random.Next(4), MaxMainElements = 1 + random.Next(8),
                    MaxBranches = 2 + random.Next(4), LoopBackChance = random.NextDouble() * 0.5, EndBranchChance = random.NextDouble() * 0.4,
                };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                int edits = seed % 5;
                for (int i = 0; i < edits; i++) GraphEdits.Apply(random, root);
                AssertSame(root, used, "seed " + seed);
            }
            used.AssertEnough(connection: 200, gateways: 180, streams: 180);
        }

        [Fact]
        public void FastPathsEqualTheFullEmulationOnMutatedTrees()
        {
            var used = new PathCounts();
            for (int seed = 1; seed <= 500; seed++)
            {
                var random = new Random(seed);
                var root = RandomTreeGenerator.GenerateJson(seed, new RandomTreeOptions { MaxActivities = 4 + random.Next(30), MaxNesting = 1 + random.Next(3) });
                var done = TreeMutator.Mutate(random, root, 1 + seed % 3);
                AssertSame(root, used, "seed " + seed + ": " + string.Join("; ", done));
            }
            used.AssertEnough(connection: 120, gateways: 110, streams: 110);
        }

        [Fact]
        public void FastPathsEqualTheFullEmulationOnSmallRandomGraphs()
        {
            var used = new PathCounts();
            var kinds = new[] { "x", "p", "q", "c", "a", "a" };
            for (int seed = 1; seed <= 3000; seed++)
            {
                var random = new Random(seed);
                var ids = new List<string>();
                int count = 2 + random.Next(9);
                for (int i = 0; i < count; i++) ids.Add(kinds[random.Next(kinds.Length)] + i);
                var t = new MiniTree().Chain("s", ids[0]);
                foreach (var id in ids)
                {
                    bool branch = id[0] == 'x' || id[0] == 'p' || id[0] == 'q';
                    int outgoing = branch ? 2 + random.Next(2) : 1;
                    for (int k = 0; k < outgoing; k++)
                    {
                        int to = random.Next(ids.Count + 2);
                        t.Flow(id, to >= ids.Count ? "e" : ids[to]);
                    }
                }
                AssertSame(t.Build(), used, "graph " + seed);
            }
            used.AssertEnough(connection: 250, gateways: 35, streams: 35);
        }

        [Fact]
        public void AnIncomingStringIsMadeAListInACopy()
        {
            var t = new MiniTree().Chain("s", "a1", "x1");
            t.Branch("x1", "a2", "a3");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("c1", "e");
            var root = t.Build();
            root.NodeOf("e").Set("incoming", new JsonString("f7")); // the layout accepts a string only there
            string before = JsonWriter.Write(root, false);
            var context = AssertSame(root, new PathCounts(), "strings");
            Assert.True(context.Graph.NumberedNodes.IsSet);
            Assert.Equal("[\"f7\"]", JsonWriter.Write(context.Work.ForReading.NodeOf("e")["incoming"], false));
            Assert.Equal(before, JsonWriter.Write(root, false));
        }

        [Fact]
        public void GatewayKeysContainingMatchAreSkippedAtTheTopLevelOnBothPaths()
        {
            var t = new MiniTree().Chain("s", "xmatch1");
            t.Branch("xmatch1", "a1", "pmatch2");
            t.Branch("pmatch2", "a2", "a3");
            t.Flow("a2", "c2");
            t.Flow("a3", "c2");
            t.Flow("c2", "c1");
            t.Flow("a1", "c1");
            t.Flow("c1", "e");
            AssertSame(t.Build(), new PathCounts(), "match");
        }

        [Fact]
        public void ExclusiveBranchesToTheEndAndLoopsBackMatchOnBothPaths()
        {
            var t = new MiniTree().Chain("s", "a1", "x1");
            t.Branch("x1", "a2", "e", "a1");
            t.Flow("a2", "c1");
            t.Flow("c1", "e");
            var context = AssertSame(t.Build(), new PathCounts(), "loop");
            Assert.True(context.Graph.StreamsSucceeded.Value);
        }

        [Fact]
        public void ConvergeIdsGivenInTheTreeAreReadLikeTheEmulationDoes()
        {
            var t = new MiniTree().Chain("s", "p1");
            t.Branch("p1", "a1", "a2");
            t.Flow("a1", "c1");
            t.Flow("a2", "c1");
            t.Flow("c1", "x1");
            t.Branch("x1", "a3", "e");
            t.Flow("a3", "e");
            var root = t.Build();
            root.NodeOf("x1").Set("converge_gateway_id", new JsonString("c1"));
            root.NodeOf("a1").Set("converge_gateway_id", new JsonString("c1"));
            root.NodeOf("p1").Set("converge_gateway_id", new JsonNumber("1"));
            AssertSame(root, new PathCounts(), "converge ids");
        }

        [Fact]
        public void AWideParallelBlockResolvesItsFlowsByName()
        {
            var t = new MiniTree().Chain("s", "p1");
            for (int i = 0; i < 300; i++) t.Chain("p1", "a" + i, "c1");
            t.Flow("c1", "e");
            var counts = new PathCounts();
            AssertSame(t.Build(), counts, "wide");
            counts.AssertEnough(1, 1, 1);
        }

        [Fact]
        public void TooDeepDataTakesTheFullEmulation()
        {
            var root = new MiniTree().Chain("s", "a1", "e").Build();
            JsonNode deep = new JsonString("x");
            for (int i = 0; i < 500; i++)
            {
                var wrap = new JsonArray();
                wrap.Add(deep);
                deep = wrap;
            }
            root.NodeOf("a1").Set("extra", deep);
            Assert.Null(BambooGraph.Read(root));
            var context = AssertSame(root, new PathCounts(), "deep");
            Assert.Contains(context.Diagnostics, d => d.RuleName == "DataTooDeep");
        }

        [Fact]
        public void TheNodeDictFromTheLayoutGraphEqualsReadingTheTree()
        {
            int compared = 0, read = 0;
            for (int seed = 1; seed <= 800; seed++)
            {
                var random = new Random(seed);
                // Shallow trees without loops mostly lay out without a change, the only case the layout's graph is used in.
                var options = new RandomTreeOptions { MaxActivities = 4 + random.Next(40), MaxNesting = 1 + random.Next(2), LoopBackChance = seed % 2 == 0 ? 0 : 0.3 };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                switch (seed % 4)
                {
                    case 1: GraphEdits.Apply(random, root); break;
                    case 2: TreeMutator.Mutate(random, root, 1 + random.Next(3)); break;
                    case 3: AddConvergeIds(random, root); break;
                }
                if (AssertSameNodeDict(root)) { compared++; if (BambooGraph.Read(root) != null) read++; }
            }
            Assert.True(compared > 150 && read > 100, $"{compared} trees compared, {read} of them read");
        }

        [Fact]
        public void TheNodeDictFromTheLayoutGraphLeavesOddTreesToReading()
        {
            var t = new MiniTree().Chain("s", "a1", "e");
            var withStringIncoming = t.Build();
            withStringIncoming.NodeOf("e").Set("incoming", new JsonString(((JsonArray)withStringIncoming.NodeOf("e")["incoming"])[0] is JsonString id ? id.Value : ""));
            var withNulKey = new MiniTree().Chain("s", "\u0000a", "e").Build();
            var tooDeep = new MiniTree().Chain("s", "a1", "e").Build();
            JsonNode deep = new JsonString("x");
            for (int i = 0; i < 500; i++) deep = new JsonArray(new[] { deep });
            tooDeep.NodeOf("a1").Set("extra", deep);
            foreach (var root in new[] { withStringIncoming, withNulKey, tooDeep }) Assert.True(AssertSameNodeDict(root));
            Assert.True(BambooGraph.Read(withStringIncoming).IncomingNeedsLists);
            Assert.Null(BambooGraph.Read(withNulKey));
            Assert.Null(BambooGraph.Read(tooDeep));
        }

        // Any node may name a converge gateway; the stream step reads it even on activities.
        private static void AddConvergeIds(Random random, JsonObject root)
        {
            var nodes = new List<JsonObject>();
            foreach (var section in new[] { "activities", "gateways" })
                if (root[section] is JsonObject entries)
                    foreach (var p in entries.Properties) if (p.Value is JsonObject node) nodes.Add(node);
            if (nodes.Count == 0) return;
            for (int i = 0; i < 3; i++)
            {
                var named = nodes[random.Next(nodes.Count)]["id"] as JsonString;
                JsonNode value = random.Next(4) == 0 ? new JsonNumber("7") : new JsonString(random.Next(3) == 0 ? "nobody" : named?.Value ?? "x");
                nodes[random.Next(nodes.Count)].Set("converge_gateway_id", value);
            }
        }

        /// <summary>False when the layout's quick path does not take the tree unchanged (nothing to compare).</summary>
        private static bool AssertSameNodeDict(JsonObject root)
        {
            var plan = DrawFastPath.TryPlan(root);
            if (plan == null || plan.ChangesTree) return false;
            bool depthHolds = new DepthWalker().Deepest(root, 1, DataDepth.Limit) <= DataDepth.Limit;
            Assert.Equal(Describe(BambooGraph.Read(root)), Describe(BambooGraph.FromLayout(plan.Graph, depthHolds)));
            return true;
        }

        private static string Describe(BambooGraph g) => g == null ? "null" : string.Join("\n",
            string.Join(",", g.Keys), string.Join(",", g.Types), g.FirstGateway, g.IncomingNeedsLists,
            string.Join(",", g.InStart), string.Join(",", g.InSources), string.Join(",", g.OutStart), string.Join(",", g.OutTargets),
            string.Join(",", g.ActivityNext), string.Join(",", g.ConvergeField));

        [Fact]
        public void TheDepthWalkerMeasuresLikeDataDepth()
        {
            for (int seed = 1; seed <= 300; seed++)
            {
                var random = new Random(seed);
                var root = RandomTreeGenerator.GenerateJson(seed, new RandomTreeOptions { MaxActivities = 4 + random.Next(20) });
                for (int i = 0; i < 3; i++) TreeMutator.Apply(i == 0 ? "HugeNesting" : TreeMutator.Names[random.Next(TreeMutator.Names.Count)], random, root);
                int expected = DataDepth.Of(root, out _);
                Assert.Equal(expected, new DepthWalker().Deepest(root, 1, int.MaxValue));
                Assert.Equal(System.Math.Min(expected, 11), System.Math.Min(new DepthWalker().Deepest(root, 1, 10), 11));
            }
        }

        [Fact]
        public void ShapesOfTheBenchmarksTakeTheFastPaths()
        {
            foreach (var tree in new[] { ShapeGenerators.Chain(300), ShapeGenerators.ParallelBlocks(300), ShapeGenerators.NestedExclusive(40) })
            {
                var counts = new PathCounts();
                AssertSame(tree.Root, counts, tree.Source);
                counts.AssertEnough(1, 1, 1);
            }
        }

        private static ValidationContext AssertSame(JsonObject root, PathCounts counts, string what)
        {
            string original = JsonWriter.Write(root, false);
            var fast = Run(root, fast: true);
            var full = Run(root, fast: false);
            Assert.Equal(original, JsonWriter.Write(root, false));
            string expected = Outcome(full), actual = Outcome(fast);
            if (expected != actual) Assert.Fail(what + "\nfull: " + expected + "\nfast: " + actual);
            counts.Count(fast);
            return fast;
        }

        private static ValidationContext Run(JsonObject root, bool fast)
        {
            var context = new ValidationContext(new PipelineTree(root, "tree"), null);
            foreach (var stage in new IValidationStage[] { new LayoutStage(), new ConnectionStage { AllowFastPath = fast }, new GatewayStage(), new StreamStage() })
                stage.Run(context);
            return context;
        }

        private static string Outcome(ValidationContext context)
        {
            var text = new StringBuilder();
            foreach (var d in context.Diagnostics)
                text.Append(DiagnosticText.Of(d)).Append('\n');
            var facts = context.Graph;
            text.Append("connection=").Append(facts.ConnectionSucceeded.Value).Append(" gateways=").Append(facts.GatewaysSucceeded.Value)
                .Append(" nesting=").Append(facts.GatewayNesting.IsSet ? facts.GatewayNesting.Value.ToString() : "-")
                .Append(" streams=").Append(facts.StreamsSucceeded.Value).Append('\n');
            foreach (var (name, pairs) in new[] { ("converges", (IReadOnlyDictionary<string, string>)facts.Converges.Value), ("streams", facts.Streams.Value) })
            {
                text.Append(name).Append(':');
                if (pairs != null)
                    foreach (var pair in pairs) text.Append(pair.Key).Append("->").Append(pair.Value).Append(';');
                text.Append('\n');
            }
            return text.Append(JsonWriter.Write(context.Work.ForReading, false)).ToString();
        }

        private sealed class PathCounts
        {
            private int connection, gateways, streams;

            public void Count(ValidationContext context)
            {
                var graph = context.Graph.NumberedNodes.Value;
                if (graph == null) return;
                connection++;
                var matched = context.Graph.FastGateways.Value;
                if (matched == null) return;
                gateways++;
                if (FastStream.Run(graph, matched.Matches) != null) streams++;
            }

            public void AssertEnough(int connection, int gateways, int streams)
            {
                string counts = $"fast paths taken: connection {this.connection}, gateways {this.gateways}, streams {this.streams}";
                Assert.True(this.connection >= connection && this.gateways >= gateways && this.streams >= streams, counts);
            }
        }
    }
}
