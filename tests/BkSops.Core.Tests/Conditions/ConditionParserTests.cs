using System.Linq;
using System.Numerics;
using BkSops.Conditions;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    public sealed class ConditionParserTests
    {
        [Fact]
        public void BuildsATreeWithPositions()
        {
            var e = ConditionExpression.Parse("\"${env}\" == \"prod\" and (${n} > 1 or x in (1, 'a', true))");
            Assert.True(e.IsValid);
            var root = e.Root;
            Assert.Equal(2, root.Terms.Count);
            Assert.Equal(ConditionConnector.And, root.Joins[0].Connector);
            Assert.Equal(19, root.Joins[0].Start);
            var first = Assert.IsType<ConditionComparison>(root.Terms[0]);
            Assert.Equal("${env}", Assert.IsType<StringOperand>(first.Left).Text);
            Assert.Equal(ConditionOperator.Equal, first.Operator);
            Assert.Equal(9, first.OperatorStart);
            Assert.Equal(0, first.Start);
            Assert.Equal(18, first.End);
            var group = Assert.IsType<ConditionGroup>(root.Terms[1]);
            Assert.Equal(23, group.Start);
            Assert.Equal(e.Text.Length, group.End);
            var n = Assert.IsType<ConditionComparison>(group.Inner.Terms[0]);
            Assert.Equal("${n}", Assert.IsType<IdentifierOperand>(n.Left).Path);
            Assert.Equal(BigInteger.One, Assert.IsType<NumberOperand>(n.Right).Value);
            var tuple = Assert.IsType<TupleOperand>(((ConditionComparison)group.Inner.Terms[1]).Right);
            Assert.Equal(new object[] { BigInteger.One, "a", true }, tuple.Items.Select(i => i.Value).ToArray());
        }

        [Theory]
        [InlineData("1.5", 1.5)]
        [InlineData(".5", 0.5)]
        [InlineData("2.", 2.0)]
        [InlineData("-1.0e3", -1000.0)]
        [InlineData("1.0E+2", 100.0)]
        [InlineData("+.25", 0.25)]
        public void ReadsFloats(string literal, double expected)
        {
            var c = (ConditionComparison)ConditionExpression.Parse(literal + " == 0").Root.Terms[0];
            var number = Assert.IsType<NumberOperand>(c.Left);
            Assert.True(number.IsFloat);
            Assert.Equal(expected, (double)number.Value);
        }

        [Fact]
        public void OperatorsAreReadInPyparsingOrderWithoutWordBoundaries()
        {
            // 'in' is a literal, not a keyword: "x ininside" is x in inside.
            var c = (ConditionComparison)ConditionExpression.Parse("x ininside").Root.Terms[0];
            Assert.Equal(ConditionOperator.In, c.Operator);
            Assert.Equal("inside", ((IdentifierOperand)c.Right).Path);
            Assert.Equal(ConditionOperator.LessOrEqual, ((ConditionComparison)ConditionExpression.Parse("1<=2").Root.Terms[0]).Operator);
            Assert.Equal(ConditionOperator.NotIsSuperset, ((ConditionComparison)ConditionExpression.Parse("(1) NOTISSUPERSET (2)").Root.Terms[0]).Operator);
        }

        [Theory]
        [InlineData("trueish == 1", 5, "an operator")]
        [InlineData("a b == c", 3, "an operator")]
        [InlineData("1 == 1and 2 == 2", 7, "'and' or 'or'")]
        [InlineData("\"a\" = \"a\"", 5, "an operator")]
        [InlineData("1 == 1 and 2 ==", 16, "a value")]
        [InlineData("(1 == 1", 8, "')'")]
        [InlineData("x in (1, 2", 11, "')'")]
        [InlineData("\"abc == 1", 1, "a closing \"")]
        [InlineData("", 1, "a value")]
        [InlineData("1 == 1 or", 10, "a value")]
        [InlineData("1 == 1 x", 8, "the end of the expression")]
        public void SyntaxErrorsHaveAColumnAndSayWhatWasExpected(string text, int column, string expected)
        {
            var e = ConditionExpression.Parse(text);
            Assert.False(e.IsValid);
            Assert.Equal(ConditionErrorKind.Syntax, e.Error.Kind);
            Assert.Equal(column, e.Error.Column);
            Assert.Contains(expected, e.Error.Message);
            Assert.StartsWith("column " + column + ":", e.Error.Message);
        }

        [Fact]
        public void SyntaxErrorMessagesCarryHints()
        {
            Assert.Contains("use '=='", ConditionExpression.Parse("\"a\" = \"a\"").Error.Message);
            Assert.Contains("'notin'", ConditionExpression.Parse("1 not in (1)").Error.Message);
            Assert.Contains("must stand apart", ConditionExpression.Parse("1 == 1and 2 == 2").Error.Message);
            Assert.Contains("'and' / 'or'", ConditionExpression.Parse("1 == 1 && 2 == 2").Error.Message);
        }

        [Fact]
        public void ErrorsOnLaterLinesGiveLineAndColumn()
        {
            var e = ConditionExpression.Parse("1 == 1 and\n  2 = 2");
            Assert.Equal(2, e.Error.Line);
            Assert.Equal(5, e.Error.Column);
            Assert.StartsWith("column 5 of line 2:", e.Error.Message);
        }

        [Fact]
        public void ColumnsReferToTheTextAsWrittenWhenItHasTabs()
        {
            var e = ConditionExpression.Parse("1\t==\t1 and x");
            Assert.Equal(13, e.Error.Column);
            var ok = ConditionExpression.Parse("x\t==\t1");
            Assert.Equal(2, ((ConditionComparison)ok.Root.Terms[0]).OperatorStart);
        }

        [Fact]
        public void AnExponentIntegerIsAnInvalidLiteral()
        {
            var e = ConditionExpression.Parse("${n} >= 1e3");
            Assert.Equal(ConditionErrorKind.InvalidLiteral, e.Error.Kind);
            Assert.Equal(9, e.Error.Column);
            Assert.Equal("ValueError", e.Error.PythonType);
            Assert.Equal("invalid literal for int() with base 10: '1E3'", e.Error.PythonMessage);
        }

        [Fact]
        public void MatchAllIsExactlyAStar()
        {
            Assert.True(ConditionExpression.Parse("*").IsMatchAll);
            Assert.Null(ConditionExpression.Parse("*").Root);
            Assert.False(ConditionExpression.Parse("* ").IsValid);
        }

        [Fact]
        public void CanonicalPrintingReParsesToTheSameTree()
        {
            string text = "  A   IN(1,\"b\" ,TRUE) AnD ( x.y!='q\\tz' OR .5<=${n} ) and (1) issuperset \"s\"";
            var e = ConditionExpression.Parse(text);
            string printed = e.ToString();
            Assert.Equal("A in (1, \"b\", true) and (x.y != 'q\\tz' or .5 <= ${n}) and (1) issuperset \"s\"", printed);
            Assert.True(ConditionAst.AreEquivalent(e.Root, ConditionExpression.Parse(printed).Root));
        }

        [Fact]
        public void PrintsBoolruleReadingAndPythonReading()
        {
            var root = ConditionExpression.Parse("a == 1 and b == 2 or c == 3 and d == 4").Root;
            Assert.True(root.MixesAndBeforeOr);
            Assert.Equal("a == 1 and (b == 2 or (c == 3 and d == 4))", CanonicalConditionWriter.PrintAsEvaluated(root));
            Assert.Equal("(a == 1 and b == 2) or (c == 3 and d == 4)", CanonicalConditionWriter.PrintWithPythonPrecedence(root));
            Assert.False(ConditionExpression.Parse("a == 1 or b == 2 and c == 3").Root.MixesAndBeforeOr);
        }
    }
}
