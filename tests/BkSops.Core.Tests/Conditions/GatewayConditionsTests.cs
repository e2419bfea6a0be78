using System.Collections.Generic;
using BkSops.Conditions;
using BkSops.Validation.Python;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    public sealed class GatewayConditionsTests
    {
        private static readonly Dictionary<string, object> Values = new Dictionary<string, object> { ["env"] = "prod", ["n"] = 3L };

        private static GatewayDecision Exclusive(string defaultFlow, params (string flow, string evaluate)[] branches)
        {
            var list = new List<GatewayBranch>();
            foreach (var (flow, evaluate) in branches) list.Add(new GatewayBranch(flow, evaluate, "name-" + flow));
            return GatewayConditions.Decide(false, list, defaultFlow, Values);
        }

        [Fact]
        public void ExclusiveTakesTheOneTrueBranch()
        {
            var d = Exclusive(null, ("l1", "\"${env}\" == \"prod\""), ("l2", "\"${env}\" != \"prod\""));
            Assert.Equal(GatewayDecisionKind.Selected, d.Kind);
            Assert.Equal(new[] { "l1" }, d.FlowIds);
            Assert.False(d.UsedDefault);
        }

        [Fact]
        public void NoTrueBranchTakesTheDefaultOrFails()
        {
            var withDefault = Exclusive("l9", ("l1", "${n} > 5"));
            Assert.Equal(new[] { "l9" }, withDefault.FlowIds);
            Assert.True(withDefault.UsedDefault);
            var without = Exclusive(null, ("l1", "${n} > 5"));
            Assert.Equal(GatewayDecisionKind.Fails, without.Kind);
            Assert.Equal("all conditions of branches are not meet", without.FailureMessage);
        }

        [Fact]
        public void SeveralTrueBranchesFailAnExclusiveGateway()
        {
            var d = Exclusive(null, ("l1", "${n} > 1"), ("l2", "${n} > 2"), ("l3", "${n} > 5"));
            Assert.Equal(GatewayDecisionKind.Fails, d.Kind);
            Assert.Equal("multiple conditions meet: ['name-l1', 'name-l2']", d.FailureMessage);
            var first = GatewayConditions.Decide(false, new[] { new GatewayBranch("l1", "${n} > 1"), new GatewayBranch("l2", "${n} > 2") }, null, Values, firstMatch: true);
            Assert.Equal(new[] { "l1" }, first.FlowIds);
        }

        [Fact]
        public void ConditionalParallelTakesEveryTrueBranch()
        {
            var d = GatewayConditions.Decide(true, new[] { new GatewayBranch("l1", "${n} > 1"), new GatewayBranch("l2", "${n} > 2"), new GatewayBranch("l3", "${n} > 5") }, null, Values);
            Assert.Equal(new[] { "l1", "l2" }, d.FlowIds);
        }

        [Fact]
        public void AParseErrorFailsWithTheEngineText()
        {
            var d = Exclusive(null, ("l1", "${env} = prod"), ("l2", "1 == 1"));
            Assert.Equal(GatewayDecisionKind.Fails, d.Kind);
            Assert.Equal("evaluate[${env} = prod] fail with data[{\"env\": \"prod\"}]：please check if some variable not exists or the expression is unsupported, "
                         + "related reference is <a href=\"https://boolrule.readthedocs.io/en/latest/expressions.html\">boolrule</a>", d.FailureMessage);
            Assert.Single(d.Results);
        }

        [Fact]
        public void APythonErrorFailsWithTheRenderedTextAndMessage()
        {
            var d = Exclusive(null, ("l1", "${n} < \"a\""));
            Assert.Equal("evaluate[3 < \"a\"] fail with data[{\"n\": 3}] message: '<' not supported between instances of 'int' and 'str'", d.FailureMessage);
            var cpg = GatewayConditions.Decide(true, new[] { new GatewayBranch("l1", "${n} < \"a\"") }, null, Values);
            Assert.Equal("evaluate[${n} < \"a\"] fail with data[{\"n\": 3}] message: '<' not supported between instances of 'int' and 'str'", cpg.FailureMessage);
        }

        [Fact]
        public void UnknownConditionsMakeTheDecisionUnknown()
        {
            var d = Exclusive(null, ("l1", "${int(n) + 1} == 4"), ("l2", "1 == 2"));
            Assert.Equal(GatewayDecisionKind.Unknown, d.Kind);
        }

        [Fact]
        public void ConstantValuesComeFromTheTree()
        {
            var constants = (JsonObject)JsonReader.Parse(@"{
                ""${env}"": {""key"": ""${env}"", ""value"": ""prod"", ""source_type"": ""custom""},
                ""${label}"": {""key"": ""${label}"", ""value"": ""${env}-${n}"", ""source_type"": ""custom""},
                ""${n}"": {""key"": ""${n}"", ""value"": 3},
                ""${whole}"": {""key"": ""${whole}"", ""value"": ""${n}""},
                ""${out}"": {""key"": ""${out}"", ""value"": """", ""source_type"": ""component_outputs""},
                ""${loop1}"": {""value"": ""${loop2}""}, ""${loop2}"": {""value"": ""${loop1}""},
                ""${novalue}"": {""key"": ""${novalue}""},
                ""bad"": {""value"": 1}, ""${notobject}"": 5
            }");
            var values = ConstantValues.FromConstants(constants);
            Assert.Equal("prod", values["env"]);
            Assert.Equal("prod-3", values["label"]);
            Assert.Equal(System.Numerics.BigInteger.Parse("3"), values["whole"]);
            Assert.True(ConditionValues.IsUnknown(values["out"]));
            Assert.True(ConditionValues.IsUnknown(values["loop1"]));
            Assert.True(ConditionValues.IsUnknown(values["loop2"]));
            Assert.True(ConditionValues.IsUnknown(values["novalue"]));
            Assert.False(values.ContainsKey("bad"));
            Assert.False(values.ContainsKey("notobject"));
            Assert.Empty(ConstantValues.FromConstants(new JsonArray()));
        }
    }
}
