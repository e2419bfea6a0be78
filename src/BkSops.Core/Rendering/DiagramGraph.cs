using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Rendering
{
    /// <summary>The kinds of node a diagram draws, each with its own shape.</summary>
    public enum DiagramNodeKind { Start, End, Activity, SubProcess, Exclusive, Parallel, ConditionalParallel, Converge, Unknown, Folded }

    /// <summary>A node of a diagram: its tree id, its label, its kind and stage, and whether it is highlighted.</summary>
    public sealed class DiagramNode
    {
        internal DiagramNode(int index, string id, string? label, DiagramNodeKind kind, string? stage, string? code)
        {
            Index = index;
            Id = id;
            Label = label;
            Kind = kind;
            Stage = stage;
            Code = code;
        }

        /// <summary>Position in the diagram (the diagram's own id is built from it, never from user text).</summary>
        public int Index { get; }
        public string Id { get; }
        public string? Label { get; }
        public DiagramNodeKind Kind { get; }
        public string? Stage { get; }
        public string? Code { get; }
        public bool Highlighted { get; internal set; }
        /// <summary>How many nodes of the tree this node stands for (more than 1 for a folded node).</summary>
        public int Folds { get; internal set; } = 1;
        internal readonly List<DiagramEdge> Out = new List<DiagramEdge>(1);
        internal int InCount;
    }

    /// <summary>An edge with its label: the gateway condition, "default", or null.</summary>
    public sealed class DiagramEdge
    {
        internal DiagramEdge(DiagramNode source, DiagramNode target, string? label)
        {
            Source = source;
            Target = target;
            Label = label;
        }

        public DiagramNode Source { get; }
        public DiagramNode Target { get; }
        public string? Label { get; }
    }

    /// <summary>
    /// What a diagram shows of a tree, read once for every format: nodes in tree order (start, activities, gateways,
    /// end), edges from the flows with their conditions. Tolerant of broken trees: a flow whose ends are unknown draws
    /// an "unknown" node, so a tree the validator refuses can still be drawn.
    /// </summary>
    public sealed class DiagramGraph
    {
        private readonly Dictionary<string, DiagramNode> byId = new Dictionary<string, DiagramNode>(StringComparer.Ordinal);

        public List<DiagramNode> Nodes { get; } = new List<DiagramNode>();
        public List<DiagramEdge> Edges { get; } = new List<DiagramEdge>();
        public DiagramNode? Start { get; private set; }

        public static DiagramGraph From(PipelineTree tree, ICollection<string>? highlight = null)
        {
            var graph = new DiagramGraph();
            var root = tree.Root;
            if (root["start_event"] is JsonObject start) graph.Start = graph.Add(IdOf(start, "start_event"), "Start", DiagramNodeKind.Start, null, null);
            foreach (var a in tree.Activities)
                graph.Add(a.Key, a.Name ?? a.Key, a.Type == "SubProcess" ? DiagramNodeKind.SubProcess : DiagramNodeKind.Activity, NullIfEmpty(a.StageName), a.Code);
            var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var g in tree.Gateways)
            {
                graph.Add(g.Key, g.Name, KindOf(g.Type), null, null);
                foreach (var c in g.Conditions) conditions[g.Key + "\n" + c.Key] = c.Value;
                if (g.DefaultFlowId != null) conditions[g.Key + "\n" + g.DefaultFlowId] = "default";
            }
            if (root["end_event"] is JsonObject end) graph.Add(IdOf(end, "end_event"), "End", DiagramNodeKind.End, null, null);
            foreach (var f in tree.Flows)
            {
                if (f.Source == null || f.Target == null) continue;
                var source = graph.Find(f.Source);
                var target = graph.Find(f.Target);
                conditions.TryGetValue(f.Source + "\n" + f.Key, out string? label);
                var edge = new DiagramEdge(source, target, label);
                graph.Edges.Add(edge);
                source.Out.Add(edge);
                target.InCount++;
            }
            if (highlight != null)
                foreach (var node in graph.Nodes)
                    node.Highlighted = highlight.Contains(node.Id) || (node.Kind != DiagramNodeKind.Start && node.Kind != DiagramNodeKind.End && node.Label != null && highlight.Contains(node.Label));
            return graph;
        }

        private static string IdOf(JsonObject node, string fallback) => node["id"] is JsonString s ? s.Value : fallback;

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

        private static DiagramNodeKind KindOf(string? type)
        {
            switch (type)
            {
                case "ExclusiveGateway": return DiagramNodeKind.Exclusive;
                case "ParallelGateway": return DiagramNodeKind.Parallel;
                case "ConditionalParallelGateway": return DiagramNodeKind.ConditionalParallel;
                case "ConvergeGateway": return DiagramNodeKind.Converge;
                default: return DiagramNodeKind.Unknown;
            }
        }

        private DiagramNode Add(string id, string? label, DiagramNodeKind kind, string? stage, string? code)
        {
            if (byId.TryGetValue(id, out var existing)) return existing;
            var node = new DiagramNode(Nodes.Count, id, label, kind, stage, code);
            Nodes.Add(node);
            byId[id] = node;
            return node;
        }

        /// <summary>A copy of a node of another graph (for folding).</summary>
        internal DiagramNode AddCopy(DiagramNode node)
        {
            var copy = new DiagramNode(Nodes.Count, node.Id, node.Label, node.Kind, node.Stage, node.Code) { Highlighted = node.Highlighted };
            Nodes.Add(copy);
            if (node.Kind == DiagramNodeKind.Start) Start = copy;
            return copy;
        }

        /// <summary>A node standing for <paramref name="folds"/> nodes of the tree.</summary>
        internal DiagramNode AddFolded(string id, string label, string? stage, bool highlighted, int folds)
        {
            var node = new DiagramNode(Nodes.Count, id, label, DiagramNodeKind.Folded, stage, null) { Highlighted = highlighted, Folds = folds };
            Nodes.Add(node);
            return node;
        }

        internal void AddEdge(DiagramNode source, DiagramNode target, string? label)
        {
            var edge = new DiagramEdge(source, target, label);
            Edges.Add(edge);
            source.Out.Add(edge);
            target.InCount++;
        }

        /// <summary>The source of the one edge into <paramref name="node"/> (null when it has not exactly one).</summary>
        internal DiagramNode? SingleSourceOf(DiagramNode node)
        {
            if (singleSource == null)
            {
                singleSource = new DiagramNode?[Nodes.Count];
                foreach (var edge in Edges) singleSource[edge.Target.Index] = edge.Target.InCount == 1 ? edge.Source : null;
            }
            return node.Index < singleSource.Length ? singleSource[node.Index] : null;
        }

        private DiagramNode?[]? singleSource;

        private DiagramNode Find(string id) => byId.TryGetValue(id, out var node) ? node : Add(id, id, DiagramNodeKind.Unknown, null, null);

        /// <summary>
        /// The nodes that belong to no stage, in graph order, and the stages (clusters) in the order they first
        /// appear, each with its nodes in graph order.
        /// </summary>
        public List<KeyValuePair<string, List<DiagramNode>>> GroupByStage(out List<DiagramNode> unstaged)
        {
            unstaged = new List<DiagramNode>();
            var stages = new List<KeyValuePair<string, List<DiagramNode>>>();
            var byName = new Dictionary<string, List<DiagramNode>>(StringComparer.Ordinal);
            foreach (var node in Nodes)
            {
                if (node.Stage == null) { unstaged.Add(node); continue; }
                if (!byName.TryGetValue(node.Stage, out var list))
                {
                    byName[node.Stage] = list = new List<DiagramNode>();
                    stages.Add(new KeyValuePair<string, List<DiagramNode>>(node.Stage, list));
                }
                list.Add(node);
            }
            return stages;
        }

        /// <summary>The text a node shows: its name, or its kind for unnamed gateways.</summary>
        public static string TextOf(DiagramNode node)
        {
            if (node.Label is string label && label.Length > 0) return label;
            switch (node.Kind)
            {
                case DiagramNodeKind.Exclusive: return "exclusive";
                case DiagramNodeKind.Parallel: return "parallel";
                case DiagramNodeKind.ConditionalParallel: return "conditional parallel";
                case DiagramNodeKind.Converge: return "converge";
                default: return node.Id;
            }
        }
    }
}
