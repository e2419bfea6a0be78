using BkSops.Json;
using System.Collections.Generic;
using System.Linq;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Graph.BambooFast;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// Spec 2.8: bamboo's <c>validate_gateways</c> — every branch gateway must find its converge gateway by the
    /// upstream rules, with the upstream (Chinese) messages. Writes <c>converge_gateway_id</c> into the working
    /// copy as the server does and sets <see cref="GraphFacts.Converges"/> (branch gateway id -> converge gateway id),
    /// <see cref="GraphFacts.GatewayNesting"/> and <see cref="GraphFacts.GatewaysSucceeded"/>. Runs only when the connection check passed. On the connection
    /// stage's numbered graph the matching runs on node numbers (<see cref="FastGateways"/>); when that path cannot
    /// answer (upstream raises, or the tree is not well-formed) the full emulation runs.
    /// </summary>
    public sealed class GatewayStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            var facts = context.Graph;
            if (!facts.ConnectionSucceeded.Value) return;
            if (facts.NumberedNodes.Value is BambooGraph graph)
            {
                var result = FastGateways.Run(graph);
                if (result != null)
                {
                    Publish(context, graph, result);
                    return;
                }
            }
            var index = GraphIndex.Of(context);
            var keys = new PyKeys();
            // converge_gateway_id is written (the connection stage made the copy already)
            var gateways = new BambooGateways(context.WritableSections("gateways"), keys);
            try
            {
                gateways.Run();
            }
            catch (PythonException e)
            {
                facts.GatewayNesting.Set(gateways.MaxNesting);
                var d = e.Kind == PythonErrorKind.Pipeline ? Explain(index, gateways, e) : null;
                if (d == null) d = GraphFailure.Describe(index, e, "validate_gateways");
                context.Report(d, GraphText.NodeJson(index, d.NodeId));
                return;
            }
            facts.GatewayNesting.Set(gateways.MaxNesting);
            facts.Converges.Set(gateways.Matches);
            facts.GatewaysSucceeded.Set(true);
        }

        /// <summary>What the full emulation leaves after a success: converge_gateway_id in the tree, and the shared results.</summary>
        private static void Publish(ValidationContext context, BambooGraph graph, FastGateways.Result result)
        {
            var matches = new Dictionary<string, string>();
            EntryFieldWriter? gateways = null;
            for (int n = graph.FirstGateway; n < graph.Count; n++)
            {
                int converge = result.Matches[n];
                if (converge < 0) continue;
                if (gateways == null)
                    gateways = context.WritableField("gateways", TreeReads.ConvergeGatewayId)
                        ?? throw new System.InvalidOperationException("The copy has no gateways dict although the graph numbers gateways.");
                // The copy keeps the dict's order, so the gateway is at its place in the numbering.
                gateways.Value.Set(graph.Keys[n], n - graph.FirstGateway, new JsonString(graph.Keys[converge]));
                matches[graph.Keys[n]] = graph.Keys[converge];
            }
            var facts = context.Graph;
            facts.GatewayNesting.Set(result.MaxNesting);
            facts.Converges.Set(matches);
            facts.FastGateways.Set(result);
            facts.GatewaysSucceeded.Set(true);
        }

        /// <summary>The finding for one of validate_gateways' own exceptions (<see cref="PythonErrors.Gateways"/>), or null for any other.</summary>
        private static Diagnostic? Explain(GraphIndex index, BambooGateways gateways, PythonException e)
        {
            string? id = gateways.FailedGateway ?? e.NodeId;
            var place = new PythonErrors.Place(index)
            {
                Subject = GraphText.Describe(index, id),
                Targets = gateways.FailedTargets == null ? "" : string.Join(", ", gateways.FailedTargets.Select(t => t == null ? "(ignored: loops back)" : GraphText.Describe(index, t))),
                BlockId = gateways.FailedBlock,
                ToEnd = gateways.FailedTargets != null && gateways.FailedTargets.Contains(index.EndId),
            };
            return PythonErrors.Describe(PythonErrors.Gateways, e, place, id, GraphText.NodePath(index, id));
        }
    }
}
