using BkSops.Json;

namespace BkSops.Validation
{
    public enum Severity { Error = 0, Warning = 1, Information = 2 }

    /// <summary>
    /// One finding of the validator: what is wrong, where, why, how to fix it, and what the server would answer.
    /// Immutable: built once, with an object initializer; the validator adds the server's answer, the position and
    /// the "found after repair" mark by making a new finding (<see cref="ServerAnswer"/>, <see cref="ValidationContext.Report"/>).
    /// </summary>
    public sealed class Diagnostic
    {
        // Message is required, so the empty text is never seen: it is there because the copies below set the field.
        private string message = "";
        private string? nodeId, path, hint, serverMessage, firstMessage;
        private Severity severity;
        private int line, column, omitted;
        private int? serverCode, serverStatus;
        private bool foundAfterRepair;

        /// <summary>Stable PascalCase rule name (<see cref="Rules"/>), documented in about_BkSops_Rules.</summary>
        public required string RuleName { get; init; }
        public Severity Severity { get => severity; init => severity = value; }
        /// <summary>The node (or flow, or constant key) the finding is about, when there is one.</summary>
        public string? NodeId { get => nodeId; init => nodeId = value; }
        /// <summary>JSONPath with bracket notation, e.g. <c>$.activities['node1'].component.data['bk_timing']</c>.</summary>
        public string? Path { get => path; init => path = value; }
        /// <summary>1-based line in the source text, 0 when unknown.</summary>
        public int Line { get => line; init => line = value; }
        public int Column { get => column; init => column = value; }
        /// <summary>Plain English: what is wrong, where, and why. Lone surrogates of quoted values are written as <c>\ud800</c>-style escapes.</summary>
        public required string Message { get => message; init => message = LoneSurrogates.Escape(value); }
        /// <summary>How to fix it.</summary>
        public string? Hint { get => hint; init => hint = LoneSurrogates.Escape(value); }
        /// <summary>The exact <c>message</c> bk-sops answers for this finding (null for HTTP 500 and for findings the server accepts).</summary>
        public string? ServerMessage { get => serverMessage; init => serverMessage = value; }
        /// <summary>The server's <c>code</c> (3540000 or 3599999), null when not a server error.</summary>
        public int? ServerCode { get => serverCode; init => serverCode = value; }
        /// <summary>The HTTP status of the server's answer (200 for JSON errors, 500 for crashes), null when not a server error.</summary>
        public int? ServerStatus { get => serverStatus; init => serverStatus = value; }
        /// <summary>
        /// True for a finding of a later stage that the server would only reach once Repair-BkSopsPipeline has fixed
        /// the failing stage: reported from the repaired view of the tree, so that one run shows everything that stands
        /// between the tree and the server.
        /// </summary>
        public bool FoundAfterRepair { get => foundAfterRepair; init => foundAfterRepair = value; }

        /// <summary>For a summary finding: how many findings of its rule on its node it stands for; else 0.</summary>
        public int Omitted => omitted;

        private Diagnostic Copy() => (Diagnostic)MemberwiseClone();

        /// <summary>This finding with the server's answer to it.</summary>
        internal Diagnostic WithServerAnswer(string? answer, int? code, int? status)
        {
            var copy = Copy();
            copy.serverMessage = answer;
            copy.serverCode = code;
            copy.serverStatus = status;
            return copy;
        }

        /// <summary>This finding with another message.</summary>
        internal Diagnostic WithMessage(string text)
        {
            var copy = Copy();
            copy.message = LoneSurrogates.Escape(text);
            return copy;
        }

        /// <summary>This finding placed at <paramref name="at"/>'s line and column.</summary>
        internal Diagnostic WithPosition(JsonNode at)
        {
            var copy = Copy();
            copy.line = at.Line;
            copy.column = at.Column;
            return copy;
        }

        /// <summary>This finding, marked as found on the repaired view of the tree.</summary>
        internal Diagnostic AsFoundAfterRepair()
        {
            var copy = Copy();
            copy.foundAfterRepair = true;
            return copy;
        }

        /// <summary>The finding that stands for <paramref name="omitted"/> findings like <paramref name="example"/> (its summary when it is one).</summary>
        internal static Diagnostic MoreLikeThis(Diagnostic example, int omitted)
        {
            string first = example.firstMessage ?? example.Message;
            var summary = new Diagnostic
            {
                RuleName = example.RuleName,
                Severity = example.Severity,
                NodeId = example.NodeId,
                Path = example.Path,
                Line = example.Line,
                Column = example.Column,
                Message = $"And {omitted} more like this, not listed one by one. The first of them: {first}",
                Hint = example.Hint,
                ServerMessage = example.ServerMessage,
                ServerCode = example.ServerCode,
                ServerStatus = example.ServerStatus,
            };
            summary.firstMessage = first;
            summary.omitted = omitted;
            return summary;
        }

        public override string ToString() =>
            $"{Severity} {RuleName}" + (NodeId != null ? $" [{LoneSurrogates.Escape(NodeId)}]" : "") + $": {Message}";
    }
}
