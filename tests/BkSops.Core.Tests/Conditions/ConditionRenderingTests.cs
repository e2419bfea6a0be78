using System.Collections.Generic;
using System.Linq;
using BkSops.Conditions;
using BkSops.Validation.Python;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>${…} substitution as bamboo_engine.template.Template.render does it, then boolrule.</summary>
    public sealed class ConditionRenderingTests
    {
        private static ConditionResult Eval(string text, params (string name, object value)[] values) =>
            ConditionExpression.Parse(text).Evaluate(values.ToDictionary(v => v.name, v => v.value));

        [Fact]
        public void QuotedVariableWithSpacesComparesAsText()
        {
            var r = Eval("\"${env}\" == \"my prod\"", ("env", "my prod"));
            Assert.Equal(ConditionOutcome.True, r.Value);
            Assert.Equal("\"my prod\" == \"my prod\"", r.RenderedText);
        }

        [Fact]
        public void UnquotedVariableWithSpacesBreaksTheParse()
        {
            var r = Eval("${env} == \"my prod\"", ("env", "my prod"));
            Assert.Equal(ConditionOutcome.Fails, r.Value);
            Assert.Equal("my prod == \"my prod\"", r.RenderedText);
            Assert.Equal("ParseException", r.PythonType);
            Assert.Equal(4, r.SyntaxError.Column);
            Assert.Equal(1, r.SourceColumn);
            var later = Eval("\"${env}\" == \"x\" and ${n} = 3", ("env", "my prod"), ("n", 3L));
            Assert.Equal(24, later.SyntaxError.Column);
            Assert.Equal(26, later.SourceColumn);
        }

        [Fact]
        public void UnquotedSingleWordIsABareWord()
        {
            Assert.Equal(ConditionOutcome.True, Eval("${env} == \"prod\"", ("env", "prod")).Value);
            // ...unless it starts like a boolean or a number
            Assert.Equal(ConditionOutcome.Fails, Eval("${env} == \"trueblue\"", ("env", "trueblue")).Value);
            Assert.Equal(ConditionOutcome.True, Eval("${env} == \"5\"", ("env", "5")).Value);
        }

        [Theory]
        [InlineData("${n} > 3", "5 > 3", "True")]
        [InlineData("${int(s)} > 3", "12 > 3", "True")]
        [InlineData("\"${str(n)}\" == \"5\"", "\"5\" == \"5\"", "True")]
        [InlineData("${float(n)} == 5", "5.0 == 5", "True")]
        [InlineData("\"${float(n)}\" == \"5.0\"", "\"5.0\" == \"5.0\"", "True")]
        [InlineData("${ n } == 5", "5 == 5", "True")]
        [InlineData("${int( s )} == 12", "12 == 12", "True")]
        [InlineData("${flag} == true", "True == true", "True")]
        [InlineData("\"${f}\" == \"1.0\"", "\"1.0\" == \"1.0\"", "True")]
        [InlineData("\"${big}\" == \"1e+16\"", "\"1e+16\" == \"1e+16\"", "True")]
        [InlineData("\"${none}\" == \"None\"", "\"None\" == \"None\"", "True")]
        [InlineData("\"${items}\" == \"['a', 'b']\"", "\"['a', 'b']\" == \"['a', 'b']\"", "True")]
        [InlineData("${n} == ${n}", "5 == 5", "True")]
        [InlineData("${True} == true", "True == true", "True")]
        public void RendersTheDecidableForms(string text, string rendered, string verdict)
        {
            var values = new Dictionary<string, object>
            {
                ["n"] = 5L, ["s"] = " 12 ", ["flag"] = true, ["f"] = 1.0, ["big"] = 1e16, ["none"] = null,
                ["items"] = new List<object> { "a", "b" },
            };
            var r = ConditionExpression.Parse(text).Evaluate(values);
            Assert.Equal(rendered, r.RenderedText);
            Assert.Equal(verdict, BoolruleOracleTests.Verdict(r));
        }

        [Fact]
        public void MissingVariablesStayAsTheirOwnText()
        {
            var r = Eval("${missing} == \"${missing}\"");
            Assert.Equal(ConditionOutcome.True, r.Value);
            Assert.Equal(TemplateOutcome.LeftAsIs, r.Templates.Single().Outcome);
            // int() of a missing name fails too, so the segment stays
            Assert.Equal("${int(missing)} == 1", Eval("${int(missing)} == 1").RenderedText);
        }

        [Fact]
        public void FailingConversionsLeaveTheSegment()
        {
            var r = Eval("${int(s)} == 1", ("s", "abc"));
            Assert.Equal("${int(s)} == 1", r.RenderedText);
            Assert.Equal(ConditionOutcome.Fails, r.Value);
            Assert.Contains("ValueError", r.Templates.Single().Reason);
        }

        [Fact]
        public void PrivateNamesAreRefusedByTheSandbox()
        {
            var r = Eval("\"${__x}\" == \"${__x}\"", ("__x", "v"));
            Assert.Equal(TemplateOutcome.LeftAsIs, r.Templates.Single().Outcome);
            Assert.Equal(ConditionOutcome.True, r.Value);
        }

        [Theory]
        [InlineData("${int(x) + 1} == 2")]
        [InlineData("${x.upper()} == \"A\"")]
        [InlineData("${x[0]} == \"a\"")]
        [InlineData("${_system.task_id} == 1")]
        [InlineData("${datetime} == 1")]
        public void OtherPythonExpressionsAreUnknown(string text)
        {
            var r = Eval(text, ("x", "a"));
            Assert.Equal(ConditionOutcome.Unknown, r.Value);
            Assert.NotNull(r.Error);
        }

        [Fact]
        public void RunTimeValuesAreUnknown()
        {
            var r = Eval("${out} == 1", ("out", ConditionValues.Unknown));
            Assert.Equal(ConditionOutcome.Unknown, r.Value);
            Assert.Equal(TemplateOutcome.Unknown, r.Templates.Single().Outcome);
        }

        [Fact]
        public void AConditionThatIsOneVariableGetsTheRawValue()
        {
            Assert.Equal(ConditionOutcome.True, Eval("${cond}", ("cond", "1 == 1")).Value);
            Assert.Equal(ConditionOutcome.True, Eval("${cond}", ("cond", "*")).Value);
            var number = Eval("${cond}", ("cond", 5L));
            Assert.Equal(ConditionOutcome.Fails, number.Value);
            Assert.Equal("AttributeError", number.PythonType);
            Assert.Equal("'int' object has no attribute 'expandtabs'", number.PythonMessage);
            Assert.Equal("'list' object has no attribute 'expandtabs'", Eval("${cond}", ("cond", new[] { "a" })).PythonMessage);
            // with spaces inside the braces the key does not match, so the text is rendered instead
            Assert.Equal(ConditionOutcome.Fails, Eval("${ cond }", ("cond", 5L)).Value);
            Assert.Equal("ParseException", Eval("${ cond }", ("cond", 5L)).PythonType);
        }

        [Fact]
        public void NewlinesInValuesAreEscapedBeforeSubstitution()
        {
            var r = Eval("\"${note}\" == \"a\\nb\"", ("note", "a\nb"));
            Assert.Equal("\"a\\nb\" == \"a\\nb\"", r.RenderedText);
            Assert.Equal(ConditionOutcome.True, r.Value);
            // a value already holding an escape sequence is left alone, so its real newline breaks the quoted string
            Assert.Equal(ConditionOutcome.Fails, Eval("\"${note}\" == \"x\"", ("note", "a\\tb\nc")).Value);
        }

        [Fact]
        public void JsonValuesAreReadAsPythonReadsThem()
        {
            var values = new Dictionary<string, object>
            {
                ["i"] = JsonReader.Parse("10"), ["f"] = JsonReader.Parse("1.50"), ["e"] = JsonReader.Parse("1e2"),
                ["l"] = JsonReader.Parse("[1, \"a\", null, true]"), ["d"] = JsonReader.Parse("{\"k\": [1.0]}"),
            };
            var e = ConditionExpression.Parse("\"${i}|${f}|${e}|${l}|${d}\" == \"\"");
            Assert.Equal("\"10|1.5|100.0|[1, 'a', None, True]|{'k': [1.0]}\" == \"\"", e.Evaluate(values).RenderedText);
        }

        [Fact]
        public void SegmentOrderDependenceIsUnknown()
        {
            // The server renders segments in Python set order; a value holding another segment's text makes that matter.
            var r = Eval("\"${a}\" == \"${b}\"", ("a", "${b}"), ("b", "x"));
            Assert.Equal(ConditionOutcome.Unknown, r.Value);
        }

        [Fact]
        public void FindsSegmentsAsTheServerRegexDoes()
        {
            var segments = ConditionExpression.Parse("${a} ${b${c}} ${d#e} ${} ${ f } $x ${g}}").Templates.Select(t => t.Text).ToList();
            Assert.Equal(new[] { "${a}", "${c}", "${ f }", "${g}" }, segments);
        }
    }
}
