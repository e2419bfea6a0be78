using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Names;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    public class NameStageTests
    {
        private const string Prefix = "[API] fast_create_task get invalid pipeline_tree: ";

        [Theory]
        [InlineData("null", "NoneType")]
        [InlineData("5", "int")]
        [InlineData("1.5", "float")]
        [InlineData("true", "bool")]
        [InlineData("[\"a\"]", "list")]
        [InlineData("{}", "dict")]
        public void NonStringNameStopsTheServer(string name, string type)
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("name", name);
            var verdict = Verdict(tree);
            Assert.Equal(Rules.NameNotString.Name, verdict.RuleName);
            Assert.Equal(Prefix + $"expected string or bytes-like object, got '{type}'", verdict.ServerMessage);
            Assert.Equal(3540000, verdict.ServerCode);
            Assert.Equal("nodeact", verdict.NodeId);
            Assert.Equal("$.activities['nodeact'].name", verdict.Path);
        }

        [Fact]
        public void AnEntryKeyedNameIsTakenForTheDictionarysName()
        {
            var tree = Minimal();
            var activities = tree.At("activities");
            activities.Rename("nodeact", "name");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.NameNotString.Name, verdict.RuleName);
            Assert.Equal(Prefix + "expected string or bytes-like object, got 'dict'", verdict.ServerMessage);
            Assert.Contains("entry keyed 'name'", verdict.Message);
        }

        [Fact]
        public void ListItemsWithNamesAreStandardisedToo()
        {
            var tree = Minimal().With("location", "[{\"id\": \"nodeact\", \"name\": 7}]");
            Assert.Equal(Prefix + "expected string or bytes-like object, got 'int'", Verdict(tree).ServerMessage);
            var ok = Minimal().With("location", "[1, \"x\", {\"id\": \"a\"}]");
            Assert.True(Validate(ok).IsValid);
        }

        [Fact]
        public void NameOfOnlySpecialCharactersBecomesEmpty()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("name", "\"<>$&'\\\"\"");
            var verdict = Verdict(tree);
            Assert.Equal(Prefix + "activities→nodeact→name: '' should be non-empty", verdict.ServerMessage);
            Assert.Contains(Validate(tree).Diagnostics, d => d.RuleName == Rules.NameWillBeStripped.Name);
        }

        [Fact]
        public void LongNameIsCutTo50CodePointsWithAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("name", Quote(new string('\u540d', 60)));
            var result = Validate(tree);
            Assert.True(result.IsValid);
            var warning = Assert.Single(result.Diagnostics, d => d.RuleName == Rules.NameWillBeTruncated.Name);
            Assert.Equal(Severity.Warning, warning.Severity);
            Assert.Equal("$.activities['nodeact'].name", warning.Path);
        }

        [Fact]
        public void StrippedCharactersGetAWarningAndTheWorkCopyChanges()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("name", "\"a<b>&c\"");
            var context = new ValidationContext(new Model.PipelineTree(tree), null);
            new NameStage().Run(context);
            Assert.Equal("abc", ((JsonString)context.Work.ForReading.At("activities", "nodeact")["name"]).Value);
            Assert.Equal("a<b>&c", ((JsonString)tree.At("activities", "nodeact")["name"]).Value);
            Assert.Single(context.Diagnostics, d => d.RuleName == Rules.NameWillBeStripped.Name);
        }

        [Fact]
        public void DefaultsAreAddedAtTheEnd()
        {
            var context = new ValidationContext(new Model.PipelineTree(Minimal()), null);
            new NameStage().Run(context);
            Assert.Equal(new[] { "start_event", "end_event", "activities", "flows", "gateways", "constants", "outputs" }, context.Work.Keys.ToArray());
        }

        [Fact]
        public void NonObjectTreeGetsTheServersAttributeError()
        {
            var d = PipelineTreeShape.Check(JsonReader.Parse("[1]"));
            Assert.Equal(Prefix + "'list' object has no attribute 'values'", d.ServerMessage);
            Assert.Null(PipelineTreeShape.Check(new JsonObject()));
        }
    }
}
