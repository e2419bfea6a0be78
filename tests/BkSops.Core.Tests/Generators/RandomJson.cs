using System;
using System.Text;
using BkSops.Json;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>Random JSON values from a <see cref="Random"/>: awkward strings, odd numbers, and nesting of any depth (built iteratively).</summary>
    public static class RandomJson
    {
        private static readonly string[] OddNumbers =
        {
            "0", "-0", "1", "-1", "1.0", "1e3", "1E-7", "-2.5e+10", "9007199254740993", "123456789012345678901234567890",
            "1e999", "-1e999", "0.000000000000000000000001", "NaN", "Infinity", "-Infinity",
        };

        private static readonly string[] OddStrings =
        {
            "", " ", "<>$&'\"", "${", "}", "${x}", "${_env_x}", "${a}${b}", "\\", "\u0000", "\n\r\t", "\u00e9\u4efb\u52a1",
            "\ud83d\ude00", "\ud800", "\u202e\u200b", "node", "line", "null", "None", "true", "[]", "{}", "'l'",
        };

        /// <summary>A string from the awkward list, random text, or a long run.</summary>
        public static string OddString(Random random)
        {
            switch (random.Next(5))
            {
                case 0:
                    return new string((char)random.Next(0x20, 0x7f), random.Next(2) == 0 ? 51 : 10_000);
                case 1:
                    var sb = new StringBuilder();
                    for (int i = random.Next(12); i > 0; i--) sb.Append((char)random.Next(0, 0x3000));
                    return sb.ToString();
                default:
                    return OddStrings[random.Next(OddStrings.Length)];
            }
        }

        public static JsonNumber OddNumber(Random random) => new JsonNumber(OddNumbers[random.Next(OddNumbers.Length)]);

        /// <summary>A scalar of a random kind.</summary>
        public static JsonNode Scalar(Random random)
        {
            switch (random.Next(4))
            {
                case 0: return new JsonString(OddString(random));
                case 1: return OddNumber(random);
                case 2: return JsonNode.From(random.Next(2) == 0);
                default: return new JsonNull();
            }
        }

        /// <summary>A value of a kind other than <paramref name="not"/> (small containers included).</summary>
        public static JsonNode OtherKind(Random random, JsonKind not)
        {
            while (true)
            {
                var kind = (JsonKind)random.Next(6);
                if (kind == not) continue;
                switch (kind)
                {
                    case JsonKind.Object:
                        var obj = new JsonObject();
                        for (int i = random.Next(3); i > 0; i--) obj.Set(OddString(random), Scalar(random));
                        return obj;
                    case JsonKind.Array:
                        var array = new JsonArray();
                        for (int i = random.Next(3); i > 0; i--) array.Add(Scalar(random));
                        return array;
                    case JsonKind.String: return new JsonString(OddString(random));
                    case JsonKind.Number: return OddNumber(random);
                    case JsonKind.Boolean: return JsonNode.From(random.Next(2) == 0);
                    default: return new JsonNull();
                }
            }
        }

        /// <summary>Arrays and objects nested <paramref name="depth"/> deep around <paramref name="leaf"/>, built without recursion.</summary>
        public static JsonNode Nested(Random random, int depth, JsonNode leaf)
        {
            JsonNode current = leaf;
            for (int i = 0; i < depth; i++)
            {
                if (random.Next(2) == 0)
                {
                    var array = new JsonArray();
                    array.Add(current);
                    current = array;
                }
                else
                {
                    var obj = new JsonObject();
                    obj.Set(random.Next(4) == 0 ? "incoming" : "k", current);
                    current = obj;
                }
            }
            return current;
        }
    }
}
