using BkSops.Json;
using BkSops.Validation.Graph.Layout;
using BkSops.Validation.Python;

namespace BkSops.Validation.Names
{
    /// <summary>
    /// A <c>pipeline_tree</c> that is not a JSON object cannot become a <see cref="Model.PipelineTree"/>; this gives the
    /// answer the server would send for it, for callers that receive such input (the first thing the server does with
    /// the tree is <c>tree.values()</c>, which fails with an AttributeError).
    /// </summary>
    public static class PipelineTreeShape
    {

        /// <summary>The Error for a non-object <c>pipeline_tree</c>, or null when <paramref name="tree"/> is an object.</summary>
        public static Diagnostic? Check(JsonNode? tree)
        {
            if (tree is JsonObject) return null;
            string type = tree == null ? "NoneType" : tree.PythonTypeName;
            return new Diagnostic
            {
                RuleName = Rules.PipelineTreeNotObject.Name,
                Severity = Severity.Error,
                Path = JsonPath.Root,
                Line = tree?.Line ?? 0,
                Column = tree?.Column ?? 0,
                Message = $"The pipeline tree is {(tree == null ? "null" : "a JSON " + tree.Kind.ToString().ToLowerInvariant())}, not an object; the server needs an object with start_event, end_event, activities and flows.",
                Hint = "Send pipeline_tree as a JSON object (not a string holding JSON, not a list).",
            }.InvalidTree($"'{type}' object has no attribute 'values'");
        }
    }
}
