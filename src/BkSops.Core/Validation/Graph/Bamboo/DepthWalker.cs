using BkSops.Json;

namespace BkSops.Validation.Graph.Bamboo
{
    /// <summary>
    /// How deeply JSON containers nest below a given one, walked depth-first in document order (the order the
    /// reader allocated them in, so the walk reads memory mostly forward). One instance reuses its frame arrays
    /// across calls. Only the number matters here; <see cref="DataDepth"/> finds the path when it is too deep.
    /// </summary>
    internal sealed class DepthWalker
    {
        private JsonNode?[] containers = new JsonNode?[16];
        private int[] next = new int[16];

        /// <summary>
        /// The deepest level reached inside <paramref name="container"/>, which itself lies at <paramref name="level"/>
        /// (a scalar returns level - 1). Stops early once a level beyond <paramref name="limit"/> is seen.
        /// </summary>
        public int Deepest(JsonNode container, int level, int limit)
        {
            if (!(container is JsonObject) && !(container is JsonArray)) return level - 1;
            int top = 0, deepest = level;
            containers[0] = container;
            next[0] = 0;
            while (top >= 0)
            {
                var current = containers[top];
                int i = next[top];
                JsonNode? child = null;
                if (current is JsonObject o)
                {
                    while (i < o.Count)
                    {
                        var value = o.PropertyAt(i++).Value;
                        if (value is JsonObject || value is JsonArray) { child = value; break; }
                    }
                }
                else if (current is JsonArray array) // the stack holds only objects and arrays
                {
                    var items = array.Items;
                    while (i < items.Count)
                    {
                        var value = items[i++];
                        if (value is JsonObject || value is JsonArray) { child = value; break; }
                    }
                }
                next[top] = i;
                if (child == null)
                {
                    containers[top--] = null;
                    continue;
                }
                top++;
                if (top == containers.Length)
                {
                    System.Array.Resize(ref containers, top * 2);
                    System.Array.Resize(ref next, top * 2);
                }
                containers[top] = child;
                next[top] = 0;
                if (level + top > deepest)
                {
                    deepest = level + top;
                    if (deepest > limit) break;
                }
            }
            for (; top >= 0; top--) containers[top] = null;
            return deepest;
        }
    }
}
