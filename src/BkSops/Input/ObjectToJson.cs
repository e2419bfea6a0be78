using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Commands.Input
{
    /// <summary>
    /// Converts what PowerShell users hold (ConvertFrom-Json objects, hashtables, ordered dictionaries, arrays)
    /// into the JSON model. Iterative, so deeply nested input cannot overflow the stack.
    /// </summary>
    internal static class ObjectToJson
    {
        private const int MaxDepth = 10000;

        public static JsonNode Convert(object value)
        {
            var pending = new Stack<(object Source, JsonNode Target, int Depth)>();
            var root = Shallow(value, out bool isContainer);
            if (isContainer) pending.Push((Unwrap(value), root, 1));
            while (pending.Count > 0)
            {
                var (source, target, depth) = pending.Pop();
                if (depth > MaxDepth)
                    throw new ArgumentException($"The input is nested more than {MaxDepth} levels deep.");
                if (target is JsonObject obj)
                {
                    foreach (var (name, child) in Members(source))
                    {
                        var node = Shallow(child, out bool childIsContainer);
                        obj.Set(name, node);
                        if (childIsContainer) pending.Push((Unwrap(child), node, depth + 1));
                    }
                }
                else
                {
                    var array = (JsonArray)target;
                    foreach (var item in (IEnumerable)source)
                    {
                        var node = Shallow(item, out bool childIsContainer);
                        array.Add(node);
                        if (childIsContainer) pending.Push((Unwrap(item), node, depth + 1));
                    }
                }
            }
            return root;
        }

        private static object Unwrap(object value) =>
            value is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : value;

        /// <summary>The node for a value; containers come back empty and are filled by the caller.</summary>
        private static JsonNode Shallow(object value, out bool isContainer)
        {
            isContainer = false;
            value = Unwrap(value);
            switch (value)
            {
                case null: return new JsonNull();
                case JsonNode node: return node.Clone();
                case PipelineTree tree: return tree.Root.Clone();
                case string s: return new JsonString(s);
                case char c: return new JsonString(c.ToString());
                case bool b: return JsonNode.From(b);
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                case System.Numerics.BigInteger _:
                    return new JsonNumber(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                case double d: return Number(d);
                case float f: return Number(f);
                case decimal m: return new JsonNumber(m.ToString(CultureInfo.InvariantCulture));
                case DateTime dt: return new JsonString(dt.ToString("o", CultureInfo.InvariantCulture));
                case DateTimeOffset dto: return new JsonString(dto.ToString("o", CultureInfo.InvariantCulture));
                case Enum e: return new JsonString(e.ToString());
                case SwitchParameter sw: return JsonNode.From(sw.IsPresent);
                case IDictionary _:
                case PSObject _:
                    isContainer = true;
                    return new JsonObject();
                case IEnumerable _:
                    isContainer = true;
                    return new JsonArray();
                default:
                    return new JsonString(value.ToString());
            }
        }

        private static JsonNode Number(double d)
        {
            if (double.IsNaN(d)) return new JsonNumber("NaN");
            if (double.IsInfinity(d)) return new JsonNumber(d > 0 ? "Infinity" : "-Infinity");
            string text = d.ToString("R", CultureInfo.InvariantCulture);
            // Keep it a float for Python: 1.0 must not become the int 1.
            if (text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0) text += ".0";
            return new JsonNumber(text);
        }

        private static IEnumerable<(string, object)> Members(object source)
        {
            if (source is IDictionary dict)
            {
                foreach (DictionaryEntry entry in dict)
                    yield return (System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value);
                yield break;
            }
            foreach (var property in ((PSObject)source).Properties)
            {
                if (!(property is PSNoteProperty) && !(property is PSProperty)) continue;
                yield return (property.Name, property.Value);
            }
        }
    }
}
