using System.Collections.Generic;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using CsCheck;
using Xunit;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>JsonWriter.Write(JsonReader.Parse(x)) is a fixed point: writing what was read and reading it again gives the same text.</summary>
    public sealed class JsonRoundTripTests
    {
        [Fact]
        public void GeneratedTreesSurviveARoundTripUnchanged()
        {
            TreeGens.Recipe.Sample(recipe =>
            {
                var root = recipe.Build().Root;
                foreach (bool indented in new[] { true, false })
                {
                    string text = JsonWriter.Write(root, indented);
                    string again = JsonWriter.Write(JsonReader.Parse(text), indented);
                    Assert.Equal(text, again);
                }
            }, iter: 200, print: r => r.ToString());
        }

        [Fact]
        public void RandomValuesSurviveARoundTrip()
        {
            JsonGens.Value.Sample(node =>
            {
                foreach (bool indented in new[] { true, false })
                {
                    string text = JsonWriter.Write(node, indented);
                    var parsed = JsonReader.Parse(text);
                    Assert.True(JsonEquality.Equal(node, parsed), "The parsed value differs from the written one: " + text);
                    Assert.Equal(text, JsonWriter.Write(parsed, indented));
                }
            }, iter: 1000, print: n => JsonWriter.Write(n, false));
        }

        [Fact]
        public void AwkwardTextReadsToTheSameValueAndThenRoundTrips()
        {
            Gen.Select(JsonGens.Value, Gen.Int, Gen.Bool).Sample((node, seed, duplicates) =>
            {
                string awkward = JsonGens.AwkwardText(node, seed, duplicates);
                var parsed = JsonReader.Parse(awkward);
                Assert.True(JsonEquality.Equal(node, parsed), "Reading changed the value: " + awkward);
                string once = JsonWriter.Write(parsed, indented: true);
                Assert.Equal(once, JsonWriter.Write(JsonReader.Parse(once), indented: true));
            }, iter: 1000, print: t => JsonGens.AwkwardText(t.Item1, t.Item2, t.Item3));
        }

        [Theory]
        [InlineData(100_000)]
        public void VeryDeepNestingRoundTripsWithoutRecursion(int depth)
        {
            var node = RandomJson.Nested(new System.Random(depth), depth, new JsonString("leaf"));
            string text = JsonWriter.Write(node, indented: false);
            var parsed = JsonReader.Parse(text);
            Assert.Equal(text, JsonWriter.Write(parsed, indented: false));
            Assert.True(JsonEquality.Equal(node, parsed));
        }
    }

    /// <summary>Deep structural equality of two JSON values (member order and number text included), iterative.</summary>
    internal static class JsonEquality
    {
        public static bool Equal(JsonNode a, JsonNode b)
        {
            var pending = new Stack<(JsonNode, JsonNode)>();
            pending.Push((a, b));
            while (pending.Count > 0)
            {
                var (x, y) = pending.Pop();
                if (x.Kind != y.Kind) return false;
                switch (x)
                {
                    case JsonObject ox:
                        var oy = (JsonObject)y;
                        if (ox.Count != oy.Count) return false;
                        for (int i = 0; i < ox.Count; i++)
                        {
                            if (ox.Properties[i].Name != oy.Properties[i].Name) return false;
                            pending.Push((ox.Properties[i].Value, oy.Properties[i].Value));
                        }
                        break;
                    case JsonArray ax:
                        var ay = (JsonArray)y;
                        if (ax.Count != ay.Count) return false;
                        for (int i = 0; i < ax.Count; i++) pending.Push((ax[i], ay[i]));
                        break;
                    case JsonString sx:
                        if (sx.Value != ((JsonString)y).Value) return false;
                        break;
                    case JsonNumber nx:
                        if (nx.RawText != ((JsonNumber)y).RawText) return false;
                        break;
                    case JsonBoolean bx:
                        if (bx.Value != ((JsonBoolean)y).Value) return false;
                        break;
                }
            }
            return true;
        }
    }
}
