using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    internal sealed partial class BambooGateways
    {
        private sealed class DistanceFrame
        {
            public required string IdKey;
            public required IReadOnlyList<JsonNode> Incoming;
            public int Next;
            public long? Max;
        }

        /// <summary>
        /// <c>distance_from(origin=start, node=gateway)</c>: the longest distance over incoming flows, where a node
        /// already visited during this call (on the path, or finished without a distance) counts as no path, and
        /// finished distances are memoised in <c>distances</c> across calls.
        /// </summary>
        private long? DistanceFromStart(Gw gateway)
        {
            var start = startEvent;
            var visited = new HashSet<string>();
            var frames = new Stack<DistanceFrame>();
            var first = EnterDistance(gateway.Id, gateway.Incoming, visited, frames, start);
            if (frames.Count == 0) return first;
            while (true)
            {
                var frame = frames.Peek();
                if (frame.Next < frame.Incoming.Count)
                {
                    var previous = NodeForSequence(frame.Incoming[frame.Next++]);
                    var id = Py.Subscript(previous, "id");
                    long? d = EnterDistance(id, null, visited, frames, start, previous);
                    if (frames.Peek() != frame) continue; // went deeper
                    Offer(frame, d);
                    continue;
                }
                frames.Pop();
                long? result = frame.Max;
                if (result.HasValue) distances[frame.IdKey] = result.Value;
                if (frames.Count == 0) return result;
                Offer(frames.Peek(), result);
            }
        }

        private static void Offer(DistanceFrame frame, long? distance)
        {
            if (!distance.HasValue) return;
            long d = distance.Value + 1;
            if (!frame.Max.HasValue || d > frame.Max.Value) frame.Max = d;
        }

        /// <summary>The start event's id, read on first use.</summary>
        private JsonNode? startId;

        /// <summary>Enters <paramref name="id"/>'s node: its <paramref name="incoming"/> when known, else read from <paramref name="raw"/>.</summary>
        private long? EnterDistance(JsonNode id, IReadOnlyList<JsonNode>? incoming, HashSet<string> visited, Stack<DistanceFrame> frames,
            JsonNode start, JsonNode? raw = null)
        {
            string key = keys.Of(id);
            if (distances.TryGetValue(key, out long known)) return known;
            if (Py.Equal(id, startId ?? (startId = Py.Subscript(start, "id")))) return 0;
            if (visited.Contains(key)) return null;
            visited.Add(key);
            if (incoming == null) incoming = Py.Iterate(Py.Subscript(raw, "incoming"));
            frames.Push(new DistanceFrame { IdKey = key, Incoming = incoming });
            return null;
        }

        /// <summary><c>get_node_for_sequence(flow_id, tree, "source")</c>.</summary>
        private JsonNode NodeForSequence(JsonNode flowId)
        {
            var targetId = Py.Subscript(Flow(flowId), "source");
            string key = keys.Of(targetId);
            if (activitiesDict is JsonObject acts && PyKeys.IsStr(key) && acts.TryGetValue(key, out var act)) return act;
            if (gatewaysDict is JsonObject gws && PyKeys.IsStr(key) && gws.TryGetValue(key, out var gw)) return gw;
            if (Py.Equal(targetId, Py.Subscript(endEvent, "id"))) return endEvent;
            if (Py.Equal(targetId, Py.Subscript(startEvent, "id"))) return startEvent;
            throw PythonException.Pipeline("node(" + Py.Str(targetId) + ") not in data").At(key);
        }

        // ---- match_converge ----

        private readonly Dictionary<string, HashSet<string>> blockNodes = new Dictionary<string, HashSet<string>>();
        private readonly List<Gw> stack = new List<Gw>();
        private readonly List<int> parallelPrefix = new List<int> { 0 };
        private readonly Dictionary<string, List<int>> stackPositions = new Dictionary<string, List<int>>();
        private int unhashableTypesOnStack;

        private sealed class MatchFrame
        {
            public required Gw Gw;
            public required List<string?> Target;
            public int I;
            public int State; // 0: next target, 1: while loop, 2: after the while loop
            public Dictionary<string, int>? Seen;
        }

        private struct Matched
        {
            public string? Converge;
            public bool Shared;
        }

        private Matched MatchConverge(string curIndex, string blockStart, string endKey)
        {
            var frames = new Stack<MatchFrame>();
            var first = EnterMatch(curIndex, frames);
            if (first.HasValue) return first.Value;
            Matched? child = null;
            while (true)
            {
                var f = frames.Peek();
                if (child.HasValue)
                {
                    ApplyChild(f, child.Value, endKey);
                    child = null;
                }
                switch (f.State)
                {
                    case 0:
                        if (f.I >= f.Target.Count)
                        {
                            var done = Finish(f, blockStart, endKey);
                            frames.Pop();
                            if (frames.Count == 0) return done;
                            child = done;
                            continue;
                        }
                        if (MatchedInPreviousBlocks(f.Target[f.I], blockStart))
                        {
                            f.Target[f.I] = null;
                            f.I++;
                            continue;
                        }
                        AddToBlock(blockStart, f.Target[f.I]);
                        f.Seen = null;
                        f.State = 1;
                        continue;
                    case 1:
                        string? t = f.Target[f.I];
                        if (t != null && gateways.ContainsKey(t) && t != f.Gw.IdKey)
                        {
                            if (StackHas(t))
                            {
                                if (!ParallelOnStack(t))
                                {
                                    f.Target[f.I] = null;
                                    f.State = 2;
                                    continue;
                                }
                                throw Converge(f.Gw.Key, BranchInParallel);
                            }
                            if (f.Seen == null) f.Seen = new Dictionary<string, int>();
                            f.Seen.TryGetValue(t, out int times);
                            if (times >= 2) throw PythonException.Hang("matching gateway " + f.Gw.Key + " loops through " + t).At(f.Gw.Key);
                            f.Seen[t] = times + 1;
                            var result = EnterMatch(t, frames);
                            if (result.HasValue) ApplyChild(f, result.Value, endKey);
                            continue;
                        }
                        f.State = 2;
                        continue;
                    default:
                        string? target = f.Target[f.I];
                        if (target != null && converges.ContainsKey(target) && Distance(target) < Distance(f.Gw.Key)) f.Target[f.I] = null;
                        f.I++;
                        f.State = 0;
                        continue;
                }
            }
        }

        private Matched? EnterMatch(string? curIndex, Stack<MatchFrame> frames)
        {
            if (curIndex == null || !gateways.TryGetValue(curIndex, out var gw)) return new Matched();
            if (Truthy(gw.Match)) return new Matched { Converge = gw.Match, Shared = gw.Share };
            Push(gw);
            if (stack.Count > MaxNesting) MaxNesting = stack.Count;
            frames.Push(new MatchFrame { Gw = gw, Target = gw.Target });
            return null;
        }

        private void ApplyChild(MatchFrame f, Matched result, string endKey)
        {
            if (Truthy(result.Converge))
            {
                f.Target[f.I] = result.Converge;
                if (!result.Shared || !CanShare(f.Gw.Key, result.Converge))
                {
                    var converge = converges.Get(result.Converge, keys);
                    if (converge.Target.Count == 0) throw new PythonException(PythonErrorKind.IndexError, "list index out of range").At(result.Converge);
                    f.Target[f.I] = converge.Target[0];
                }
            }
            else
            {
                f.Target[f.I] = endKey;
            }
        }

        /// <summary><c>can_shared</c>: exclusive gateways always; a parallel one unless another parallel gateway already converged there.</summary>
        private bool CanShare(string currentKey, string convergeKey)
        {
            var current = gateways.Get(currentKey, keys);
            if (!IsParallelChecked(current)) return true;
            if (!converged.TryGetValue(convergeKey ?? NoneKey, out var list)) return true;
            foreach (var id in list)
            {
                if (id == currentKey) continue;
                if (IsParallelChecked(gateways.Get(id, keys))) return false;
            }
            return true;
        }

        private static bool IsParallelChecked(Gw gw)
        {
            if (gw.TypeUnhashable) throw PythonException.Unhashable(Py.TypeName(gw.Type));
            return gw.IsParallel;
        }

        /// <summary>The checks after the branches are resolved, and the match.</summary>
        private Matched Finish(MatchFrame f, string blockStart, string endKey)
        {
            Pop();
            var gw = f.Gw;
            var target = f.Target;
            FailedTargets = target;
            FailedBlock = gw.Key;
            bool exclusive = Py.EqualsString(gw.Type, Py.ExclusiveGateway);
            string? convergeId = null;
            bool shared = false;
            int toConverge = target.Count;
            bool convergeEnd = false;
            for (int i = 0; i < target.Count; i++)
            {
                string? t = target[i];
                bool isConverge = t != null && converges.ContainsKey(t);
                if (isConverge && !Truthy(convergeId)) convergeId = t;
                else if (isConverge && convergeId == t) { }
                else if (exclusive && t == endKey)
                {
                    if (!ParallelOnStack(null)) convergeEnd = true;
                    else throw Converge(gw.Key, BranchInParallel);
                }
                else if (exclusive && t == gw.IdKey) toConverge--;
                else if (exclusive && isConverge && convergeId != t) throw Converge(gw.Key, DifferentConverges);
                else if (exclusive && t == null) toConverge--;
                else
                {
                    FailedGateway = gw.Key;
                    throw PythonException.Pipeline(InvalidBranches + ", cur_index: " + keys.Str(gw.Key) + ", targets: " + TargetsRepr(target)).At(gw.Key);
                }
            }
            if (exclusive)
            {
                if (convergeId != null && converges.ContainsKey(convergeId))
                {
                    if (!convergePositiveIn.TryGetValue(convergeId, out long positive)) throw PythonException.KeyError(keys.Repr(convergeId)).At(convergeId);
                    shared = positive > toConverge || converged.ContainsKey(convergeId);
                }
            }
            else
            {
                string convergeKey = convergeId ?? NoneKey;
                var converge = converges.Get(convergeKey, keys);
                int convergeIncoming = converge.Incoming.Count, outgoing = target.Count;
                if (convergeIncoming > outgoing)
                {
                    if (converged.TryGetValue(convergeKey, out var list))
                        foreach (var id in list)
                            if (IsParallelChecked(gateways.Get(id, keys))) throw Converge(convergeId, ConvergeShared);
                    shared = true;
                }
                else if (convergeIncoming < outgoing)
                {
                    throw Converge(convergeId, ConvergeMissing);
                }
            }
            gw.Match = convergeId;
            gw.Share = shared;
            gw.ConvergeEnd = convergeEnd;
            string convergedKey = convergeId ?? NoneKey;
            if (!converged.TryGetValue(convergedKey, out var members)) converged[convergedKey] = members = new List<string>();
            members.Add(gw.IdKey);
            AddToBlock(blockStart, gw.IdKey);
            return new Matched { Converge = convergeId, Shared = shared };
        }

        // ---- block bookkeeping: matched_in_prev_blocks without the union of every other block ----

        private void AddToBlock(string blockStart, string? node)
        {
            string key = node ?? NoneKey;
            blockNodes[blockStart].Add(key);
            if (!blocksOf.TryGetValue(key, out var blocks)) blocksOf[key] = blocks = new HashSet<string>();
            blocks.Add(blockStart);
        }

        private bool MatchedInPreviousBlocks(string? node, string currentBlock)
        {
            if (!blocksOf.TryGetValue(node ?? NoneKey, out var blocks)) return false;
            return blocks.Count > 1 || !blocks.Contains(currentBlock);
        }

        // ---- the gateway stack ----

        private void Push(Gw gw)
        {
            int position = stack.Count;
            stack.Add(gw);
            parallelPrefix.Add(parallelPrefix[position] + (gw.IsParallel ? 1 : 0));
            if (gw.TypeUnhashable) unhashableTypesOnStack++;
            if (!stackPositions.TryGetValue(gw.IdKey, out var list)) stackPositions[gw.IdKey] = list = new List<int>();
            list.Add(position);
        }

        private void Pop()
        {
            int position = stack.Count - 1;
            var gw = stack[position];
            stack.RemoveAt(position);
            parallelPrefix.RemoveAt(parallelPrefix.Count - 1);
            if (gw.TypeUnhashable) unhashableTypesOnStack--;
            var list = stackPositions[gw.IdKey];
            list.RemoveAt(list.Count - 1);
            if (list.Count == 0) stackPositions.Remove(gw.IdKey);
        }

        private bool StackHas(string idKey) => stackPositions.ContainsKey(idKey);

        /// <summary>
        /// Not <c>not_in_parallel_gateway(stack, start_from)</c>: is there a Parallel/ConditionalParallel gateway on the
        /// stack from the first occurrence of <paramref name="fromId"/> (from the bottom when null) to the top?
        /// </summary>
        private bool ParallelOnStack(string? fromId)
        {
            int start = 0;
            if (fromId != null && Truthy(fromId)) start = stackPositions[fromId][0];
            if (unhashableTypesOnStack > 0)
            {
                for (int i = start; i < stack.Count; i++) if (IsParallelChecked(stack[i])) return true;
                return false;
            }
            return parallelPrefix[stack.Count] - parallelPrefix[start] > 0;
        }
    }
}
