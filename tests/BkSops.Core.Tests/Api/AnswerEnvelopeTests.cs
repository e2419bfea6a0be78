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

        [Theory]
        // Strict JSON: the quick pass finds the trees.
        [InlineData("{\"result\": true, \"data\": {\"task_id\": 1, \"pipeline_tree\": {\"a\": [1, -2.5e+3, \"\\u005d}\", true, false, null]}}}", "{\"a\": [1, -2.5e+3, \"\\u005d}\", true, false, null]}")]
        [InlineData("{\"data\": {\"pipeline\\u005ftree\": [ ] } }", "[ ]")]
        [InlineData("{\"data\": {\"x\": {\"pipeline_tree\": 1}, \"pipeline_tree\": \"t\"}}", "\"t\"")]
        [InlineData("{\"pipeline_tree\": 1, \"data\": {\"pipeline_tree\": 2, \"pipeline_tree\": 3}}", "3")]
        [InlineData("{\"data\": {\"pipeline_tree\": 1}, \"data\": {\"pipeline_tree\": {\"b\": {}}}}", "{\"b\": {}}")]
        [InlineData("{\"data\": [{\"pipeline_tree\": 1}]}", null)]
        // Not strict JSON (NaN as Python writes it, a trailing comma, a raw tab in a string): Newtonsoft.Json reads it all, as before.
        [InlineData("{\"result\": true, \"data\": {\"pipeline_tree\": {\"x\": NaN}}}", "{\"x\": NaN}")]
        [InlineData("{\"data\": {\"pipeline_tree\": [1, 2,], \"task_id\": 3}}", "[1, 2,]")]
        [InlineData("{\"data\": {\"pipeline_tree\": {\"y\": \"a\tb\"}}}", "{\"y\": \"a\tb\"}")]
        public void FindsTheTreeWhetherOrNotTheAnswerIsStrictJson(string json, string tree)
        {
            var e = Read(json);
            Assert.NotNull(e);
            Assert.Equal(tree, e.TreeText);
            if (e.Data is Newtonsoft.Json.Linq.JObject data) Assert.Null(data["pipeline_tree"]);  // never among data's members
        }

        [Fact]
        public void TheQuickPassKeepsTheOtherMembersAsNewtonsoftReadsThem()
        {
            var e = Read("{\"result\": true, \"data\": {\"task_id\": 7, \"pipeline_tree\": {\"a\": 1}, \"task_url\": \"u\"}, \"code\": 0, \"request_id\": \"r\"}");
            Assert.Equal(7, BkSopsClient.ReadLong(e.Data["task_id"]));
            Assert.Equal("u", BkSopsClient.StringValue(e.Data["task_url"]));
            Assert.Equal(0, BkSopsClient.ReadLong(e["code"]));
            Assert.Equal("r", BkSopsClient.StringValue(e["request_id"]));
            Assert.Equal(2, ((Newtonsoft.Json.Linq.JObject)e.Data).Count);
        }

        [Theory]
        [InlineData("{\"a\": 1}", true)]
        [InlineData(" {\"a\": [1, {\"b\": \"\\n\"}]} \r\n", true)]
        [InlineData("{\"a\": 01}", false)]
        [InlineData("{\"a\": 1.}", false)]
        [InlineData("{\"a\": .5}", false)]
        [InlineData("{\"a\": 1e}", false)]
        [InlineData("{\"a\": \"\\x\"}", false)]
        [InlineData("{\"a\": \"\\u12\"}", false)]
        [InlineData("{\"a\": \"tab\there\"}", false)]
        [InlineData("{\"a\": tru}", false)]
        [InlineData("{\"a\": [1,]}", false)]
        [InlineData("{\"a\": 1,}", false)]
        [InlineData("{'a': 1}", false)]
        [InlineData("{\"a\": 1} x", false)]
        [InlineData("{\"a\": 1", false)]
        [InlineData("[1]", false)]
        public void TheQuickPassTakesOnlyStrictJson(string json, bool strict) =>
            Assert.Equal(strict, AnswerTreeSpans.Find(Encoding.UTF8.GetBytes(json), 0) != null);

        [Fact]
        public void TheTreeIsDecodedAsTheWholeAnswerWouldBe()
        {
            // UTF-8 beyond ASCII and a byte that is no UTF-8 at all, inside the tree and beside it.
            var bytes = new System.Collections.Generic.List<byte>(Encoding.UTF8.GetBytes("{\"message\": \"\u00e9t\u00e9\", \"data\": {\"pipeline_tree\": {\"n\": \"\u4e2d"));
            bytes.Add(0xFF);
            bytes.AddRange(Encoding.UTF8.GetBytes("\"}}}"));
            var e = AnswerEnvelope.TryRead(bytes.ToArray());
            Assert.Equal("{\"n\": \"\u4e2d\uFFFD\"}", e.TreeText);
            Assert.True(e.HasTree);
            Assert.Equal("\u00e9t\u00e9", BkSopsClient.StringValue(e["message"]));
        }
    }
}
