using System.Linq;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Graph.BambooFast;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// Spec 2.9: bamboo's <c>validate_stream</c>. A node reached from two branches of a parallel gateway (or from
    /// outside the block and from inside it) fails with StreamValidateError, whose text is empty, so the server
    /// answers the bare prefix. Runs only when the gateway check passed. Shares <c>Shared["BkSops.Graph.Streams"]</c>
    /// (<c>IReadOnlyDictionary&lt;string, string&gt;</c>, node id -> stream name, <c>main</c> or <c>&lt;parallel id&gt;_&lt;branch&gt;</c>).
    /// After the numbered gateway matching the streams flow on node numbers (<see cref="FastStream"/>); when that
    /// path cannot answer, the full emulation runs.
    /// </summary>
    public sealed class StreamStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            var facts = context.Graph;
            if (!facts.GatewaysSucceeded.Value) return;
            if (facts.NumberedNodes.Value is BambooGraph graph && facts.FastGateways.Value is FastGateways.Result gateways)
            {
                var streams = FastStream.Run(graph, gateways.Matches);
                if (streams != null)
                {
                    facts.Streams.Set(streams);
                    facts.StreamsSucceeded.Set(true);
                    return;
                }
            }
            var index = GraphIndex.Of(context);
            var stream = new BambooStream(context.Work.ForReading, new PyKeys());
            try
            {
                stream.Run(facts.BambooNodes.Value);
            }
            catch (PythonException e)
            {
                if (e.Kind != PythonErrorKind.Pipeline || e.Text.Length > 0)
                {
                    context.Report(GraphFailure.Describe(index, e, "validate_stream"), GraphText.NodeJson(index, e.NodeId));
                    return;
                }
                string? id = stream.FailedNode;
                string who = GraphText.Describe(index, id);
                string streams = stream.FailedStreams == null || stream.FailedStreams.Count == 0
                    ? "no branch at all"
                    : string.Join(" and ", stream.FailedStreams.OrderBy(s => s, System.StringComparer.Ordinal).Select(Name));
                var d = new Diagnostic
                {
                    RuleName = Rules.StreamCrossing.Name,
                    Severity = Severity.Error,
                    NodeId = id,
                    Path = GraphText.NodePath(index, id),
                    Message = $"{MessageText.Capitalize(who)} is reached from {streams}. A flow may not cross from one branch of a parallel gateway into another, leave the block other than through its converge gateway, or enter it from outside.",
                    Hint = "Keep each branch of a parallel block inside the branch until the block's ConvergeGateway.",
                }.InvalidTree("");
                context.Report(d, GraphText.NodeJson(index, id));
                return;
            }
            facts.Streams.Set(stream.Streams);
            facts.StreamsSucceeded.Set(true);
        }

        private static string Name(string stream)
        {
            if (stream == "main") return "the main flow";
            int at = stream.LastIndexOf('_');
            return at > 0 ? $"branch {stream.Substring(at + 1)} of '{stream.Substring(0, at)}'" : stream;
        }

    }
}
