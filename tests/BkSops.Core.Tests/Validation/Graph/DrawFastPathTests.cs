using System;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Validation.Graph.Emulation;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>The linear fast path of the layout emulation must leave exactly what the full emulation leaves.</summary>
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
