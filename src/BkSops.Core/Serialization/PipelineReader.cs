using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Serialization
{
    /// <summary>Turns JSON text or a JSON document into a <see cref="PipelineTree"/>.</summary>
    public static class PipelineReader
    {
        /// <summary>
        /// Reads a pipeline_tree, or a whole fast_create_task request body (its <c>pipeline_tree</c> is taken).
        /// Throws <see cref="PipelineInputException"/> naming the line and column when the text is not usable.
        /// </summary>
        public static PipelineTree Parse(string json, string? source = null)
        {
            JsonReadResult read;
            try
            {
                read = JsonReader.Read(json);
            }
            catch (PipelineInputException e) when (e.Reason == PipelineInputReason.MalformedJson)
            {
                throw Malformed(source, e);
            }
            return FromNode(read.Root, source, read.Warnings);
        }

        private static PipelineInputException Malformed(string? source, PipelineInputException e)
        {
            string where = source != null ? $"{source}: " : "";
            return new PipelineInputException(PipelineInputReason.MalformedJson, where + e.Message, e.Line, e.Column, e);
        }

        /// <summary>
        /// Reads a tree file (see <see cref="InputFile"/>: regular files only, at most <paramref name="maxBytes"/>,
        /// decoded as the server decodes a body) and then its JSON as <see cref="Parse"/> does.
        /// </summary>
        public static PipelineTree ReadFile(string path, long maxBytes = InputFile.DefaultMaxBytes)
        {
            JsonReadResult read;
            try
            {
                read = InputFile.ReadJson(path, maxBytes);
            }
            catch (PipelineInputException e) when (e.Reason == PipelineInputReason.MalformedJson)
            {
                throw Malformed(path, e);
            }
            return FromNode(read.Root, path, read.Warnings);
        }

        /// <summary>Wraps a JSON document as a tree, unwrapping a request body (once).</summary>
        public static PipelineTree FromNode(JsonNode root, string? source = null, IReadOnlyList<JsonReadWarning>? warnings = null)
        {
            string where = source != null ? $"{source}: " : "";
            if (!(root is JsonObject obj))
                throw new PipelineInputException(PipelineInputReason.NotAnObject,
                    $"{where}a pipeline tree must be a JSON object, but the input is {Article(root)} (line {root.Line}, column {root.Column}).",
                    root.Line, root.Column);
            if (IsRequestBody(obj) && obj["pipeline_tree"] is JsonNode tree)
            {
                if (!(tree is JsonObject inner))
                    throw new PipelineInputException(PipelineInputReason.NotAnObject,
                        $"{where}the request body's pipeline_tree must be a JSON object, but it is {Article(tree)} (line {tree.Line}, column {tree.Column}).",
                        tree.Line, tree.Column);
                obj = inner;
            }
            return new PipelineTree(obj, source, warnings);
        }

        // The fields of a fast_create_task body (spec 1.3), and the top-level fields of a web pipeline tree.
        private static readonly HashSet<string> RequestBodyKeys = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "pipeline_tree", "name", "bk_biz_id", "project_id", "scope", "description", "category", "flow_type",
            "has_common_subprocess", "bk_app_code", "bk_app_secret", "bk_token", "bk_username",
        };
        private static readonly string[] TreeKeys =
            { "start_event", "end_event", "activities", "gateways", "flows", "constants", "outputs", "line", "location" };

        /// <summary>
        /// A fast_create_task body: its keys are request fields, one of them <c>pipeline_tree</c>, and either there is
        /// another request field or the <c>pipeline_tree</c> looks like a tree. So <c>{"pipeline_tree": {"pipeline_tree": {}}}</c>
        /// is a tree with an unknown field (the server's tree has no such key), and writing back what was read reads the same.
        /// </summary>
        private static bool IsRequestBody(JsonObject obj)
        {
            if (!obj.ContainsKey("pipeline_tree")) return false;
            foreach (var p in obj.Properties)
                if (!RequestBodyKeys.Contains(p.Name)) return false;
            if (obj.Count > 1) return true;
            if (!(obj["pipeline_tree"] is JsonObject inner)) return true;
            foreach (string key in TreeKeys)
                if (inner.ContainsKey(key)) return true;
            return false;
        }

        private static string Article(JsonNode node)
        {
            switch (node.Kind)
            {
                case JsonKind.Array: return "an array";
                case JsonKind.String: return "a string";
                case JsonKind.Number: return "a number";
                case JsonKind.Boolean: return "a boolean";
                case JsonKind.Null: return "null";
                default: return "an object";
            }
        }
    }
}
