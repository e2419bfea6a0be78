using System;
using System.IO;
using System.Text;
using BkSops.Api;
using BkSops.Building;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Api
{
    public class SubmissionCacheTests
    {
        private static PipelineTree Seed() =>
            PipelineReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "seed-tree.json")), "seed-tree.json");

        private static string Sent(TreeSubmission s) => Encoding.UTF8.GetString(s.TreeJson);

        [Fact]
        public void Sends_what_Repair_makes_and_checks_a_content_once()
        {
            var tree = Seed();
            var expected = new TreeRepairer().Repair(tree).Tree.ToJson(false);
            var first = SubmissionCache.Prepare(tree, describe: false);
            Assert.True(first.IsAccepted);
            Assert.Equal(expected, Sent(first));
            Assert.Equal(tree.ToJson(false), Seed().ToJson(false));  // the tree given is not changed
            var again = SubmissionCache.Prepare(tree, describe: false);
            Assert.True(again.FromCache);
            Assert.Equal(expected, Sent(again));
            Assert.False(SubmissionCache.Prepare(Seed(), describe: false).FromCache);  // another tree is checked on its own
        }

        [Fact]
        public void A_tree_changed_after_its_check_is_checked_again()
        {
            var tree = Seed();
            Assert.True(SubmissionCache.Prepare(tree, describe: false).IsAccepted);
            // The same object, now broken: a flow's target that does not exist.
            var flows = (JsonObject)tree.Root["flows"];
            var target = ((JsonObject)flows.Properties[0].Value)["target"];
            ((JsonObject)flows.Properties[0].Value).Set("target", new JsonString("nowhere"));
            var changed = SubmissionCache.Prepare(tree, describe: false);
            Assert.False(changed.FromCache);
            Assert.False(changed.IsAccepted);
            Assert.Null(changed.TreeJson);
            Assert.False(changed.Rejection.IsValid);
            // Refusals are never cached: the next check reports again.
            Assert.False(SubmissionCache.Prepare(tree, describe: false).FromCache);
            // Changed back: accepted again (checked again, then cached).
            ((JsonObject)flows.Properties[0].Value).Set("target", target);
            Assert.True(SubmissionCache.Prepare(tree, describe: false).IsAccepted);
            Assert.True(SubmissionCache.Prepare(tree, describe: false).FromCache);
        }

        [Theory]
        [InlineData("{\"a\": [1, \"x\", true, null, {\"b\": 1.0}]}", "{\"a\": [1, \"x\", true, null, {\"b\": 1.0}]}", true)]
        [InlineData("{\"a\": 1.0}", "{\"a\": 1}", false)]
        [InlineData("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}", false)]
        [InlineData("{\"a\": true}", "{\"a\": false}", false)]
        [InlineData("{\"a\": \"1\"}", "{\"a\": 1}", false)]
        [InlineData("{\"a\": [1]}", "{\"a\": [1, 1]}", false)]
        [InlineData("{\"a\": null}", "{\"a\": {}}", false)]
        public void Content_comparison_counts_order_kinds_and_number_text(string a, string b, bool same)
        {
            Assert.Equal(same, JsonContent.Same(JsonReader.Parse(a), JsonReader.Parse(b)));
        }

        [Fact]
        public void A_change_deep_inside_or_an_added_member_is_seen()
        {
            var tree = Seed();
            Assert.True(SubmissionCache.Prepare(tree, describe: false).IsAccepted);
            var data = (JsonObject)((JsonObject)((JsonObject)tree.Root["activities"]).Properties[0].Value)["component"];
            ((JsonObject)((JsonObject)data["data"])["bk_timing"]).Set("value", new JsonString("5"));
            var changed = SubmissionCache.Prepare(tree, describe: false);
            Assert.False(changed.FromCache);
            Assert.Contains("\"value\":\"5\"", Sent(changed));
            Assert.True(SubmissionCache.Prepare(tree, describe: false).FromCache);
            tree.Root.Set("extra_field", new JsonString("x"));
            Assert.False(SubmissionCache.Prepare(tree, describe: false).FromCache);
        }

        [Fact]
        public void The_verdict_and_the_notes_match_TreeRepairer()
        {
            var tree = Seed();
            var repair = new TreeRepairer().Repair(tree);
            var described = SubmissionCache.Prepare(tree, describe: true);
            Assert.NotNull(described.Notes);
            Assert.Equal(repair.Changes.Count + repair.Validation.Diagnostics.Count - repair.Validation.ErrorCount, described.Notes.Count);
            Assert.Contains(described.Notes, n => n == "repaired " + repair.Changes[0]);
            // Notes are kept with the entry, so a described tree is also served from the cache.
            Assert.True(SubmissionCache.Prepare(tree, describe: true).FromCache);
            Assert.True(SubmissionCache.Prepare(tree, describe: false).FromCache);
        }

        [Fact]
        public void AsGiven_sends_the_tree_unrepaired()
        {
            var tree = Seed();
            Assert.Equal(tree.ToJson(false), Sent(SubmissionCache.AsGiven(tree)));
        }
    }

    public class AnswerEnvelopeTests
    {
        private static AnswerEnvelope Read(string json) => AnswerEnvelope.TryRead(Encoding.UTF8.GetBytes(json));

        [Fact]
        public void Reads_members_and_keeps_the_tree_as_text()
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
        public void Refuses_what_is_not_one_JSON_object(string text) => Assert.Null(Read(text));

        [Fact]
        public void A_repeated_key_keeps_its_last_value_as_json_loads_does()
        {
            var e = Read("{\"code\": 1, \"code\": 2}");
            Assert.Equal(2, BkSopsClient.ReadLong(e["code"]));
        }

        [Fact]
        public void Deeply_nested_data_is_skipped_without_recursion()
        {
            var json = new StringBuilder("{\"result\": true, \"data\": {\"pipeline_tree\": ");
            for (int i = 0; i < 100_000; i++) json.Append('[');
            for (int i = 0; i < 100_000; i++) json.Append(']');
            json.Append("}}");
            var e = Read(json.ToString());
            Assert.Equal(200_000, e.TreeText.Length);
        }

        [Fact]
        public void Cuts_the_tree_out_of_an_answer_on_several_lines()
        {
            var e = Read("{\r\n  \"result\": true,\n  \"data\": {\r    \"task_id\": 7,\n    \"pipeline_tree\" :\r\n {\"a\": \"x\\ny\",\n \"b\": [1.50]}\n  },\n  \"data2\": 1\n}\n");
            Assert.Equal("{\"a\": \"x\\ny\",\n \"b\": [1.50]}", e.TreeText);
            Assert.Equal(7, BkSopsClient.ReadLong(e.Data["task_id"]));
        }

        [Fact]
        public void A_later_data_member_replaces_the_tree_too()
        {
            var e = Read("{\"data\": {\"pipeline_tree\": {}}, \"data\": [1]}");
            Assert.Null(e.TreeText);
            Assert.IsType<Newtonsoft.Json.Linq.JArray>(e.Data);
        }
    }
}
