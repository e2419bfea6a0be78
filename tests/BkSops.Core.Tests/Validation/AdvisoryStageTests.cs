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
            var w = Assert.Single(result.Diagnostics, d => d.RuleName == AdvisoryRules.ConstantNotUsed);
            Assert.Equal(Severity.Warning, w.Severity);
            Assert.Equal("${unused}", w.NodeId);
            Assert.Null(w.ServerMessage);
        }

        [Fact]
        public void ConstantUsedInAnInputExpressionIsUsed()
        {
            var tree = Minimal().AddConstant("${t}", "\"1\"");
            tree.At("activities", "nodeact", "component", "data", "bk_timing").With("value", "\"${int(t) + 1}\"");
            Assert.Empty(Warnings(tree, AdvisoryRules.ConstantNotUsed));
            Assert.Empty(Warnings(tree, AdvisoryRules.UndeclaredVariable));
        }

        [Fact]
        public void ConstantsInOutputsOrFromPluginOutputsAreNotUnused()
        {
            var tree = Minimal().AddConstant("${out}", "\"\"").With("outputs", "[\"${out}\"]");
            Assert.Empty(Warnings(tree, AdvisoryRules.ConstantNotUsed));
        }

        [Fact]
        public void BareUndeclaredVariableIsAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact", "component", "data", "bk_timing").With("value", "\"${missing}\"");
            var w = Assert.Single(Warnings(tree, AdvisoryRules.UndeclaredVariable));
            Assert.Equal("$.activities['nodeact'].component.data['bk_timing'].value", w.Path);
            Assert.Contains("${missing}", w.Message);
        }

        [Fact]
        public void OutputNotInConstantsIsAWarning()
        {
            var tree = Minimal().With("outputs", "[\"${nothing}\"]").AddConstant("${x}", "\"\"");
            var w = Assert.Single(Warnings(tree, AdvisoryRules.OutputNotInConstantsRule));
            Assert.Equal("$.outputs[0]", w.Path);
        }

        [Fact]
        public void ConstantWithoutStartFieldsIsAWarning()
        {
            var tree = Minimal().With("constants", "{\"${a}\": {\"key\": \"${a}\", \"value\": \"${a2}\"}}");
            var w = Assert.Single(Warnings(tree, AdvisoryRules.ConstantIncompleteRule));
            Assert.Contains("show_type, custom_type, source_type", w.Message);
        }

        [Fact]
        public void ActivityWithoutComponentDataValueIsAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").Remove("component");
            Assert.Single(Warnings(tree, AdvisoryRules.ActivityIncompleteRule));
            Assert.True(Validate(tree).IsValid);
        }

        [Fact]
        public void TimeoutWithErrorIgnorableIsAWarning()
        {
            var tree = Minimal();
            tree.At("activities", "nodeact").With("timeout_config", "{\"enable\": true, \"seconds\": 10}").With("error_ignorable", "true");
            Assert.Single(Warnings(tree, AdvisoryRules.TimeoutConflictRule));
        }

        [Fact]
        public void MinimalTreeHasNoWarnings() =>
            Assert.Empty(Validate(Minimal()).Diagnostics.Where(d => d.Severity != Severity.Information));
    }
}
