using System;
using System.IO;
using System.Linq;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// Runs the graph stages alone (layout, connection, gateways, streams, unreachable) and checks the server's answer.
    /// With the environment variable BKSOPS_GRAPH_TREE_LOG set to a file, every tree and its expected answer are
    /// appended to it as JSON lines, so the expectations can be re-checked against the server's own Python code.
    /// </summary>
    internal static class GraphCheck
    {
        public static IValidationStage[] Stages() => new IValidationStage[]
        {
            new LayoutStage(), new ConnectionStage(), new GatewayStage(), new StreamStage(), new UnreachableStage(),
        };

        public static ValidationResult Validate(JsonObject root, ValidationOptions options = null) =>
            new PipelineValidator(Stages()).Validate(new PipelineTree(root, "test tree"), options);

        /// <summary>Asserts the server rejects the tree with <c>[API] fast_create_task get invalid pipeline_tree: {pythonText}</c>.</summary>
        public static Diagnostic Rejects(JsonObject root, string pythonText, string rule = null, ValidationOptions options = null)
        {
            Log(root, pythonText);
            var result = Validate(root, options);
            Assert.False(result.IsValid, "expected a rejection with " + pythonText + "; got " + Describe(result));
            var verdict = result.ServerVerdict;
            Assert.Equal(ServerAnswer.InvalidTreePrefix + pythonText, verdict.ServerMessage);
            Assert.Equal(ServerAnswer.ParamInvalid, verdict.ServerCode);
            Assert.Equal(200, verdict.ServerStatus);
            if (rule != null) Assert.Equal(rule, verdict.RuleName);
            Assert.False(string.IsNullOrEmpty(verdict.Message));
            Assert.False(string.IsNullOrEmpty(verdict.Hint));
            Assert.False(string.IsNullOrEmpty(verdict.Path));
            return verdict;
        }

        public static ValidationResult Accepts(JsonObject root, ValidationOptions options = null)
        {
            Log(root, null);
            var result = Validate(root, options);
            Assert.True(result.IsValid, "expected the server to accept; got " + Describe(result));
            return result;
        }

        public static string Describe(ValidationResult result) =>
            string.Join(" | ", result.Diagnostics.Select(d => d + (d.ServerMessage != null ? " => " + d.ServerMessage : "")));

        private static void Log(JsonObject root, string expected)
        {
            string path = Environment.GetEnvironmentVariable("BKSOPS_GRAPH_TREE_LOG");
            if (string.IsNullOrEmpty(path)) return;
            var line = new JsonObject();
            line.Set("tree", root.Clone());
            line.Set("expect", expected == null ? (JsonNode)new JsonNull() : new JsonString(expected));
            lock (typeof(GraphCheck)) File.AppendAllText(path, JsonWriter.Write(line, false) + "\n");
        }
    }
}
