using System.Collections.Generic;
using System.IO;
using System.Linq;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// The depth rule against what the server's own code does (tests/data/server-depth.json: the frames bk-sops'
    /// whole fast_create_task path needs on each tree, measured under CPython 3.11). The count of RecursionFrames
    /// must give the same number of frames and the same verdict, for chains and for parallel blocks alike.
    /// </summary>
    public class ServerDepthTests
    {
        public static IEnumerable<object[]> Cases()
        {
            foreach (var item in ((JsonArray)Fixture()["cases"]).Items)
            {
                var c = (JsonObject)item;
                yield return new object[] { Str(c, "generator"), Int(c, "size") };
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void TheCountIsTheFramesTheServerNeeds(string generator, int size)
        {
            var measured = Case(generator, size);
            int limit = Int(Fixture(), "limit");
            var tree = Generate(generator, size);

            var index = GraphIndex.Build(tree.Root);
            int nodes = TreeDepth.LongestPath(index, out _);
            Assert.Equal(Int(measured, "longest_path_nodes"), nodes);
            // The frames above the recursion: Python's limit less the most nodes the server takes.
            int above = limit - RecursionFrames.ServerLimit;
            Assert.Equal(Int(measured, "frames_needed"), RecursionFrames.Of(nodes) + above);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void TheVerdictIsTheServers(string generator, int size)
        {
            var measured = Case(generator, size);
            var result = GraphCheck.Validate(Generate(generator, size).Root);
            bool accepted = Bool(measured, "accepted");
            Assert.Equal(accepted, result.IsValid);
            if (accepted)
            {
                Assert.DoesNotContain(result.Diagnostics, d => d.RuleName == "TreeTooDeep");
                return;
            }
            var verdict = result.ServerVerdict;
            Assert.Equal("TreeTooDeep", verdict.RuleName);
            Assert.Equal(Str(measured, "message"), verdict.ServerMessage);
            Assert.Equal(Int(measured, "code"), verdict.ServerCode);
        }

        [Fact]
        public void ThreeHundredParallelBlocksPassTheServersCodeThoughTheSpecSaysTheyFail()
        {
            // Spec section 5 lists 300 blocks (1,200 activities) as rejected; the pinned code needs 914 of 1,000 frames.
            var measured = Case("ParallelBlocks", 1200);
            Assert.True(Bool(measured, "accepted"));
            Assert.True(Int(measured, "frames_needed") < Int(Fixture(), "limit"));
            var result = GraphCheck.Validate(ShapeGenerators.ParallelBlocks(1200).Root);
            Assert.True(result.IsValid, GraphCheck.Describe(result));
            Assert.Contains(result.Diagnostics, d => d.RuleName == "TreeNearDepthLimit" && d.Severity == Severity.Warning);
        }

        private static PipelineTree Generate(string generator, int size) => generator switch
        {
            "Chain" => ShapeGenerators.Chain(size),
            "ParallelBlocks" => ShapeGenerators.ParallelBlocks(size),
            "NestedExclusive" => ShapeGenerators.NestedExclusive(size),
            _ => throw new System.ArgumentException("Unknown generator in server-depth.json: " + generator),
        };

        private static JsonObject Case(string generator, int size) =>
            ((JsonArray)Fixture()["cases"]).Items.Cast<JsonObject>()
                .Single(c => Str(c, "generator") == generator && Int(c, "size") == size);

        private static string Str(JsonObject o, string name) => ((JsonString)o[name]).Value;

        private static int Int(JsonObject o, string name) => ((JsonNumber)o[name]).TryGetInt64(out long v) ? (int)v : throw new InvalidDataException(name + " is not an integer");

        private static bool Bool(JsonObject o, string name) => ((JsonBoolean)o[name]).Value;

        private static JsonObject Fixture() =>
            (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "examples", "server-depth.json")));
    }
}
