using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Api;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Api
{
    public class TaskOperationTests
    {
        private static byte[] Utf8(PipelineTree tree) => System.Text.Encoding.UTF8.GetBytes(tree.ToJson(false));

        private static PipelineTree Seed(string name = "seed-tree-list-incoming.json") =>
            PipelineReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name)), name);

        /// <summary>What the server does to ids (spec 1.6): every id replaced, template_node_id added, flow order changed.</summary>
        private static (PipelineTree Returned, Dictionary<string, string> Truth) ServerReplace(PipelineTree sent)
        {
            var truth = new Dictionary<string, string>();
            var root = sent.Root;
            int n = 0;
            string NewId(char c) => c + (++n).ToString("x31");
            foreach (var section in new[] { "activities", "gateways" })
                foreach (var key in ((JsonObject)root[section]).Keys) truth[key] = NewId('n');
            truth[((JsonString)((JsonObject)root["start_event"])["id"]).Value] = NewId('n');
            truth[((JsonString)((JsonObject)root["end_event"])["id"]).Value] = NewId('n');
            foreach (var key in ((JsonObject)root["flows"]).Keys) truth[key] = NewId('l');
            string text = sent.ToJson(false);
            foreach (var pair in truth) text = text.Replace("\"" + pair.Key + "\"", "\"" + pair.Value + "\"");
            var returned = PipelineReader.Parse(text);
            foreach (var pair in truth)
                if (((JsonObject)returned.Root["activities"])[pair.Value] is JsonObject a) a.Set("template_node_id", new JsonString(pair.Key));
            // Reverse the flows' order, as draw_pipeline may.
            var flows = (JsonObject)returned.Root["flows"];
            var reversed = new JsonObject();
            foreach (var p in flows.Properties.Reverse()) reversed.Set(p.Name, p.Value);
            returned.Root.Set("flows", reversed);
            return (returned, truth);
        }

        [Fact]
        public void IdMapMapsEveryNodeAndFlowOfTheSeed()
        {
            var sent = Seed();
            var (returned, truth) = ServerReplace(sent);
            var map = IdMapper.Map(sent, returned);
            foreach (var pair in truth) Assert.Equal(pair.Value, map[pair.Key]);
            Assert.Equal(truth.Count, map.Count);
        }

        [Fact]
        public async Task CreateReturnsTheTaskWithItsTreeAndIdMap()
        {
            var sent = Seed();
            var (returned, truth) = ServerReplace(sent);
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("{\"result\": true, \"data\": {\"task_id\": 41, \"task_url\": \"http://sops/taskflow/execute/1/?instance_id=41\", \"pipeline_tree\": " + returned.ToJson(false) + "}, \"code\": 0}");
            var task = await client.CreateTaskAsync(2, "cmdb_biz", "deploy", Utf8(sent), sent, null, null, null, NullApiLog.Instance);
            Assert.Equal(41, task.TaskId);
            Assert.Equal(2, task.ProjectId);
            Assert.Equal("cmdb_biz", task.Scope);
            Assert.Equal(returned.ActivityCount, task.PipelineTree.ActivityCount);
            Assert.Equal(truth.Count, task.IdMap.Count);
        }

        [Fact]
        public async Task ARefusedCreateIsExplainedByTheOfflineValidator()
        {
            var sent = Seed("seed-tree.json");  // incoming as strings: the server answers 'l'
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("{\"result\": false, \"message\": \"[API] fast_create_task get invalid pipeline_tree: 'l'\", \"data\": null, \"code\": 3540000}");
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.CreateTaskAsync(2, "cmdb_biz", "x", Utf8(sent), sent, null, null, null, NullApiLog.Instance));
            Assert.Equal("BkSops.Api.3540000", e.ErrorId);
            Assert.NotNull(e.Explanation);
            Assert.Contains("incoming", e.Explanation, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task StatusReadsNodesInOrderWithChildrenAndFailureMessages()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson(@"{""result"": true, ""code"": 0, ""data"": {""id"": ""p1"", ""state"": ""FAILED"", ""name"": ""t"", ""start_time"": ""2024-05-01 10:00:00 +0800"", ""elapsed_time"": 4,
                ""children"": {
                  ""n1"": {""id"": ""n1"", ""state"": ""FINISHED"", ""name"": """", ""loop"": 1, ""retry"": 0, ""skip"": false, ""children"": {}},
                  ""n2"": {""id"": ""n2"", ""state"": ""RUNNING"", ""name"": ""sub"", ""children"": {
                      ""n3"": {""id"": ""n3"", ""state"": ""FAILED"", ""name"": ""inner"", ""retry"": 2, ""children"": {}}}},
                  ""n4"": {""id"": ""n4"", ""state"": ""RUNNING"", ""name"": ""sleep"", ""children"": {}}},
                ""ex_data"": {""n3"": ""bk_timing must be a number""}}}");
            var task = new BkSopsTask { TaskId = 7, ProjectId = 2, Scope = "cmdb_biz", IdMap = new Dictionary<string, string> { ["mine"] = "n4" } };
            var updated = await client.GetTaskStatusAsync(task, NullApiLog.Instance);
            Assert.Null(task.State);  // the input is not changed
            Assert.Equal("FAILED", updated.State);
            Assert.True(updated.IsFinal);
            Assert.Equal(new[] { "n1", "n2", "n3", "n4" }, updated.Nodes.Select(n => n.NodeId));
            var inner = updated.Nodes[2];
            Assert.Equal(1, inner.Depth);
            Assert.Equal("n2", inner.ParentId);
            Assert.Equal(2, inner.Retry);
            Assert.Equal("bk_timing must be a number", inner.ErrorMessage);
            Assert.Equal(new[] { "n3" }, updated.FailedNodes.Select(n => n.NodeId));
            Assert.Equal(new[] { "n4" }, updated.RunningNodes.Select(n => n.NodeId));
            Assert.Equal("mine", updated.Nodes[3].SentId);
            Assert.Contains("with_ex_data=1", handler.Requests[0].Url);
        }

        [Fact]
        public async Task DeepStatusTreesDoNotOverflowTheStack()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            var json = new System.Text.StringBuilder("{\"result\": true, \"code\": 0, \"data\": {\"state\": \"RUNNING\", \"children\": ");
            const int depth = 3000;
            for (int i = 0; i < depth; i++) json.Append("{\"n" + i + "\": {\"id\": \"n" + i + "\", \"state\": \"RUNNING\", \"name\": \"s\", \"children\": ");
            json.Append("{}");
            for (int i = 0; i < depth; i++) json.Append("}}");
            json.Append("}}");
            handler.ThenJson(json.ToString());
            var updated = await client.GetTaskStatusAsync(new BkSopsTask { TaskId = 1, ProjectId = 1, Scope = "project" }, NullApiLog.Instance);
            Assert.Equal(depth, updated.Nodes.Count);
            Assert.Equal(depth - 1, updated.Nodes[depth - 1].Depth);
        }

        [Fact]
        public async Task PluginsAndProjectsAreRead()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson(@"{""result"": true, ""code"": 0, ""data"": [{""code"": ""sleep_timer"", ""name"": ""Sleep"", ""group_name"": ""BK"", ""version"": ""legacy"", ""desc"": ""d"",
                ""inputs"": [{""key"": ""bk_timing"", ""name"": ""seconds"", ""type"": ""string"", ""required"": true}]}]}")
                   .ThenJson(@"{""result"": true, ""code"": 0, ""data"": [{""project_id"": 1, ""bk_biz_id"": 2, ""name"": ""Sandbox""}]}");
            var plugins = await client.GetPluginsAsync(2, "cmdb_biz", NullApiLog.Instance);
            Assert.Equal("sleep_timer", plugins.Single().Code);
            Assert.True(plugins.Single().Inputs.Single().Required);
            var projects = await client.GetProjectsAsync(NullApiLog.Instance);
            Assert.Equal(1, projects.Single().ProjectId);
            Assert.Equal(2, projects.Single().BkBizId);
            Assert.EndsWith("/prod/get_user_project_list/", handler.Requests[1].Url);
        }
    }
}
