using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Api
{
    /// <summary>Whether two JSON values have the same content: kinds, member order, keys, strings, number text. Positions do not count.</summary>
    internal static class JsonContent
    {
        /// <summary>Iterative: deep trees cost heap, not stack. Shared (immutable) values compare by reference first.</summary>
        public static bool Same(JsonNode a, JsonNode b)
        {
            var pending = new Stack<(JsonNode, JsonNode)>(256);
            pending.Push((a, b));
            while (pending.Count > 0)
            {
                var (x, y) = pending.Pop();
                if (ReferenceEquals(x, y)) continue;
                if (x == null || y == null || x.Kind != y.Kind) return false;
                switch (x)
                {
                    case JsonObject xo:
                        var yo = (JsonObject)y;
                        if (xo.Count != yo.Count) return false;
                        for (int i = 0; i < xo.Count; i++)
                        {
                            JsonProperty px = xo.Properties[i], py = yo.Properties[i];
                            if (!string.Equals(px.Name, py.Name, StringComparison.Ordinal)) return false;
                            // Most values of a snapshot are the tree's own (shared scalars): no need to stack them.
                            if (!ReferenceEquals(px.Value, py.Value)) pending.Push((px.Value, py.Value));
                        }
                        break;
                    case JsonArray xa:
                        var ya = (JsonArray)y;
                        if (xa.Count != ya.Count) return false;
                        for (int i = 0; i < xa.Count; i++)
                            if (!ReferenceEquals(xa[i], ya[i])) pending.Push((xa[i], ya[i]));
                        break;
                    case JsonString xs:
                        if (!string.Equals(xs.Value, ((JsonString)y).Value, StringComparison.Ordinal)) return false;
                        break;
                    case JsonNumber xn:
                        if (!string.Equals(xn.RawText, ((JsonNumber)y).RawText, StringComparison.Ordinal)) return false;
                        break;
                    case JsonBoolean xb:
                        if (xb.Value != ((JsonBoolean)y).Value) return false;
                        break;
                }
            }
            return true;
        }
    }
}
