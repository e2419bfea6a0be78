using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// The Python operations the server's graph code performs on values made by <c>json.loads</c>, with the exact
    /// exceptions CPython 3.11 raises when a value has the wrong type.
    /// </summary>
    internal static class Py
    {
        public const string ExclusiveGateway = "ExclusiveGateway";
        public const string ParallelGateway = "ParallelGateway";
        public const string ConditionalParallelGateway = "ConditionalParallelGateway";
        public const string ConvergeGateway = "ConvergeGateway";
        public const string StartEvent = "EmptyStartEvent";
        public const string EndEvent = "EmptyEndEvent";
        public const string ServiceActivity = "ServiceActivity";
        public const string SubProcess = "SubProcess";

        public static string TypeName(JsonNode? value) => value == null ? "NoneType" : value.PythonTypeName;

        /// <summary><c>value[field]</c> with a string literal index.</summary>
        public static JsonNode Subscript(JsonNode? value, string field)
        {
            switch (value)
            {
                case JsonObject o:
                    if (o.TryGetValue(field, out var found)) return found;
                    throw PythonException.KeyError(PythonRepr.ReprString(field));
                case JsonString _:
                    throw PythonException.TypeError("string indices must be integers, not 'str'");
                case JsonArray _:
                    throw PythonException.TypeError("list indices must be integers or slices, not str");
                default:
                    throw PythonException.TypeError("'" + TypeName(value) + "' object is not subscriptable");
            }
        }

        /// <summary><c>dict.get(field)</c>, null for a missing key (the value must be a dict).</summary>
        public static JsonNode? Get(JsonNode? value, string field)
        {
            if (value is JsonObject o) return o[field];
            throw new PythonException(PythonErrorKind.AttributeError, "'" + TypeName(value) + "' object has no attribute 'get'");
        }

        /// <summary><c>str(value)</c>.</summary>
        public static string Str(JsonNode? value) => value == null ? "None" : PythonRepr.Str(value);

        public static string Repr(JsonNode? value) => value == null ? "None" : PythonRepr.Repr(value);

        /// <summary>Python truthiness.</summary>
        public static bool Truthy(JsonNode? value)
        {
            switch (value)
            {
                case null: return false;
                case JsonNull _: return false;
                case JsonBoolean b: return b.Value;
                case JsonString s: return s.Value.Length > 0;
                case JsonArray a: return a.Count > 0;
                case JsonObject o: return o.Count > 0;
                case JsonNumber n: return PythonRepr.ToDouble(n) != 0 || double.IsNaN(PythonRepr.ToDouble(n));
                default: return true;
            }
        }

        /// <summary><c>len(value)</c>.</summary>
        public static int Len(JsonNode value)
        {
            switch (value)
            {
                case JsonString s: return PythonText.Length(s.Value);
                case JsonArray a: return a.Count;
                case JsonObject o: return o.Count;
                default: throw PythonException.TypeError("object of type '" + TypeName(value) + "' has no len()");
            }
        }

        /// <summary>What <c>for x in value</c> yields: list items, dict keys, the characters of a str.</summary>
        public static IReadOnlyList<JsonNode> Iterate(JsonNode value)
        {
            switch (value)
            {
                case JsonArray a: return a.Items;
                case JsonObject o:
                    var keys = new List<JsonNode>(o.Count);
                    foreach (var p in o.Properties) keys.Add(new JsonString(p.Name));
                    return keys;
                case JsonString s: return Characters(s.Value);
                default: throw PythonException.TypeError("'" + TypeName(value) + "' object is not iterable");
            }
        }

        /// <summary>The first item <c>for x in value</c> yields, or null when it yields nothing.</summary>
        public static JsonNode? FirstItem(JsonNode value)
        {
            switch (value)
            {
                case JsonArray a: return a.Count > 0 ? a[0] : null;
                case JsonObject o: return o.Count > 0 ? new JsonString(o.Properties[0].Name) : null;
                case JsonString s:
                    if (s.Value.Length == 0) return null;
                    return new JsonString(s.Value.Substring(0, PythonText.IsPairAt(s.Value, 0) ? 2 : 1));
                default: throw PythonException.TypeError("'" + TypeName(value) + "' object is not iterable");
            }
        }

        public static List<JsonNode> Characters(string s)
        {
            var list = new List<JsonNode>(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                int width = PythonText.IsPairAt(s, i) ? 2 : 1;
                list.Add(new JsonString(s.Substring(i, width)));
                i += width - 1;
            }
            return list;
        }

        /// <summary>bamboo's <c>format_to_list</c>: a list as is, a falsy value as [], anything else as [value].</summary>
        public static IReadOnlyList<JsonNode> FormatToList(JsonNode value)
        {
            if (value is JsonArray a) return a.Items;
            if (!Truthy(value)) return System.Array.Empty<JsonNode>();
            return new[] { value };
        }

        /// <summary><c>value == text</c> for a Python str <paramref name="text"/>.</summary>
        public static bool EqualsString(JsonNode? value, string text) => value is JsonString s && s.Value == text;

        /// <summary><c>value in [a, b, ...]</c> for a list of str literals.</summary>
        public static bool InStrings(JsonNode? value, params string[] texts)
        {
            if (!(value is JsonString s)) return false;
            foreach (var t in texts) if (s.Value == t) return true;
            return false;
        }

        public static bool IsBranchGatewayType(JsonNode type) => InStrings(type, ExclusiveGateway, ParallelGateway, ConditionalParallelGateway);

        /// <summary>Python's <c>==</c> between two JSON values (1 == 1.0 == True, lists and dicts by content).</summary>
        public static bool Equal(JsonNode? a, JsonNode? b)
        {
            if (a is JsonString sa && b is JsonString sb) return sa.Value == sb.Value;
            var pending = new Stack<(JsonNode?, JsonNode?)>();
            pending.Push((a, b));
            while (pending.Count > 0)
            {
                var (x, y) = pending.Pop();
                if (ReferenceEquals(x, y)) continue;
                bool xNone = x == null || x is JsonNull, yNone = y == null || y is JsonNull;
                if (xNone || yNone)
                {
                    if (xNone && yNone) continue;
                    return false;
                }
                if (x is JsonArray xa)
                {
                    if (!(y is JsonArray ya) || xa.Count != ya.Count) return false;
                    for (int i = 0; i < xa.Count; i++) pending.Push((xa[i], ya[i]));
                    continue;
                }
                if (x is JsonObject xo)
                {
                    if (!(y is JsonObject yo) || xo.Count != yo.Count) return false;
                    foreach (var p in xo.Properties)
                    {
                        if (!yo.TryGetValue(p.Name, out var other)) return false;
                        pending.Push((p.Value, other));
                    }
                    continue;
                }
                if (y is JsonArray || y is JsonObject) return false;
                // x and y are scalars here (None, lists and dicts were handled above), so From gives a value for both.
                if (!PythonScalar.From(x)!.PythonEquals(PythonScalar.From(y)!)) return false;
            }
            return true;
        }

        /// <summary><c>list.index(text)</c> for a str: the first equal item, else ValueError.</summary>
        public static int IndexOfString(JsonArray list, string text)
        {
            for (int i = 0; i < list.Count; i++)
                if (EqualsString(list[i], text)) return i;
            throw PythonException.NotInList(PythonRepr.ReprString(text));
        }
    }
}
