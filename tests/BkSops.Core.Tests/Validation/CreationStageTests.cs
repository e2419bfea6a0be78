using BkSops.Validation;
using BkSops.Json;
using BkSops.Validation.Creation;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    // Expected texts are those of bamboo's replace_all_id run on the same trees.
    public class CreationStageTests
    {
        private const string CreatePrefix = "[API] fast_create_task create pipeline error: ";

        [Theory]
        [InlineData("exclusive_condition_missing_branch.json")]
        [InlineData("exclusive_condition_wrong_key.json")]
        [InlineData("exclusive_empty_conditions.json")]
        public void EveryBranchNeedsAConditionOrTheDefault(string file)
        {
            var verdict = Verdict(Example(file));
            Assert.Equal(Rules.BranchConditionMissing.Name, verdict.RuleName);
            Assert.Equal(CreatePrefix + "replace exclusive_gateway_conditions error: flow line7587c8804d34a091dae3d321f081 not exists in conditions or default_condition", verdict.ServerMessage);
            Assert.Equal(3599999, verdict.ServerCode);
            Assert.Equal("node0863aab8325b84cfa3e5db52dc61", verdict.NodeId);
            Assert.Equal("$.gateways['node0863aab8325b84cfa3e5db52dc61'].conditions", verdict.Path);
        }

        [Theory]
        [InlineData("exclusive_default_condition.json")]
        [InlineData("conditional_parallel_ok.json")]
        [InlineData("seed_listio.json")]
        public void CompleteBranchesAreAccepted(string file) => Assert.True(Validate(Example(file)).IsValid);

        [Fact]
        public void DefaultConditionThatIsNotAnObjectCrashes()
        {
            var tree = Example("exclusive_default_condition.json");
            tree.At("gateways", "node0863aab8325b84cfa3e5db52dc61").With("default_condition", "\"x\"");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.CreationCrash.Name, verdict.RuleName);
            Assert.Equal(500, verdict.ServerStatus);
        }

        [Fact]
        public void SourceInfoMustNameANode()
        {
            var verdict = Verdict(Example("constant_source_info_unknown_node.json"));
            Assert.Equal(Rules.ConstantSourceNodeUnknown.Name, verdict.RuleName);
            Assert.Equal(CreatePrefix + "replace pipeline template id error: 'nodeffffffffffffffffffffffffffff'", verdict.ServerMessage);
        }

        [Theory]
        [InlineData("activity_outgoing_list_of_one.json", "$.activities['node5310ec36c0364d3094d515f8f5ef'].outgoing")]
        [InlineData("start_outgoing_list_of_one.json", "$.start_event.outgoing")]
        public void SingleOutgoingAsAListIsAnHttp500(string file, string path)
        {
            var verdict = Verdict(Example(file));
            Assert.Equal(Rules.SingleOutgoingAsList.Name, verdict.RuleName);
            Assert.Equal(500, verdict.ServerStatus);
            Assert.Null(verdict.ServerMessage);
            Assert.Null(verdict.ServerCode);
            Assert.Equal(path, verdict.Path);
        }

        [Fact]
        public void ConvergeOutgoingAsAListIsAnHttp500()
        {
            var tree = Example("seed_listio.json");
            tree.At("gateways", "node2b6f3285cfb3961c72834bafbe1b").With("outgoing", "[\"line6ea858554964a04d868cead4435a\"]");
            Assert.Equal(Rules.SingleOutgoingAsList.Name, Verdict(tree).RuleName);
        }

        [Fact]
        public void UnknownFlowInANodeIsAReplacementError()
        {
            var verdict = Verdict(Example("dangling_outgoing_ref.json"));
            Assert.Equal(Rules.IdReplacementFailed.Name, verdict.RuleName);
            Assert.Equal(CreatePrefix + "replace activity id error: 'lineffffffffffffffffffffffffffff'", verdict.ServerMessage);
        }

        [Fact]
        public void StartEventWithoutIncomingKey()
        {
            var tree = Minimal();
            tree.At("start_event").Remove("incoming");
            Assert.Equal(CreatePrefix + "replace event id error: 'incoming'", Verdict(tree).ServerMessage);
        }

        [Fact]
        public void SubProcessWithoutTemplateIdCrashes()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("type", "\"SubProcess\"");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.SubProcessWithoutTemplateId.Name, verdict.RuleName);
            Assert.Equal(500, verdict.ServerStatus);
        }

        [Fact]
        public void DataInputsMustReferToNodes()
        {
            var ok = Minimal().With("data", "{\"inputs\": {\"x\": {\"source_act\": \"nodeact\"}, \"y\": {\"type\": \"plain\"}}}");
            Assert.True(Validate(ok).IsValid);
            var bad = Minimal().With("data", "{\"inputs\": {\"x\": {\"source_act\": \"nope\"}}}");
            Assert.Equal(500, Verdict(bad).ServerStatus);
        }

        [Fact]
        public void ManyActivitiesAreReplayedQuickly()
        {
            var tree = Minimal();
            var activities = tree.At("activities");
            var flows = tree.At("flows");
            var template = (JsonObject)activities["nodeact"].Clone();
            activities.Remove("nodeact");
            flows.Remove("line2");
            string previousFlow = "line1";
            for (int i = 0; i < 10000; i++)
            {
                var act = (JsonObject)template.Clone();
                string id = "n" + i, outFlow = "f" + i;
                act.Set("id", new JsonString(id));
                act.Set("incoming", new JsonArray(new JsonNode[] { new JsonString(previousFlow) }));
                act.Set("outgoing", new JsonString(outFlow));
                activities.Set(id, act);
                ((JsonObject)flows[previousFlow]).Set("target", new JsonString(id));
                flows.Set(outFlow, Parse($"{{\"id\": \"{outFlow}\", \"source\": \"{id}\", \"target\": \"nodeend\"}}"));
                previousFlow = outFlow;
            }
            tree.At("end_event").With("incoming", $"[\"{previousFlow}\"]");
            Assert.True(Validate(tree).IsValid);
        }
    }
}
