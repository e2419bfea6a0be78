using System.Text;
using BkSops.Api;
using Xunit;

namespace BkSops.Core.Tests.Api
{
    public class AnswerEnvelopeTests
    {
        private static AnswerEnvelope Read(string json) => AnswerEnvelope.TryRead(Encoding.UTF8.GetBytes(json));

        [Fact]
        public void ReadsMembersAndKeepsTheTreeAsText()
        {
            var e = Read("\uFEFF {\"result\": true, \"data\": {\"task_id\": 7, \"task_url\": \"u\\\"\", \"pipeline_tree\": {\"a\": [1, \"]}\", {\"b\": null}]}}, \"code\": 0, \"message\": \"\"}");
            Assert.NotNull(e);
            Assert.True(BkSopsClient.IsTrue(e["result"]));
            Assert.Equal(7, BkSopsClient.ReadLong(e.Data["task_id"]));
            Assert.Equal("u\"", BkSopsClient.StringValue(e.Data["task_url"]));
            Assert.Equal("{\"a\": [1, \"]}\", {\"b\": null}]}", e.TreeText);
            Assert.Equal(2, ((Newtonsoft.Json.Linq.JObject)e.Data).Count);  // the tree is kept as text, apart
            Assert.Null(e["absent"]);
        }

        [Theory]
        [InlineData("")]
        [InlineData("<html>Bad gateway</html>")]
        [InlineData("[1, 2]")]
        [InlineData("{\"result\": true")]
        [InlineData("{\"result\": tru}")]
        [InlineData("{\"result\": true} trailing")]
        [InlineData("{\"data\": {\"pipeline_tree\": {\"a\": [}}}")]
        [InlineData("{\"a\" 1}")]
        public void RefusesWhatIsNotOneJSONObject(string text) => Assert.Null(Read(text));

        [Fact]
        public void ARepeatedKeyKeepsItsLastValueAsJsonLoadsDoes()
        {
            var e = Read("{\"code\": 1, \"code\": 2}");
            Assert.Equal(2, BkSopsClient.ReadLong(e["code"]));
        }

        [Fact]
        public void DeeplyNestedDataIsSkippedWithoutRecursion()
        {
            var json = new StringBuilder("{\"result\": true, \"data\": {\"pipeline_tree\": ");
            for (int i = 0; i < 100_000; i++) json.Append('[');
            for (int i = 0; i < 100_000; i++) json.Append(']');
            json.Append("}}");
            var e = Read(json.ToString());
            Assert.Equal(200_000, e.TreeText.Length);
        }

        [Fact]
        public void CutsTheTreeOutOfAnAnswerOnSeveralLines()
        {
            var e = Read("{\r\n  \"result\": true,\n  \"data\": {\r    \"task_id\": 7,\n    \"pipeline_tree\" :\r\n {\"a\": \"x\\ny\",\n \"b\": [1.50]}\n  },\n  \"data2\": 1\n}\n");
            Assert.Equal("{\"a\": \"x\\ny\",\n \"b\": [1.50]}", e.TreeText);
            Assert.Equal(7, BkSopsClient.ReadLong(e.Data["task_id"]));
        }

        [Fact]
        public void ALaterDataMemberReplacesTheTreeToo()
        {
            var e = Read("{\"data\": {\"pipeline_tree\": {}}, \"data\": [1]}");
            Assert.Null(e.TreeText);
            Assert.IsType<Newtonsoft.Json.Linq.JArray>(e.Data);
        }
    }
}
