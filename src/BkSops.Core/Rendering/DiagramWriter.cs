using System.Text;

namespace BkSops.Rendering
{
    /// <summary>
    /// The walk both diagram languages share: nodes outside any stage, then each stage as a group of its nodes, then
    /// every edge. A language says only how each of these is written and which characters its labels must escape.
    /// Node ids are n0, n1… (never user text).
    /// </summary>
    public abstract class DiagramWriter
    {
        public string Write(DiagramGraph graph)
        {
            var sb = new StringBuilder();
            BeginGraph(sb);
            var stages = graph.GroupByStage(out var unstaged);
            foreach (var node in unstaged) Node(sb, node, "  ");
            for (int i = 0; i < stages.Count; i++)
            {
                BeginStage(sb, i, stages[i].Key);
                foreach (var node in stages[i].Value) Node(sb, node, "    ");
                EndStage(sb);
            }
            foreach (var edge in graph.Edges) Edge(sb, edge);
            EndGraph(sb, graph);
            return sb.ToString();
        }

        /// <summary>
        /// Label text for inside the language's double quotes: the characters <see cref="EscapeOf"/> names are
        /// replaced, carriage returns dropped and other control characters written as spaces.
        /// </summary>
        public string Escape(string text)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                if (c == '\r') continue;
                string? escaped = EscapeOf(c);
                if (escaped != null) sb.Append(escaped);
                else sb.Append(c < ' ' ? ' ' : c);
            }
            return sb.ToString();
        }

        protected abstract void BeginGraph(StringBuilder sb);
        protected abstract void BeginStage(StringBuilder sb, int index, string name);
        protected abstract void EndStage(StringBuilder sb);
        protected abstract void Node(StringBuilder sb, DiagramNode node, string indent);
        protected abstract void Edge(StringBuilder sb, DiagramEdge edge);
        protected abstract void EndGraph(StringBuilder sb, DiagramGraph graph);

        /// <summary>What the language writes for <paramref name="c"/> inside a label; null to write it as it is.</summary>
        protected abstract string? EscapeOf(char c);
    }
}
