using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    public class JsonNodeTruthinessTests
    {
        [Theory]
        [InlineData("true", true)]
        [InlineData("false", false)]
        [InlineData("null", false)]
        [InlineData("0", false)]
        [InlineData("0.0", false)]
        [InlineData("-1", true)]
        [InlineData("\"\"", false)]
        [InlineData("\"0\"", true)]
        [InlineData("[]", false)]
        [InlineData("[0]", true)]
        [InlineData("{}", false)]
        [InlineData("{\"a\":null}", true)]
        public void ValuesAreTrueExactlyWhenPythonsBoolSaysSo(string json, bool expected)
        {
            Assert.Equal(expected, JsonReader.Parse(json).IsTruthyInPython);
        }
    }
}
