using System.Text;

namespace BkSops.Rendering
{
    /// <summary>
    /// Graphviz DOT text. Labels are DOT strings with backslashes and quotes escaped and line breaks as \n; stages are
    /// clusters.
    /// </summary>
    public sealed class DotWriter : DiagramWriter
    {
        public static readonly DotWriter Instance = new DotWriter();

        private DotWriter() { }

        protected override void BeginGraph(StringBuilder sb)
        {
            sb.Append("digraph pipeline {\n");
            sb.Append("  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        }

        protected override void BeginStage(StringBuilder sb, int index, string name) =>
            sb.Append("  subgraph cluster_").Append(index).Append(" {\n    label=\"").Append(Escape(name)).Append("\";\n    style=dashed;\n");

        protected override void EndStage(StringBuilder sb) => sb.Append("  }\n");

        protected override void Node(StringBuilder sb, DiagramNode node, string indent)
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

        protected override void Edge(StringBuilder sb, DiagramEdge edge)
        {
            sb.Append("  n").Append(edge.Source.Index).Append(" -> n").Append(edge.Target.Index);
            if (edge.Label != null) sb.Append(" [label=\"").Append(Escape(edge.Label)).Append("\"]");
            sb.Append(";\n");
        }

        protected override void EndGraph(StringBuilder sb, DiagramGraph graph) => sb.Append("}\n");

        protected override string? EscapeOf(char c)
        {
            switch (c)
            {
                case '\\': return "\\\\";
                case '"': return "\\\"";
                case '\n': return "\\n";
                default: return null;
            }
        }
    }
}
