using System.Text;
using BkSops.Json;
using BkSops.Sandbox.Http;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>
    /// How a request body becomes JSON: ASCII bodies are read from their bytes, others decoded strictly first; both
    /// ways give what the one way (strict UTF-8 text, then the reader) gave before.
    /// </summary>
    public class RequestBodyJsonTests
    {
        private static JsonNode Read(byte[] body) => new SandboxRequest { Body = body }.BodyJson;

        private static string Text(JsonNode node) => node == null ? null : JsonWriter.Write(node, indented: false);

        [Theory]
        [InlineData("{\"name\":\"a\",\"n\":1.50,\"e\":\"\\u00e9\\ud800\"}")]
        [InlineData("  [1, 2, NaN, -Infinity]  ")]
        [InlineData("{\"name\":\"任务 é\",\"pipeline_tree\":{}}")]
        public void AsciiAndOtherBodiesReadTheSameAsStrictTextDid(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(Text(JsonReader.Parse(new UTF8Encoding(false, true).GetString(bytes))), Text(Read(bytes)));
            Assert.NotNull(Read(bytes));
        }

        [Fact]
        public void BodiesThatAreNotJsonOrNotStrictUtf8ReadAsNothing()
        {
            Assert.Null(Read(new byte[0]));
            Assert.Null(Read(Encoding.ASCII.GetBytes("{\"name\":")));
            Assert.Null(Read(Encoding.ASCII.GetBytes("x{}")));
            Assert.Null(Read(new byte[] { (byte)'"', 0xFF, (byte)'"' }));
            // An encoded lone surrogate (Python's surrogatepass would take it): refused, as the strict decoder always did.
            Assert.Null(Read(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' }));
        }

        [Fact]
        public void AByteOrderMarkBeforeTheBodyIsSkipped()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' };
            Assert.Equal("{}", Text(Read(bytes)));
        }
    }
}
