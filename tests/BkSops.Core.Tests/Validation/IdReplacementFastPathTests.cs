using System;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Validation.Creation;
using Xunit;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>Skipping the node and flow steps of the id replacement where they provably complete must not change its outcome.</summary>
    public class IdReplacementFastPathTests
    {
        [Fact]
        public void SameOutcomeWithAndWithoutTheFastPathOnRandomAndMutatedTrees()
        {
            int fast = 0, failing = 0;
            for (int seed = 1; seed <= 400; seed++)
            {
                var random = new Random(seed);
                var options = new RandomTreeOptions { MaxActivities = 3 + random.Next(40), MaxNesting = 1 + random.Next(4) };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                if (IdReplacementFastPath.NodesAndFlowsCannotFail(root)) fast++;
                AssertSameOutcome(root, ref failing);
                for (int round = 0; round < 3; round++)
                {
                    var mutated = (JsonObject)root.Clone();
                    if (round == 0) BreakWhatTheFastPathChecks(random, mutated);
                    else TreeMutator.Mutate(random, mutated, 1 + random.Next(3));
                    if (IdReplacementFastPath.NodesAndFlowsCannotFail(mutated)) fast++;
                    AssertSameOutcome(mutated, ref failing);
                }
            }
            Assert.True(fast > 300, $"only {fast} trees took the fast path");
            Assert.True(failing > 100, $"only {failing} trees failed the replay");
        }

        [Fact]
        public void TheProofFromTheLayoutGraphAgreesWithTheProofFromTheTree()
        {
            int planned = 0, proved = 0;
            for (int seed = 1; seed <= 400; seed++)
            {
                var random = new Random(seed);
                var options = new RandomTreeOptions { MaxActivities = 3 + random.Next(40), MaxNesting = 1 + random.Next(4) };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                for (int round = 0; round < 4; round++)
                {
                    var tree = round == 0 ? root : (JsonObject)root.Clone();
                    if (round == 1) BreakWhatTheFastPathChecks(random, tree);
                    if (round == 2) TreeMutator.Mutate(random, tree, 1 + random.Next(3));
                    if (round == 3) ChangeWhatOnlyTheReplayMinds(random, tree);
                    var plan = DrawFastPath.TryPlan(tree);
                    if (plan == null || plan.ChangesTree) continue;
                    planned++;
                    bool expected = IdReplacementFastPath.NodesAndFlowsCannotFail(tree);
                    Assert.True(expected == IdReplacementFastPath.NodesAndFlowsCannotFail(plan.Graph), $"seed {seed}, round {round}: the tree's proof says {expected}");
                    if (expected) proved++;
                }
            }
            Assert.True(proved > 150 && planned - proved > 100, $"{planned} trees laid out without change, {proved} of them proved");
        }

        // Forms the layout accepts but the replay's quick proof does not: one-item outgoing lists, branches without a condition.
        private static void ChangeWhatOnlyTheReplayMinds(Random random, JsonObject root)
        {
            var nodes = new System.Collections.Generic.List<JsonObject> { (JsonObject)root["start_event"] };
            foreach (var section in new[] { "activities", "gateways" })
                foreach (var p in ((JsonObject)root[section]).Properties) nodes.Add((JsonObject)p.Value);
            var node = nodes[random.Next(nodes.Count)];
            if (node["outgoing"] is JsonString single) node.Set("outgoing", List(single));
            else if (node["conditions"] is JsonObject conditions && conditions.Count > 0) conditions.Remove(conditions.Properties[random.Next(conditions.Count)].Name);
        }

        [Fact]
        public void LargeShapesTakeTheFastPath()
        {
            Assert.True(IdReplacementFastPath.NodesAndFlowsCannotFail(ShapeGenerators.Chain(50).Root));
            Assert.True(IdReplacementFastPath.NodesAndFlowsCannotFail(ShapeGenerators.ParallelBlocks(40).Root));
            Assert.True(IdReplacementFastPath.NodesAndFlowsCannotFail(ShapeGenerators.NestedExclusive(20).Root));
        }

        // Small changes right at the fast path's conditions: forms of incoming/outgoing, claims, conditions, flow ends.
        private static void BreakWhatTheFastPathChecks(Random random, JsonObject root)
        {
            var nodes = new[] { root["activities"], root["gateways"] };
            var section = nodes[random.Next(2)] as JsonObject;
            JsonObject node = null;
            if (section != null && section.Count > 0) node = section.Properties[random.Next(section.Count)].Value as JsonObject;
            var flows = root["flows"] as JsonObject;
            string someFlow = flows != null && flows.Count > 0 ? flows.Properties[random.Next(flows.Count)].Name : "nope";
            switch (random.Next(12))
            {
                case 0: node?.Set("outgoing", node["outgoing"] is JsonArray a && a.Count > 0 ? a[0].Clone() : List(new JsonString(someFlow))); break;
                case 1: node?.Set("incoming", new JsonString(someFlow)); break;
                case 2: node?.Set("incoming", new JsonNumber("3")); break;
                case 3: (node?["outgoing"] as JsonArray)?.Add(new JsonString(someFlow)); break;
                case 4: (node?["conditions"] as JsonObject)?.Remove(((JsonObject)node["conditions"]).Count > 0 ? ((JsonObject)node["conditions"]).Properties[0].Name : ""); break;
                case 5: node?.Set("default_condition", random.Next(2) == 0 ? (JsonNode)new JsonString(someFlow) : Object("flow_id", new JsonString(someFlow))); break;
                case 6: (flows?[someFlow] as JsonObject)?.Remove(random.Next(2) == 0 ? "source" : "target"); break;
                case 7: ((JsonObject)root["start_event"])?.Set("incoming", List(new JsonString(someFlow))); break;
                case 8: ((JsonObject)root["end_event"])?.Set("incoming", random.Next(2) == 0 ? (JsonNode)new JsonString("") : new JsonString(someFlow)); break;
                case 9: node?.Set("type", new JsonString(random.Next(2) == 0 ? "ConvergeGateway" : "ExclusiveGateway")); break;
                case 10: node?.Remove(random.Next(2) == 0 ? "incoming" : "outgoing"); break;
                default: root.Set("data", Object("inputs", Object("x", Object("source_act", new JsonString(someFlow))))); break;
            }
        }

        private static JsonArray List(params JsonNode[] items) => new JsonArray(items);

        private static JsonObject Object(string key, JsonNode value)
        {
            var o = new JsonObject();
            o.Set(key, value);
            return o;
        }

        private static void AssertSameOutcome(JsonObject root, ref int failing)
        {
            var quick = new IdReplacementSimulator(root).Run();
            var full = new IdReplacementSimulator(root) { AllowFastPath = false }.Run();
            if (full == null)
            {
                Assert.Null(quick);
                return;
            }
            failing++;
            Assert.NotNull(quick);
            Assert.Equal(full.PythonType, quick.PythonType);
            Assert.Equal(full.Text, quick.Text);
            Assert.Equal(full.Where, quick.Where);
            Assert.Equal(full.NodeId, quick.NodeId);
            Assert.Equal(full.Path, quick.Path);
            Assert.Same(full.Value, quick.Value);
            Assert.Equal(full.SingleFlowList, quick.SingleFlowList);
            Assert.Equal(full.FlowId, quick.FlowId);
            Assert.Equal(full.SourceNode, quick.SourceNode);
        }
    }
}
