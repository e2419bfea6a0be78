using BkSops.Validation;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>Every field of a diagnostic on one line, for tests that require two runs to report exactly the same.</summary>
    internal static class DiagnosticText
    {
        public static string Of(Diagnostic d) =>
            string.Join("|", d.Severity, d.RuleName, d.NodeId, d.Path, d.Line, d.Column, d.Message, d.Hint, d.ServerMessage, d.ServerCode, d.ServerStatus);
    }
}
