using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation;

namespace BkSops.Reporting
{
    /// <summary>Writes validation results as plain JSON: one entry per tree, its verdict and its diagnostics.</summary>
    public static class DiagnosticJson
    {
        public static string Write(IEnumerable<ValidationResult> results, bool indented = true)
        {
            var list = new JsonArray();
            foreach (var result in results)
            {
                var entry = new JsonObject();
                entry.Set("source", Text(result.Source));
                entry.Set("isValid", JsonNode.From(result.IsValid));
                entry.Set("serverMessage", Text(result.ServerMessage));
                var diagnostics = new JsonArray();
                foreach (var d in result.Diagnostics) diagnostics.Add(ToJson(d));
                entry.Set("diagnostics", diagnostics);
                list.Add(entry);
            }
            return JsonWriter.Write(list, indented);
        }

        internal static JsonObject ToJson(Diagnostic d)
        {
            var o = new JsonObject();
            o.Set("ruleName", Text(d.RuleName));
            o.Set("severity", new JsonString(d.Severity.ToString()));
            o.Set("nodeId", Text(d.NodeId));
            o.Set("path", Text(d.Path));
            o.Set("line", JsonNode.From(d.Line));
            o.Set("column", JsonNode.From(d.Column));
            o.Set("message", Text(d.Message));
            o.Set("hint", Text(d.Hint));
            o.Set("serverMessage", Text(d.ServerMessage));
            o.Set("serverCode", d.ServerCode.HasValue ? (JsonNode)JsonNode.From(d.ServerCode.Value) : new JsonNull());
            o.Set("serverStatus", d.ServerStatus.HasValue ? (JsonNode)JsonNode.From(d.ServerStatus.Value) : new JsonNull());
            o.Set("foundAfterRepair", JsonNode.From(d.FoundAfterRepair));
            return o;
        }

        internal static JsonNode Text(string value) => value == null ? (JsonNode)new JsonNull() : new JsonString(value);
    }
}
