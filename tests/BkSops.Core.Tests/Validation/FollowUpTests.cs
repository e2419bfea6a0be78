using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BkSops.Building;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>
    /// Fix one, find the next: one run reports every string incoming the layout would stop at, one after the other,
    /// and what later stages find on the repaired view (FoundAfterRepair), without changing the first Error.
    /// </summary>
    public sealed class FollowUpTests
    {
        private static PipelineTree Example(string name) =>
            new PipelineTree((JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name))), name);

        private static PipelineTree Fixture(string name) =>
            new PipelineTree((JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "server-verdicts", name))), name);

        [Fact]
        public void ReportsEveryStringIncomingOfTheSeedTreeFirstAsTheServerMeetsThem()
        {
            var result = new PipelineValidator().Validate(Example("seed-tree.json"));

            var incoming = result.Diagnostics.Where(d => d.RuleName == "IncomingNotList").ToList();
            // Both branch gateways and the activity before the exclusive gateway: the layout iterates their incoming.
            Assert.Equal(new[] { "node0863aab8325b84cfa3e5db52dc61", "node7e97af0f55fb64276e067951dd9d", "node5310ec36c0364d3094d515f8f5ef" },
                incoming.Where(d => d.Severity == Severity.Error).Select(d => d.NodeId));
            // The other three activities: the server accepts their string incoming once those are lists.
            Assert.Equal(3, incoming.Count(d => d.Severity == Severity.Warning));
            Assert.Equal(6, incoming.Select(d => d.NodeId).Distinct().Count());
            Assert.Same(incoming[0], result.ServerVerdict);
            Assert.Equal("[API] fast_create_task get invalid pipeline_tree: 'l'", result.ServerMessage);
            Assert.All(incoming, d => Assert.False(d.FoundAfterRepair));
            Assert.All(incoming, d => Assert.True(d.Line > 0));
        }

        [Fact]
        public void TheNextRoundFindsWhatTheServerFindsOnceTheGatewaysAreLists()
        {
            var tree = Example("seed-tree.json");
            foreach (var gateway in ((JsonObject)tree.Root["gateways"]).Properties.Select(p => (JsonObject)p.Value))
                if (gateway["incoming"] is JsonString s) gateway.Set("incoming", new JsonArray(new JsonNode[] { new JsonString(s.Value) }));

            var result = new PipelineValidator().Validate(tree);

            Assert.Equal("node5310ec36c0364d3094d515f8f5ef", result.ServerVerdict.NodeId);
            Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        }

        [Fact]
        public void ReportsLaterStagesOnTheRepairedViewMarkedFoundAfterRepair()
        {
            var tree = Fixture("exclusive_converge_mismatch.json");
            var gateway = (JsonObject)((JsonObject)tree.Root["gateways"])["node0863aab8325b84cfa3e5db52dc61"];
            gateway.Set("incoming", ((JsonArray)gateway["incoming"])[0]);

            var result = new PipelineValidator().Validate(tree);

            Assert.Equal("IncomingNotList", result.ServerVerdict.RuleName);
            Assert.False(result.ServerVerdict.FoundAfterRepair);
            var after = Assert.Single(result.Diagnostics, d => d.FoundAfterRepair);
            Assert.Equal("ConvergeMismatch", after.RuleName);
            Assert.Equal(Severity.Error, after.Severity);
            Assert.Equal(193, after.Line);
        }

        [Fact]
        public void AddsNothingAfterRepairWhenRepairCannotFixTheFailingStage()
        {
            var result = new PipelineValidator().Validate(Fixture("dangling_flow_target.json"));
            Assert.DoesNotContain(result.Diagnostics, d => d.FoundAfterRepair);
        }

        [Fact]
        public void ExportsCarryFoundAfterRepair()
        {
            var tree = Fixture("exclusive_converge_mismatch.json");
            var gateway = (JsonObject)((JsonObject)tree.Root["gateways"])["node0863aab8325b84cfa3e5db52dc61"];
            gateway.Set("incoming", ((JsonArray)gateway["incoming"])[0]);
            var result = new PipelineValidator().Validate(tree);

            string json = global::BkSops.Reporting.DiagnosticJson.Write(new[] { result });
            string sarif = global::BkSops.Reporting.SarifLog.Write(new[] { result }, "0.0.0", null);

            Assert.Contains("\"foundAfterRepair\": true", json);
            Assert.Contains("\"foundAfterRepair\": false", json);
            Assert.Contains("\"foundAfterRepair\": true", sarif);
        }

        [Fact]
        public void RepairSaysWhenAChangeOnlyNormalises()
        {
            var changes = new TreeRepairer().Repair(Example("seed-tree.json")).Changes;
            var end = Assert.Single(changes, c => c.Path == "$.end_event.incoming");
            Assert.Contains("normalising only", end.Description);
            Assert.DoesNotContain("iterates", end.Description);
            // Test reports this activity's string incoming as an Error: the layout iterates it.
            var iterated = Assert.Single(changes, c => c.Path == "$.activities['node5310ec36c0364d3094d515f8f5ef'].incoming");
            Assert.Contains("iterates", iterated.Description);
            // Test only warns about this one: the server accepts it where it stands.
            var accepted = Assert.Single(changes, c => c.Path == "$.activities['node2bf42efcebe266706c3e21326dc4'].incoming");
            Assert.Contains("normalising only", accepted.Description);
        }
    }
}
