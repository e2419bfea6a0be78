using BkSops.Json;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    public class JsonReaderTests
    {
        [Fact]
        public void RepeatedKeyKeepsFirstPositionAndLastValueWithAWarning()
        {
            var result = JsonReader.Read("{\"a\": 1, \"b\": 2, \"a\": 3}");
            var obj = (JsonObject)result.Root;
            Assert.Equal(new[] { "a", "b" }, obj.Keys);
            Assert.Equal("3", ((JsonNumber)obj["a"]).RawText);
            var warning = Assert.Single(result.Warnings);
            Assert.Equal("$.a", warning.Path);
            Assert.Contains("'a'", warning.Message);
            Assert.Equal(1, warning.Line);
        }

        [Fact]
        public void NodesCarryLineAndColumn()
        {
            var obj = (JsonObject)JsonReader.Parse("{\n  \"activities\": {\n    \"n1\": {\"name\": \"x\"}\n  }\n}");
            var n1 = ((JsonObject)obj["activities"])["n1"];
            Assert.Equal(3, n1.Line);
            Assert.Equal(11, n1.Column);
        }

        [Theory]
        [InlineData("", 1, 1, "empty")]
        [InlineData("{\"a\": 1", 1, 8, "missing '}'")]
        [InlineData("{\"a\": 1,}", 1, 9, "trailing comma")]
        [InlineData("[1, 2,]", 1, 7, "trailing comma")]
        [InlineData("{\n  \"a\" 1\n}", 2, 7, "expected ':'")]
        [InlineData("{\"a\": tru}", 1, 7, "expected a value")]
        [InlineData("{\"a\": \"x", 1, 7, "missing closing quote")]
        [InlineData("{\"a\": 01}", 1, 7, "leading zeros")]
        [InlineData("{} {}", 1, 4, "after the end")]
        [InlineData("{'a': 1}", 1, 2, "double quotes")]
        [InlineData("{\"a\": \"\\q\"}", 1, 8, "invalid escape")]
        public void MalformedTextNamesLineColumnAndReason(string text, int line, int column, string reason)
        {
            var e = Assert.Throws<PipelineInputException>(() => JsonReader.Parse(text));
            Assert.Equal(line, e.Line);
            Assert.Equal(column, e.Column);
            Assert.Contains(reason, e.Message);
            Assert.Contains($"line {line}, column {column}", e.Message);
        }

        [Fact]
        public void AcceptsWhatPythonJsonAccepts()
        {
            var arr = (JsonArray)JsonReader.Parse("[NaN, Infinity, -Infinity, 1E+2, \"\\u00e9\\/\"]");
            Assert.Equal("NaN", ((JsonNumber)arr[0]).RawText);
            Assert.Equal("-Infinity", ((JsonNumber)arr[2]).RawText);
            Assert.False(((JsonNumber)arr[3]).IsInteger);
            Assert.Equal("é/", ((JsonString)arr[4]).Value);
        }

        [Fact]
        public void ControlCharactersInStringsAreRefusedAsPythonDoes()
        {
            var e = Assert.Throws<PipelineInputException>(() => JsonReader.Parse("[\"a\tb\"]"));
            Assert.Contains("control character", e.Message);
        }

        [Fact]
        public void PythonTypeNamesFollowJsonLoads()
        {
            var arr = (JsonArray)JsonReader.Parse("[1, 1.0, \"s\", true, null, [], {}]");
            Assert.Equal(new[] { "int", "float", "str", "bool", "NoneType", "list", "dict" },
                System.Linq.Enumerable.Select(arr.Items, i => i.PythonTypeName));
        }
    }
}
