using System.Collections.Generic;
using BkSops.Conditions;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>
    /// The cases of bamboo-engine's tests/utils/boolrule/test_boolrule.py. Its context cases (BoolRule(...).test(context))
    /// are expressed through rendering, which is how the engine really supplies values (it never passes a context).
    /// </summary>
    public sealed class BoolruleUpstreamTests
    {
        private static void True(string text) => Assert.Equal(ConditionOutcome.True, ConditionExpression.Parse(text).Test().Value);
        private static void False(string text) => Assert.Equal(ConditionOutcome.False, ConditionExpression.Parse(text).Test().Value);

        private static ConditionOutcome With(string text, IReadOnlyDictionary<string, object> values) =>
            ConditionExpression.Parse(text).Evaluate(values).Value;

        [Fact]
        public void Eq()
        {
            True("1 == 1");
            True("\"1\" == 1");
            True("True == true");
            True("False == false");
            True("1 == True");
            True("0 == False");
            True("\"1\" == True");
            True("\"0\" == False");
            True("\"3.14\" == 3.14");
            True("\"abc\" == \"abc\"");
            False("1 == 2");
            False("123 == \"123a\"");
            False("1 == \"2\"");
            False("True == \"true\"");
            False("False == \"false\"");
        }

        [Fact]
        public void Ne()
        {
            True("1 != 2");
            True("\"1\" != 2");
            True("True != \"true\"");
            True("\"abc\" != \"cba\"");
            False("1 != 1");
        }

        [Fact]
        public void GtAndLt()
        {
            True("2 > 1");
            True("\"2\" > 1");
            False("1 > 2");
            False("\"1\" > 2");
            True("1 < 2");
            True("\"1\" < 2");
            False("2 < 1");
            False("2 < 2");
        }

        [Fact]
        public void InAndNotin()
        {
            True("1 in (1, 2)");
            True("1 in (\"1\", \"2\")");
            True("\"1\" in (1, 2)");
            True("\"1\" in (\"1\", \"2\")");
            False("1 in (0, 2)");
            False("1 in (\"11\", 2)");
            True("1 notin (0, 2)");
            True("1 notin (\"0\", \"2\")");
            True("\"abc\" notin (0, 2)");
        }

        [Fact]
        public void AndOr()
        {
            True("1 < 2 and 2 < 3");
            True("\"a\" < \"s\" and 2 < 3");
            False("1 > 2 and 2 > 1");
            False("2 > 1 and 1 > 2");
            False("\"s\" > \"s\" and 2 < 3");
            False("\"s\" < \"s\" and 2 < 3");
            True("1 < 2 or 2 < 3");
            True("1 < 2 or 2 < 1");
            True("1 > 2 or 2 > 1");
            True("\"s\" > \"s\" or \"su\" > \"st\"");
            False("1 > 2 or 2 > 3");
            False("\"a\" > \"s\" or \"s\" > \"st\"");
        }

        [Fact]
        public void MultiOrAndMultiAnd()
        {
            True("(\"s\" > \"s\" or \"su\" > \"st\") or (1 > 3 and 2 < 3)");
            True("(1 > 3 and 2 < 3)  or (\"s\" > \"s\" or \"su\" > \"st\")");
            True("(1 < 3 and 2 < 3)  or (\"s\" > \"s\" or \"su\" > \"st\")");
            True("(1 > 2 or 2 > 3) or (\"s\" > \"s\" or \"su\" > \"st\") or (4  > 5 and 5 < 6)");
            False("(1 > 2 or 2 > 3) or (\"s\" > \"s\" or \"su\" < \"st\")");
            False("(1 > 2 or 2 > 3) or (\"s\" > \"s\" or \"su\" < \"st\") or (4  > 5 and 5 < 6)");
            True("(\"s\" > \"s\" or \"su\" > \"st\") and (1 < 3 and 2 < 3)");
            False("(1 < 2 or 2 > 3) and (\"s\" > \"s\" or \"su\" < \"st\")");
            False("(1 > 2 or 2 > 3) and (\"s\" > \"s\" or \"su\" > \"st\")");
            False("(1 > 2 or 2 > 3) and (\"s\" > \"s\" or \"su\" < \"st\")");
            False("(1 < 3 and 2 < 3)  and (\"s\" > \"s\" or \"su\" > \"st\") and (4 > 5 and 5 < 6)");
        }

        [Fact]
        public void ContextCasesThroughRendering()
        {
            var v = new Dictionary<string, object> { ["v1"] = 1L, ["v2"] = "1" };
            Assert.Equal(ConditionOutcome.True, With("${v1} == ${v2}", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} == 1", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} == \"1\"", v));
            Assert.Equal(ConditionOutcome.True, With("${v2} == \"1\"", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} in (\"1\")", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} >= ${v2}", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} >= \"0\"", v));
            Assert.Equal(ConditionOutcome.False, With("${v2} >= \"2\"", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} <= \"123456789111\"", v));
            Assert.Equal(ConditionOutcome.True, With("${v1} <= 123456789111", v));
            Assert.Equal(ConditionOutcome.False, With("${v1} <= \"0\"", v));
        }

        [Fact]
        public void TrueAndFalseValuesThroughRendering()
        {
            var t = new Dictionary<string, object> { ["v1"] = true };
            Assert.Equal(ConditionOutcome.True, With("${v1} == True", t));
            Assert.Equal(ConditionOutcome.True, With("${v1} == true", t));
            Assert.Equal(ConditionOutcome.True, With("${v1} == 1", t));
            Assert.Equal(ConditionOutcome.True, With("${v1} == \"1\"", t));
            Assert.Equal(ConditionOutcome.False, With("${v1} == \"s\"", t));
            Assert.Equal(ConditionOutcome.False, With("${v1} == false", t));
            Assert.Equal(ConditionOutcome.False, With("${v1} == \"True\"", t));
            var f = new Dictionary<string, object> { ["v1"] = false };
            Assert.Equal(ConditionOutcome.True, With("${v1} == 0", f));
            Assert.Equal(ConditionOutcome.True, With("${v1} == \"0\"", f));
            Assert.Equal(ConditionOutcome.False, With("${v1} == \"False\"", f));
            Assert.Equal(ConditionOutcome.False, With("${v1} == true", f));
            // Rendered, the text "True" is the literal True, so the comparison the upstream test marks as "not as expected" holds.
            Assert.Equal(ConditionOutcome.True, With("\"${v1}\" == \"False\"", f));
        }
    }
}
