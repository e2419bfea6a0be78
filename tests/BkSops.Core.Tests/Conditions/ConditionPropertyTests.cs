using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using BkSops.Conditions;
using BkSops.Validation.Python;
using CsCheck;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>Properties: no input crashes the parser, renderer or evaluator; printed trees parse back to themselves.</summary>
    public sealed class ConditionPropertyTests
    {
        private static readonly string[] Fragments =
        {
            " ", " ", "  ", "\t", "\n", "\r\n", "(", ")", "(", ")", ",", "\"", "'", "==", "!=", "<", ">", "<=", ">=", "=", "!",
            "in", "notin", "issuperset", "notissuperset", "IN", "NotIn", "and", "or", "AND", "Or", "&&", "true", "false", "True",
            "1", "0", "-1", "1.5", ".5", "2.", "1e3", "1.0e3", "99999999999999999999", "\"a\"", "'b c'", "\"\\t\"", "x", "prod", "a.b",
            "${x}", "${n}", "${int(n)}", "${str(x)}", "${float(n)}", "${l}", "${d}", "${u}", "${missing}", "${x + 1}", "${", "}", "$",
            "_", "__x", "ı", "ſ", "é", "\U0001F600", "*", "#", "\\",
        };

        private static readonly Gen<string> Soup =
            Gen.Frequency(
                (6, Gen.Int[0, Fragments.Length - 1].Array[0, 24].Select(ix => string.Concat(ix.Select(i => Fragments[i])))),
                (1, Gen.String),
                (1, Gen.Char[(char)0, (char)0x7f].Array[0, 30].Select(cs => new string(cs))));

        private static readonly IReadOnlyDictionary<string, object> Values = new Dictionary<string, object>
        {
            ["x"] = "my value", ["n"] = 7L, ["l"] = new List<object> { "a", 1L }, ["d"] = new Dictionary<string, object> { ["k"] = 1.5 },
            ["u"] = ConditionValues.Unknown, ["cond"] = "1 == 1",
        };

        [Fact]
        public void AnyTextParsesRendersAndEvaluatesWithoutThrowing()
        {
            Soup.Sample(text =>
            {
                var e = ConditionExpression.Parse(text);
                Assert.True(e.IsValid || e.Error != null);
                if (e.Error != null)
                {
                    Assert.InRange(e.Error.Position, 0, text.Length);
                    Assert.True(e.Error.Column >= 1);
                    Assert.False(string.IsNullOrEmpty(e.Error.Message));
                }
                CheckResult(e.Test());
                CheckResult(e.Evaluate(Values));
                CheckResult(e.Evaluate(null));
                GatewayConditions.Decide(false, new[] { new GatewayBranch("l1", text), new GatewayBranch("l2", "1 == 1") }, null, Values);
            }, iter: 20_000, print: Show);
        }

        private static void CheckResult(ConditionResult r)
        {
            if (r.Value == ConditionOutcome.Fails)
            {
                Assert.NotNull(r.PythonType);
                Assert.NotNull(r.Error);
            }
            if (r.Value == ConditionOutcome.Unknown) Assert.NotNull(r.Error);
        }

        [Fact]
        public void AnyValidParsePrintsToTextThatParsesToTheSameTree()
        {
            Soup.Sample(text =>
            {
                var e = ConditionExpression.Parse(text);
                if (e.Root == null) return;
                string printed = e.ToString();
                var again = ConditionExpression.Parse(printed);
                Assert.True(again.Root != null, "printed form does not parse: " + printed);
                Assert.True(ConditionAst.AreEquivalent(e.Root, again.Root), printed);
                Assert.Equal(printed, again.ToString());
                // Same meaning: the printed text gets the same verdict.
                Assert.Equal(BoolruleOracleTests.Verdict(e.Test()), BoolruleOracleTests.Verdict(again.Test()));
            }, iter: 20_000, print: Show);
        }

        [Fact]
        public void GeneratedTreesPrintAndParseBack()
        {
            Chain(0).Sample(chain =>
            {
                string printed = CanonicalConditionWriter.Print(chain);
                var parsed = ConditionExpression.Parse(printed);
                Assert.True(parsed.Root != null, printed + " → " + parsed.Error);
                Assert.True(ConditionAst.AreEquivalent(chain, parsed.Root), printed);
            }, iter: 5_000, print: CanonicalConditionWriter.Print);
        }

        private static string Show(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in s) sb.Append(c < 0x20 || c > 0x7e ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
            return sb.Append('"').ToString();
        }

        // ---- tree generators (positions are irrelevant to equivalence) ----

        private static readonly string[] IntegerTexts = { "0", "1", "-1", "+7", "42", "007", "123456789012345678901234567890" };
        private static readonly string[] FloatTexts = { "1.5", ".5", "2.", "-0.25", "+1.0", "1.0e3", "1.5E-2", "3.e+4", "0.0" };
        private static readonly string[] Words = { "a", "prod", "Env_1", "${x}", "${_system}", "_x", "x}", "a.b", "${a}.b", "nan", "and1", "orange" };

        private static readonly Gen<ConditionOperand> Simple =
            Gen.Frequency(
                (2, Gen.OneOf(IntegerTexts).Select(t => (ConditionOperand)new NumberOperand(t, PyOps.ParseInt(t), 0, 0))),
                (2, Gen.OneOf(FloatTexts).Select(t => (ConditionOperand)new NumberOperand(t, PyOps.ParseDecimalDouble(t), 0, 0))),
                (1, Gen.Long.Select(l => (ConditionOperand)new NumberOperand(l.ToString(CultureInfo.InvariantCulture), new BigInteger(l), 0, 0))),
                (3, Gen.Select(Gen.Bool, StringContent).Select((doubleQuote, s) =>
                    (ConditionOperand)new StringOperand(Clean(s, doubleQuote ? '"' : '\''), doubleQuote ? '"' : '\'', 0, 0))),
                (1, Gen.Bool.Select(b => (ConditionOperand)new BooleanOperand(b, 0, 0))),
                (2, Gen.OneOf(Words).Select(w => (ConditionOperand)new IdentifierOperand(w, 0, 0))));

        private static Gen<string> StringContent =>
            Gen.Frequency(
                (3, Gen.Char[' ', '~'].Array[0, 10].Select(cs => new string(cs))),
                (1, Gen.OneOf("", "a\tb", "x\fy", "é中", "\U0001F600", "a\\b", "\\\\", "${x}", "x\\q")));

        // A string value parsing can produce: no quote character, no line break, and a backslash never before t/n/f/r
        // (parsing would have converted the pair).
        private static string Clean(string s, char quote)
        {
            s = s.Replace(quote.ToString(), "").Replace("\n", "").Replace("\r", "");
            while (true)
            {
                string next = s.Replace("\\t", "t").Replace("\\n", "n").Replace("\\f", "f").Replace("\\r", "r");
                if (next == s) return s;
                s = next;
            }
        }

        private static readonly Gen<ConditionOperand> Operand =
            Gen.Frequency(
                (5, Simple),
                (1, Simple.Array[1, 4].Select(items => (ConditionOperand)new TupleOperand(items, 0, 0))));

        private static readonly Gen<ConditionOperator> Operators = Gen.Enum<ConditionOperator>();

        private static readonly Gen<ConditionTerm> Comparison =
            Gen.Select(Operand, Operators, Operand).Select((l, op, r) => (ConditionTerm)new ConditionComparison(l, op, 0, r));

        private static Gen<ConditionChain> Chain(int depth)
        {
            var term = depth >= 3
                ? Comparison
                : Gen.Frequency((4, Comparison), (1, Gen.Int[0, 1].SelectMany(_ => Chain(depth + 1)).Select(c => (ConditionTerm)new ConditionGroup(c, 0, 0))));
            return Gen.Select(term.Array[1, 4], Gen.Enum<ConditionConnector>().Array[3])
                .Select((terms, connectors) =>
                {
                    var joins = new List<ConditionJoin>();
                    for (int i = 1; i < terms.Length; i++) joins.Add(new ConditionJoin(connectors[i - 1], 0));
                    return new ConditionChain(terms, joins, 0, 0);
                });
        }
    }
}
