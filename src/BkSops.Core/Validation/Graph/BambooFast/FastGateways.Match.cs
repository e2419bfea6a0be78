using System.Collections.Generic;
using BkSops.Validation.Graph.Bamboo;

namespace BkSops.Validation.Graph.BambooFast
{
    internal sealed partial class FastGateways
    {
        // Bookkeeping indexed by node, with slot `none` for Python's None (made by the constructor).
        private int[] firstBlock;            // the first block a node was added to (-1: none)
        private bool[] inSeveralBlocks;
        private int[] convergedMembers;      // converged[c]: how many gateways matched c
        private int[] convergedParallels;    // ... of them Parallel/ConditionalParallel

        // The gateway stack of match_converge, one frame per gateway on it.
        private int[] stackAt;               // node -> position on the stack, -1 when not on it
        private int[] parallelsBelow;        // parallelsBelow[p]: parallel gateways at positions below p
        private int depth;
        private int[] frameGateway, frameBranch, frameState, frameLoops, frameFirstLoop;
        private Dictionary<int, int>?[] frameSeen;  // made for a frame when its loop first needs it

        /// <summary>
        /// <c>match_converge(cur_index=block_start)</c> with the recursion on frames: state 0 takes the next branch,
        /// 1 runs the while loop over nested gateways, 2 finishes the branch. False when upstream would raise.
        /// </summary>
        private bool MatchConverge(int blockStart)
        {
            if (!EnterMatch(blockStart, out _, out _)) return true;
            bool hasChild = false;
            int childConverge = -1;
            bool childShared = false;
            while (true)
            {
                int f = depth - 1;
                if (hasChild)
                {
                    if (!ApplyChild(f, childConverge, childShared)) return false;
                    hasChild = false;
                }
                int gw = frameGateway[f];
                int at = g.OutStart[gw] + frameBranch[f];
                switch (frameState[f])
                {
                    case 0:
                        if (at == g.OutStart[gw + 1])
                        {
                            if (!Finish(gw, blockStart, out childConverge, out childShared)) return false;
                            if (depth == 0) return true;
                            hasChild = true;
                            continue;
                        }
                        if (MatchedInPreviousBlocks(target[at], blockStart))
                        {
                            target[at] = -1;
                            frameBranch[f]++;
                            continue;
                        }
                        AddToBlock(blockStart, target[at]);
                        frameLoops[f] = 0;
                        frameState[f] = 1;
                        continue;
                    case 1:
                        int t = target[at];
                        if (t >= 0 && g.IsBranchGateway(t) && t != gw)
                        {
                            if (stackAt[t] >= 0)
                            {
                                if (ParallelOnStackFrom(stackAt[t])) return false; // "branch gateways in a parallel block must converge"
                                target[at] = -1;
                                frameState[f] = 2;
                                continue;
                            }
                            if (!CountLoop(f, t)) return false; // the emulation reports a hang
                            if (!EnterMatch(t, out int converge, out bool shared) && !ApplyChild(f, converge, shared)) return false;
                            continue;
                        }
                        frameState[f] = 2;
                        continue;
                    default:
                        int end = target[at];
                        if (end >= 0 && g.IsConverge(end) && distance[end] < distance[gw]) target[at] = -1;
                        frameBranch[f]++;
                        frameState[f] = 0;
                        continue;
                }
            }
        }

        /// <summary>Pushes a gateway to match (true), or gives its earlier match (false).</summary>
        private bool EnterMatch(int gw, out int converge, out bool shared)
        {
            converge = match[gw];
            shared = share[gw];
            if (converge >= 0) return false;
            int f = depth++;
            if (depth > maxNesting) maxNesting = depth;
            if (f == frameGateway.Length) GrowFrames();
            stackAt[gw] = f;
            parallelsBelow[f + 1] = parallelsBelow[f] + (g.IsParallel(gw) ? 1 : 0);
            frameGateway[f] = gw;
            frameBranch[f] = 0;
            frameState[f] = 0;
            return true;
        }

        private void GrowFrames()
        {
            int size = frameGateway.Length * 2;
            System.Array.Resize(ref frameGateway, size);
            System.Array.Resize(ref frameBranch, size);
            System.Array.Resize(ref frameState, size);
            System.Array.Resize(ref frameLoops, size);
            System.Array.Resize(ref frameFirstLoop, size);
            System.Array.Resize(ref frameSeen, size);
        }

        /// <summary>
        /// The emulation's hang check of the while loop: the same nested gateway met a third time for one branch.
        /// The first gateway is remembered without a dictionary (most loops run once).
        /// </summary>
        private bool CountLoop(int f, int t)
        {
            if (frameLoops[f] == 0)
            {
                frameLoops[f] = 1;
                frameFirstLoop[f] = t;
                return true;
            }
            var seen = frameSeen[f] ?? (frameSeen[f] = new Dictionary<int, int>());
            if (frameLoops[f] == 1)
            {
                seen.Clear();
                seen[frameFirstLoop[f]] = 1;
            }
            frameLoops[f]++;
            seen.TryGetValue(t, out int times);
            if (times >= 2) return false;
            seen[t] = times + 1;
            return true;
        }

        /// <summary>The nested gateway's match replaces the branch target (or its converge's first target, or the end event).</summary>
        private bool ApplyChild(int f, int converge, bool shared)
        {
            int gw = frameGateway[f];
            int at = g.OutStart[gw] + frameBranch[f];
            if (converge < 0)
            {
                target[at] = BambooGraph.EndNode;
                return true;
            }
            target[at] = converge;
            if (shared && CanShare(gw, converge)) return true;
            if (g.OutCount(converge) == 0) return false; // IndexError
            target[at] = target[g.OutStart[converge]];
            return true;
        }

        /// <summary>
        /// <c>can_shared</c>: the current gateway is on the stack, so it never is among the gateways that already
        /// matched this converge; only whether one of them is parallel matters.
        /// </summary>
        private bool CanShare(int gw, int converge) => !g.IsParallel(gw) || convergedParallels[converge] == 0;

        /// <summary>The checks after the branches are resolved, and the match (false when upstream raises).</summary>
        private bool Finish(int gw, int blockStart, out int converge, out bool shared)
        {
            depth--;
            stackAt[gw] = -1;
            converge = -1;
            shared = false;
            bool exclusive = g.Types[gw] == BambooType.ExclusiveGateway;
            int from = g.OutStart[gw], to = g.OutStart[gw + 1];
            int toConverge = to - from;
            for (int i = from; i < to; i++)
            {
                int t = target[i];
                bool isConverge = t >= 0 && g.IsConverge(t);
                if (isConverge && converge < 0) converge = t;
                else if (isConverge && converge == t) { }
                else if (exclusive && t == BambooGraph.EndNode)
                {
                    if (ParallelOnStackFrom(0)) return false;
                }
                else if (exclusive && (t == gw || t < 0)) toConverge--;
                else return false;
            }
            if (exclusive)
            {
                if (converge >= 0)
                {
                    if (positiveIn[converge] == 0) return false; // KeyError in converge_positive_in
                    shared = positiveIn[converge] > toConverge || convergedMembers[converge] > 0;
                }
            }
            else
            {
                if (converge < 0) return false;
                int incoming = g.InCount(converge), outgoing = to - from;
                if (incoming > outgoing)
                {
                    if (convergedParallels[converge] > 0) return false;
                    shared = true;
                }
                else if (incoming < outgoing) return false;
            }
            match[gw] = converge;
            share[gw] = shared;
            int slot = converge < 0 ? none : converge;
            convergedMembers[slot]++;
            if (g.IsParallel(gw)) convergedParallels[slot]++;
            AddToBlock(blockStart, gw);
            return true;
        }

        /// <summary>Not <c>not_in_parallel_gateway</c>: a parallel gateway on the stack from <paramref name="position"/> up.</summary>
        private bool ParallelOnStackFrom(int position) => parallelsBelow[depth] - parallelsBelow[position] > 0;

        private void AddToBlock(int blockStart, int node)
        {
            int slot = node < 0 ? none : node;
            if (firstBlock[slot] < 0) firstBlock[slot] = blockStart;
            else if (firstBlock[slot] != blockStart) inSeveralBlocks[slot] = true;
        }

        /// <summary><c>matched_in_prev_blocks</c>: the node was added to a block other than the current one.</summary>
        private bool MatchedInPreviousBlocks(int node, int blockStart)
        {
            int slot = node < 0 ? none : node;
            return firstBlock[slot] >= 0 && (inSeveralBlocks[slot] || firstBlock[slot] != blockStart);
        }
    }
}
