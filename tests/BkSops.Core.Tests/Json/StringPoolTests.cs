using System;
using System.Collections.Generic;
using System.Text;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    /// <summary>The reader shares one string per distinct short text (<see cref="StringPool"/>), without changing any value.</summary>
    public class StringPoolTests
    {
        [Fact]
        public void AnIdRepeatedAsKeyValueAndListItemIsOneString()
        {
            var root = (JsonObject)JsonReader.Parse("{\"node1\": {\"id\": \"node1\", \"outgoing\": [\"node1\"], \"n\": 12}, \"m\": 12, \"e\": \"node\\u0031\"}");
            string key = root.Properties[0].Name;
            var node = (JsonObject)root["node1"];
            Assert.Same(key, ((JsonString)node["id"]).Value);
            Assert.Same(key, ((JsonString)((JsonArray)node["outgoing"])[0]).Value);
            Assert.Same(key, ((JsonString)root["e"]).Value); // built from an escape, then pooled
            Assert.Same(((JsonNumber)node["n"]).RawText, ((JsonNumber)root["m"]).RawText);
        }

        [Fact]
        public void LongTextsAreReadWholeButNotShared()
        {
            string longText = new string('x', StringPool.MaxLength + 1);
            var list = (JsonArray)JsonReader.Parse("[\"" + longText + "\", \"" + longText + "\"]");
            Assert.Equal(longText, ((JsonString)list[0]).Value);
            Assert.Equal(longText, ((JsonString)list[1]).Value);
            Assert.NotSame(((JsonString)list[0]).Value, ((JsonString)list[1]).Value);
        }

        [Fact]
        public void ManyDistinctTextsAllComeBackExactly()
        {
            var random = new Random(5);
            var texts = new List<string>();
            var json = new StringBuilder("[");
            for (int i = 0; i < 50000; i++)
            {
                int length = random.Next(StringPool.MaxLength + 8);
                var chars = new char[length];
                for (int c = 0; c < length; c++) chars[c] = (char)('a' + random.Next(random.Next(2) == 0 ? 3 : 26));
                texts.Add(new string(chars));
                json.Append(i == 0 ? "" : ",").Append('"').Append(texts[i]).Append('"');
            }
            var list = (JsonArray)JsonReader.Parse(json.Append(']').ToString());
            for (int i = 0; i < texts.Count; i++) Assert.Equal(texts[i], ((JsonString)list[i]).Value);
        }

        [Fact]
        public void APoolGivesTheTextAskedForAtEveryOffset()
        {
            var pool = new StringPool();
            const string text = "abcabcabc\u00e9\u4e2d\uD83D\uDE00abc";
            char[] chars = text.ToCharArray();
            for (int start = 0; start < text.Length; start++)
                for (int length = 0; start + length <= text.Length; length++)
                {
                    string expected = text.Substring(start, length);
                    Assert.Equal(expected, pool.Get(chars, start, length));
                    Assert.Same(pool.Get(chars, start, length), pool.Get(expected.ToCharArray(), 0, length));
                }
        }
    }
}
