using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using BkSops.Json;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// Turns JSON values used as Python dict keys into .NET strings that are equal exactly when Python's keys are
    /// equal (a str is itself; 1, 1.0 and True share one key; None has its own), and remembers the first value seen
    /// for each non-str key so its repr can be printed. Lists and dicts are unhashable, as in Python.
    /// </summary>
    internal sealed class PyKeys
    {
        private const char Marker = '\u0000';
        public const string None = "\u0000None";
        private readonly Dictionary<string, JsonNode> originals = new Dictionary<string, JsonNode>();

        /// <summary>The key of <paramref name="value"/>; TypeError "unhashable type" for lists and dicts.</summary>
        public string Of(JsonNode? value)
        {
            switch (value)
            {
                case JsonString s: return s.Value;
                case null: return None;
                case JsonNull _: return None;
                case JsonArray _: throw PythonException.Unhashable("list");
                case JsonObject _: throw PythonException.Unhashable("dict");
            }
            string key = Canonical(value);
            if (!originals.ContainsKey(key)) originals[key] = value;
            return key;
        }

        /// <summary><c>repr()</c> of the value behind a key.</summary>
        public string Repr(string? key)
        {
            if (key == null || key == None) return "None";
            if (key.Length > 0 && key[0] == Marker && originals.TryGetValue(key, out var value)) return PythonRepr.Repr(value);
            return PythonRepr.ReprString(key);
        }

        /// <summary><c>str()</c> of the value behind a key.</summary>
        public string Str(string? key)
        {
            if (key == null || key == None) return "None";
            if (key.Length > 0 && key[0] == Marker && originals.TryGetValue(key, out var value)) return PythonRepr.Str(value);
            return key;
        }

        /// <summary>The JSON value behind a key (a new string node for str keys).</summary>
        public JsonNode Value(string? key)
        {
            if (key == null || key == None) return new JsonNull();
            if (key.Length > 0 && key[0] == Marker && originals.TryGetValue(key, out var value)) return value;
            return new JsonString(key);
        }

        /// <summary>True when the key stands for a Python str.</summary>
        public static bool IsStr([NotNullWhen(true)] string? key) => key != null && (key.Length == 0 || key[0] != Marker);

        private static string Canonical(JsonNode value)
        {
            switch (value)
            {
                case JsonBoolean b: return Marker + "n:" + (b.Value ? "1" : "0");
                case JsonNumber n when n.IsInteger:
                    return Marker + "n:" + BigInteger.Parse(n.RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                case JsonNumber n:
                    double d = PythonRepr.ToDouble(n);
                    if (!double.IsNaN(d) && !double.IsInfinity(d) && System.Math.Floor(d) == d)
                        return Marker + "n:" + new BigInteger(d).ToString(CultureInfo.InvariantCulture);
                    return Marker + "f:" + PythonRepr.FloatRepr(d);
                default:
                    return Marker + "?";
            }
        }
    }
}
