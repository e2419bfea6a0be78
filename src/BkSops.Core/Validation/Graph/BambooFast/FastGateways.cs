using System.Collections.Generic;
using BkSops.Validation.Graph.Bamboo;

namespace BkSops.Validation.Graph.BambooFast
{
    /// <summary>
    /// <see cref="BambooGateways"/> on a <see cref="BambooGraph"/>: the same steps in the same order (targets through
    /// activities, distance from the start with upstream's memo and visited set, match_converge with its mutable
    /// target lists, block and converged bookkeeping), on node numbers instead of Python values. It answers only when
    /// validate_gateways succeeds; on any path where upstream raises (or the emulation reports a hang) it gives up and
    /// <see cref="BambooGateways"/> runs to find the exact error.
    /// Full emulation it is the twin of: <see cref="Bamboo.BambooGateways"/> (both must agree; BambooFastPathTests runs both on the same trees).
    /// </summary>
    internal sealed partial class FastGateways
    {
        /// <summary>The outcome of a successful validate_gateways.</summary>
        public sealed class Result
        {
            /// <summary>By node: the converge gateway a branch gateway matched, -1 for none (and for other nodes).</summary>
            public required int[] Matches;

            /// <summary>The deepest nesting of branch gateways met while matching.</summary>
            public int MaxNesting;
        }

        private readonly BambooGraph g;
        /// <summary>Python's None in the bookkeeping arrays indexed by node (block members, converged lists).</summary>
        private readonly int none;
        /// <summary>Every gateway's branch targets (indexed like <see cref="BambooGraph.OutTargets"/>), changed by the matching as upstream changes its lists.</summary>
        private readonly int[] target;
        private readonly int[] distance;
        private readonly int[] positiveIn;
        private readonly int[] match;
        private readonly bool[] share;
        private int maxNesting;

        private FastGateways(BambooGraph graph)
        {
            g = graph;
            none = g.Count;
            target = new int[g.OutTargets.Length];
            positiveIn = new int[g.Count];
            share = new bool[g.Count];
            distance = BambooGraph.Filled(g.Count, -1);
            match = BambooGraph.Filled(g.Count, -1);
            visitedIn = new int[g.Count];
            frameNode = new int[16];
            frameNext = new int[16];
            frameMax = new int[16];
            // The matching's bookkeeping (FastGateways.Match.cs), with slot `none` for Python's None.
            firstBlock = BambooGraph.Filled(g.Count + 1, -1);
            inSeveralBlocks = new bool[g.Count + 1];
            convergedMembers = new int[g.Count + 1];
            convergedParallels = new int[g.Count + 1];
            stackAt = BambooGraph.Filled(g.Count, -1);
            parallelsBelow = new int[g.Count + 1];
            frameGateway = new int[16];
            frameBranch = new int[16];
            frameState = new int[16];
            frameLoops = new int[16];
            frameFirstLoop = new int[16];
            frameSeen = new Dictionary<int, int>?[16];
        }

        /// <summary>The result of validate_gateways, or null when it raises (or this path cannot tell).</summary>
        public static Result? Run(BambooGraph graph)
        {
            if (graph.FirstGateway == graph.Count) return new Result { Matches = BambooGraph.Filled(graph.Count, -1) };
            return new FastGateways(graph).Run();
        }

        private Result? Run()
        {
            for (int gw = g.FirstGateway; gw < g.Count; gw++)
            {
                for (int i = g.OutStart[gw]; i < g.OutStart[gw + 1]; i++)
                    if ((target[i] = FirstGatewayOrEnd(g.OutTargets[i])) < 0) return null;
                if (DistanceFromStart(gw) <= 0) return null;
            }
            for (int gw = g.FirstGateway; gw < g.Count; gw++)
            {
                for (int i = g.OutStart[gw]; i < g.OutStart[gw + 1]; i++)
                {
                    int t = target[i];
                    if (g.IsConverge(t) && distance[t] > distance[gw]) positiveIn[t]++;
                }
            }
            foreach (int gw in SortedByDistance())
            {
                if (g.Keys[gw].IndexOf("match", System.StringComparison.Ordinal) >= 0) continue; // upstream: `"match" in gw` on the key
                if (!MatchConverge(gw)) return null;
            }
            return new Result { Matches = match, MaxNesting = maxNesting };
        }

        /// <summary>The branch gateways in order of distance, ties in the dict's order (Python's sort is stable).</summary>
        private int[] SortedByDistance()
        {
            int count = 0;
            for (int gw = g.FirstGateway; gw < g.Count; gw++) if (g.IsBranchGateway(gw)) count++;
            var keys = new long[count];
            count = 0;
            for (int gw = g.FirstGateway; gw < g.Count; gw++)
                if (g.IsBranchGateway(gw)) keys[count++] = (long)distance[gw] * g.Count + gw;
            System.Array.Sort(keys);
            var order = new int[count];
            for (int i = 0; i < count; i++) order[i] = (int)(keys[i] % g.Count);
            return order;
        }

        // ---- targets: through activities to the first other node ----

        /// <summary>Per activity, the node its chain of activities leads to (-1: not known yet); made on first use, with <see cref="onPath"/>.</summary>
        private int[]? resolved, onPath;
        private int pathStamp;

        /// <summary>
        /// Follows activities' outgoing flows from <paramref name="node"/> to the first node that is not an activity;
        /// -1 when an activity's outgoing is not one flow id or the activities loop. Results are remembered per activity.
        /// </summary>
        private int FirstGatewayOrEnd(int node)
        {
            if (!g.IsActivity(node)) return node;
            if (resolved == null || onPath == null) // made together
            {
                resolved = BambooGraph.Filled(g.Count, -1);
                onPath = new int[g.Count];
            }
            pathStamp++;
            int first = node, end = node;
            while (g.IsActivity(end) && resolved[end] < 0)
            {
                if (onPath[end] == pathStamp) return -1;
                onPath[end] = pathStamp;
                end = g.ActivityNext[end];
                if (end < 0) return -1;
            }
            if (g.IsActivity(end)) end = resolved[end];
            for (int a = first; g.IsActivity(a) && resolved[a] < 0; a = g.ActivityNext[a]) resolved[a] = end;
            return end;
        }

        // ---- distance_from(origin=start, node=gateway) ----

        private int[] visitedIn, frameNode, frameNext, frameMax;
        private int visitStamp;
        private const int Pushed = -2;

        /// <summary>Upstream's distance (-1 for None): longest over incoming flows, nodes seen in this call count as no path, memoised across calls.</summary>
        private int DistanceFromStart(int gateway)
        {
            visitStamp++;
            int top = -1;
            int first = EnterDistance(gateway, ref top);
            if (first != Pushed) return first;
            while (true)
            {
                int node = frameNode[top];
                if (frameNext[top] < g.InCount(node))
                {
                    int previous = g.InSources[g.InStart[node] + frameNext[top]++];
                    int d = EnterDistance(previous, ref top);
                    if (d != Pushed) Offer(top, d);
                    continue;
                }
                int result = frameMax[top--];
                if (result >= 0) distance[node] = result;
                if (top < 0) return result;
                Offer(top, result);
            }
        }

        private void Offer(int frame, int d)
        {
            if (d >= 0 && d + 1 > frameMax[frame]) frameMax[frame] = d + 1;
        }

        private int EnterDistance(int node, ref int top)
        {
            if (distance[node] >= 0) return distance[node];
            if (node == BambooGraph.StartNode) return 0;
            if (visitedIn[node] == visitStamp) return -1;
            visitedIn[node] = visitStamp;
            if (++top == frameNode.Length)
            {
                System.Array.Resize(ref frameNode, top * 2);
                System.Array.Resize(ref frameNext, top * 2);
                System.Array.Resize(ref frameMax, top * 2);
            }
            frameNode[top] = node;
            frameNext[top] = 0;
            frameMax[top] = -1;
            return Pushed;
        }
    }

}
