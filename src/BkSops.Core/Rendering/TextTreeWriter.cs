using System.Collections.Generic;
using System.Text;

namespace BkSops.Rendering
{
    /// <summary>
    /// A readable, indented text tree: the flow from the start event, each branch of a gateway indented under it with
    /// its condition, the converge gateway back at the gateway's level once every branch has reached it, and loops as
    /// "back to" lines. Iterative, so a 100,000-node chain costs heap, not stack.
    /// </summary>
    public static class TextTreeWriter
    {
        public static string Write(DiagramGraph graph)
        {
            var sb = new StringBuilder();
            var printed = new HashSet<DiagramNode>();
            var arrivals = new Dictionary<DiagramNode, int>();
            var waitingDepth = new Dictionary<DiagramNode, int>();
            var pending = new Stack<(DiagramNode Node, int Depth, string? Branch)>();
            if (graph.Start != null) pending.Push((graph.Start, 0, null));
            while (true)
            {
                while (pending.Count > 0)
                {
                    var (node, depth, branch) = pending.Pop();
                    if (printed.Contains(node))
                    {
                        Line(sb, depth, branch, $"back to '{DiagramGraph.TextOf(node)}'", false);
                        continue;
                    }
                    if (node.Kind == DiagramNodeKind.Converge && node.InCount > 1)
                    {
                        arrivals.TryGetValue(node, out int count);
                        arrivals[node] = ++count;
                        int joinDepth = depth > 0 ? depth - 1 : 0;
                        if (!waitingDepth.ContainsKey(node) || joinDepth < waitingDepth[node]) waitingDepth[node] = joinDepth;
                        if (count < node.InCount) continue;
                        depth = waitingDepth[node];
                        branch = null;
                    }
                    printed.Add(node);
                    Line(sb, depth, branch, Describe(node), node.Highlighted);
                    bool branching = node.Kind == DiagramNodeKind.Exclusive || node.Kind == DiagramNodeKind.Parallel || node.Kind == DiagramNodeKind.ConditionalParallel;
                    // Loops first, at once: pushed, they would wait until the rest of the flow is written.
                    for (int i = 0; i < node.Out.Count; i++)
                        if (branching && printed.Contains(node.Out[i].Target))
                            Line(sb, depth + 1, BranchText(node.Out[i], i), $"back to '{DiagramGraph.TextOf(node.Out[i].Target)}'", false);
                    for (int i = node.Out.Count - 1; i >= 0; i--)
                    {
                        var edge = node.Out[i];
                        if (branching && printed.Contains(edge.Target)) continue;
                        pending.Push(branching
                            ? (edge.Target, depth + 1, BranchText(edge, i))
                            : (edge.Target, depth, edge.Label));
                    }
                }
                // A converge some of whose flows never arrived (they come from a loop or from unreachable nodes): go on from it.
                DiagramNode? stuck = null;
                foreach (var waiting in waitingDepth.Keys)
                    if (!printed.Contains(waiting) && (stuck == null || waiting.Index < stuck.Index)) stuck = waiting;
                if (stuck == null) break;
                arrivals[stuck] = stuck.InCount - 1;
                pending.Push((stuck, waitingDepth[stuck] + 1, null));
            }
            foreach (var node in graph.Nodes)
                if (!printed.Contains(node)) Line(sb, 0, "unreachable", Describe(node), node.Highlighted);
            return sb.ToString();
        }

        private static string BranchText(DiagramEdge edge, int index) =>
            edge.Label == "default" ? "default" : edge.Label != null ? "if " + edge.Label : $"branch {index + 1}";

        private static string Describe(DiagramNode node)
        {
            string text = DiagramGraph.TextOf(node);
            switch (node.Kind)
            {
                case DiagramNodeKind.Activity: return text + (node.Code != null ? $" [{node.Code}]" : "") + (node.Stage != null ? $" (stage {node.Stage})" : "");
                case DiagramNodeKind.SubProcess: return text + " [sub-process]" + (node.Stage != null ? $" (stage {node.Stage})" : "");
                case DiagramNodeKind.Exclusive: return string.IsNullOrEmpty(node.Label) ? "exclusive gateway" : $"exclusive gateway '{text}'";
                case DiagramNodeKind.Parallel: return string.IsNullOrEmpty(node.Label) ? "parallel gateway" : $"parallel gateway '{text}'";
                case DiagramNodeKind.ConditionalParallel: return string.IsNullOrEmpty(node.Label) ? "conditional parallel gateway" : $"conditional parallel gateway '{text}'";
                case DiagramNodeKind.Converge: return string.IsNullOrEmpty(node.Label) ? "converge" : $"converge '{text}'";
                case DiagramNodeKind.Folded: return text.Replace("\n", "; ") + (node.Stage != null ? $" (stage {node.Stage})" : "");
                default: return text;
            }
        }

        private static void Line(StringBuilder sb, int depth, string? branch, string text, bool highlighted)
        {
            sb.Append(' ', depth * 2).Append("- ");
            if (branch != null) sb.Append('[').Append(OneLine(branch)).Append("] ");
            sb.Append(OneLine(text));
            if (highlighted) sb.Append("  (!)");
            sb.Append('\n');
        }

        private static string OneLine(string text) => text.IndexOf('\n') < 0 && text.IndexOf('\r') < 0 ? text : text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
    }
}
