using BkSops.Validation.Python;


namespace BkSops.Validation.Graph
{
    /// <summary>A diagnostic for an exception of the bamboo validators that no specific rule describes.</summary>
    internal static class GraphFailure
    {
        public static Diagnostic Describe(GraphIndex index, PythonException error, string step) =>
            PythonErrors.Describe(PythonErrors.Validators, error, new PythonErrors.Place(index) { Subject = Subject(index, error), Step = step },
                error.NodeId ?? error.FlowId, PathOf(index, error))
            ?? throw new System.InvalidOperationException("PythonErrors.Validators ends with a row that matches every error.");

        /// <summary>The node or flow <paramref name="error"/> arose at, in words.</summary>
        public static string Subject(GraphIndex index, PythonException error) =>
            error.NodeId != null ? GraphText.Describe(index, error.NodeId) : error.FlowId != null ? $"flow '{error.FlowId}'" : "the tree";

        /// <summary>The path of the flow <paramref name="error"/> arose at when the tree has it, else of its node.</summary>
        public static string PathOf(GraphIndex index, PythonException error) =>
            error.FlowId != null && index.Flow(error.FlowId) != null ? GraphText.FlowPath(error.FlowId) : GraphText.NodePath(index, error.NodeId);
    }
}
