using System;
using System.Collections.Generic;
using System.IO;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>
    /// Parity with the real server: every tree of tests/data/server-verdicts through the full validator
    /// (all stages, in the server's order) must get the server's verdict and its exact answer.
    /// </summary>
    public class ServerVerdictTests
    {
        private static string Folder => Path.Combine(AppContext.BaseDirectory, "examples", "server-verdicts");

        public static IEnumerable<object[]> Cases()
        {
            var verdicts = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Folder, "verdicts.json")));
            foreach (var file in verdicts.Keys) yield return new object[] { file };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void MatchesTheServer(string file)
        {
            var verdicts = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Folder, "verdicts.json")));
            var expected = (JsonObject)verdicts[file];
            var tree = new PipelineTree((JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Folder, file))), file);

            var result = new PipelineValidator().Validate(tree);

            bool accepted = ((JsonBoolean)expected["accepted"]).Value;
            Assert.True(accepted == result.IsValid,
                $"{file}: the server {(accepted ? "accepts" : "rejects")} it; validator said {result}: {string.Join(" | ", result.Diagnostics)}");
            if (accepted) return;
            var verdict = result.ServerVerdict;
            if (expected["message"] is JsonString message)
            {
                Assert.Equal(message.Value, verdict.ServerMessage);
                Assert.Equal((int)((JsonNumber)expected["code"]).ToDouble(), verdict.ServerCode);
                Assert.Equal(200, verdict.ServerStatus);
            }
            else
            {
                // "server_answer": HTTP 500 without JSON.
                Assert.Equal(500, verdict.ServerStatus);
                Assert.Null(verdict.ServerMessage);
                Assert.Null(verdict.ServerCode);
            }
            Assert.False(string.IsNullOrEmpty(verdict.RuleName));
            Assert.False(string.IsNullOrEmpty(verdict.Message));
            Assert.False(string.IsNullOrEmpty(verdict.Hint));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void TheVerdictStagesAloneGiveTheSameVerdictAndErrors(string file)
        {
            var tree = new PipelineTree((JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Folder, file))), file);
            var full = new PipelineValidator().Validate(tree);
            var verdictOnly = new PipelineValidator(ServerOrder.VerdictStages()).Validate(tree);
            Assert.Equal(full.IsValid, verdictOnly.IsValid);
            Assert.Equal(Errors(full), Errors(verdictOnly));
            Assert.Equal(full.ServerVerdict?.ServerMessage, verdictOnly.ServerVerdict?.ServerMessage);
        }

        [Fact]
        public void TheVerdictStagesAreTheFirstStagesAndTheOthersOnlyAdvise()
        {
            var all = ServerOrder.Stages();
            var verdict = ServerOrder.VerdictStages();
            Assert.True(verdict.Count < all.Count);
            for (int i = 0; i < all.Count; i++)
            {
                if (i < verdict.Count) Assert.Equal(all[i].GetType(), verdict[i].GetType());
                else Assert.True(all[i] is BkSops.Validation.Advisory.AdvisoryStage || all[i] is BkSops.Conditions.ConditionsStage, all[i].GetType().Name);
            }
        }

        private static List<string> Errors(ValidationResult result)
        {
            var errors = new List<string>();
            foreach (var d in result.Diagnostics)
                if (d.Severity == Severity.Error) errors.Add($"{d} @{d.Path} {d.Line}:{d.Column} {d.ServerMessage} {d.FoundAfterRepair}");
            return errors;
        }
    }
}
