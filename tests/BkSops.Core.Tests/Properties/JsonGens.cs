using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using BkSops.Json;
using CsCheck;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>CsCheck generators of JSON values for the lossless model, and a writer of awkward but legal JSON text.</summary>
    public static class JsonGens
    {
        /// <summary>Any UTF-16 text, lone surrogates and control characters included.</summary>
        public static readonly Gen<string> AnyString =
            Gen.Frequency(
                (3, Gen.String),
                (2, Gen.Char[(char)0, (char)0x7f].Array[0, 12].Select(cs => new string(cs))),
                (1, Gen.Char.Array[0, 6].Select(cs => new string(cs))),
                (1, Gen.OneOf(Gen.Const(""), Gen.Const("\"\\/\b\f\n\r\t"), Gen.Const("\ud83d\ude00"), Gen.Const("\ud800x"), Gen.Const("${x}"))));

        /// <summary>Number text as JSON (and Python) allows it: sign, digits, fraction, exponent; plus NaN and Infinity.</summary>
        public static readonly Gen<string> NumberText =
            Gen.Frequency(
                (4, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
                (3, Gen.Double.Where(d => !double.IsNaN(d) && !double.IsInfinity(d)).Select(d => d.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+"))),
                (3, Gen.Select(Gen.Bool, Gen.Int[0, 3], Gen.Char['0', '9'].Array[1, 25], Gen.Char['0', '9'].Array[0, 8], Gen.Int[-400, 400])
                    .Select((negative, form, digits, fraction, exponent) =>
                    {
                        string integer = new string(digits).TrimStart('0');
                        if (integer.Length == 0) integer = "0";
                        var sb = new StringBuilder();
                        if (negative) sb.Append('-');
                        sb.Append(integer);
                        if ((form & 1) == 1 && fraction.Length > 0) sb.Append('.').Append(fraction);
                        if ((form & 2) == 2) sb.Append(exponent % 2 == 0 ? 'e' : 'E').Append(exponent < 0 ? "-" : exponent % 3 == 0 ? "+" : "").Append(Math.Abs(exponent));
                        return sb.ToString();
                    })),
                (1, Gen.OneOf(Gen.Const("NaN"), Gen.Const("Infinity"), Gen.Const("-Infinity"), Gen.Const("-0"), Gen.Const("1e999"))));

        public static readonly Gen<JsonNode> Scalar =
            Gen.Frequency(
                (4, AnyString.Select(s => (JsonNode)new JsonString(s))),
                (3, NumberText.Select(t => (JsonNode)new JsonNumber(t))),
                (1, Gen.Bool.Select(b => (JsonNode)JsonNode.From(b))),
                (1, Gen.Bool.Select(_ => (JsonNode)new JsonNull())));

        /// <summary>Values nested up to a few levels (keys may repeat in the generator; the object keeps the last value).</summary>
        public static readonly Gen<JsonNode> Value = Gen.Recursive<JsonNode>((depth, inner) =>
            depth >= 5
                ? Scalar
                : Gen.Frequency(
                    (3, Scalar),
                    (1, inner.Array[0, 6].Select(items => (JsonNode)new JsonArray(items))),
                    (1, Gen.Select(AnyString, inner).Array[0, 6].Select(members =>
                    {
                        var obj = new JsonObject();
                        foreach (var (key, value) in members) obj.Set(key, value);
                        return (JsonNode)obj;
                    }))));

        /// <summary>
        /// Legal JSON text for <paramref name="node"/> written differently from JsonWriter: random whitespace,
        /// \u escapes, escaped '/', and (when <paramref name="duplicates"/>) an earlier repeated key that the last one overrides.
        /// </summary>
        public static string AwkwardText(JsonNode node, int seed, bool duplicates)
        {
            var random = new Random(seed);
            var sb = new StringBuilder();
            Write(node, sb, random, duplicates);
            return Space(random) + sb + Space(random);
        }

        private static void Write(JsonNode node, StringBuilder sb, Random random, bool duplicates)
        {
            switch (node)
            {
                case JsonObject o:
                    sb.Append('{').Append(Space(random));
                    var members = new List<JsonProperty>(o.Properties);
                    bool first = true;
                    foreach (var m in members)
                    {
                        if (duplicates && random.Next(3) == 0)
                        {
                            Separator(sb, random, ref first);
                            WriteString(m.Name, sb, random);
                            sb.Append(Space(random)).Append(':').Append(Space(random)).Append("[\"overridden\"]");
                        }
                        Separator(sb, random, ref first);
                        WriteString(m.Name, sb, random);
                        sb.Append(Space(random)).Append(':').Append(Space(random));
                        Write(m.Value, sb, random, duplicates);
                    }
                    sb.Append(Space(random)).Append('}');
                    break;
                case JsonArray a:
                    sb.Append('[').Append(Space(random));
                    bool firstItem = true;
                    foreach (var item in a.Items)
                    {
                        Separator(sb, random, ref firstItem);
                        Write(item, sb, random, duplicates);
                    }
                    sb.Append(Space(random)).Append(']');
                    break;
                case JsonString s: WriteString(s.Value, sb, random); break;
                case JsonNumber n: sb.Append(n.RawText); break;
                case JsonBoolean b: sb.Append(b.Value ? "true" : "false"); break;
                default: sb.Append("null"); break;
            }
        }

        private static void Separator(StringBuilder sb, Random random, ref bool first)
        {
            if (!first) sb.Append(Space(random)).Append(',').Append(Space(random));
            first = false;
        }

        private static void WriteString(string value, StringBuilder sb, Random random)
        {
            sb.Append('"');
            foreach (char c in value)
            {
                if (c == '"') sb.Append("\\\"");
                else if (c == '\\') sb.Append("\\\\");
                else if (c == '/' && random.Next(2) == 0) sb.Append("\\/");
                else if (c < 0x20 || random.Next(8) == 0) sb.Append("\\u").Append(((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            sb.Append('"');
        }

        private static string Space(Random random)
        {
            switch (random.Next(6))
            {
                case 0: return " ";
                case 1: return "\n  ";
                case 2: return "\r\n\t";
                default: return "";
            }
        }
    }
}
