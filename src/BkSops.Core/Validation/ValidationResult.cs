using System.Collections.Generic;
using System.Linq;

namespace BkSops.Validation
{
    /// <summary>The validator's answer for one tree.</summary>
    public sealed class ValidationResult
    {
        public ValidationResult(string? source, IReadOnlyList<Diagnostic> diagnostics)
            : this(source, diagnostics, diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)) { }

        private ValidationResult(string? source, IReadOnlyList<Diagnostic> diagnostics, Diagnostic? verdict)
        {
            Source = source;
            Diagnostics = diagnostics;
            ServerVerdict = verdict;
        }

        /// <summary>True when bk-sops would accept the tree (no Error).</summary>
        public bool IsValid => ServerVerdict == null;

        /// <summary>Where the tree came from (file path or description).</summary>
        public string? Source { get; }

        /// <summary>The findings, the one the server would answer first.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        /// <summary>The Error the server would stop at, or null when it accepts the tree.</summary>
        public Diagnostic? ServerVerdict { get; }

        /// <summary>The server's answer text for a rejected tree (null when accepted or when it answers HTTP 500).</summary>
        public string? ServerMessage => ServerVerdict?.ServerMessage;

        public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);
        public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);

        /// <summary>The same verdict with only the diagnostics of the given severities.</summary>
        public ValidationResult WithSeverities(ICollection<Severity> severities) =>
            new ValidationResult(Source, Diagnostics.Where(d => severities.Contains(d.Severity)).ToList(), ServerVerdict);

        public override string ToString() =>
            (IsValid ? "Valid" : "Invalid") + $" ({Counted(ErrorCount, "error")}, {Counted(WarningCount, "warning")})" + (Source != null ? $": {Source}" : "");

        private static string Counted(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }
}
