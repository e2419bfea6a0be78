using System.Collections.Generic;
using BkSops.Model;

namespace BkSops.Rendering
{
    public enum DiagramFormat { Mermaid, Dot, Text }

    /// <summary>A drawing of a tree and what the reader should know about it.</summary>
    public sealed class DiagramResult
    {
        internal DiagramResult(string text, IReadOnlyList<string> warnings)
        {
            Text = text;
            Warnings = warnings;
        }

        public string Text { get; }
        public IReadOnlyList<string> Warnings { get; }
    }

    /// <summary>Draws a tree as Mermaid flowchart text, Graphviz DOT or an indented text tree.</summary>
    public static class DiagramRenderer
    {
        /// <summary>Stock Mermaid refuses flowcharts with more edges than this (its <c>maxEdges</c> setting).</summary>
        public const int MermaidMaxEdges = 500;

        public static DiagramResult Render(PipelineTree tree, DiagramFormat format, ICollection<string>? highlight = null, DiagramCollapse collapse = DiagramCollapse.None)
        {
            var full = DiagramGraph.From(tree, highlight);
            var graph = DiagramCollapser.Collapse(full, collapse);
            var warnings = new List<string>();
            string text;
            switch (format)
            {
                case DiagramFormat.Mermaid:
                    text = MermaidWriter.Instance.Write(graph);
                    if (graph.Edges.Count > MermaidMaxEdges) warnings.Add(TooManyEdges(full, graph, collapse));
                    break;
                case DiagramFormat.Dot: text = DotWriter.Instance.Write(graph); break;
                default: text = TextTreeWriter.Write(graph); break;
            }
            return new DiagramResult(text, warnings);
        }

        /// <summary>The warning for a Mermaid diagram over the limit, with the folded view that fits if there is one.</summary>
        private static string TooManyEdges(DiagramGraph full, DiagramGraph drawn, DiagramCollapse collapse)
        {
            string text = $"The diagram has {drawn.Edges.Count} edges; stock Mermaid refuses flowcharts with more than {MermaidMaxEdges}.";
            foreach (var mode in new[] { DiagramCollapse.Runs, DiagramCollapse.Stages })
            {
                if (mode <= collapse) continue;
                int edges = DiagramCollapser.Collapse(full, mode).Edges.Count;
                if (edges <= MermaidMaxEdges)
                    return text + $" -Collapse {mode} draws it with {edges} edges; or raise Mermaid's maxEdges setting, or draw it with -Format Dot.";
            }
            return text + (collapse == DiagramCollapse.Stages ? " Even with each stage folded it is over the limit:" : " Folding runs of steps or whole stages (-Collapse) does not bring it under the limit:")
                + " raise Mermaid's maxEdges setting, or draw it with -Format Dot.";
        }
    }
}
