#nullable enable
using System.Collections.Generic;
using System.Text;

namespace BkSops.Rendering
{
    /// <summary>
    /// Graphviz DOT text. Node ids are n0, n1… (never user text); labels are DOT strings with backslashes and quotes
    /// escaped and line breaks as \n; stages are clusters.
    /// </summary>
    public static class DotWriter
    {
        public static string Write(DiagramGraph graph)
        {
            var sb = new StringBuilder();
            sb.Append("digraph pipeline {\n");
            sb.Append("  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
            var stages = graph.GroupByStage(out var unstaged);
            foreach (var node in unstaged) Node(sb, node, "  ");
            for (int i = 0; i < stages.Count; i++)
            {
                sb.Append("  subgraph cluster_").Append(i).Append(" {\n    label=\"").Append(Escape(stages[i].Key)).Append("\";\n    style=dashed;\n");
                foreach (var node in stages[i].Value) Node(sb, node, "    ");
                sb.Append("  }\n");
            }
            foreach (var edge in graph.Edges)
            {
                sb.Append("  n").Append(edge.Source.Index).Append(" -> n").Append(edge.Target.Index);
                if (edge.Label != null) sb.Append(" [label=\"").Append(Escape(edge.Label)).Append("\"]");
                sb.Append(";\n");
            }
            sb.Append("}\n");
            return sb.ToString();
        }

        private static void Node(StringBuilder sb, DiagramNode node, string indent)
        {
            string shape;
            switch (node.Kind)
            {
                case DiagramNodeKind.Start: shape = "shape=circle"; break;
                case DiagramNodeKind.End: shape = "shape=doublecircle"; break;
                case DiagramNodeKind.SubProcess: shape = "shape=box, peripheries=2"; break;
                case DiagramNodeKind.Exclusive: shape = "shape=diamond"; break;
                case DiagramNodeKind.Parallel: shape = "shape=hexagon"; break;
                case DiagramNodeKind.ConditionalParallel: shape = "shape=trapezium"; break;
                case DiagramNodeKind.Converge: shape = "shape=invtrapezium"; break;
                case DiagramNodeKind.Unknown: shape = "shape=note"; break;
                case DiagramNodeKind.Folded: shape = "shape=box3d"; break;
                default: shape = "shape=box, style=rounded"; break;
            }
            sb.Append(indent).Append('n').Append(node.Index).Append(" [label=\"").Append(Escape(DiagramGraph.TextOf(node))).Append("\", ").Append(shape);
            if (node.Highlighted) sb.Append(", color=\"#c62828\", penwidth=3");
            sb.Append("];\n");
        }

        /// <summary>Text for inside a DOT double-quoted string.</summary>
        public static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '"': sb.Append("\\\""); break;
                    case '\n': sb.Append("\\n"); break;
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
