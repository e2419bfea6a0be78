using BkSops.Conditions;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>boolrule semantics (spec 2.13): precedence-free short-circuit, coercions, tuples, sets, case-insensitivity.</summary>
    public sealed class ConditionEvaluationTests
    {
        private static string Test(string text) => BoolruleOracleTests.Verdict(ConditionExpression.Parse(text).Test());

        [Theory]
        // and/or have no precedence and stop at the first decisive term, ignoring the rest
        [InlineData("0 == 1 and 0 == 2 or 3 == 3", "False")]
        [InlineData("(0 == 1 and 0 == 2) or 3 == 3", "True")]
        [InlineData("1 == 1 or 1 < \"a\"", "True")]
        [InlineData("1 == 2 and 1 < \"a\"", "False")]
        [InlineData("1 == 1 and 1 < \"a\"", "Error TypeError: '<' not supported between instances of 'int' and 'str'")]
        [InlineData("1 == 1 or 0 == 1 and 0 == 1", "True")]
        [InlineData("0 == 1 or 1 == 1 and 0 == 1", "False")]
        [InlineData("1 == 1 and 0 == 1 or 1 == 1 and 1 == 1", "True")]
        // keywords and operators are case-insensitive; true/false in any case
        [InlineData("1 == 1 AND 2 == 2", "True")]
        [InlineData("1 == 2 Or 2 == 2", "True")]
        [InlineData("1 IN (1, 2)", "True")]
        [InlineData("1 NotIn (1, 2)", "False")]
        [InlineData("(1, 2) IsSuperSet (1)", "True")]
        [InlineData("TRUE == true", "True")]
        [InlineData("False == fAlSe", "True")]
        // the match-all rule
        [InlineData("*", "True")]
        [InlineData(" *", "ParseError")]
        public void ConnectorsAndCase(string text, string expected) => Assert.Equal(expected, Test(text));

        [Theory]
        // == coercion: an int side int()s the other side, then a str side str()s the other side
        [InlineData("\"1\" == 1", "True")]
        [InlineData("1 == \"1\"", "True")]
        [InlineData("1 == \" 1 \"", "True")]
        [InlineData("1 == \"1_0\"", "False")]
        [InlineData("10 == \"1_0\"", "True")]
        [InlineData("1 == \"abc\"", "False")]
        [InlineData("1 == 1.9", "True")]
        [InlineData("1.9 == 1", "True")]
        [InlineData("1.5 == \"1.5\"", "True")]
        [InlineData("1.0 == \"1\"", "False")]
        [InlineData("\"3.14\" == 3.14", "True")]
        [InlineData("true == 1", "True")]
        [InlineData("true == \"1\"", "True")]
        [InlineData("true == \"true\"", "False")]
        [InlineData("\"[1, 2]\" == (1, 2)", "True")]
        [InlineData("(1, 2) == (1, 2)", "True")]
        [InlineData("(1) == 1", "False")]
        [InlineData("\"10\" > 9", "True")]
        [InlineData("\"10\" > \"9\"", "False")]
        [InlineData("\"a\" < \"b\"", "True")]
        [InlineData("\"a\" <= \"49\"", "False")]
        [InlineData("1 < \"a\"", "Error TypeError: '<' not supported between instances of 'int' and 'str'")]
        [InlineData("1.5 < \"a\"", "True")]
        [InlineData("(1, 2) < 3", "Error TypeError: '<' not supported between instances of 'list' and 'int'")]
        [InlineData("99999999999999999999 > 1.0e19", "True")]
        public void ComparisonCoercions(string text, string expected) => Assert.Equal(expected, Test(text));

        [Theory]
        // unquoted names are their own text (no context): bare words and unrendered ${...}
        [InlineData("prod == \"prod\"", "True")]
        [InlineData("${missing} == \"${missing}\"", "True")]
        [InlineData("a.b == \"a.b\"", "True")]
        [InlineData("${_system.task_id} == \"${_system.task_id}\"", "True")]
        [InlineData("x} == \"x}\"", "True")]
        [InlineData("prod == 1", "False")]
        [InlineData("prod > 1", "Error TypeError: '>' not supported between instances of 'str' and 'int'")]
        public void BareWordsAreText(string text, string expected) => Assert.Equal(expected, Test(text));

        [Theory]
        // in / notin with tuples widen the tuple with int() or str() copies of its items
        [InlineData("1 in (1, 2)", "True")]
        [InlineData("1 in (\"1\", \"2\")", "True")]
        [InlineData("\"1\" in (1, 2)", "True")]
        [InlineData("\"1.5\" in (1.5, 2)", "True")]
        [InlineData("1 in (\"11\", 2)", "False")]
        [InlineData("1 in (1.7)", "True")]
        [InlineData("true in (1)", "True")]
        [InlineData("\"True\" in (true)", "True")]
        [InlineData("1 notin (0, 2)", "True")]
        [InlineData("\"abc\" notin (0, 2)", "True")]
        [InlineData("\"b\" in \"abc\"", "True")]
        [InlineData("\"d\" notin \"abc\"", "True")]
        [InlineData("1 in \"abc\"", "Error TypeError: 'in <string>' requires string as left operand, not int")]
        [InlineData("1 in 2", "Error TypeError: argument of type 'int' is not iterable")]
        [InlineData("(1, 2) in (1, 2)", "False")]
        public void Membership(string text, string expected) => Assert.Equal(expected, Test(text));

        [Theory]
        // issuperset compares sets; a string is one element, not its characters
        [InlineData("(1, 2, 3) issuperset (1, 2)", "True")]
        [InlineData("(1, 2) issuperset (1, 2, 3)", "False")]
        [InlineData("(1, 2) notissuperset (3)", "True")]
        [InlineData("(\"abc\", \"d\") issuperset \"abc\"", "True")]
        [InlineData("\"abc\" issuperset \"a\"", "False")]
        [InlineData("\"abc\" issuperset \"abc\"", "True")]
        [InlineData("(1, true) issuperset (1.0)", "True")]
        [InlineData("1 issuperset (1)", "Error TypeError: 'int' object is not iterable")]
        [InlineData("(1) issuperset true", "Error TypeError: 'bool' object is not iterable")]
        public void Superset(string text, string expected) => Assert.Equal(expected, Test(text));

        [Theory]
        // literals that look fine but are not
        [InlineData("1e3 == 1000", "Error ValueError: invalid literal for int() with base 10: '1E3'")]
        [InlineData("1.0e3 == 1000", "True")]
        [InlineData("trueish == 1", "ParseError")]
        [InlineData("\"a\" = \"a\"", "ParseError")]
        [InlineData("1 not in (1, 2)", "ParseError")]
        [InlineData("1 == 1and 2 == 2", "ParseError")]
        [InlineData("my prod == \"my prod\"", "ParseError")]
        [InlineData("['a', 'b'] == 1", "ParseError")]
        [InlineData("True", "ParseError")]
        [InlineData("", "ParseError")]
        [InlineData("1 == 1 &&  2 == 2", "ParseError")]
        public void RunTimeFailures(string text, string expected) => Assert.Equal(expected, Test(text));

        [Fact]
        public void QuotedStringsConvertWhitespaceEscapesOnly()
        {
            var c = (ConditionComparison)ConditionExpression.Parse("\"a\\tb\\nc\\\\rd\" == 1").Root.Terms[0];
            Assert.Equal("a\tb\nc\\\rd", ((StringOperand)c.Left).Text);
            Assert.Equal("True", Test("'a\\qb' == \"a\\qb\""));
            Assert.Equal("ParseError", Test("\"a\nb\" == 1"));
        }

        [Fact]
        public void TabsAreExpandedBeforeParsing()
        {
            // pyparsing parses text.expandtabs(): a tab inside quotes becomes spaces.
            Assert.Equal("True", Test("\"a\tb\" == \"a      b\""));
            // ...so a real tab never equals the \t escape, which stays a tab.
            Assert.Equal("False", Test("\"a\\tb\" == \"a\tb\""));
        }

        [Fact]
        public void LongChainsExceedTheServersRecursion()
        {
            string Chain(int n) => string.Join(" and ", System.Linq.Enumerable.Repeat("1 == 1", n));
            Assert.Equal(ConditionOutcome.True, ConditionExpression.Parse(Chain(40)).Test().Value);
            Assert.Equal(ConditionOutcome.Unknown, ConditionExpression.Parse(Chain(80)).Test().Value);
            var tooLong = ConditionExpression.Parse(Chain(150)).Test();
            Assert.Equal(ConditionOutcome.Fails, tooLong.Value);
            Assert.Equal("RecursionError", tooLong.PythonType);
            Assert.Equal(ConditionErrorKind.TooComplex, tooLong.SyntaxError.Kind);
        }

        [Fact]
        public void DeepParenthesesStopAtTheNestingBound()
        {
            string deep = new string('(', 100_000) + "1 == 1" + new string(')', 100_000);
            var r = ConditionExpression.Parse(deep).Test();
            Assert.Equal(ConditionOutcome.Fails, r.Value);
            Assert.Equal("RecursionError", r.PythonType);
            Assert.Equal(ConditionOutcome.True, ConditionExpression.Parse("((((1 == 1))))").Test().Value);
        }
    }
}
