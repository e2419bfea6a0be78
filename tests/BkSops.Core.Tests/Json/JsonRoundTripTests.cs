using System;
using System.IO;
using System.Linq;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    public class JsonRoundTripTests
    {
        internal static string SharedExample(params string[] parts) =>
            Path.Combine(new[] { AppContext.BaseDirectory, "examples" }.Concat(parts).ToArray());

        private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

        /// <summary>Removes insignificant whitespace outside strings, so texts can be compared "apart from whitespace".</summary>
        internal static string Squeeze(string json)
        {
            var sb = new System.Text.StringBuilder(json.Length);
            bool inString = false;
            for (int i = 0; i < json.Length; i++)
            {
                char c = json[i];
                if (inString)
                {
                    sb.Append(c);
                    if (c == '\\') { sb.Append(json[++i]); continue; }
                    if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                if (!char.IsWhiteSpace(c)) sb.Append(c);
            }
            return sb.ToString();
        }

        [Theory]
        [InlineData("seed-tree.json")]
        [InlineData("seed-tree-list-incoming.json")]
        public void SeedTreesRoundTripUnchangedApartFromWhitespace(string file)
        {
            string text = File.ReadAllText(SharedExample(file));
            string written = JsonWriter.Write(JsonReader.Parse(text), indented: true);
            Assert.Equal(Squeeze(text), Squeeze(written));
        }

        [Fact]
        public void LayoutDataUnknownFieldsAndNumberTextSurvive()
        {
            string text = File.ReadAllText(Fixture("with-layout.json"));
            string written = JsonWriter.Write(JsonReader.Parse(text), indented: false);
            // \u escapes are normalised to the characters themselves; everything else is kept as written.
            string expected = Squeeze(text).Replace("\\u6d4b\\u8bd5", "测试");
            Assert.Equal(expected, written);
            Assert.Contains("\"loop\":1.0", written);
            Assert.Contains("\"ratio\":2.50", written);
            Assert.Contains("\"big\":12345678901234567890", written);
            Assert.Contains("\"exp\":1e3", written);
            Assert.Contains("\"neg\":-0.0", written);
        }

        [Fact]
        public void AllServerVerdictExamplesRoundTrip()
        {
            var files = Directory.GetFiles(SharedExample("server-verdicts"), "*.json");
            Assert.True(files.Length >= 50, "the example trees should be copied to the test output");
            foreach (var file in files)
            {
                string text = File.ReadAllText(file);
                Assert.Equal(Squeeze(text), Squeeze(JsonWriter.Write(JsonReader.Parse(text), indented: true)));
            }
        }

        [Fact]
        public void IndentedAndCompressedFormsHoldTheSameDocument()
        {
            var node = JsonReader.Parse("{\"a\": [1, {\"b\": null}, [], {}], \"c\": \"x\\ny\\\"\"}");
            string compressed = JsonWriter.Write(node, indented: false);
            Assert.Equal("{\"a\":[1,{\"b\":null},[],{}],\"c\":\"x\\ny\\\"\"}", compressed);
            Assert.Equal(compressed, JsonWriter.Write(JsonReader.Parse(JsonWriter.Write(node, indented: true)), indented: false));
        }

        [Fact]
        public void ACloneHoldsTheSameDocumentSizedAsRead()
        {
            var node = JsonReader.Parse("{\"a\": {\"x\": 1, \"y\": [1, 2, 3, {\"z\": null}], \"w\": \"t\", \"v\": true, \"u\": 1.50}, \"e\": {}, \"l\": []}");
            var copy = (JsonObject)node.Clone();
            Assert.Equal(JsonWriter.Write(node, indented: false), JsonWriter.Write(copy, indented: false));
            var inner = (JsonObject)copy["a"];
            Assert.True(copy.StorageFits);
            Assert.True(inner.StorageFits);
            Assert.Equal(4, ((JsonArray)inner["y"]).Items.Count);
            // The copy is its own: growing it leaves the original as it was.
            inner.Set("added", new JsonString("new"));
            ((JsonArray)inner["y"]).Add(JsonNode.From(4));
            ((JsonObject)copy["e"]).Set("k", JsonNode.From(1));
            Assert.DoesNotContain("added", JsonWriter.Write(node, indented: false));
            Assert.Equal("{\"a\":{\"x\":1,\"y\":[1,2,3,{\"z\":null}],\"w\":\"t\",\"v\":true,\"u\":1.50},\"e\":{},\"l\":[]}", JsonWriter.Write(node, indented: false));
            Assert.Equal("{\"a\":{\"x\":1,\"y\":[1,2,3,{\"z\":null},4],\"w\":\"t\",\"v\":true,\"u\":1.50,\"added\":\"new\"},\"e\":{\"k\":1},\"l\":[]}", JsonWriter.Write(copy, indented: false));
        }

        [Fact]
        public void DeeplyNestedArraysDoNotOverflowTheStack()
        {
            const int depth = 200_000;
            string text = new string('[', depth) + new string(']', depth);
            var node = JsonReader.Parse(text);
            Assert.Equal(text, JsonWriter.Write(node, indented: false));
            Assert.Equal(text.Length, JsonWriter.Write(node.Clone(), indented: false).Length);
        }
    }
}
