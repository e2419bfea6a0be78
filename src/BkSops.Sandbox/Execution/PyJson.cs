using System.Globalization;
using System.Numerics;
using BkSops.Conditions;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Sandbox.Execution
{
    /// <summary>A variable's value as the condition library holds it (Python-like objects) back to JSON.</summary>
    internal static class PyJson
    {
        private const int MaxDepth = 64;

        public static JsonNode ToJson(object? value) => ToJson(value, 0);

        // Values are bounded in depth by the library (64 levels), so this recursion is too.
        private static JsonNode ToJson(object? value, int depth)
        {
            if (depth > MaxDepth) return JsonNode.From(value?.ToString() ?? "");
            switch (value)
            {
                case null: return new JsonNull();
                case JsonNode node: return node;
                case bool b: return JsonNode.From(b);
                case BigInteger i: return new JsonNumber(i.ToString(CultureInfo.InvariantCulture));
                case long l: return JsonNode.From(l);
                case int n: return JsonNode.From(n);
                case double d: return double.IsNaN(d) || double.IsInfinity(d) ? (JsonNode)JsonNode.From(d.ToString(CultureInfo.InvariantCulture)) : new JsonNumber(d.ToString("R", CultureInfo.InvariantCulture));
                case string s: return JsonNode.From(s);
                case PyList list:
                {
                    var array = new JsonArray();
                    foreach (var item in list) array.Add(ToJson(item, depth + 1));
                    return array;
                }
                case PyDict dict:
                {
                    var obj = new JsonObject();
                    foreach (var p in dict.Items) obj.Set(p.Key?.ToString() ?? "None", ToJson(p.Value, depth + 1));
                    return obj;
                }
                default: return JsonNode.From(value.ToString());
            }
        }
    }
}
