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
        public static PipelineTree Parse(string json, string source = null)
        {
            JsonReadResult read;
            try
            {
                read = JsonReader.Read(json);
            }
            catch (JsonParseException e)
            {
                string where = source != null ? $"{source}: " : "";
                throw new PipelineInputException("MalformedJson", where + e.Message, e.Line, e.Column, e);
            }
            return FromNode(read.Root, source, read.Warnings);
        }

        /// <summary>Wraps a JSON document as a tree, unwrapping a request body.</summary>
        public static PipelineTree FromNode(JsonNode root, string source = null, IReadOnlyList<JsonReadWarning> warnings = null)
        {
            string where = source != null ? $"{source}: " : "";
            if (!(root is JsonObject obj))
                throw new PipelineInputException("NotAnObject",
                    $"{where}a pipeline tree must be a JSON object, but the input is {Article(root)} (line {root.Line}, column {root.Column}).",
                    root.Line, root.Column);
            if (IsRequestBody(obj))
            {
                var tree = obj["pipeline_tree"];
                if (!(tree is JsonObject inner))
                    throw new PipelineInputException("NotAnObject",
                        $"{where}the request body's pipeline_tree must be a JSON object, but it is {Article(tree)} (line {tree.Line}, column {tree.Column}).",
                        tree.Line, tree.Column);
                obj = inner;
            }
            return new PipelineTree(obj, source, warnings);
        }

        /// <summary>A fast_create_task body: has <c>pipeline_tree</c> and is not itself a tree.</summary>
        private static bool IsRequestBody(JsonObject obj) =>
            obj.ContainsKey("pipeline_tree") && !obj.ContainsKey("start_event") && !obj.ContainsKey("activities");

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
