using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using BkSops.Conditions;
using BkSops.Json;
using BkSops.Validation.Python;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>
    /// The Python subset of ${…} expressions (MakoExpression). Expected texts are what CPython 3.11 gives for
    /// str(eval(expression)) with the same variables.
    /// </summary>
    public sealed class MakoExpressionTests
    {
        private static readonly Dictionary<string, object> Vars = new Dictionary<string, object>
        {
            ["x"] = "5",
            ["n"] = 7L,
            ["f"] = 2.5,
            ["name"] = "Deploy Prod",
            ["env"] = "prod",
            ["items"] = JsonReader.Parse("[\"a\", \"b\", \"c\"]"),
            ["cfg"] = JsonReader.Parse("{\"region\": \"sh\", \"size\": 3}"),
            ["flag"] = true,
            ["none"] = null,
            ["wide"] = "a\U0001F600b",
        };

        private static MakoExpressionResult Run(string expression) => MakoExpression.Evaluate(expression, Vars);

        private static string Text(string expression)
        {
            var r = Run(expression);
            Assert.True(r.Outcome == MakoOutcome.Value, expression + ": " + r.Outcome + " " + r.Reason);
            return TemplateText.Render("${" + expression + "}", Vars, evaluateExpressions: true);
        }

        [Theory]
        [InlineData("n + 1", "8")]
        [InlineData("n - 10", "-3")]
        [InlineData("n * 3", "21")]
        [InlineData("n / 2", "3.5")]
        [InlineData("n // 2", "3")]
        [InlineData("-n // 2", "-4")]
        [InlineData("-n % 3", "2")]
        [InlineData("n % -3", "-2")]
        [InlineData("2 ** 10", "1024")]
        [InlineData("2 ** -1", "0.5")]
        [InlineData("-2 ** 2", "-4")]
        [InlineData("2 ** 3 ** 2", "512")]
        [InlineData("f * 2", "5.0")]
        [InlineData("0.1 + 0.2", "0.30000000000000004")]
        [InlineData("7.5 // 2", "3.0")]
        [InlineData("-7.5 % 2", "0.5")]
        [InlineData("1e3", "1000.0")]
        [InlineData("1_000 + 1", "1001")]
        [InlineData("(1 + 2) * 3", "9")]
        [InlineData("True + True", "2")]
        public void Arithmetic(string expression, string expected) => Assert.Equal(expected, Text(expression));

        [Theory]
        [InlineData("int(x) + 1", "6")]
        [InlineData("float(x)", "5.0")]
        [InlineData("str(n) + '!'", "7!")]
        [InlineData("len(items)", "3")]
        [InlineData("len(name)", "11")]
        [InlineData("len(wide)", "3")]
        [InlineData("bool('')", "False")]
        [InlineData("abs(-3)", "3")]
        [InlineData("min(3, 1, 2)", "1")]
        [InlineData("max(items)", "c")]
        [InlineData("round(2.5)", "2")]
        [InlineData("round(3.5)", "4")]
        [InlineData("sum([1, 2, 3])", "6")]
        [InlineData("int()", "0")]
        public void Builtins(string expression, string expected) => Assert.Equal(expected, Text(expression));

        [Fact]
        public void AVariableHidesABuiltinAsMakoArgumentsDo()
        {
            var values = new Dictionary<string, object> { ["int"] = "shadow", ["x"] = "5" };
            var r = MakoExpression.Evaluate("int(x) + 1", values);
            Assert.Equal(MakoOutcome.Raised, r.Outcome);
            Assert.Contains("'str' object is not callable", r.Reason);
            // In a simulated run the segment stays literal, as the engine leaves it; the validator cannot tell.
            Assert.Equal("${int(x)}", TemplateText.Render("${int(x)}", values, evaluateExpressions: true));
            Assert.Equal(ConditionOutcome.True, ConditionExpression.Parse("\"${int(x)}\" == \"${int(x)}\"").Evaluate(values, leaveUnknownAsText: true).Value);
        }

        [Theory]
        [InlineData("name.upper()", "DEPLOY PROD")]
        [InlineData("name.lower()", "deploy prod")]
        [InlineData("'  pad '.strip()", "pad")]
        [InlineData("'xxaxx'.strip('x')", "a")]
        [InlineData("'  pad '.lstrip()", "pad ")]
        [InlineData("name.split()", "['Deploy', 'Prod']")]
        [InlineData("'a,b,,c'.split(',')", "['a', 'b', '', 'c']")]
        [InlineData("'a,b,c'.split(',', 1)", "['a', 'b,c']")]
        [InlineData("name.replace('Prod', 'Test')", "Deploy Test")]
        [InlineData("'aaa'.replace('a', 'b', 2)", "bba")]
        [InlineData("name.startswith('Dep')", "True")]
        [InlineData("name.endswith(('x', 'od'))", "True")]
        [InlineData("'-'.join(items)", "a-b-c")]
        [InlineData("name.find('Prod')", "7")]
        [InlineData("wide.find('b')", "2")]
        [InlineData("'banana'.count('an')", "2")]
        [InlineData("cfg.get('region')", "sh")]
        [InlineData("cfg.get('zone', 'none')", "none")]
        public void StringAndDictMethods(string expression, string expected) => Assert.Equal(expected, Text(expression));

        [Theory]
        [InlineData("env == 'prod'", "True")]
        [InlineData("env != 'prod'", "False")]
        [InlineData("1 < n <= 7", "True")]
        [InlineData("1 < n < 3", "False")]
        [InlineData("'b' in items", "True")]
        [InlineData("'z' not in items", "True")]
        [InlineData("'region' in cfg", "True")]
        [InlineData("env in ('prod', 'test')", "True")]
        [InlineData("'ro' in env", "True")]
        [InlineData("none is None", "True")]
        [InlineData("flag is not None", "True")]
        [InlineData("n > 5 and env == 'prod'", "True")]
        [InlineData("0 or 'fallback'", "fallback")]
        [InlineData("'' and undefined_name", "")]
        [InlineData("True or undefined_name", "True")]
        [InlineData("not flag", "False")]
        [InlineData("'big' if n > 5 else 'small'", "big")]
        [InlineData("'big' if n > 50 else undefined_name if False else 'small'", "small")]
        public void ComparisonsAndLogic(string expression, string expected) => Assert.Equal(expected, Text(expression));

        [Theory]
        [InlineData("items[0]", "a")]
        [InlineData("items[-1]", "c")]
        [InlineData("items[1:]", "['b', 'c']")]
        [InlineData("items[::-1]", "['c', 'b', 'a']")]
        [InlineData("name[:6]", "Deploy")]
        [InlineData("name[-4:]", "Prod")]
        [InlineData("name[::2]", "Dpo rd")]
        [InlineData("wide[1]", "\U0001F600")]
        [InlineData("cfg['size'] * 2", "6")]
        [InlineData("[1, 2] + [3]", "[1, 2, 3]")]
        [InlineData("'ab' * 3", "ababab")]
        [InlineData("'a' 'b'", "ab")]
        [InlineData("'tab\\tand \\u00e9'", "tab\tand é")]
        [InlineData("None", "None")]
        public void IndexingSlicingAndLiterals(string expression, string expected) => Assert.Equal(expected, Text(expression));

        [Theory]
        [InlineData("int(name)", "ValueError")]
        [InlineData("n / 0", "ZeroDivisionError")]
        [InlineData("n // 0", "ZeroDivisionError")]
        [InlineData("env + 1", "TypeError")]
        [InlineData("items[10]", "IndexError")]
        [InlineData("cfg['missing']", "KeyError")]
        [InlineData("undefined_name + 1", "NameError")]
        [InlineData("eval('1')", "TypeError")] // shielded: None in bk-sops' template sandbox
        [InlineData("none.upper()", "AttributeError")]
        [InlineData("__import__('os')", "Forbidden")]
        [InlineData("name.__class__()", "Forbidden")]
        [InlineData("name.format()", "Forbidden")]
        [InlineData("1 +", "SyntaxError")]
        [InlineData("007", "SyntaxError")]
        [InlineData("'open", "SyntaxError")]
        [InlineData("max([])", "ValueError")]
        public void FailuresRaiseAndTheSegmentStaysLiteral(string expression, string error)
        {
            var r = Run(expression);
            Assert.Equal(MakoOutcome.Raised, r.Outcome);
            Assert.Contains(error, r.Reason);
            Assert.Equal("<${" + expression + "}>", TemplateText.Render("<${" + expression + "}>", Vars, evaluateExpressions: true));
        }

        [Theory]
        [InlineData("datetime.datetime.now()")]
        [InlineData("_system.task_id")]
        [InlineData("json.dumps(items)")]
        [InlineData("lambda: 1")]
        [InlineData("[i for i in items]")]
        [InlineData("n & 1")]
        [InlineData("name.title()")]
        [InlineData("round(f, 1)")]
        [InlineData("'ß'.upper()")]
        [InlineData("x, n")]
        [InlineData("'%s' % x")]
        [InlineData("0x10")]
        [InlineData("n.bit_length()")]
        public void FormsOutsideTheSubsetAreUnsupportedAndStayLiteral(string expression)
        {
            var r = Run(expression);
            Assert.Equal(MakoOutcome.Unsupported, r.Outcome);
            Assert.False(string.IsNullOrEmpty(r.Reason));
            Assert.Equal("${" + expression + "}", TemplateText.Render("${" + expression + "}", Vars, evaluateExpressions: true));
        }

        [Theory]
        [InlineData("'a' * 10 ** 9")]
        [InlineData("[1] * 10 ** 9")]
        [InlineData("2 ** 100000")]
        [InlineData("10 ** 5000")]
        public void HugeValuesAreRefusedBeforeTheyAreBuilt(string expression)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(MakoOutcome.Unsupported, Run(expression).Outcome);
            Assert.True(watch.ElapsedMilliseconds < 2000, expression + " took " + watch.ElapsedMilliseconds + " ms");
        }

        [Fact]
        public void DeepNestingAndLongTextAreBounded()
        {
            string deep = new string('(', 5000) + "1" + new string(')', 5000);
            Assert.Equal(MakoOutcome.Unsupported, MakoExpression.Evaluate(deep.Substring(0, 3999), Vars).Outcome);
            Assert.Equal(MakoOutcome.Unsupported, MakoExpression.Evaluate(new string('(', 100) + "1" + new string(')', 100), Vars).Outcome);
            Assert.Equal(MakoOutcome.Unsupported, MakoExpression.Evaluate(string.Concat(Enumerable.Repeat("not ", 100)) + "1", Vars).Outcome);
            Assert.Equal(MakoOutcome.Unsupported, MakoExpression.Evaluate(string.Concat(Enumerable.Repeat("-", 100)) + "1", Vars).Outcome);
            Assert.Equal(MakoOutcome.Unsupported, MakoExpression.Evaluate(new string('1', 5000), Vars).Outcome);
            // A long flat chain is fine: loops, not recursion.
            var chain = MakoExpression.Evaluate(string.Join(" + ", Enumerable.Repeat("1", 900)), Vars);
            Assert.Equal(MakoOutcome.Value, chain.Outcome);
            Assert.Equal("900", TemplateText.Render("${" + string.Join(" + ", Enumerable.Repeat("1", 900)) + "}", Vars, evaluateExpressions: true));
        }

        [Fact]
        public void NamesListsTheVariablesAnExpressionReads()
        {
            Assert.Equal(new[] { "int", "x", "len", "items" }, MakoExpression.Names("int(x) + len(items) + 'a'.upper().count(x)").ToArray());
            Assert.Empty(MakoExpression.Names("'open"));
        }

        [Fact]
        public void ConditionsEvaluateExpressionsOnlyInSimulatorMode()
        {
            var values = new Dictionary<string, object> { ["x"] = "4" };
            var condition = ConditionExpression.Parse("${int(x) + 1} == 5");
            Assert.Equal(ConditionOutcome.Unknown, condition.Evaluate(values).Value); // the validator: only the server evaluates it
            Assert.Equal(ConditionOutcome.True, condition.Evaluate(values, leaveUnknownAsText: true).Value);
            Assert.Equal(ConditionOutcome.True, ConditionExpression.Parse("\"${x.upper() if False else 'A'}\" == \"A\"").Evaluate(values, leaveUnknownAsText: true).Value);
        }

        [Fact]
        public void ConstantsReferencingExpressionsResolveInDependencyOrder()
        {
            var constants = JsonReader.Parse(@"{
                ""${a}"": {""key"": ""${a}"", ""value"": ""${int(b) * 2}"", ""source_type"": ""custom""},
                ""${b}"": {""key"": ""${b}"", ""value"": ""${c}1"", ""source_type"": ""custom""},
                ""${c}"": {""key"": ""${c}"", ""value"": ""2"", ""source_type"": ""custom""}
            }");
            var run = ConstantValues.FromConstants(constants, null, evaluateExpressions: true);
            Assert.Equal("42", run["a"]);
            var offline = ConstantValues.FromConstants(constants, null);
            Assert.True(ConditionValues.IsUnknown(offline["a"]));
        }

        [Fact]
        public void RunTimeValuesArePlainValuesNotRenderedAgain()
        {
            var constants = JsonReader.Parse(@"{
                ""${out}"": {""key"": ""${out}"", ""value"": """", ""source_type"": ""component_outputs""},
                ""${x}"": {""key"": ""${x}"", ""value"": ""1"", ""source_type"": ""custom""},
                ""${y}"": {""key"": ""${y}"", ""value"": ""${out}!"", ""source_type"": ""custom""}
            }");
            var values = ConstantValues.FromConstants(constants, new Dictionary<string, object> { ["out"] = "${x}" }, evaluateExpressions: true);
            Assert.Equal("${x}", values["out"]);
            Assert.Equal("${x}!", values["y"]);
        }
    }
}
