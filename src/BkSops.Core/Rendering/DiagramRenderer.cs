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

        public static DiagramResult Render(PipelineTree tree, DiagramFormat format, ICollection<string> highlight = null)
        {
            var graph = DiagramGraph.From(tree, highlight);
            var warnings = new List<string>();
            string text;
            switch (format)
            {
                case DiagramFormat.Mermaid:
                    text = MermaidWriter.Write(graph);
                    if (graph.Edges.Count > MermaidMaxEdges)
                        warnings.Add($"The diagram has {graph.Edges.Count} edges; stock Mermaid refuses flowcharts with more than {MermaidMaxEdges} (raise its maxEdges setting, or draw the tree with -Format Dot).");
                    break;
                case DiagramFormat.Dot: text = DotWriter.Write(graph); break;
                default: text = TextTreeWriter.Write(graph); break;
            }
            return new DiagramResult(text, warnings);
        }
    }
}
