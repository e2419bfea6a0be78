using System.Collections.Generic;
using System.IO;
using System.Linq;
using BkSops.Conditions;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    public sealed class ConditionsStageTests
    {
        /// <summary>A tree fragment with one gateway; <paramref name="conditions"/> maps flow id to evaluate text.</summary>
        private static List<Diagnostic> Run(string type, IDictionary<string, string> conditions, string constantsJson = "{}", string defaultFlow = null)
        {
            var conditionsObject = new JsonObject();
            foreach (var c in conditions)
            {
                var o = new JsonObject();
                o.Set("evaluate", new JsonString(c.Value));
                o.Set("name", new JsonString("cond " + c.Key));
                conditionsObject.Set(c.Key, o);
            }
            var gateway = new JsonObject();
            gateway.Set("id", new JsonString("gw"));
            gateway.Set("type", new JsonString(type));
            gateway.Set("conditions", conditionsObject);
            if (defaultFlow != null) gateway.Set("default_condition", JsonReader.Parse("{\"flow_id\": \"" + defaultFlow + "\"}"));
            var gateways = new JsonObject();
            gateways.Set("gw", gateway);
            var root = new JsonObject();
            root.Set("gateways", gateways);
            root.Set("constants", JsonReader.Parse(constantsJson));
            return RunOn(root);
        }

        private static List<Diagnostic> RunOn(JsonObject root)
        {
            var context = new ValidationContext(new PipelineTree(root), null);
            new ConditionsStage().Run(context);
            foreach (var d in context.Diagnostics)
            {
                Assert.NotEqual(Severity.Error, d.Severity);
                Assert.False(string.IsNullOrEmpty(d.Message));
                Assert.False(string.IsNullOrEmpty(d.Hint));
                Assert.Equal("gw", d.NodeId);
                Assert.StartsWith("$.gateways['gw'].conditions", d.Path);
            }
            return context.Diagnostics.ToList();
        }

        private static Dictionary<string, string> C(params string[] evaluates) =>
            evaluates.Select((e, i) => (e, i)).ToDictionary(x => "l" + (x.i + 1), x => x.e);

        private const string Env = "{\"${env}\": {\"key\": \"${env}\", \"value\": \"my prod\", \"source_type\": \"custom\"}, \"${n}\": {\"key\": \"${n}\", \"value\": 3}}";

        [Fact]
        public void CleanConditionsReportNothing()
        {
            var d = Run("ExclusiveGateway", C("\"${env}\" == \"my prod\"", "\"${env}\" != \"my prod\""), Env);
            Assert.Empty(d);
        }

        [Fact]
        public void SyntaxErrorsAreWarningsWithAColumnAndTheJsonPath()
        {
            var d = Run("ExclusiveGateway", C("${n} = 3", "${n} != 3"), Env);
            var syntax = Assert.Single(d, x => x.RuleName == Rules.ConditionSyntax.Name);
            Assert.Equal(Severity.Warning, syntax.Severity);
            Assert.Equal("$.gateways['gw'].conditions['l1'].evaluate", syntax.Path);
            Assert.Contains("column 6", syntax.Message);
            Assert.Contains("`3 = 3`", syntax.Message);
            Assert.Contains("fails when the task reaches it", syntax.Message);
        }

        [Fact]
        public void MixedAndOrGetsAPrecedenceWarningInTheAuthorsWords()
        {
            var d = Run("ConditionalParallelGateway", C("${n} == 1 and \"${env}\" == \"x\" or ${n} == 3", "${n} > 0"), Env);
            var p = Assert.Single(d, x => x.RuleName == Rules.ConditionPrecedence.Name);
            Assert.Contains("means `${n} == 1 and (\"${env}\" == \"x\" or ${n} == 3)`", p.Message);
            Assert.Contains("not `(${n} == 1 and \"${env}\" == \"x\") or ${n} == 3`", p.Message);
            Assert.Contains("`(${n} == 1 and \"${env}\" == \"x\") or ${n} == 3`", p.Hint);
        }

        [Fact]
        public void UnquotedTextWithSpacesIsReportedOnceInsteadOfASyntaxError()
        {
            var d = Run("ExclusiveGateway", C("${env} == \"my prod\"", "\"${env}\" != \"my prod\""), Env);
            var u = Assert.Single(d, x => x.RuleName == Rules.ConditionUnquotedVariable.Name);
            Assert.Equal(Severity.Warning, u.Severity);
            Assert.Contains("'my prod'", u.Message);
            Assert.Contains("does not parse", u.Message);
            Assert.DoesNotContain(d, x => x.RuleName == Rules.ConditionSyntax.Name);
        }

        [Fact]
        public void UnquotedSingleWordAndNumericTextAreFlaggedBySeverity()
        {
            var constants = "{\"${w}\": {\"value\": \"prod\"}, \"${num}\": {\"value\": \"1\"}}";
            var word = Run("ExclusiveGateway", C("${w} == \"prod\"", "\"${w}\" != \"prod\""), constants);
            Assert.Equal(Severity.Warning, Assert.Single(word, x => x.RuleName == Rules.ConditionUnquotedVariable.Name).Severity);
            // Numbers kept as text work; they are mentioned once per variable, as Information.
            var number = Run("ExclusiveGateway", C("${num} <= 10", "${num} > 10"), constants);
            var info = Assert.Single(number, x => x.RuleName == Rules.ConditionUnquotedVariable.Name);
            Assert.Equal(Severity.Information, info.Severity);
            Assert.Contains("read as the number 1", info.Message);
            Assert.Contains("1 other condition using ${num}", info.Message);
            // ${int(...)} is the right way to compare numbers: nothing to say
            Assert.Empty(Run("ExclusiveGateway", C("${int(num)} <= 10", "${int(num)} > 10"), constants));
        }

        [Fact]
        public void ListValuesAreReported()
        {
            var constants = "{\"${hosts}\": {\"value\": [\"a\", \"b\"]}}";
            var unquoted = Run("ExclusiveGateway", C("\"a\" in ${hosts}", "1 == 1"), constants);
            var l = Assert.Single(unquoted, x => x.RuleName == Rules.ConditionListValue.Name);
            Assert.Contains("['a', 'b']", l.Message);
            Assert.Contains("cannot parse", l.Message);
            Assert.DoesNotContain(unquoted, x => x.RuleName == Rules.ConditionSyntax.Name);
            var quoted = Run("ExclusiveGateway", C("\"${hosts}\" == \"a\"", "1 == 1"), constants);
            Assert.Contains("against that text", Assert.Single(quoted, x => x.RuleName == Rules.ConditionListValue.Name).Message);
            var whole = Run("ExclusiveGateway", C("${hosts}", "1 == 1"), constants);
            Assert.Contains("hands boolrule the list", Assert.Single(whole, x => x.RuleName == Rules.ConditionListValue.Name).Message);
            Assert.DoesNotContain(whole, x => x.RuleName == Rules.ConditionRuntimeError.Name);
        }

        [Fact]
        public void NoTrueBranchWithoutDefaultIsReportedForBothGatewayKinds()
        {
            foreach (var type in new[] { "ExclusiveGateway", "ConditionalParallelGateway" })
            {
                var d = Run(type, C("${n} > 5", "${n} < 1"), Env);
                var w = Assert.Single(d, x => x.RuleName == Rules.ConditionNoBranchTrue.Name);
                Assert.Equal("$.gateways['gw'].conditions", w.Path);
                Assert.Contains("all conditions of branches are not meet", w.Message);
                Assert.Contains("`3 > 5` is false", w.Message);
                Assert.Empty(Run(type, C("${n} > 5", "${n} < 1"), Env, defaultFlow: "l3"));
            }
        }

        [Fact]
        public void SeveralTrueBranchesAreReportedForExclusiveGatewaysOnly()
        {
            var d = Run("ExclusiveGateway", C("${n} > 1", "${n} > 2", "${n} > 5"), Env);
            var w = Assert.Single(d, x => x.RuleName == Rules.ConditionManyTrue.Name);
            Assert.Contains("multiple conditions meet: ['cond l1', 'cond l2']", w.Message);
            Assert.Empty(Run("ConditionalParallelGateway", C("${n} > 1", "${n} > 2"), Env));
        }

        [Fact]
        public void PythonExpressionsAreInformationAndStopGatewayChecks()
        {
            var d = Run("ExclusiveGateway", C("${int(n) + 1} > 5", "${n} < 1"), Env);
            var u = Assert.Single(d);
            Assert.Equal(Rules.ConditionUnknown.Name, u.RuleName);
            Assert.Equal(Severity.Information, u.Severity);
            Assert.Contains("${int(n) + 1}", u.Message);
        }

        [Fact]
        public void PluginOutputsAreUnknown()
        {
            var constants = "{\"${out}\": {\"value\": \"\", \"source_type\": \"component_outputs\"}}";
            var d = Run("ExclusiveGateway", C("\"${out}\" == \"ok\"", "\"${out}\" != \"ok\""), constants);
            Assert.Equal(2, d.Count(x => x.RuleName == Rules.ConditionUnknown.Name));
            Assert.DoesNotContain(d, x => x.RuleName == Rules.ConditionNoBranchTrue.Name);
        }

        [Fact]
        public void SyntaxErrorsAreFoundEvenWhenValuesAreUnknown()
        {
            var d = Run("ExclusiveGateway", C("${int(n) + 1} = 5", "${n} < 1"), Env);
            Assert.Single(d, x => x.RuleName == Rules.ConditionSyntax.Name);
            Assert.Single(d, x => x.RuleName == Rules.ConditionUnknown.Name);
        }

        [Fact]
        public void TypeErrorsAreRuntimeWarnings()
        {
            var d = Run("ExclusiveGateway", C("${n} < \"a\"", "1 == 1"), Env);
            var r = Assert.Single(d, x => x.RuleName == Rules.ConditionRuntimeError.Name);
            Assert.Contains("TypeError", r.Message);
            Assert.Contains("`3 < \"a\"`", r.Message);
        }

        [Fact]
        public void ExponentLiteralsAreSyntaxWarnings()
        {
            var d = Run("ExclusiveGateway", C("${n} < 1e3", "${n} >= 1000"), Env);
            var s = Assert.Single(d, x => x.RuleName == Rules.ConditionSyntax.Name);
            Assert.Contains("int()", s.Message);
        }

        [Fact]
        public void MalformedShapesNeverCrash()
        {
            foreach (var json in new[]
            {
                "{\"gateways\": 5}", "{\"gateways\": {\"gw\": 5}}", "{\"gateways\": {\"gw\": {\"type\": 5}}}",
                "{\"gateways\": {\"gw\": {\"type\": \"ExclusiveGateway\", \"conditions\": []}}}",
                "{\"gateways\": {\"gw\": {\"type\": \"ExclusiveGateway\", \"conditions\": {\"l\": 5, \"m\": {\"evaluate\": 7}, \"n\": {\"evaluate\": \"1 == 1\"}}}}, \"constants\": []}",
                "{\"gateways\": {\"gw\": {\"type\": \"ExclusiveGateway\", \"conditions\": {\"n\": {\"evaluate\": \"${x} == 1\"}}}}, \"constants\": {\"${x}\": {\"value\": {\"a\": [1, {\"b\": null}]}}}}",
            })
            {
                RunOn((JsonObject)JsonReader.Parse(json));
            }
        }

        [Fact]
        public void TheSeedTreeGetsOnlyAdviceFromThisStage()
        {
            string path = Path.Combine(System.AppContext.BaseDirectory, "examples", "seed-tree-list-incoming.json");
            var tree = PipelineReader.Parse(File.ReadAllText(path), path);
            var result = new PipelineValidator().Validate(tree);
            var mine = result.Diagnostics.Where(x => x.RuleName.StartsWith("Condition", System.StringComparison.Ordinal)).ToList();
            // ${bk_timing} holds the text "1": it works as a number, which is worth knowing but not a warning.
            var info = Assert.Single(mine);
            Assert.Equal(Rules.ConditionUnquotedVariable.Name, info.RuleName);
            Assert.Equal(Severity.Information, info.Severity);
            Assert.True(info.Line > 0);
        }
    }
}
