using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Schema;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    // Expected texts were produced by the server's own validator (jsonschema Draft4Validator) on the same trees.
    public class SchemaStageTests
    {
        private const string Prefix = "[API] fast_create_task get invalid pipeline_tree: ";

        [Fact]
        public void MissingHookInComponentData()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact", "component", "data", "bk_timing").Remove("hook");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.SchemaMissingField.Name, verdict.RuleName);
            Assert.Equal(Prefix + "activities→nodeact→component→data→bk_timing: 'hook' is a required property", verdict.ServerMessage);
            Assert.Equal("$.activities['nodeact'].component.data['bk_timing']", verdict.Path);
            Assert.Equal("nodeact", verdict.NodeId);
            Assert.Contains("Input 'bk_timing' of activity 'nodeact'", verdict.Message);
        }

        [Fact]
        public void ErrorsAreSortedLikeStrOfTheErrorAndJoinedWithCommas()
        {
            var tree = Minimal();
            var copy = (JsonObject)tree.At("activities", "nodeact").Clone();
            copy.Remove("id");
            tree.At("activities").Set("b", copy);
            tree.At("activities", "nodeact").Remove("id");
            tree.At("flows", "line2").Remove("id");
            tree.At("activities", "nodeact").With("type", "5");
            var result = Validate(tree);
            string expected = Prefix + "activities→b: 'id' is a required property,activities→nodeact: 'id' is a required property,"
                + "flows→line2: 'id' is a required property,activities→nodeact→type: 5 is not of type 'string',"
                + "activities→nodeact→type: 5 is not one of ['ServiceActivity', 'SubProcess']";
            Assert.Equal(expected, result.ServerVerdict.ServerMessage);
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Equal(5, errors.Count);
            Assert.All(errors, e => Assert.Equal(expected, e.ServerMessage));
            Assert.Equal(new[] { "SchemaMissingField", "SchemaMissingField", "SchemaMissingField", "SchemaWrongType", "SchemaValueNotAllowed" }, errors.Select(e => e.RuleName));
        }

        [Fact]
        public void FlowListThatIsNotAStringOrListOfIds()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("incoming", "5");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.SchemaInvalidFlowList.Name, verdict.RuleName);
            Assert.Equal(Prefix + "activities→nodeact→incoming: 5 is not valid under any of the given schemas", verdict.ServerMessage);
        }

        [Fact]
        public void SingleFlowWithTwoIdsAndEmptyIdInList()
        {
            var tree = Minimal();
            tree.At("start_event").With("outgoing", "[\"line1\", \"x\"]");
            tree.At("end_event").With("incoming", "[\"\"]");
            var verdict = Verdict(tree);
            Assert.Equal(Prefix + "end_event→incoming: [''] is not valid under any of the given schemas,start_event→outgoing: ['line1', 'x'] is not valid under any of the given schemas", verdict.ServerMessage);
            Assert.Equal("$.end_event.incoming", verdict.Path);
            Assert.Equal("nodeend", verdict.NodeId);
        }

        [Fact]
        public void GatewayMatchingNoShapeIsReportedWithItsRepr()
        {
            var tree = Minimal().With("gateways", "{\"g1\": {\"id\": \"g1\", \"type\": \"ExclusiveGateway\", \"name\": \"\", \"incoming\": [\"a\"], \"outgoing\": [\"b\", \"c\"], \"conditions\": {\"b\": {}}}}");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.SchemaInvalidGateway.Name, verdict.RuleName);
            Assert.Equal(Prefix + "gateways→g1: {'id': 'g1', 'type': 'ExclusiveGateway', 'name': '', 'incoming': ['a'], 'outgoing': ['b', 'c'], 'conditions': {'b': {}}} is not valid under any of the given schemas", verdict.ServerMessage);
            Assert.Contains("'evaluate'", verdict.Message);
        }

        [Fact]
        public void ConstantKeyFieldMustHaveANonNewlineCharacter()
        {
            var tree = Minimal().With("constants", "{\"${x}\": {\"key\": \"\\n\", \"value\": \"\"}}");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.SchemaPatternMismatch.Name, verdict.RuleName);
            Assert.Equal(Prefix + "constants→${x}→key: '\\n' does not match '.'", verdict.ServerMessage);
            Assert.Equal("$.constants['${x}'].key", verdict.Path);
        }

        [Fact]
        public void ConstantEnumsAndOutputsTypes()
        {
            var tree = Minimal()
                .With("outputs", "[\"${a}\", 5, null]")
                .With("constants", "{\"${a}\": {\"key\": \"${a}\", \"value\": \"\", \"show_type\": \"x\", \"source_info\": {\"n\": \"a\"}}}");
            Assert.Equal(Prefix + "constants→${a}→source_info→n: 'a' is not of type 'array',constants→${a}→show_type: 'x' is not one of ['show', 'hide'],"
                + "outputs→1: 5 is not of type 'string',outputs→2: None is not of type 'string'", Verdict(tree).ServerMessage);
        }

        [Fact]
        public void KeysThatAreNotWordsEscapeTheSchema()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("name", "\"\"");
            tree.At("activities").Rename("nodeact", "node-1");
            tree.At("flows", "line1").With("target", "\"node-1\"");
            tree.At("flows", "line2").With("source", "\"node-1\"");
            Assert.True(Validate(tree).IsValid);
        }

        [Fact]
        public void AMissingTopLevelMemberHasAnEmptyPath()
        {
            var tree = Minimal().With("gateways", "{}").With("constants", "{}").With("outputs", "[]");
            tree.Remove("end_event");
            var errors = SchemaEvaluator.Validate(WebPipelineSchema.Root, tree);
            Assert.Equal(": 'end_event' is a required property", SchemaStage.ServerText(errors));
        }

        [Fact]
        public void LengthKeywordsCountCodePoints()
        {
            var schema = new SchemaNode().Type("string").WithMinLength(2).WithMaxLength(3);
            Assert.Empty(SchemaEvaluator.Validate(schema, new JsonString("\U0001F600\U0001F600\U0001F600")));
            Assert.Equal("'aaaa' is too long", Assert.Single(SchemaEvaluator.Validate(schema, new JsonString("aaaa"))).Message);
            Assert.Equal("'a' is too short", Assert.Single(SchemaEvaluator.Validate(schema, new JsonString("a"))).Message);
        }

        [Theory]
        [InlineData("integer", "1", true)]
        [InlineData("integer", "1.0", false)]
        [InlineData("integer", "true", false)]
        [InlineData("number", "true", false)]
        [InlineData("number", "1e400", true)]
        [InlineData("number", "NaN", true)]
        public void Draft4Types(string type, string json, bool valid) =>
            Assert.Equal(valid, SchemaEvaluator.IsType(JsonReader.Parse(json), type));

        [Fact]
        public void SortingComparesCodePointsNotUtf16()
        {
            // Two enum errors whose messages differ only in an astral vs a high-BMP character.
            var tree = Minimal();
            var copy = (JsonObject)tree.At("activities", "nodeact").Clone();
            tree.At("activities").Set("b", copy);
            tree.At("activities", "nodeact").With("type", Quote("\uFFFD"));
            copy.With("type", Quote("\U0001F600"));
            var message = Verdict(tree).ServerMessage;
            Assert.True(message.IndexOf("'\uFFFD'") < message.IndexOf("'\U0001F600'"));
        }
    }
}
