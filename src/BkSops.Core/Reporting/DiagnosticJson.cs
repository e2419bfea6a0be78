using System.Collections.Generic;
using System.IO;
using BkSops.Json;
using BkSops.Validation;

namespace BkSops.Reporting
{
    /// <summary>Writes validation results as plain JSON: one entry per tree, its verdict and its diagnostics.</summary>
    public static class DiagnosticJson
    {
        public static string Write(IEnumerable<ValidationResult> results, bool indented = true)
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(results, text, indented);
            return text.ToString();
        }

        /// <summary>Writes the entries to <paramref name="output"/> one diagnostic at a time (never held whole in memory).</summary>
        public static void Write(IEnumerable<ValidationResult> results, TextWriter output, bool indented = true)
        {
            string colon = indented ? ": " : ":";
            output.Write('[');
            bool anyResult = false;
            foreach (var result in results)
            {
                if (anyResult) output.Write(',');
                anyResult = true;
                Break(output, indented, 1);
                output.Write('{');
                Member(output, indented, "source", colon, Text(result.Source), first: true);
                Member(output, indented, "isValid", colon, JsonNode.From(result.IsValid), first: false);
                Member(output, indented, "serverMessage", colon, Text(result.ServerMessage), first: false);
                output.Write(',');
                Break(output, indented, 2);
                JsonWriter.WriteString("diagnostics", output);
                output.Write(colon);
                output.Write('[');
                bool anyDiagnostic = false;
                foreach (var d in result.Diagnostics)
                {
                    if (anyDiagnostic) output.Write(',');
                    anyDiagnostic = true;
                    Break(output, indented, 3);
                    JsonWriter.Write(ToJson(d), output, indented, 3);
                }
                if (anyDiagnostic) Break(output, indented, 2);
                output.Write(']');
                Break(output, indented, 1);
                output.Write('}');
            }
            if (anyResult) Break(output, indented, 0);
            output.Write(']');
        }

        private static void Member(TextWriter output, bool indented, string name, string colon, JsonNode value, bool first)
        {
            if (!first) output.Write(',');
            Break(output, indented, 2);
            JsonWriter.WriteString(name, output);
            output.Write(colon);
            JsonWriter.Write(value, output, indented, 2);
        }

        private static void Break(TextWriter output, bool indented, int depth)
        {
            if (!indented) return;
            output.Write('\n');
            for (int i = 0; i < depth; i++) output.Write("  ");
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

        internal static JsonNode Text(string? value) => value == null ? (JsonNode)new JsonNull() : new JsonString(value);
    }
}
