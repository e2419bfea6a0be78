using System.Linq;
using System.Text;
using BkSops.Json;
using BkSops.Sandbox.Store;
using Xunit;

namespace BkSops.Sandbox.Tests.Store
{
    public class TreeTextTests
    {
        [Fact]
        public void EachCallGivesExactlyItsOwnJsonThoughTheWriterIsReused()
        {
            var big = (JsonObject)JsonReader.Parse("{\"a\":\"" + new string('x', 300_000) + "\",\"b\":[1,2.50,null,true]}");
            var small = (JsonObject)JsonReader.Parse("{\"é\":\"\\ud800 \\u0001 \\\"q\\\"\"}");
            foreach (var node in new[] { small, big, small, small, big })
            {
                var bytes = TreeText.Bytes(node);
                Assert.Equal(JsonWriter.Write(node, indented: false), Encoding.UTF8.GetString(bytes));
            }
            Assert.Equal(TreeText.Bytes(small), TreeText.Bytes(small).ToArray());
        }
    }
}
