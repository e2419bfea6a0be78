using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using BkSops.Json;

namespace BkSops.Validation.Python
{
    /// <summary>A Python list: the value of a boolrule tuple <c>(1, 2)</c>, or a list-valued variable.</summary>
    public sealed class PyList : IReadOnlyList<object?>
    {
        private readonly IList<object?> items;

        public PyList(IEnumerable<object?> items) { this.items = new List<object?>(items); }

        // Uses the array as its store, so an iterative converter can fill the slots after creating the list.
        internal PyList(object?[] slots) { items = slots; }

        public int Count => items.Count;
        public object? this[int index] => items[index];
        public IEnumerator<object?> GetEnumerator() => items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
        public override string ToString() => PyFormat.Str(this);
    }

    /// <summary>A Python dict value (a constant whose value is a JSON object). Only ever rendered, never compared.</summary>
    public sealed class PyDict
    {
        private readonly IList<object?> keys;
        private readonly IList<object?> values;

        public PyDict(IEnumerable<KeyValuePair<object?, object?>> items)
        {
            keys = new List<object?>();
            values = new List<object?>();
            foreach (var p in items) { keys.Add(p.Key); values.Add(p.Value); }
        }

        internal PyDict(object?[] keys, object?[] valueSlots) { this.keys = keys; values = valueSlots; }

        public int Count => keys.Count;

        public IEnumerable<KeyValuePair<object?, object?>> Items
        {
            get { for (int i = 0; i < keys.Count; i++) yield return new KeyValuePair<object?, object?>(keys[i], values[i]); }
        }

        public override string ToString() => PyFormat.Str(this);
    }

    /// <summary>
    /// Variable values for rendering conditions. A value is null (None), bool, a whole number (int), a double (float),
    /// a string, a list or dictionary of those, a JSON node, or <see cref="Unknown"/>.
    /// </summary>
    public static class ConditionValues
    {
        /// <summary>Marks a variable whose value only exists at run time (e.g. a plugin output): conditions using it evaluate to Unknown.</summary>
        public static readonly object Unknown = new UnknownValue();

        /// <summary>True for <see cref="Unknown"/>, and for values BkSops cannot model as Python values.</summary>
        public static bool IsUnknown(object? value) => PyValue.FromDotNet(value) is UnknownValue;

        private sealed class UnknownValue
        {
            public override string ToString() => "<known at run time>";
        }

        internal static bool IsUnknownMarker(object? value) => value is UnknownValue;
    }

    /// <summary>Python value semantics for the objects boolrule works with: None, bool, int, float, str, list (and dict for rendering).</summary>
    internal static class PyValue
    {
        private const int MaxNesting = 64;

        /// <summary>Turns a .NET or JSON value into the canonical form used here: BigInteger for int, double for float, PyList, PyDict.</summary>
        public static object? FromDotNet(object? value) => FromDotNet(value, 0);

        // .NET collections handed in by callers are converted recursively, with a depth bound (JSON goes through FromJson).
        private static object? FromDotNet(object? value, int depth)
        {
            if (value == null) return null;
            if (depth > MaxNesting) return ConditionValues.Unknown;
            if (ConditionValues.IsUnknownMarker(value)) return value;
            switch (value)
            {
                case string s: return s;
                case bool b: return b;
                case BigInteger big: return big;
                case int i: return new BigInteger(i);
                case long l: return new BigInteger(l);
                case short sh: return new BigInteger(sh);
                case byte by: return new BigInteger(by);
                case sbyte sb: return new BigInteger(sb);
                case ushort us: return new BigInteger(us);
                case uint ui: return new BigInteger(ui);
                case ulong ul: return new BigInteger(ul);
                case double d: return d;
                case float f: return (double)f;
                case decimal m: return (double)m;
                case char c: return c.ToString();
                case PyList _: return value;
                case PyDict _: return value;
                case JsonNode node: return FromJson(node);
                case IDictionary dict:
                {
                    var pairs = new List<KeyValuePair<object?, object?>>();
                    foreach (DictionaryEntry e in dict) pairs.Add(new KeyValuePair<object?, object?>(FromDotNet(e.Key, depth + 1), FromDotNet(e.Value, depth + 1)));
                    return new PyDict(pairs);
                }
                case IEnumerable sequence:
                {
                    var items = new List<object?>();
                    foreach (var item in sequence) items.Add(FromDotNet(item, depth + 1));
                    return new PyList(items);
                }
                default: return ConditionValues.Unknown;
            }
        }

        /// <summary>What Python's json module reads for a JSON value (explicit stack: values can be deeply nested).</summary>
        public static object? FromJson(JsonNode node)
        {
            var result = new object?[1];
            var work = new Stack<(JsonNode node, object?[] slots, int index)>();
            work.Push((node, result, 0));
            while (work.Count > 0)
            {
                var (n, slots, index) = work.Pop();
                switch (n.Kind)
                {
                    case JsonKind.Null: slots[index] = null; break;
                    case JsonKind.Boolean: slots[index] = ((JsonBoolean)n).Value; break;
                    case JsonKind.String: slots[index] = ((JsonString)n).Value; break;
                    case JsonKind.Number: slots[index] = NumberFromJson((JsonNumber)n); break;
                    case JsonKind.Array:
                    {
                        var arr = (JsonArray)n;
                        var items = new object?[arr.Count];
                        slots[index] = new PyList(items);
                        for (int i = 0; i < arr.Count; i++) work.Push((arr[i], items, i));
                        break;
                    }
                    default:
                    {
                        var obj = (JsonObject)n;
                        var keys = new object?[obj.Count];
                        var values = new object?[obj.Count];
                        slots[index] = new PyDict(keys, values);
                        for (int i = 0; i < obj.Count; i++)
                        {
                            keys[i] = obj.Properties[i].Name;
                            work.Push((obj.Properties[i].Value, values, i));
                        }
                        break;
                    }
                }
            }
            return result[0];
        }

        private static object NumberFromJson(JsonNumber n)
        {
            if (n.IsInteger && BigInteger.TryParse(n.RawText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var big))
                return big;
            try { return n.ToDouble(); }
            catch (OverflowException) { return n.RawText.StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity; }
            catch (FormatException) { return ConditionValues.Unknown; }
        }

        /// <summary>Python's <c>type(v).__name__</c>.</summary>
        public static string TypeName(object? v)
        {
            if (v == null) return "NoneType";
            if (v is bool) return "bool";
            if (v is BigInteger) return "int";
            if (v is double) return "float";
            if (v is string) return "str";
            if (v is PyList) return "list";
            if (v is PyDict) return "dict";
            return "object";
        }

        /// <summary><c>isinstance(v, int)</c>: bool counts as int in Python.</summary>
        public static bool IsInt([NotNullWhen(true)] object? v) => v is bool || v is BigInteger;

        public static bool IsNumber([NotNullWhen(true)] object? v) => v is bool || v is BigInteger || v is double;

        public static BigInteger AsInteger(object v) => v is bool b ? (b ? BigInteger.One : BigInteger.Zero) : (BigInteger)v;
    }
}
