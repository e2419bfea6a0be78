using System;
using System.IO;
using System.Linq;
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
        public void EveryExampleIsSentAsTheUtf8OfWhatRepairMakes()
        {
            // The bytes are written through reused per-thread buffers: they must be exactly UTF-8(ToJson) every time,
            // for long and short trees in turn and for text outside ASCII.
            var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "server-verdicts"), "*.json");
            Assert.True(files.Length >= 50, "the example trees should be copied to the test output");
            int accepted = 0;
            foreach (var file in files)
            {
                var tree = PipelineReader.Parse(File.ReadAllText(file), file);
                Assert.Equal(Encoding.UTF8.GetBytes(tree.ToJson(false)), SubmissionCache.AsGiven(tree).TreeJson);
                var repair = new TreeRepairer().Repair(tree);
                foreach (bool describe in new[] { false, true })
                {
                    var sent = SubmissionCache.Prepare(tree, describe);
                    Assert.Equal(repair.IsRepaired, sent.IsAccepted);
                    if (sent.IsAccepted) Assert.Equal(Encoding.UTF8.GetBytes(repair.Tree.ToJson(false)), sent.TreeJson);
                }
                if (repair.IsRepaired) accepted++;
            }
            Assert.True(accepted >= 10, $"only {accepted} example trees are accepted: the comparison proves little");
            var text = PipelineReader.Parse("{\"start_event\": {\"id\": \"s\", \"name\": \"\u00e9\u4e2d\ud83d\ude00 \\\" \\\\ \\u0001\"}}", "text");
            Assert.Equal(Encoding.UTF8.GetBytes(text.ToJson(false)), SubmissionCache.AsGiven(text).TreeJson);
        }

        [Fact]
        public void SendsWhatRepairMakesAndChecksAContentOnce()
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
        public void ATreeChangedAfterItsCheckIsCheckedAgain()
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
        public void ContentComparisonCountsOrderKindsAndNumberText(string a, string b, bool same)
        {
            Assert.Equal(same, JsonContent.Same(JsonReader.Parse(a), JsonReader.Parse(b)));
        }

        [Fact]
        public void AChangeDeepInsideOrAnAddedMemberIsSeen()
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
        public void TheVerdictAndTheNotesMatchTreeRepairer()
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
        public void ARefusedTreeGetsEveryDiagnosticOfTheFullCheck()
        {
            // Accepted trees are checked by the stages that can find an Error only; a refused one must still carry the
            // warnings of the advisory stages, exactly as the full validator gives them for the repaired tree.
            int refused = 0;
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "server-verdicts"), "*.json"))
            {
                var tree = PipelineReader.Parse(File.ReadAllText(file), file);
                var sent = SubmissionCache.Prepare(tree, describe: false);
                var repaired = tree.Clone();
                new TreeNormalizer(describe: false).Normalize(repaired.Root);
                var full = new BkSops.Validation.PipelineValidator().Validate(repaired);
                Assert.Equal(full.IsValid, sent.IsAccepted);
                if (sent.IsAccepted) continue;
                refused++;
                Assert.Equal(full.Diagnostics.Select(d => d.ToString()), sent.Rejection.Diagnostics.Select(d => d.ToString()));
            }
            Assert.True(refused >= 10, $"only {refused} example trees are refused: the comparison proves little");
        }

        [Fact]
        public void AsGivenSendsTheTreeUnrepaired()
        {
            var tree = Seed();
            Assert.Equal(tree.ToJson(false), Sent(SubmissionCache.AsGiven(tree)));
        }
    }
}
