using BkSops.Json;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// A structural problem that makes bk-sops' draw_pipeline raise, with the Python text it raises when it is the
    /// first problem the layout meets.
    /// </summary>
    internal sealed class LayoutFinding
    {
        public LayoutFinding(Rule rule, string message)
        {
            Rule = rule;
            Message = message;
        }

        public Rule Rule;
        public string? NodeId;
        public string? FlowId;
        public string? Path;
        public string Message;
        public string? Hint;
        /// <summary><c>str(exception)</c> the server answers when this is the first problem; null when it depends on more than this.</summary>
        public string? ServerText;
        /// <summary>True when the server rejects the tree for this problem alone, whatever else is wrong.</summary>
        public bool Certain;
        public JsonNode? At;

        public Diagnostic ToDiagnostic(string? serverText = null)
        {
            var d = new Diagnostic
            {
                RuleName = Rule.Name,
                Severity = Severity.Error,
                NodeId = NodeId ?? FlowId,
                Path = Path,
                Message = Message,
                Hint = Hint,
            };
            return d.InvalidTree(serverText ?? ServerText);
        }

        public bool IsAbout(string? nodeId, string? flowId) =>
            (nodeId != null && (NodeId == nodeId || FlowId == nodeId)) || (flowId != null && (FlowId == flowId || NodeId == flowId));
    }
}
