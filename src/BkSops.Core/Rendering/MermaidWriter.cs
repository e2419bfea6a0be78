using System.Collections.Generic;
using System.Text;

namespace BkSops.Rendering
{
    /// <summary>
    /// Mermaid flowchart text. Every label is a quoted string in which the characters Mermaid gives a meaning (quotes,
    /// #, &amp;, &lt;, &gt;, backtick, |) are written as Mermaid entity codes (#34; …) and line breaks as &lt;br/&gt;.
    /// </summary>
    public sealed class MermaidWriter : DiagramWriter
    {
        public static readonly MermaidWriter Instance = new MermaidWriter();

        private MermaidWriter() { }

        protected override void BeginGraph(StringBuilder sb) => sb.Append("flowchart TD\n");

        protected override void BeginStage(StringBuilder sb, int index, string name) =>
            sb.Append("  subgraph stage").Append(index).Append("[\"").Append(Escape(name)).Append("\"]\n");

        protected override void EndStage(StringBuilder sb) => sb.Append("  end\n");

        protected override void Node(StringBuilder sb, DiagramNode node, string indent)
        {
            string open, close;
            switch (node.Kind)
            {
                case DiagramNodeKind.Start: open = "(("; close = "))"; break;
                case DiagramNodeKind.End: open = "((("; close = ")))"; break;
                case DiagramNodeKind.SubProcess: open = "[["; close = "]]"; break;
                case DiagramNodeKind.Exclusive: open = "{"; close = "}"; break;
                case DiagramNodeKind.Parallel: open = "{{"; close = "}}"; break;
                case DiagramNodeKind.ConditionalParallel: open = "[/"; close = "\\]"; break;
                case DiagramNodeKind.Converge: open = "[\\"; close = "/]"; break;
                case DiagramNodeKind.Unknown: open = ">"; close = "]"; break;
                case DiagramNodeKind.Folded: open = "(["; close = "])"; break;
                default: open = "["; close = "]"; break;
            }
            sb.Append(indent).Append('n').Append(node.Index).Append(open).Append('"').Append(Escape(DiagramGraph.TextOf(node))).Append('"').Append(close).Append('\n');
        }

        protected override void Edge(StringBuilder sb, DiagramEdge edge)
        {
            sb.Append("  n").Append(edge.Source.Index).Append(" -->");
            if (edge.Label != null) sb.Append("|\"").Append(Escape(edge.Label)).Append("\"|");
            sb.Append(" n").Append(edge.Target.Index).Append('\n');
        }

        /// <summary>Mermaid has no per-node colour attribute: the highlighted nodes share one class.</summary>
        protected override void EndGraph(StringBuilder sb, DiagramGraph graph)
        {
            var highlighted = new List<string>();
            foreach (var node in graph.Nodes) if (node.Highlighted) highlighted.Add("n" + node.Index);
            if (highlighted.Count == 0) return;
            sb.Append("  classDef finding fill:#fde2e2,stroke:#c62828,stroke-width:3px\n");
            sb.Append("  class ").Append(string.Join(",", highlighted)).Append(" finding\n");
        }

        protected override string? EscapeOf(char c)
        {
            switch (c)
            {
                case '"': return "#34;";
                case '#': return "#35;";
                case '&': return "#38;";
                case '<': return "#60;";
                case '>': return "#62;";
                case '`': return "#96;";
                case '|': return "#124;";
                case '\n': return "<br/>";
                default: return null;
            }
        }
    }
}
