using System.Collections.Generic;
using System.Linq;

namespace BkSops.Validation
{
    /// <summary>The validator's answer for one tree.</summary>
    public sealed class ValidationResult
    {
        public ValidationResult(string source, IReadOnlyList<Diagnostic> diagnostics)
        {
            Source = source;
            Diagnostics = diagnostics;
            ServerVerdict = diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
        }

        /// <summary>True when bk-sops would accept the tree (no Error).</summary>
        public bool IsValid => ServerVerdict == null;

        /// <summary>Where the tree came from (file path or description).</summary>
        public string Source { get; }

        /// <summary>All findings, the one the server would answer first.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        /// <summary>The Error the server would stop at, or null when it accepts the tree.</summary>
        public Diagnostic ServerVerdict { get; }

        public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);
        public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);

        public override string ToString() =>
            (IsValid ? "Valid" : "Invalid") + $" ({ErrorCount} errors, {WarningCount} warnings)" + (Source != null ? $": {Source}" : "");
    }
}
