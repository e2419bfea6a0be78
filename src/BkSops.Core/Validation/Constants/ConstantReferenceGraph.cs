using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Constants
{
    /// <summary>
    /// bk-sops' <c>validate_pipeline_tree_constants</c> (spec 2.5): which constants' values contain which constant keys
    /// as plain substrings of <c>str(value)</c>, the self references, and the first reference cycle found by its
    /// depth-first search (iterative here; neighbours in constants order, where the server's order comes from a
    /// Python set and can differ between runs).
    /// </summary>
    public sealed class ConstantReferenceGraph
    {
        private readonly List<string> keys = new List<string>();
        private readonly Dictionary<string, int> indexOf = new Dictionary<string, int>(System.StringComparer.Ordinal);
        private readonly Dictionary<int, List<int>> edges = new Dictionary<int, List<int>>();
        private readonly List<int> graphOrder = new List<int>();

        /// <summary>Keys whose value mentions the key itself, in constants order.</summary>
        public List<string> SelfReferences { get; } = new List<string>();

        /// <summary>Builds the graph; every constant must be an object (checked before this step).</summary>
        public ConstantReferenceGraph(JsonObject constants)
        {
            foreach (var p in constants.Properties)
            {
                indexOf[p.Name] = keys.Count;
                keys.Add(p.Name);
            }
            for (int i = 0; i < constants.Count; i++)
            {
                var value = ((JsonObject)constants.Properties[i].Value)["value"];
                string text = value == null || value is JsonNull ? "" : PythonRepr.Str(value);
                if (text.Length == 0) continue;
                var referenced = FindReferences(text);
                if (referenced.Remove(i)) SelfReferences.Add(keys[i]);
                if (referenced.Count == 0) continue;
                var list = new List<int>(referenced);
                list.Sort();
                edges[i] = list;
                graphOrder.Add(i);
            }
        }

        /// <summary>The constants a constant's value refers to (keys in constants order).</summary>
        public IEnumerable<string> ReferencesOf(string key)
        {
            if (indexOf.TryGetValue(key, out int i) && edges.TryGetValue(i, out var list))
                foreach (int j in list) yield return keys[j];
        }

        // Every key has the form ${name} (the key check ran first), so a key occurs in the text exactly where a "${"
        // starts a maximal run of name characters closed by "}" (plus a newline for a key that ends with one).
        private HashSet<int> FindReferences(string text)
        {
            var found = new HashSet<int>();
            int at = 0;
            while ((at = text.IndexOf("${", at, System.StringComparison.Ordinal)) >= 0)
            {
                int end = at + 2;
                while (end < text.Length && ConstantKeyPattern.IsNameChar(text[end])) end++;
                if (end > at + 2 && end < text.Length && text[end] == '}')
                {
                    string candidate = text.Substring(at, end - at + 1);
                    if (indexOf.TryGetValue(candidate, out int k)) found.Add(k);
                    if (end + 1 < text.Length && text[end + 1] == '\n' && indexOf.TryGetValue(candidate + "\n", out int kn)) found.Add(kn);
                }
                at += 2;
            }
            return found;
        }

        /// <summary>The DFS stack at the moment a cycle is found (the keys the server's message lists), or null.</summary>
        public List<string>? FindCycle()
        {
            var visited = new HashSet<int>();
            var onStack = new HashSet<int>();
            var path = new List<int>();
            var next = new List<int>();
            foreach (int start in graphOrder)
            {
                if (visited.Contains(start)) continue;
                visited.Add(start);
                onStack.Add(start);
                path.Add(start);
                next.Add(0);
                while (path.Count > 0)
                {
                    int top = path.Count - 1;
                    int node = path[top];
                    edges.TryGetValue(node, out var neighbours);
                    if (neighbours != null && next[top] < neighbours.Count)
                    {
                        int neighbour = neighbours[next[top]++];
                        if (!visited.Contains(neighbour))
                        {
                            visited.Add(neighbour);
                            onStack.Add(neighbour);
                            path.Add(neighbour);
                            next.Add(0);
                        }
                        else if (onStack.Contains(neighbour))
                        {
                            var cycle = new List<string>(path.Count);
                            foreach (int k in path) cycle.Add(keys[k]);
                            return cycle;
                        }
                        continue;
                    }
                    onStack.Remove(node);
                    path.RemoveAt(top);
                    next.RemoveAt(top);
                }
            }
            return null;
        }
    }
}
