#nullable enable
using System.Collections.Generic;
using System.Text;

namespace BkSops.Rendering
{
    /// <summary>
    /// Mermaid flowchart text. Node ids are n0, n1… (never user text); every label is a quoted string in which the
    /// characters Mermaid gives a meaning (quotes, #, &amp;, &lt;, &gt;, backtick, |) are written as Mermaid entity
    /// codes (#34; …) and line breaks as &lt;br/&gt;.
    /// </summary>
    public static class MermaidWriter
    {
        public static string Write(DiagramGraph graph)
        {
            var sb = new StringBuilder();
            sb.Append("flowchart TD\n");
            var stages = graph.GroupByStage(out var unstaged);
            foreach (var node in unstaged) Node(sb, node, "  ");
            for (int i = 0; i < stages.Count; i++)
            {
                sb.Append("  subgraph stage").Append(i).Append("[\"").Append(Escape(stages[i].Key)).Append("\"]\n");
                foreach (var node in stages[i].Value) Node(sb, node, "    ");
                sb.Append("  end\n");
            }
            foreach (var edge in graph.Edges)
            {
                sb.Append("  n").Append(edge.Source.Index).Append(" -->");
                if (edge.Label != null) sb.Append("|\"").Append(Escape(edge.Label)).Append("\"|");
                sb.Append(" n").Append(edge.Target.Index).Append('\n');
            }
            var highlighted = new List<string>();
            foreach (var node in graph.Nodes) if (node.Highlighted) highlighted.Add("n" + node.Index);
            if (highlighted.Count > 0)
            {
                sb.Append("  classDef finding fill:#fde2e2,stroke:#c62828,stroke-width:3px\n");
                sb.Append("  class ").Append(string.Join(",", highlighted)).Append(" finding\n");
            }
            return sb.ToString();
        }

        private static void Node(StringBuilder sb, DiagramNode node, string indent)
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

        /// <summary>Label text for inside Mermaid's double quotes.</summary>
        public static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("#34;"); break;
                    case '#': sb.Append("#35;"); break;
                    case '&': sb.Append("#38;"); break;
                    case '<': sb.Append("#60;"); break;
                    case '>': sb.Append("#62;"); break;
                    case '`': sb.Append("#96;"); break;
                    case '|': sb.Append("#124;"); break;
                    case '\n': sb.Append("<br/>"); break;
                    case '\r': break;
                    default:
                        if (c < ' ') sb.Append(' ');
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
