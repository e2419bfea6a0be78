using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        /// <summary><c>tight_tree_ranker</c>: longest-path ranks, then the feasible tight tree, then normalised to start at 0.</summary>
        private void Rank()
        {
            LongestPathRanks();
            FeasibleTree();
            long min = LowestRank();
            foreach (var entry in Ranks.Items()) Ranks.Set(entry.Key, entry.Value - min);
        }

        /// <summary>The least rank (as Python's <c>min()</c>, which the upstream code calls on a non-empty dict).</summary>
        private long LowestRank()
        {
            bool any = false;
            long min = 0;
            foreach (long value in Ranks.Values())
                if (!any || value < min)
                {
                    min = value;
                    any = true;
                }
            if (!any) throw new System.InvalidOperationException("Sequence contains no elements");
            return min;
        }

        private sealed class RankFrame
        {
            public RankFrame(EmNode node, IReadOnlyList<JsonNode> incoming)
            {
                Node = node;
                Incoming = incoming;
            }

            public EmNode Node;
            public IReadOnlyList<JsonNode> Incoming;
            public int Next;
            public long Min;
            public bool Any;
        }

        private int memoStamp;

        /// <summary>
        /// <c>longest_path_ranker</c>. Python's inner <c>dfs</c> has no memo besides <c>ranks</c> (looked up by the
        /// node's <c>id</c> field) and recomputes every ancestor; its value for a node is the same every time while
        /// ids equal keys, so it is memoised here (per top-level call otherwise, where it is pure). A node met again
        /// while its own call is still running means endless recursion in Python.
        /// </summary>
        private void LongestPathRanks()
        {
            Phase = "longest_path_ranker";
            ranks = new PyDict<long>();
            bool idsAreKeys = true;
            foreach (var entry in AllNodes.Live())
            {
                if (entry.Value.Real is JsonObject o && o.TryGetValue("id", out var id) && !(id is JsonString s && s.Value == entry.Key))
                {
                    idsAreKeys = false;
                    break;
                }
            }
            memoStamp = 0;
            foreach (var entry in AllNodes.Items())
            {
                if (!idsAreKeys) memoStamp++;
                Ranks.Set(entry.Key, LongestPath(entry.Value));
            }
            long min = LowestRank();
            foreach (var entry in Ranks.Items()) Ranks.Set(entry.Key, min - entry.Value);
        }

        private long LongestPath(EmNode start)
        {
            var frames = new Stack<RankFrame>();
            long? first = EnterRank(start, frames);
            if (first.HasValue) return first.Value;
            while (true)
            {
                var frame = frames.Peek();
                if (frame.Next < frame.Incoming.Count)
                {
                    var flowId = frame.Incoming[frame.Next++];
                    EmNode previous;
                    try
                    {
                        var flow = FlowAt(flowId);
                        previous = NodeAt(flow.Get("source"));
                    }
                    catch (PythonException e)
                    {
                        throw e.At(frame.Node.Key, operation: Incoming);
                    }
                    long? value = EnterRank(previous, frames);
                    if (value.HasValue) Offer(frame, value.Value - 1);
                    continue;
                }
                long result = frame.Any ? frame.Min : 0;
                frames.Pop();
                frame.Node.OnStack = false;
                frame.Node.MemoStamp = memoStamp;
                frame.Node.MemoValue = result;
                if (frames.Count == 0) return result;
                Offer(frames.Peek(), result - 1);
            }
        }

        private static void Offer(RankFrame frame, long value)
        {
            if (!frame.Any || value < frame.Min) frame.Min = value;
            frame.Any = true;
        }

        private long? EnterRank(EmNode node, Stack<RankFrame> frames)
        {
            var id = node.Get("id");
            if (Ranks.TryGetValue(keys.Of(id), out long ranked)) return ranked;
            if (node.MemoStamp == memoStamp) return node.MemoValue;
            if (node.OnStack) throw PythonException.Recursion().At(node.Key, operation: Incoming);
            var incoming = Py.FormatToList(node.Get(Incoming));
            node.OnStack = true;
            frames.Push(new RankFrame(node, incoming));
            return null;
        }

        /// <summary>
        /// <c>feasible_tree_ranker</c>: grow a tree of tight flows (slack 0) from the start event through the nodes'
        /// own incoming/outgoing lists; while it does not span every node, shift its ranks by the smallest slack of a
        /// flow (from the flows dict) leaving it. No such flow (a part of the graph not connected to the start event)
        /// is <c>slack(ranks, None)</c>: "'NoneType' object is not subscriptable".
        /// </summary>
        private void FeasibleTree()
        {
            Phase = "feasible_tree_ranker";
            var start = RootGet("start_event");
            string startKey = keys.Of(Py.Subscript(start, "id"));
            var part = new PyDict<EmNode>();
            part.Set(startKey, Wrap(start, startKey));
            int nodeCount = AllNodes.Count;
            int idle = 0;
            while (true)
            {
                int before = part.Count;
                if (TightTree(part) >= nodeCount) break;
                bool grew = part.Count > before;
                var flow = MinSlackFlow(part);
                if (flow == null) throw PythonException.TypeError("'NoneType' object is not subscriptable");
                long delta = Slack(flow);
                if (part.ContainsKey(keys.Of(flow.Get("target")))) delta = -delta;
                if (!grew)
                {
                    // Same tree, same ranks after a zero shift: the loop would run forever.
                    if (delta == 0 || ++idle > Flows.Count + 2) throw PythonException.Hang("feasible tree never spans the graph");
                }
                else
                {
                    idle = 0;
                }
                foreach (var entry in part.Live()) Ranks.Set(entry.Key, Ranks.Get(entry.Key, keys) + delta);
            }
        }

        private sealed class TightFrame
        {
            public TightFrame(EmNode node) { Node = node; }

            public EmNode Node;
            public int Direction;
            /// <summary>The flows of the current direction; null until read.</summary>
            public IReadOnlyList<JsonNode>? Flows;
            public int Next;
            public bool SawOutside;
        }

        /// <summary><c>tight_tree</c>: a DFS from every node already in the tree (in insertion order), returning its size.</summary>
        private int TightTree(PyDict<EmNode> part)
        {
            foreach (var node in new List<EmNode>(part.Values()))
            {
                if (node.Internal) continue; // a rescan adds nothing and cannot fail: it did not the first time
                var frames = new Stack<TightFrame>();
                frames.Push(new TightFrame(node));
                while (frames.Count > 0)
                {
                    var frame = frames.Peek();
                    string io = frame.Direction == 0 ? Outgoing : Incoming;
                    if (frame.Flows == null) frame.Flows = Py.FormatToList(frame.Node.Get(io));
                    if (frame.Next < frame.Flows.Count)
                    {
                        var flowId = frame.Flows[frame.Next++];
                        EmFlow flow;
                        JsonNode directId;
                        string directKey;
                        try
                        {
                            flow = FlowAt(flowId);
                            directId = flow.Get(frame.Direction == 0 ? "target" : "source");
                            directKey = keys.Of(directId);
                            AllNodes.Get(directKey, keys);
                        }
                        catch (PythonException e)
                        {
                            throw e.At(frame.Node.Key, operation: io);
                        }
                        if (part.ContainsKey(directKey)) continue;
                        if (Slack(flow) == 0)
                        {
                            var direct = AllNodes.Get(directKey, keys);
                            part.Set(directKey, direct);
                            frames.Push(new TightFrame(direct));
                        }
                        else
                        {
                            frame.SawOutside = true;
                        }
                        continue;
                    }
                    if (frame.Direction == 0)
                    {
                        frame.Direction = 1;
                        frame.Flows = null;
                        frame.Next = 0;
                        continue;
                    }
                    frames.Pop();
                    if (!frame.SawOutside) frame.Node.Internal = true;
                }
            }
            return part.Count;
        }

        /// <summary><c>find_min_slack_flow</c>: the first flow with the smallest slack among those with one end in the tree.</summary>
        private EmFlow? MinSlackFlow(PyDict<EmNode> part)
        {
            long max = long.MinValue, min = long.MaxValue;
            foreach (var value in Ranks.Values())
            {
                if (value > max) max = value;
                if (value < min) min = value;
            }
            long minSlack = max - min;
            EmFlow? best = null;
            foreach (var flow in Flows.Values())
            {
                bool sourceIn = part.ContainsKey(keys.Of(flow.Get("source")));
                bool targetIn = part.ContainsKey(keys.Of(flow.Get("target")));
                if (sourceIn == targetIn) continue;
                long slack = Slack(flow);
                if (slack < minSlack)
                {
                    minSlack = slack;
                    best = flow;
                }
            }
            return best;
        }
    }
}
