using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BkSops.Json;
using BkSops.Model;
using BkSops.Reporting;
using BkSops.Serialization;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Hostile
{
    /// <summary>Issue #13, items 1, 2 and 4: writing deep data, many findings and lone surrogates.</summary>
    public class HostileWritingTests
    {
        private static string Nested(int depth) => "{\"x\":" + new string('[', depth) + new string(']', depth) + "}";

        // ---- item 1: deeply nested data ----

        [Fact]
        public void IndentedOutputOfDeepDataGrowsLinearlyWithItsDepth()
        {
            var root = JsonReader.Parse(Nested(50_000));
            string compact = JsonWriter.Write(root, indented: false);
            string indented = JsonWriter.Write(root, indented: true);
            Assert.Equal(Nested(50_000), compact);
            // Indentation stops at MaxIndentedDepth: at most that many indented lines, each at most that deep.
            Assert.True(indented.Length < compact.Length + 4 * JsonWriter.MaxIndentedDepth * JsonWriter.MaxIndentedDepth,
                $"indented output has {indented.Length} characters for {compact.Length} compact ones");
            Assert.Equal(compact, JsonWriter.Write(JsonReader.Parse(indented), indented: false));
        }

        [Fact]
        public void ShallowDataIsIndentedAsBefore()
        {
            var root = JsonReader.Parse("{\"a\":[1,{\"b\":[]}],\"c\":{}}");
            Assert.Equal("{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": {}\n}", JsonWriter.Write(root, indented: true));
        }

        [Fact]
        public void WritingToAStreamGivesTheSameTextAsWritingAString()
        {
            var root = JsonReader.Parse(Nested(300));
            var sink = new StringWriter();
            JsonWriter.Write(root, sink, indented: true);
            Assert.Equal(JsonWriter.Write(root, indented: true), sink.ToString());
        }

        // ---- item 4: lone surrogates ----

        [Theory]
        [InlineData("\"a\\ud800\"", "\"a\\ud800\"")]
        [InlineData("\"\\udc00b\"", "\"\\udc00b\"")]
        [InlineData("\"\\ud800\\ud800\"", "\"\\ud800\\ud800\"")]
        [InlineData("\"\\ud83d\\ude00\"", "\"😀\"")]
        [InlineData("{\"k\\ud800\":1}", "{\"k\\ud800\":1}")]
        public void LoneSurrogatesAreWrittenAsEscapesAndPairsAsCharacters(string json, string expected)
        {
            string written = JsonWriter.Write(JsonReader.Parse(json), indented: false);
            Assert.Equal(expected, written);
            // The text now has a UTF-8 form, and reads back as the same string.
            var utf8 = new UTF8Encoding(false, true);
            Assert.Equal(written, utf8.GetString(utf8.GetBytes(written)));
            Assert.Equal(expected, JsonWriter.Write(JsonReader.Parse(written), indented: false));
        }

        [Fact]
        public void DiagnosticMessagesQuoteLoneSurrogatesAsEscapes()
        {
            var tree = new PipelineTree((JsonObject)JsonReader.Parse(
                "{\"start_event\":{\"id\":\"s\",\"type\":\"EmptyStartEvent\",\"incoming\":\"\",\"outgoing\":\"f\",\"name\":\"\"}," +
                "\"flows\":{\"f\":{\"id\":\"f\",\"is_default\":false,\"source\":\"s\",\"target\":\"zz\\udc00\"}},\"activities\":{}," +
                "\"end_event\":{\"id\":\"e\",\"type\":\"EmptyEndEvent\",\"incoming\":[],\"outgoing\":\"\",\"name\":\"\"}}"));
            var result = new PipelineValidator().Validate(tree);
            var dangling = result.Diagnostics.First(d => d.RuleName == "DanglingReference");
            Assert.Contains("'zz\\udc00'", dangling.Message);
            foreach (var d in result.Diagnostics)
            {
                Assert.DoesNotContain(d.Message, char.IsSurrogate);
                Assert.DoesNotContain(d.ToString(), char.IsSurrogate);
            }
            string sarif = SarifLog.Write(new[] { result }, "1.0.0");
            var utf8 = new UTF8Encoding(false, true);
            Assert.Equal(sarif, utf8.GetString(utf8.GetBytes(sarif)));
        }

        [Fact]
        public void ReadWarningsQuoteLoneSurrogatesAsEscapes()
        {
            var read = JsonReader.Read("{\"k\\ud800\":1,\"k\\ud800\":2}");
            Assert.Contains("'k\\ud800'", read.Warnings.Single().Message);
            Assert.DoesNotContain(read.Warnings.Single().Message, char.IsSurrogate);
        }

        // ---- item 2: one broken node, many findings ----

        private static PipelineTree TreeWithUnknownIncoming(int count)
        {
            var root = (JsonObject)JsonReader.Parse(File.ReadAllText(Core.Tests.Json.JsonRoundTripTests.SharedExample("seed-tree.json")));
            var activities = (JsonObject)root["activities"];
            var node = (JsonObject)activities.Properties[0].Value;
            var incoming = new JsonArray();
            for (int i = 0; i < count; i++) incoming.Add(new JsonString("unknown" + i));
            node.Set("incoming", incoming);
            return new PipelineTree(root, "many.json");
        }

        [Fact]
        public void FindingsOfOneRuleOnOneNodeAreBoundedWithOneSummary()
        {
            var result = new PipelineValidator().Validate(TreeWithUnknownIncoming(50_000));
            var dangling = result.Diagnostics.Where(d => d.RuleName == "DanglingReference").ToList();
            int limit = new ValidationOptions().MaxFindingsPerRuleAndNode;
            Assert.Equal(limit + 1, dangling.Count);
            var summary = dangling.Single(d => d.Omitted > 0);
            Assert.Equal(50_000 - limit, summary.Omitted);
            Assert.StartsWith($"And {50_000 - limit} more like this", summary.Message);
            Assert.Contains("'unknown20'", summary.Message);
            Assert.Equal(dangling[0].NodeId, summary.NodeId);
            Assert.Same(dangling.Last(), summary);
            Assert.False(result.IsValid);
        }

        [Fact]
        public void TheBoundIsAnOption()
        {
            var result = new PipelineValidator().Validate(TreeWithUnknownIncoming(30), new ValidationOptions { MaxFindingsPerRuleAndNode = 5 });
            var dangling = result.Diagnostics.Where(d => d.RuleName == "DanglingReference").ToList();
            Assert.Equal(6, dangling.Count);
            Assert.Equal(25, dangling.Last().Omitted);
        }

        [Fact]
        public void SarifAndJsonReportsAreStreamedAndEqualTheModelsIndentedText()
        {
            var results = new[] { new PipelineValidator().Validate(TreeWithUnknownIncoming(100)), new ValidationResult("ok.json", new List<Diagnostic>()) };
            string sarif = SarifLog.Write(results, "1.2.3", "/repo");
            Assert.Equal(JsonWriter.Write(JsonReader.Parse(sarif), indented: true), sarif);
            string json = DiagnosticJson.Write(results);
            Assert.Equal(JsonWriter.Write(JsonReader.Parse(json), indented: true), json);
            string compact = DiagnosticJson.Write(results, indented: false);
            Assert.Equal(JsonWriter.Write(JsonReader.Parse(json), indented: false), compact);
            var empty = SarifLog.Write(new ValidationResult[0], "1.2.3");
            Assert.Equal(JsonWriter.Write(JsonReader.Parse(empty), indented: true), empty);
            Assert.Equal("[]", DiagnosticJson.Write(new ValidationResult[0]));

            var sink = new StringWriter();
            SarifLog.Write(results, "1.2.3", "/repo", sink);
            Assert.Equal(sarif, sink.ToString());
        }
    }
}
