using System;
using System.Collections.Generic;
using System.IO;
using BkSops.Json;
using BkSops.Validation;

namespace BkSops.Reporting
{
    /// <summary>Writes validation results as one SARIF 2.1.0 run, for code-scanning tools and CI annotations.</summary>
    public static class SarifLog
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        /// <param name="results">The results to report.</param>
        /// <param name="toolVersion">BkSops' version.</param>
        /// <param name="baseDirectory">Paths under it are written relative (as code-scanning expects); others as file URIs.</param>
        public static string Write(IEnumerable<ValidationResult> results, string? toolVersion, string? baseDirectory = null)
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(results, toolVersion, baseDirectory, text);
            return text.ToString();
        }

        /// <summary>Writes the log to <paramref name="output"/> one result at a time (the log is never held whole in memory).</summary>
        public static void Write(IEnumerable<ValidationResult> results, string? toolVersion, string? baseDirectory, TextWriter output)
        {
            var rules = new JsonArray();
            var ruleIndex = new Dictionary<string, int>();
            foreach (var result in results)
                foreach (var d in result.Diagnostics)
                {
                    string ruleId = d.RuleName ?? "Unknown";
                    if (ruleIndex.ContainsKey(ruleId)) continue;
                    ruleIndex[ruleId] = rules.Count;
                    rules.Add(Rule(ruleId));
                }

            var driver = new JsonObject();
            driver.Set("name", new JsonString("BkSops"));
            driver.Set("version", new JsonString(toolVersion ?? "0.0.0"));
            driver.Set("informationUri", new JsonString("https://github.com/TencentBlueKing/bk-sops"));
            driver.Set("rules", rules);
            var tool = new JsonObject();
            tool.Set("driver", driver);

            // {"$schema", "version", "runs": [{"tool", "results": [...]}]}, indented as JsonWriter indents.
            output.Write("{\n  \"$schema\": ");
            JsonWriter.WriteString(SchemaUri, output);
            output.Write(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ");
            JsonWriter.Write(tool, output, indented: true, depth: 3);
            output.Write(",\n      \"results\": [");
            bool any = false;
            foreach (var result in results)
                foreach (var d in result.Diagnostics)
                {
                    string ruleId = d.RuleName ?? "Unknown";
                    output.Write(any ? ",\n        " : "\n        ");
                    JsonWriter.Write(Result(d, ruleId, ruleIndex[ruleId], result.Source, baseDirectory), output, indented: true, depth: 4);
                    any = true;
                }
            output.Write(any ? "\n      ]\n    }\n  ]\n}" : "]\n    }\n  ]\n}");
        }

        private static JsonObject Rule(string ruleId)
        {
            var rule = new JsonObject();
            rule.Set("id", new JsonString(ruleId));
            rule.Set("name", new JsonString(ruleId));
            var help = new JsonObject();
            help.Set("text", new JsonString($"See Get-Help about_BkSops_Rules, section {ruleId}."));
            rule.Set("help", help);
            return rule;
        }

        private static JsonObject Result(Diagnostic d, string ruleId, int index, string? source, string? baseDirectory)
        {
            var r = new JsonObject();
            r.Set("ruleId", new JsonString(ruleId));
            r.Set("ruleIndex", JsonNode.From(index));
            r.Set("level", new JsonString(Level(d.Severity)));
            var message = new JsonObject();
            message.Set("text", new JsonString(d.Hint == null ? d.Message ?? "" : $"{d.Message} {d.Hint}"));
            r.Set("message", message);

            var location = new JsonObject();
            if (source != null)
            {
                var physical = new JsonObject();
                var artifact = new JsonObject();
                artifact.Set("uri", new JsonString(ArtifactUri(source, baseDirectory)));
                physical.Set("artifactLocation", artifact);
                if (d.Line > 0)
                {
                    var region = new JsonObject();
                    region.Set("startLine", JsonNode.From(d.Line));
                    if (d.Column > 0) region.Set("startColumn", JsonNode.From(d.Column));
                    physical.Set("region", region);
                }
                location.Set("physicalLocation", physical);
            }
            if (d.Path != null)
            {
                var logical = new JsonObject();
                logical.Set("fullyQualifiedName", new JsonString(d.Path));
                if (d.NodeId != null) logical.Set("name", new JsonString(d.NodeId));
                location.Set("logicalLocations", new JsonArray(new JsonNode[] { logical }));
            }
            if (location.Count > 0) r.Set("locations", new JsonArray(new JsonNode[] { location }));

            var properties = DiagnosticJson.ToJson(d);
            r.Set("properties", properties);
            return r;
        }

        private static string Level(Severity severity) =>
            severity == Severity.Error ? "error" : severity == Severity.Warning ? "warning" : "note";

        private static string ArtifactUri(string source, string? baseDirectory)
        {
            if (!Path.IsPathRooted(source)) return source.Replace('\\', '/');
            string full = Path.GetFullPath(source);
            if (baseDirectory != null)
            {
                string root = Path.GetFullPath(baseDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
                if (full.StartsWith(root, StringComparison.Ordinal))
                    return Uri.EscapeUriString(full.Substring(root.Length).Replace('\\', '/'));
            }
            return new Uri(full).AbsoluteUri;
        }
    }
}
