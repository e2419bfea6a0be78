using System.Collections.Generic;

namespace BkSops.Json
{
    /// <summary>Storage of a tree built in memory, made like that of a tree read from text.</summary>
    public static class JsonStorage
    {
        /// <summary>
        /// Trims every object's and array's storage to its size, walking the tree with a stack (no recursion): a tree
        /// grown member by member otherwise hands out a view on every read, and validates slower than the same tree read.
        /// </summary>
        public static void TrimExcess(JsonNode root)
        {
            var pending = new Stack<JsonNode>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case JsonObject o:
                        o.TrimExcess();
                        foreach (var p in o.Properties) if (p.Value is JsonObject || p.Value is JsonArray) pending.Push(p.Value);
                        break;
                    case JsonArray a:
                        a.TrimExcess();
                        foreach (var item in a.Items) if (item is JsonObject || item is JsonArray) pending.Push(item);
                        break;
                }
            }
        }
    }
}
