using System.IO;
using System.Linq;
using BkSops.Building;
using BkSops.Core.Tests.Json;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Building
{
    public class TreeNormalizerTests
    {
        private static JsonObject Seed() =>
            (JsonObject)JsonReader.Parse(File.ReadAllText(JsonRoundTripTests.SharedExample("seed-tree.json")));

        [Fact]
        public void TheDocumentationExampleGetsListIncomingLikeTheFormTheServerAccepts()
        {
            var seed = Seed();
            var changes = new TreeNormalizer().Normalize(seed);
            var accepted = (JsonObject)JsonReader.Parse(File.ReadAllText(JsonRoundTripTests.SharedExample("seed-tree-list-incoming.json")));
            foreach (var collection in new[] { "activities", "gateways" })
                foreach (var entry in ((JsonObject)accepted[collection]).Properties)
                {
                    var mine = ((JsonObject)((JsonObject)seed[collection])[entry.Name])["incoming"];
                    Assert.Equal(JsonWriter.Write(((JsonObject)entry.Value)["incoming"], false), JsonWriter.Write(mine, false));
                }
            Assert.Contains(changes, c => c.Path == "$.activities['node5310ec36c0364d3094d515f8f5ef'].incoming"
                                          && c.Before == "\"line7ed74aa679d19063b6d7037ce6db\""
                                          && c.After == "[\"line7ed74aa679d19063b6d7037ce6db\"]");
        }

        [Fact]
        public void NormalisingTwiceChangesNothingTheSecondTime()
        {
            var seed = Seed();
            new TreeNormalizer().Normalize(seed);
            string once = JsonWriter.Write(seed, false);
            Assert.Empty(new TreeNormalizer().Normalize(seed));
            Assert.Equal(once, JsonWriter.Write(seed, false));
        }

        [Fact]
        public void SingleOutgoingListsBecomeStringsAndBranchGatewayStringsBecomeLists()
        {
            var tree = (JsonObject)JsonReader.Parse(@"{
                ""start_event"": {""id"": ""s"", ""type"": ""EmptyStartEvent"", ""incoming"": """", ""outgoing"": [""l1""]},
                ""activities"": {""a"": {""incoming"": [""l1""], ""outgoing"": [""l2""]}},
                ""gateways"": {""p"": {""type"": ""ParallelGateway"", ""incoming"": ""l2"", ""outgoing"": ""l3""},
                               ""c"": {""type"": ""ConvergeGateway"", ""incoming"": [""l3""], ""outgoing"": [""l4""]}}}");
            new TreeNormalizer().Normalize(tree);
            Assert.Equal("\"l1\"", JsonWriter.Write(((JsonObject)tree["start_event"])["outgoing"], false));
            var activities = (JsonObject)tree["activities"];
            Assert.Equal("\"l2\"", JsonWriter.Write(((JsonObject)activities["a"])["outgoing"], false));
            var gateways = (JsonObject)tree["gateways"];
            Assert.Equal("[\"l3\"]", JsonWriter.Write(((JsonObject)gateways["p"])["outgoing"], false));
            Assert.Equal("[\"l2\"]", JsonWriter.Write(((JsonObject)gateways["p"])["incoming"], false));
            Assert.Equal("\"l4\"", JsonWriter.Write(((JsonObject)gateways["c"])["outgoing"], false));
        }

        [Fact]
        public void ConstantsAreCompletedWithEveryFieldTheTaskStartNeeds()
        {
            var tree = (JsonObject)JsonReader.Parse(@"{""constants"": {""${a}"": {""value"": ""1""}, ""${b}"": {""source_type"": ""component_inputs""}}}");
            var changes = new TreeNormalizer().Normalize(tree);
            var a = (JsonObject)((JsonObject)tree["constants"])["${a}"];
            Assert.Equal(new[] { "value", "key", "name", "index", "desc", "source_type", "custom_type", "source_tag", "source_info", "show_type", "validation" }, a.Keys);
            Assert.Equal("${a}", ((JsonString)a["key"]).Value);
            Assert.Equal("a", ((JsonString)a["name"]).Value);
            Assert.Equal("input", ((JsonString)a["custom_type"]).Value);
            var b = (JsonObject)((JsonObject)tree["constants"])["${b}"];
            Assert.Equal("1", ((JsonNumber)b["index"]).RawText);
            Assert.Equal("", ((JsonString)b["custom_type"]).Value);
            Assert.All(changes.Where(c => c.Path.StartsWith("$.constants")), c => Assert.Null(c.Before));
        }

        [Fact]
        public void NamesAreStandardisedAsTheServerDoesAndTheChangeSaysWhy()
        {
            var longName = new string('x', 60) + "<b>";
            var tree = (JsonObject)JsonReader.Parse("{\"activities\": {\"a\": {\"name\": \"" + longName + "\"}}, \"flows\": {\"f\": {\"name\": \"it's\"}}}");
            var changes = new TreeNormalizer().Normalize(tree);
            Assert.Equal(new string('x', 50), ((JsonString)((JsonObject)((JsonObject)tree["activities"])["a"])["name"]).Value);
            Assert.Equal("its", ((JsonString)((JsonObject)((JsonObject)tree["flows"])["f"])["name"]).Value);
            var change = changes.Single(c => c.Path == "$.activities['a'].name");
            Assert.Contains("removes the characters", change.Description);
            Assert.Contains("cuts names to 50", change.Description);
        }

        [Theory]
        [InlineData("abc", "abc")]
        [InlineData("<a&b>'\"$", "ab")]
        [InlineData("😀😀", "😀😀")]
        public void NameStandardizingCountsCodePoints(string name, string expected)
        {
            Assert.Equal(expected, BkSops.Validation.Names.NameStandardizer.Standardize(name));
            Assert.Equal(50, BkSops.Validation.Python.PythonText.Length(BkSops.Validation.Names.NameStandardizer.Standardize(string.Concat(Enumerable.Repeat("😀", 60)))));
        }

        [Fact]
        public void WithoutDescribingItMakesExactlyTheSameChanges()
        {
            // The quiet form (bulk submission) must send the very tree the describing form (Repair, Verbose) makes.
            var files = Directory.GetFiles(JsonRoundTripTests.SharedExample("server-verdicts"), "*.json")
                .Concat(new[] { JsonRoundTripTests.SharedExample("seed-tree.json"), JsonRoundTripTests.SharedExample("seed-tree-list-incoming.json") })
                .ToList();
            Assert.True(files.Count >= 50, "the example trees should be copied to the test output");
            int changed = 0;
            foreach (var file in files)
            {
                if (!(JsonReader.Parse(File.ReadAllText(file)) is JsonObject described)) continue;
                var quiet = (JsonObject)described.Clone();
                var changes = new TreeNormalizer().Normalize(described);
                Assert.Empty(new TreeNormalizer(describe: false).Normalize(quiet));
                Assert.Equal(JsonWriter.Write(described, false), JsonWriter.Write(quiet, false));
                if (changes.Count > 0) changed++;
            }
            Assert.True(changed >= 20, $"only {changed} example trees needed normalising: the comparison proves little");
        }
    }
}
