using System.Collections.Generic;
using BkSops.Json;
using BkSops.Reporting;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Reporting
{
    public class ReportingTests
    {
        private static ValidationResult Sample() => new ValidationResult("/repo/trees/a.json", new List<Diagnostic>
        {
            new Diagnostic { RuleName = "DanglingReference", Severity = Severity.Error, NodeId = "n1", Path = "$.flows['l1'].target",
                Line = 7, Column = 3, Message = "Flow l1 points to n9, which does not exist.", Hint = "Point it at a node.",
                ServerMessage = "[API] fast_create_task get invalid pipeline_tree: 'n9'", ServerCode = 3540000, ServerStatus = 200 },
            new Diagnostic { RuleName = "ConstantNotUsed", Severity = Severity.Warning, Path = "$.constants['${x}']", Message = "unused" },
        });

        [Fact]
        public void SarifHasRulesResultsLevelsAndRelativeLocations()
        {
            var log = (JsonObject)JsonReader.Parse(SarifLog.Write(new[] { Sample() }, "1.2.3", "/repo"));
            Assert.Equal("2.1.0", ((JsonString)log["version"]).Value);
            var run = (JsonObject)((JsonArray)log["runs"])[0];
            var rules = (JsonArray)((JsonObject)((JsonObject)run["tool"])["driver"])["rules"];
            Assert.Equal(2, rules.Count);
            var results = (JsonArray)run["results"];
            var first = (JsonObject)results[0];
            Assert.Equal("error", ((JsonString)first["level"]).Value);
            Assert.Equal("warning", ((JsonString)((JsonObject)results[1])["level"]).Value);
            var physical = (JsonObject)((JsonObject)((JsonArray)first["locations"])[0])["physicalLocation"];
            Assert.Equal("trees/a.json", ((JsonString)((JsonObject)physical["artifactLocation"])["uri"]).Value);
            Assert.Equal("7", ((JsonNumber)((JsonObject)physical["region"])["startLine"]).RawText);
            Assert.Equal("3540000", ((JsonNumber)((JsonObject)first["properties"])["serverCode"]).RawText);
        }

        [Fact]
        public void JsonReportKeepsVerdictAndServerAnswer()
        {
            var list = (JsonArray)JsonReader.Parse(DiagnosticJson.Write(new[] { Sample() }));
            var entry = (JsonObject)list[0];
            Assert.False(((JsonBoolean)entry["isValid"]).Value);
            Assert.Equal("[API] fast_create_task get invalid pipeline_tree: 'n9'", ((JsonString)entry["serverMessage"]).Value);
            Assert.Equal(2, ((JsonArray)entry["diagnostics"]).Count);
        }
    }
}
