using BkSops.Validation.Graph.Emulation;

namespace BkSops.Validation.Graph
{
    /// <summary>A diagnostic for an exception of the bamboo validators that no specific rule describes.</summary>
    internal static class GraphFailure
    {
        public static Diagnostic Describe(GraphIndex index, PyException error, string step)
        {
            string subject = error.NodeId != null ? GraphText.Describe(index, error.NodeId) : error.FlowId != null ? $"flow '{error.FlowId}'" : "the tree";
            var d = new Diagnostic
            {
                Severity = Severity.Error,
                NodeId = error.NodeId ?? error.FlowId,
                Path = error.FlowId != null && index.Flow(error.FlowId) != null ? GraphText.FlowPath(error.FlowId) : GraphText.NodePath(index, error.NodeId),
            };
            if (error.Kind == PyErrorKind.Hang)
            {
                d.RuleName = Rules.ValidationNeverEnds.Name;
                d.Message = $"bamboo's {step} never finishes on this tree ({error.Text}); the request hangs until the gateway times out.";
                d.Hint = "Put a gateway in every loop: a loop made only of activities never ends in the server's gateway check.";
                d.ServerStatus = 504;
                return d;
            }
            d.RuleName = error.Kind == PyErrorKind.KeyError ? Rules.DanglingReference.Name : Rules.WrongType.Name;
            d.Message = $"bamboo's {step} fails on {subject} with the Python error: {error.Text}.";
            d.Hint = "Make incoming/outgoing name existing flows, flows name existing nodes, and every node carry id, type, incoming and outgoing of the right JSON types.";
            return d.InvalidTree(error.Text);
        }
    }
}
