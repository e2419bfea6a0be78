using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Constants;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    // Expected texts were produced by the server's own code (bk-sops validator.py, gcloud/utils/pipeline.py) on the same trees.
    public class ConstantsStageTests
    {
        private const string Prefix = "[API] fast_create_task get invalid pipeline_tree: ";

        [Fact]
        public void KeyFieldMustRepeatTheKey()
        {
            var verdict = Verdict(Minimal().AddConstant("${bk_timing}", "\"\"", "\"${other}\""));
            Assert.Equal(Rules.ConstantKeyMismatch.Name, verdict.RuleName);
            Assert.Equal(Prefix + "constants ${bk_timing} key property value: ${other} not matched", verdict.ServerMessage);
            Assert.Equal("$.constants['${bk_timing}'].key", verdict.Path);
        }

        [Fact]
        public void MissingKeyFieldIsNone()
        {
            var tree = Minimal().AddConstant("${a}", "\"\"");
            tree.At("constants", "${a}").Remove("key");
            Assert.Equal(Prefix + "constants ${a} key property value: None not matched", Verdict(tree).ServerMessage);
        }

        [Theory]
        [InlineData("bk_timing")]
        [InlineData("${_env_x}")]
        [InlineData("${a.b}")]
        [InlineData("${\u00e9}")]
        public void KeyMustBeDollarBraceName(string key)
        {
            var verdict = Verdict(Minimal().AddConstant(key, "\"\""));
            Assert.Equal(Rules.ConstantKeyInvalid.Name, verdict.RuleName);
            Assert.Equal(Prefix + "invalid key: " + key, verdict.ServerMessage);
        }

        [Fact]
        public void AKeyMayEndWithOneNewlineLikePythonsDollar()
        {
            var tree = Minimal().AddConstant("${x}\n", "\"\"").With("outputs", "[\"${x}\\n\"]");
            Assert.True(Validate(tree).IsValid);
        }

        [Fact]
        public void AllKeyMessagesAreJoinedWithNewlinesAndOutputsNameTheLastConstant()
        {
            var tree = Minimal()
                .AddConstant("${a}", "\"\"", "\"${b}\"")
                .AddConstant("b", "\"\"")
                .AddConstant("${_env_x}", "\"\"")
                .AddConstant("${d}", "\"\"")
                .With("outputs", "[\"${a}\", \"x\", \"${_env_y}\"]");
            var result = Validate(tree);
            string expected = Prefix + "constants ${a} key property value: ${b} not matched\ninvalid key: b\ninvalid key: ${_env_x}\ninvalid outputs key: ${d}\ninvalid outputs key: ${d}";
            Assert.Equal(expected, result.ServerVerdict.ServerMessage);
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Equal(new[] { "ConstantKeyMismatch", "ConstantKeyInvalid", "ConstantKeyInvalid", "OutputKeyInvalid", "OutputKeyInvalid" }, errors.Select(e => e.RuleName));
            Assert.Equal("$.outputs[2]", errors[4].Path);
        }

        [Fact]
        public void InvalidOutputWithoutConstantsIsPythonsUnboundLocalError()
        {
            var verdict = Verdict(Minimal().With("outputs", "[\"x\", \"y\"]"));
            Assert.Equal(Rules.OutputKeyInvalid.Name, verdict.RuleName);
            Assert.Equal(Prefix + "cannot access local variable 'key' where it is not associated with a value", verdict.ServerMessage);
        }

        [Fact]
        public void AConstantThatIsNotAnObjectUnderAKeyTheSchemaSkips()
        {
            var verdict = Verdict(Minimal().With("constants", "{\"\": \"text\"}"));
            Assert.Equal(Rules.ConstantNotObject.Name, verdict.RuleName);
            Assert.Equal(Prefix + "'str' object has no attribute 'get'", verdict.ServerMessage);
        }

        [Fact]
        public void SelfReferencesAreFoundInTheReprOfValues()
        {
            var tree = Minimal().AddConstant("${x}", "{\"a\": \"${x}\"}").AddConstant("${y}", "[\"${y}\"]");
            var result = Validate(tree);
            Assert.Equal(Prefix + "常量 ${x}, ${y} 的值不能引用自身作为值", result.ServerVerdict.ServerMessage);
            Assert.Equal(2, result.Diagnostics.Count(d => d.RuleName == Rules.ConstantSelfReference.Name));
        }

        [Fact]
        public void CycleMessageListsTheSearchStack()
        {
            var tree = Minimal().AddConstant("${c}", "\"${a}\"").AddConstant("${a}", "\"pre ${b} post\"").AddConstant("${b}", "\"${a}\"");
            var verdict = Verdict(tree);
            Assert.Equal(Rules.ConstantReferenceCycle.Name, verdict.RuleName);
            Assert.Equal(Prefix + "检测到常量${c}, ${a}, ${b}存在循环引用", verdict.ServerMessage);
        }

        [Fact]
        public void ReferencesArePlainSubstringsOfWholeKeys()
        {
            // ${ab} does not contain the text ${a}, so there is no cycle.
            var tree = Minimal().AddConstant("${a}", "\"${ab}\"").AddConstant("${ab}", "\"1\"");
            Assert.True(Validate(tree).IsValid);
        }

        [Fact]
        public void LongCycleIsFoundWithoutDeepRecursion()
        {
            var tree = Minimal();
            const int n = 20000;
            for (int i = 0; i < n; i++) tree.AddConstant($"${{k{i}}}", Quote($"${{k{(i + 1) % n}}}"));
            var verdict = Verdict(tree);
            Assert.Equal(Rules.ConstantReferenceCycle.Name, verdict.RuleName);
            Assert.StartsWith(Prefix + "检测到常量${k0}, ${k1}, ${k2}", verdict.ServerMessage);
            Assert.EndsWith("${k19999}存在循环引用", verdict.ServerMessage);
        }
    }
}
