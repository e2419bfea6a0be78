using System.IO;
using BkSops.Json;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    public class PipelineReaderTests
    {
        [Fact]
        public void ReadsTheSeedTreeWithTypedViews()
        {
            var tree = PipelineReader.Parse(File.ReadAllText(JsonRoundTripTests.SharedExample("seed-tree-list-incoming.json")), "seed");
            Assert.Equal(4, tree.ActivityCount);
            Assert.Equal(4, tree.GatewayCount);
            Assert.Equal(11, tree.FlowCount);
            Assert.Equal("seed", tree.Source);
            Assert.Equal("EmptyStartEvent", tree.StartEvent.Type);
            Assert.Contains(tree.Activities, a => a.Code == "sleep_timer" && a.IncomingIsList);
            Assert.Contains(tree.Gateways, g => g.Type == "ExclusiveGateway" && g.Conditions.Count == 2);
            Assert.StartsWith("PipelineTree: 4 activities, 4 gateways, 11 flows", tree.ToString());
        }

        [Fact]
        public void TakesThePipelineTreeOfARequestBody()
        {
            var tree = PipelineReader.Parse("{\"name\": \"t\", \"pipeline_tree\": {\"start_event\": {}, \"activities\": {\"a\": {}}}}");
            Assert.Equal(1, tree.ActivityCount);
            Assert.True(tree.Root.ContainsKey("start_event"));
        }

        [Theory]
        [InlineData("[1, 2]", "NotAnObject", "an array")]
        [InlineData("\"text\"", "NotAnObject", "a string")]
        [InlineData("{\"name\": \"t\", \"pipeline_tree\": [1]}", "NotAnObject", "pipeline_tree must be a JSON object")]
        [InlineData("{\"a\": ", "MalformedJson", "line 1, column 7")]
        public void UnusableInputIsAClearErrorNotATrace(string text, string reason, string expected)
        {
            var e = Assert.Throws<PipelineInputException>(() => PipelineReader.Parse(text, "x.json"));
            Assert.Equal(reason, e.Reason.ToString());
            Assert.Contains(expected, e.Message);
            Assert.StartsWith("x.json: ", e.Message);
        }

        [Fact]
        public void CloneIsDeepAndKeepsPositions()
        {
            var tree = PipelineReader.Parse("{\n\"start_event\": {\"id\": \"s\"}}");
            var copy = tree.Clone();
            ((JsonObject)copy.Root["start_event"]).Set("id", new JsonString("changed"));
            Assert.Equal("s", tree.StartEvent.Id);
            Assert.Equal(2, copy.Root["start_event"].Line);
        }
    }
}
