using System.Linq;
using BkSops.Validation;
using BkSops.Validation.Advisory;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    public class AdvisoryStageTests
    {
        [Fact]
        public void UnusedConstantIsAWarning()
        {
            var tree = Minimal().AddConstant("${unused}", "\"1\"");
            var result = Validate(tree);
            Assert.True(result.IsValid);
            var w = Assert.Single(result.Diagnostics, d => d.RuleName == Rules.ConstantNotUsed.Name);
            Assert.Equal(Severity.Warning, w.Severity);
            Assert.Equal("${unused}", w.NodeId);
            Assert.Null(w.ServerMessage);
        }

        [Fact]
        public void ConstantUsedInAnInputExpressionIsUsed()
        {
            var tree = Minimal().AddConstant("${t}", "\"1\"");
            tree.At("activities", "nodeact", "component", "data", "bk_timing").With("value", "\"${int(t) + 1}\"");
            Assert.Empty(Warnings(tree, Rules.ConstantNotUsed.Name));
            Assert.Empty(Warnings(tree, Rules.UndeclaredVariable.Name));
        }

        [Fact]
        public void ConstantsInOutputsOrFromPluginOutputsAreNotUnused()
        {
            var tree = Minimal().AddConstant("${out}", "\"\"").With("outputs", "[\"${out}\"]");
            Assert.Empty(Warnings(tree, Rules.ConstantNotUsed.Name));
        }

        [Fact]
        public void BareUndeclaredVariableIsAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact", "component", "data", "bk_timing").With("value", "\"${missing}\"");
            var w = Assert.Single(Warnings(tree, Rules.UndeclaredVariable.Name));
            Assert.Equal("$.activities['nodeact'].component.data['bk_timing'].value", w.Path);
            Assert.Contains("${missing}", w.Message);
        }

        [Fact]
        public void OutputNotInConstantsIsAWarning()
        {
            var tree = Minimal().With("outputs", "[\"${nothing}\"]").AddConstant("${x}", "\"\"");
            var w = Assert.Single(Warnings(tree, Rules.OutputNotInConstants.Name));
            Assert.Equal("$.outputs[0]", w.Path);
        }

        [Fact]
        public void ConstantWithoutStartFieldsIsAWarning()
        {
            var tree = Minimal().With("constants", "{\"${a}\": {\"key\": \"${a}\", \"value\": \"${a2}\"}}");
            var w = Assert.Single(Warnings(tree, Rules.ConstantIncomplete.Name));
            Assert.Contains("show_type, custom_type, source_type", w.Message);
        }

        [Fact]
        public void ActivityWithoutComponentDataValueIsAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").Remove("component");
            Assert.Single(Warnings(tree, Rules.ActivityIncomplete.Name));
            Assert.True(Validate(tree).IsValid);
        }

        [Fact]
        public void TimeoutWithErrorIgnorableIsAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("timeout_config", "{\"enable\": true, \"seconds\": 10}").With("error_ignorable", "true");
            Assert.Single(Warnings(tree, Rules.ActivityTimeoutConflict.Name));
        }

        [Fact]
        public void MinimalTreeHasNoWarnings() =>
            Assert.Empty(Validate(Minimal()).Diagnostics.Where(d => d.Severity != Severity.Information));
    }
}
