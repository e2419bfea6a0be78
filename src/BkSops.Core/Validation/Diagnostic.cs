using BkSops.Json;

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
        /// <summary>Plain English: what is wrong, where, and why. Lone surrogates of quoted values are written as <c>\ud800</c>-style escapes.</summary>
        public string Message { get => message; set => message = LoneSurrogates.Escape(value); }
        /// <summary>How to fix it.</summary>
        public string Hint { get => hint; set => hint = LoneSurrogates.Escape(value); }
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

        /// <summary>For a summary finding: how many findings of its rule on its node it stands for; else 0.</summary>
        public int Omitted { get; private set; }

        private string message, hint, firstMessage;

        /// <summary>The finding that stands for <paramref name="omitted"/> more findings like <paramref name="example"/>.</summary>
        internal static Diagnostic MoreLikeThis(Diagnostic example, int omitted)
        {
            var summary = new Diagnostic
            {
                RuleName = example.RuleName,
                Severity = example.Severity,
                NodeId = example.NodeId,
                Path = example.Path,
                Line = example.Line,
                Column = example.Column,
                Hint = example.Hint,
                ServerMessage = example.ServerMessage,
                ServerCode = example.ServerCode,
                ServerStatus = example.ServerStatus,
                firstMessage = example.firstMessage ?? example.Message,
            };
            summary.AddOmitted(omitted);
            return summary;
        }

        internal void AddOmitted(int count)
        {
            Omitted += count;
            message = $"And {Omitted} more like this, not listed one by one. The first of them: {firstMessage}";
        }

        public override string ToString() =>
            $"{Severity} {RuleName}" + (NodeId != null ? $" [{LoneSurrogates.Escape(NodeId)}]" : "") + $": {Message}";
    }
}
