using System.Globalization;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// Spec 5: the server's layout grows steeply with nested gateways (their long edges become chains of dummy
    /// nodes, and its crossing count scans lists for every flow). From the emulation's count of that work, warns
    /// when the server is likely to need longer than an API gateway waits.
    /// </summary>
    internal static class SlowLayoutWarning
    {
        /// <summary>Seconds per unit of crossing work on the server (measured with its code: 120-340 ns).</summary>
        private const double SecondsPerUnit = 150e-9;

        /// <summary>Warn from this estimated server time on.</summary>
        public const double ThresholdSeconds = 20;

        public static void Check(ValidationContext context, GraphIndex index, DrawPipeline draw)
        {
            double seconds = draw.CrossingWork * SecondsPerUnit;
            if (seconds < ThresholdSeconds) return;
            context.Report(new Diagnostic
            {
                RuleName = Rules.SlowGatewayMatching.Name,
                Severity = Severity.Warning,
                Path = "$",
                Message = string.Format(CultureInfo.InvariantCulture,
                    "The server will need roughly {0:0} s or more to lay this tree out before validating it (nested gateways turn long flows into many layout placeholders; exclusive gateways nested 50 deep took about 4 s, 200 deep no answer within 60 s). The request may time out at the API gateway; the verdict given here is the server's eventual one.",
                    seconds),
                Hint = "Flatten the nesting: move inner gateway blocks into SubProcess templates, or send several smaller tasks.",
            });
        }
    }
}
