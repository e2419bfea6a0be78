using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BkSops.Conditions;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>
    /// Verdicts of bamboo-engine's own boolrule (BoolRule(text).test() on pyparsing 2.2.1, the 2.x line the engine pins)
    /// for 4,800 expressions: random token soup, exhaustive value × operator × value comparisons and and/or chains.
    /// Each line: the expression and True, False, ParseError, or "Error &lt;type&gt;: &lt;message&gt;".
    /// </summary>
    public sealed class BoolruleOracleTests
    {
        private static IEnumerable<(string expression, string verdict)> Cases()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Conditions", "boolrule-oracle.jsonl");
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                if (line.Length == 0) continue;
                var o = (JsonObject)JsonReader.Parse(line);
                yield return (((JsonString)o["e"]).Value, ((JsonString)o["r"]).Value);
            }
        }

        internal static string Verdict(ConditionResult r)
        {
            switch (r.Value)
            {
                case ConditionOutcome.True: return "True";
                case ConditionOutcome.False: return "False";
                case ConditionOutcome.Unknown: return "Unknown";
                default: return r.PythonType == "ParseException" ? "ParseError" : "Error " + r.PythonType + ": " + r.PythonMessage;
            }
        }

        [Fact]
        public void EveryOracleVerdictIsReproduced()
        {
            var cases = Cases().ToList();
            Assert.True(cases.Count > 4000, "fixture loaded");
            var mismatches = new StringBuilder();
            int bad = 0;
            foreach (var (expression, verdict) in cases)
            {
                string actual = Verdict(ConditionExpression.Parse(expression).Test());
                if (actual == verdict) continue;
                if (++bad <= 20) mismatches.AppendLine($"{JsonWriter.Write(new JsonString(expression), false)}: expected {verdict}, got {actual}");
            }
            Assert.True(bad == 0, $"{bad} of {cases.Count} differ:{Environment.NewLine}{mismatches}");
        }

        [Fact]
        public void FixtureCoversAllOutcomes()
        {
            var verdicts = Cases().Select(c => c.verdict.Split(':')[0]).ToList();
            Assert.Contains("True", verdicts);
            Assert.Contains("False", verdicts);
            Assert.Contains("ParseError", verdicts);
            Assert.Contains("Error TypeError", verdicts);
            Assert.Contains("Error ValueError", verdicts);
        }
    }
}
