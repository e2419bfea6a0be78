using System.Collections.Generic;
using System.Linq;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// Warnings for parts of a tree the server accepts but never runs: flows in <c>flows</c> that no node lists in
    /// its outgoing/incoming (the server ignores them after the layout), and nodes the start event does not lead to.
    /// </summary>
    public sealed class UnreachableStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            if (!context.Graph.LayoutSucceeded.Value) return;
            var index = GraphIndex.Of(context);
            if (index.WellFormed) return; // every flow listed by both its ends, every node reached from the start event
            foreach (var flow in index.FlowList)
            {
                var source = index.Node(flow.Source);
                var target = index.Node(flow.Target);
                if (source == null || target == null) continue;
                bool listedOut = source.Outgoing.Contains(flow.Id), listedIn = target.Incoming.Contains(flow.Id);
                if (listedOut && listedIn) continue;
                context.Report(new Diagnostic
                {
                    RuleName = Rules.UnreachableFlow.Name,
                    Severity = Severity.Warning,
                    NodeId = flow.Id,
                    Path = flow.Path,
                    Message = $"Flow '{flow.Id}' ({flow.Source} -> {flow.Target}) is not in the {(listedOut ? "incoming of its target" : listedIn ? "outgoing of its source" : "outgoing of its source nor the incoming of its target")}, so no task ever takes it. The server accepts it here only because its layout happens not to move it.",
                    Hint = $"Remove the flow, or list it in the outgoing of '{flow.Source}' and the incoming of '{flow.Target}'.",
                }, flow.Data);
            }
            if (context.HasError) return;
            var reached = new HashSet<string>();
            var queue = new Queue<string>();
            if (index.StartId != null && reached.Add(index.StartId)) queue.Enqueue(index.StartId);
            while (queue.Count > 0)
            {
                var node = index.Node(queue.Dequeue());
                if (node == null) continue;
                foreach (var flowId in node.Outgoing)
                {
                    var target = index.Flow(flowId)?.Target;
                    if (target != null && reached.Add(target)) queue.Enqueue(target);
                }
            }
            foreach (var node in index.NodeList)
            {
                if (reached.Contains(node.Id)) continue;
                context.Report(new Diagnostic
                {
                    RuleName = Rules.UnreachableNode.Name,
                    Severity = Severity.Warning,
                    NodeId = node.Id,
                    Path = node.Path,
                    Message = $"{MessageText.Capitalize(GraphText.Describe(index, node.Id))} cannot be reached from the start event; it would never run.",
                    Hint = "Connect it into the flow from the start event, or remove it.",
                }, node.Data);
            }
        }
    }
}
