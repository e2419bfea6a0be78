namespace BkSops.Validation
{
    public enum Severity { Error = 0, Warning = 1, Information = 2 }

    /// <summary>One finding of the validator: what is wrong, where, why, how to fix it, and what the server would answer.</summary>
    public sealed class Diagnostic
    {
        /// <summary>Stable PascalCase rule name, documented in about_BkSops_Rules.</summary>
        public string RuleName { get; set; }
        public Severity Severity { get; set; }
        /// <summary>The node (or flow, or constant key) the finding is about, when there is one.</summary>
        public string NodeId { get; set; }
        /// <summary>JSONPath with bracket notation, e.g. <c>$.activities['node1'].component.data['bk_timing']</c>.</summary>
        public string Path { get; set; }
        /// <summary>1-based line in the source text, 0 when unknown.</summary>
        public int Line { get; set; }
        public int Column { get; set; }
        /// <summary>Plain English: what is wrong, where, and why.</summary>
        public string Message { get; set; }
        /// <summary>How to fix it.</summary>
        public string Hint { get; set; }
        /// <summary>The exact <c>message</c> bk-sops answers for this finding (null for HTTP 500 and for findings the server accepts).</summary>
        public string ServerMessage { get; set; }
        /// <summary>The server's <c>code</c> (3540000 or 3599999), null when not a server error.</summary>
        public int? ServerCode { get; set; }
        /// <summary>The HTTP status of the server's answer (200 for JSON errors, 500 for crashes), null when not a server error.</summary>
        public int? ServerStatus { get; set; }
        /// <summary>
        /// True for a finding of a later stage that the server would only reach once Repair-BkSopsPipeline has fixed
        /// the failing stage: reported from the repaired view of the tree, so that one run shows everything that stands
        /// between the tree and the server.
        /// </summary>
        public bool FoundAfterRepair { get; set; }

        public override string ToString() =>
            $"{Severity} {RuleName}" + (NodeId != null ? $" [{NodeId}]" : "") + $": {Message}";
    }
}
