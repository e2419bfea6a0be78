using System.Collections.Generic;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// The longest path from the start event, counted in nodes (start and end included), over the flows of the
    /// tree with the loop-back flows of a depth-first search left out. bk-sops' layout and validation code recurses
    /// along such paths, so it fails on very long ones (contracts.md section 2, TreeTooDeep).
    /// </summary>
    internal static class TreeDepth
    {
        public static int LongestPath(GraphIndex index, out string? deepestNode)
        {
            deepestNode = index.StartId;
            if (index.StartId == null || index.Node(index.StartId) == null) return 0;
            var adjacency = new Dictionary<string, List<string>>();
            foreach (var flow in index.FlowList)
            {
                if (flow.Source == null || flow.Target == null) continue;
                if (index.Node(flow.Source) == null || index.Node(flow.Target) == null) continue;
                if (!adjacency.TryGetValue(flow.Source, out var list)) adjacency[flow.Source] = list = new List<string>();
                list.Add(flow.Target);
            }

            // Iterative DFS: post-order numbers; an edge u->v is a loop-back edge exactly when post(v) >= post(u).
            var post = new Dictionary<string, int>();
            var onStack = new HashSet<string>();
            var order = new List<string>();
            var stack = new Stack<KeyValuePair<string, int>>();
            stack.Push(new KeyValuePair<string, int>(index.StartId, 0));
            onStack.Add(index.StartId);
            while (stack.Count > 0)
            {
                var top = stack.Pop();
                adjacency.TryGetValue(top.Key, out var next);
                if (next != null && top.Value < next.Count)
                {
                    stack.Push(new KeyValuePair<string, int>(top.Key, top.Value + 1));
                    string v = next[top.Value];
                    if (!post.ContainsKey(v) && !onStack.Contains(v))
                    {
                        onStack.Add(v);
                        stack.Push(new KeyValuePair<string, int>(v, 0));
                    }
                    continue;
                }
                onStack.Remove(top.Key);
                post[top.Key] = order.Count;
                order.Add(top.Key);
            }

            var length = new Dictionary<string, int> { [index.StartId] = 1 };
            int best = 1;
            for (int i = order.Count - 1; i >= 0; i--)
            {
                string u = order[i];
                if (!length.TryGetValue(u, out int lu) || !adjacency.TryGetValue(u, out var next)) continue;
                foreach (var v in next)
                {
                    if (post[v] >= post[u]) continue; // loop back
                    if (!length.TryGetValue(v, out int lv) || lu + 1 > lv)
                    {
                        length[v] = lu + 1;
                        if (lu + 1 > best)
                        {
                            best = lu + 1;
                            deepestNode = v;
                        }
                    }
                }
            }
            return best;
        }
    }
}
