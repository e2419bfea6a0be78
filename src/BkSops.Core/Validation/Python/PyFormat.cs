using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace BkSops.Validation.Python
{
    /// <summary>Python's <c>str()</c>, <c>repr()</c> and <c>json.dumps()</c> for the values conditions work with.</summary>
    internal static class PyFormat
    {
        /// <summary><c>str(v)</c>: what Mako writes for <c>${v}</c>.</summary>
        public static string Str(object? v)
        {
            if (v is string s) return s;
            return Repr(v);
        }

        /// <summary><c>repr(v)</c>; containers are written with an explicit stack (values can be deeply nested).</summary>
        public static string Repr(object? v) => Write(v, json: false);

        /// <summary><c>json.dumps(v)</c> with its defaults (ASCII only, <c>", "</c> and <c>": "</c> separators).</summary>
        public static string JsonDumps(object? v) => Write(v, json: true);

        private static string Write(object? value, bool json)
        {
            var sb = new StringBuilder();
            var work = new Stack<object?>();
            work.Push(value);
            while (work.Count > 0)
            {
                var item = work.Pop();
                if (item is Literal lit) { sb.Append(lit.Text); continue; }
                if (item is PyList list)
                {
                    work.Push(new Literal("]"));
                    for (int i = list.Count - 1; i >= 0; i--)
                    {
                        work.Push(list[i]);
                        if (i > 0) work.Push(new Literal(", "));
                    }
                    sb.Append('[');
                    continue;
                }
                if (item is PyDict dict)
                {
                    var pairs = new List<KeyValuePair<object?, object?>>(dict.Items);
                    work.Push(new Literal("}"));
                    for (int i = pairs.Count - 1; i >= 0; i--)
                    {
                        work.Push(pairs[i].Value);
                        work.Push(new Literal(": "));
                        work.Push(json ? new Literal(JsonKey(pairs[i].Key)) : (object?)pairs[i].Key);
                        if (i > 0) work.Push(new Literal(", "));
                    }
                    sb.Append('{');
                    continue;
                }
                sb.Append(json ? JsonScalar(item) : ReprScalar(item));
            }
            return sb.ToString();
        }

        private sealed class Literal
        {
            public Literal(string text) { Text = text; }
            public readonly string Text;
        }

        private static string ReprScalar(object? v)
        {
            if (v == null) return "None";
            if (v is bool b) return b ? "True" : "False";
            if (v is BigInteger i) return i.ToString(CultureInfo.InvariantCulture);
            if (v is double d) return FloatRepr(d);
            if (v is string s) return StrRepr(s);
            return "<object>";
        }

        private static string JsonScalar(object? v)
        {
            if (v == null) return "null";
            if (v is bool b) return b ? "true" : "false";
            if (v is BigInteger i) return i.ToString(CultureInfo.InvariantCulture);
            if (v is double d)
            {
                if (double.IsNaN(d)) return "NaN";
                if (double.IsPositiveInfinity(d)) return "Infinity";
                if (double.IsNegativeInfinity(d)) return "-Infinity";
                return FloatRepr(d);
            }
            if (v is string s) return JsonString(s);
            return "null";
        }

        // json.dumps turns keys into strings: True -> "true", 1 -> "1", None -> "null".
        private static string JsonKey(object? key)
        {
            if (key is string s) return JsonString(s);
            return JsonString(JsonScalar(key));
        }

        private static string JsonString(string s)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary><c>repr(float)</c>: the shortest text that reads back to the same double, in Python's layout (1.0, 1e+16, 1e-05).</summary>
        public static string FloatRepr(double d) => PythonRepr.FloatRepr(d);

        /// <summary><c>repr(str)</c>: single quotes unless the text has ' and no ", with Python's escapes.</summary>
        public static string StrRepr(string s) => PythonRepr.ReprString(s);
    }
}
