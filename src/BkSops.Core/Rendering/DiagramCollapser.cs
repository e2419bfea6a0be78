using System.Collections.Generic;

namespace BkSops.Rendering
{
    /// <summary>What a collapsed diagram folds into one node.</summary>
    public enum DiagramCollapse
    {
        /// <summary>Every node drawn.</summary>
        None,
        /// <summary>Each run of two or more consecutive activities of one stage becomes one node.</summary>
        Runs,
        /// <summary>Each stage becomes one node (with the gateway blocks inside it); runs outside stages are folded too.</summary>
        Stages,
    }

    /// <summary>
    /// Folds a diagram graph so that big trees fit a renderer's limits (stock Mermaid draws at most 500 edges): groups of
    /// nodes become one node saying how many steps it holds and which are first and last; edges inside a group vanish,
    /// edges between groups are drawn once. Iterative and linear in the size of the graph.
    /// </summary>
    public static class DiagramCollapser
    {
        public static DiagramGraph Collapse(DiagramGraph graph, DiagramCollapse mode)
        {
            if (mode == DiagramCollapse.None) return graph;
            var group = new int[graph.Nodes.Count];
            for (int i = 0; i < group.Length; i++) group[i] = -1;
            var groups = new List<List<DiagramNode>>();
            var stageNames = new List<string?>();
            if (mode == DiagramCollapse.Stages) GroupStages(graph, group, groups, stageNames);
            GroupRuns(graph, group, groups, stageNames);
            return Build(graph, group, groups, stageNames);
        }

        private static bool IsStep(DiagramNode node) => node.Kind == DiagramNodeKind.Activity || node.Kind == DiagramNodeKind.SubProcess;

        private static bool IsGateway(DiagramNode node) =>
            node.Kind == DiagramNodeKind.Exclusive || node.Kind == DiagramNodeKind.Parallel || node.Kind == DiagramNodeKind.ConditionalParallel || node.Kind == DiagramNodeKind.Converge;

        private static void GroupStages(DiagramGraph graph, int[] group, List<List<DiagramNode>> groups, List<string?> stageNames)
        {
            var byStage = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (var node in graph.Nodes)
            {
                if (node.Stage == null || !IsStep(node)) continue;
                if (!byStage.TryGetValue(node.Stage, out int g))
                {
                    byStage[node.Stage] = g = groups.Count;
                    groups.Add(new List<DiagramNode>());
                    stageNames.Add(node.Stage);
                }
                group[node.Index] = g;
                groups[g].Add(node);
            }
            // A gateway whose every neighbour lies in one stage is part of that stage (a block inside it). Absorbing one
            // can make its neighbour gateways absorbable: a worklist, each gateway revisited when a neighbour joins.
            var incoming = Incoming(graph);
            var work = new Queue<DiagramNode>();
            foreach (var node in graph.Nodes) if (IsGateway(node)) work.Enqueue(node);
            while (work.Count > 0)
            {
                var node = work.Dequeue();
                if (group[node.Index] >= 0) continue;
                int stage = -1;
                bool one = true;
                foreach (var neighbour in Neighbours(node, incoming))
                {
                    int g = group[neighbour.Index];
                    if (g < 0 || stageNames[g] == null || (stage >= 0 && g != stage)) { one = false; break; }
                    stage = g;
                }
                if (!one || stage < 0) continue;
                group[node.Index] = stage;
                groups[stage].Add(node);
                foreach (var neighbour in Neighbours(node, incoming))
                    if (IsGateway(neighbour) && group[neighbour.Index] < 0) work.Enqueue(neighbour);
            }
        }

        private static IEnumerable<DiagramNode> Neighbours(DiagramNode node, List<DiagramNode>[] incoming)
        {
            foreach (var edge in node.Out) yield return edge.Target;
            foreach (var source in incoming[node.Index]) yield return source;
        }

        private static List<DiagramNode>[] Incoming(DiagramGraph graph)
        {
            var incoming = new List<DiagramNode>[graph.Nodes.Count];
            for (int i = 0; i < incoming.Length; i++) incoming[i] = new List<DiagramNode>(1);
            foreach (var edge in graph.Edges) incoming[edge.Target.Index].Add(edge.Source);
            return incoming;
        }

        /// <summary>Runs: a step with one way out into a step with one way in (same stage) continues the run.</summary>
        private static void GroupRuns(DiagramGraph graph, int[] group, List<List<DiagramNode>> groups, List<string?> stageNames)
        {
            foreach (var head in graph.Nodes)
            {
                if (group[head.Index] >= 0 || !IsStep(head) || Continues(Previous(head, graph), head, group)) continue;
                var run = new List<DiagramNode> { head };
                var current = head;
                while (current.Out.Count == 1)
                {
                    var next = current.Out[0].Target;
                    if (next == head || !Continues(current, next, group)) break;
                    run.Add(next);
                    current = next;
                }
                if (run.Count < 2) continue;
                foreach (var node in run) group[node.Index] = groups.Count;
                groups.Add(run);
                stageNames.Add(null);
            }
        }

        private static DiagramNode? Previous(DiagramNode node, DiagramGraph graph) => node.InCount == 1 ? graph.SingleSourceOf(node) : null;

        private static bool Continues(DiagramNode? from, DiagramNode? to, int[] group) =>
            from != null && to != null && IsStep(from) && IsStep(to) && from.Out.Count == 1 && to.InCount == 1 && group[from.Index] < 0 && group[to.Index] < 0
            && string.Equals(from.Stage, to.Stage, System.StringComparison.Ordinal);

        private static DiagramGraph Build(DiagramGraph graph, int[] group, List<List<DiagramNode>> groups, List<string?> stageNames)
        {
            var folded = new DiagramGraph();
            var map = new DiagramNode[graph.Nodes.Count];
            var groupNodes = new DiagramNode?[groups.Count];
            foreach (var node in graph.Nodes)
            {
                int g = group[node.Index];
                if (g < 0)
                {
                    map[node.Index] = folded.AddCopy(node);
                    continue;
                }
                var made = groupNodes[g];
                if (made == null)
                {
                    var members = groups[g];
                    int steps = 0;
                    bool highlighted = false;
                    DiagramNode first = members[0], last = members[0];
                    bool anyStep = false;
                    foreach (var m in members)
                    {
                        highlighted |= m.Highlighted;
                        if (!IsStep(m)) continue;
                        steps++;
                        if (!anyStep) first = m;
                        anyStep = true;
                        last = m;
                    }
                    string label = stageNames[g] != null
                        ? $"stage {stageNames[g]}: {steps} steps\nfirst: {DiagramGraph.TextOf(first)}\nlast: {DiagramGraph.TextOf(last)}"
                        : $"{steps} steps\nfirst: {DiagramGraph.TextOf(first)}\nlast: {DiagramGraph.TextOf(last)}";
                    groupNodes[g] = made = folded.AddFolded(members[0].Id, label, stageNames[g] != null ? null : members[0].Stage, highlighted, members.Count);
                }
                map[node.Index] = made;
            }
            var seen = new HashSet<(int, int, string?)>();
            foreach (var edge in graph.Edges)
            {
                var source = map[edge.Source.Index];
                var target = map[edge.Target.Index];
                if (source == target && group[edge.Source.Index] >= 0) continue;
                if (!seen.Add((source.Index, target.Index, edge.Label))) continue;
                folded.AddEdge(source, target, edge.Label);
            }
            return folded;
        }
    }
}
