using BkSops.Json;
using System.Collections.Generic;
using System.Linq;
using BkSops.Validation.Graph.Emulation;

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
            context.WritableEntries("gateways"); // converge_gateway_id is written (the connection stage made the copy already)
            var gateways = new BambooGateways(context.Work, keys);
            try
            {
                gateways.Run();
            }
            catch (PyException e)
            {
                facts.GatewayNesting.Set(gateways.MaxNesting);
                var d = e.Kind == PyErrorKind.Pipeline ? Explain(index, gateways, e, keys) : null;
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
            JsonObject gateways = null;
            for (int n = graph.FirstGateway; n < graph.Count; n++)
            {
                int converge = result.Matches[n];
                if (converge < 0) continue;
                if (gateways == null) gateways = context.WritableEntries("gateways", TreeReads.ConvergeGatewayId);
                // The copy keeps the dict's order, so the gateway is at its place in the numbering.
                var entry = gateways.Properties[n - graph.FirstGateway];
                var gateway = (JsonObject)(entry.Name == graph.Keys[n] ? entry.Value : gateways[graph.Keys[n]]);
                gateway.Set("converge_gateway_id", new JsonString(graph.Keys[converge]));
                matches[graph.Keys[n]] = graph.Keys[converge];
            }
            var facts = context.Graph;
            facts.GatewayNesting.Set(result.MaxNesting);
            facts.Converges.Set(matches);
            facts.FastGateways.Set(result);
            facts.GatewaysSucceeded.Set(true);
        }

        private static Diagnostic Explain(GraphIndex index, BambooGateways gateways, PyException e, PyKeys keys)
        {
            string id = gateways.FailedGateway ?? e.NodeId;
            string who = GraphText.Describe(index, id);
            string targets = gateways.FailedTargets == null ? "" : string.Join(", ", gateways.FailedTargets.Select(t => t == null ? "(ignored: loops back)" : GraphText.Describe(index, t)));
            var d = new Diagnostic { Severity = Severity.Error, NodeId = id, Path = GraphText.NodePath(index, id) };
            switch (e.Text)
            {
                case BambooGateways.Unreachable:
                    d.RuleName = Rules.GatewayUnreachable.Name;
                    d.Message = $"{MessageText.Capitalize(who)} cannot be reached from the start event: every path into it comes round from itself or from nodes the start event does not lead to.";
                    d.Hint = "Connect the gateway into the flow from the start event.";
                    break;
                case BambooGateways.BranchInParallel:
                    d.RuleName = Rules.ExclusiveInParallelMustConverge.Name;
                    d.Message = $"{MessageText.Capitalize(who)} lies inside a branch of a parallel gateway, and one of its branches goes to the end event or back to a gateway outside its block. Inside a parallel block, every branch of a branch gateway must converge.";
                    d.Hint = "Converge all branches of the gateway on one ConvergeGateway before the parallel block converges.";
                    break;
                case BambooGateways.DifferentConverges:
                    d.RuleName = Rules.ConvergeMismatch.Name;
                    d.Message = $"The branches of {who} reach different converge gateways first ({targets}). All branches of an exclusive gateway must meet at the same ConvergeGateway.";
                    d.Hint = "Route every branch to one ConvergeGateway (branches to the end event are allowed outside parallel blocks).";
                    break;
                case BambooGateways.ConvergeShared:
                    d.RuleName = Rules.ConvergeSharedByParallels.Name;
                    d.Message = $"{MessageText.Capitalize(who)} collects branches of more than one parallel gateway (the last one checked was {GraphText.Describe(index, gateways.FailedBlock)}). A converge gateway may close only one parallel block.";
                    d.Hint = "Give each parallel gateway its own ConvergeGateway.";
                    break;
                case BambooGateways.ConvergeMissing:
                    d.RuleName = Rules.ConvergeMissingBranches.Name;
                    d.Message = $"{MessageText.Capitalize(who)} has fewer incoming flows than {GraphText.Describe(index, gateways.FailedBlock)} has branches: some branch of the parallel block bypasses it.";
                    d.Hint = "Lead every branch of the parallel gateway into its ConvergeGateway.";
                    break;
                default:
                    if (!e.Text.StartsWith("非法网关", System.StringComparison.Ordinal)) return null;
                    bool toEnd = gateways.FailedTargets != null && gateways.FailedTargets.Contains(index.EndId);
                    d.RuleName = toEnd ? Rules.ParallelBranchToEnd.Name : Rules.InvalidGatewayBranches.Name;
                    d.Message = toEnd
                        ? $"A branch of {who} goes to the end event instead of its converge gateway (branches reach: {targets}). Every branch of a parallel gateway must reach the same ConvergeGateway."
                        : $"The branches of {who} do not all reach one converge gateway (they reach: {targets}). Every branch of a parallel gateway must reach the same ConvergeGateway, and may not loop back.";
                    d.Hint = "Lead every branch of the parallel gateway into one ConvergeGateway.";
                    break;
            }
            return d.InvalidTree(e.Text);
        }

    }
}
