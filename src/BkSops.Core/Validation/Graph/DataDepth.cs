using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// How deeply the tree's JSON nests (the root object is level 1). bamboo's validators <c>deepcopy</c> the whole
    /// tree, two Python frames per level, so a value nested a few hundred levels deep exhausts Python's recursion
    /// limit (measured: about 495 levels below a constant with the server's code and no web framework around it).
    /// </summary>
    internal static class DataDepth
    {
        /// <summary>Deeper than this is reported (conservative, like TreeTooDeep: the server's own stack is deeper).</summary>
        public const int Limit = 450;

        public static int Of(JsonNode root, out string deepestPath)
        {
            deepestPath = "$";
            int best = 0;
            JsonNode deepest = root;
            var stack = new Stack<KeyValuePair<JsonNode, int>>();
            stack.Push(new KeyValuePair<JsonNode, int>(root, 1));
            while (stack.Count > 0)
            {
                var top = stack.Pop();
                // Indexed loops: foreach over the IReadOnlyList views would box an enumerator per container.
                if (top.Key is JsonObject o)
                {
                    if (top.Value > best) { best = top.Value; deepest = o; }
                    for (int i = 0; i < o.Count; i++)
                    {
                        var value = o.PropertyAt(i).Value;
                        if (value is JsonObject || value is JsonArray) stack.Push(new KeyValuePair<JsonNode, int>(value, top.Value + 1));
                    }
                }
                else if (top.Key is JsonArray a)
                {
                    if (top.Value > best) { best = top.Value; deepest = a; }
                    var items = a.Items;
                    for (int i = 0; i < items.Count; i++)
                    {
                        var item = items[i];
                        if (item is JsonObject || item is JsonArray) stack.Push(new KeyValuePair<JsonNode, int>(item, top.Value + 1));
                    }
                }
            }
            if (best > Limit) deepestPath = PathTo(root, deepest);
            return best;
        }

        /// <summary>The JSONPath of <paramref name="target"/> (first levels only: enough to find it).</summary>
        private static string PathTo(JsonNode root, JsonNode target)
        {
            var parents = new Dictionary<JsonNode, KeyValuePair<JsonNode, string>>();
            var stack = new Stack<JsonNode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node == target) break;
                if (node is JsonObject o)
                    foreach (var p in o.Properties) { parents[p.Value] = new KeyValuePair<JsonNode, string>(node, p.Name); stack.Push(p.Value); }
                else if (node is JsonArray a)
                    for (int i = 0; i < a.Count; i++) { parents[a[i]] = new KeyValuePair<JsonNode, string>(node, "#" + i); stack.Push(a[i]); }
            }
            var names = new List<string>();
            for (var n = target; parents.TryGetValue(n, out var up); n = up.Key) names.Add(up.Value);
            names.Reverse();
            string path = "$";
            for (int i = 0; i < names.Count && i < 8; i++)
                path = names[i].StartsWith("#") ? JsonPath.Index(path, int.Parse(names[i].Substring(1))) : JsonPath.Member(path, names[i]);
            return names.Count > 8 ? path + "..." : path;
        }
    }
}
