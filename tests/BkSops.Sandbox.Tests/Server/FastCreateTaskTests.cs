using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Sandbox.Creation;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    public class FastCreateTaskTests
    {
        [Fact]
        public async Task AnAcceptedTreeIsStoredAndAnsweredLikeTheServer()
        {
            using (var host = new SandboxHost())
            {
                var sent = (JsonObject)JsonReader.Parse(SandboxHost.SeedListTree);
                var reply = await host.Create();
                Assert.Equal(200, reply.Status);
                Assert.True(reply.Result, reply.Text);
                Assert.Equal(0, reply.Code);
                Assert.Null(reply.Json["message"]); // no message key on success (spec 1.5)
                Assert.Equal(new[] { "result", "data", "code" }, reply.Json.Keys.ToArray());
                Assert.Equal(1, reply.Data.Num("task_id"));
                Assert.Equal(host.Server.AppHost + "taskflow/execute/1/?instance_id=1", reply.Data.Str("task_url"));

                var tree = reply.Data.Obj("pipeline_tree");
                Assert.True(ServerIds.IsServerId(tree.Str("id"), 'n'));
                var activities = tree.Obj("activities");
                var gateways = tree.Obj("gateways");
                var flows = tree.Obj("flows");
                Assert.All(activities.Keys.Concat(gateways.Keys), id => Assert.True(ServerIds.IsServerId(id, 'n'), id));
                Assert.All(flows.Keys, id => Assert.True(ServerIds.IsServerId(id, 'l'), id));
                Assert.True(ServerIds.IsServerId(tree.Obj("start_event").Str("id"), 'n'));
                Assert.True(ServerIds.IsServerId(tree.Obj("end_event").Str("id"), 'n'));
                // Activities keep their order and name the id they were sent with.
                Assert.Equal(sent.Obj("activities").Keys, activities.Properties.Select(p => p.Value.Str("template_node_id")));
                Assert.All(activities.Properties, p => Assert.Equal(p.Name, p.Value.Str("id")));
                Assert.Equal(sent.Obj("gateways").Properties.Select(p => p.Value.Str("type")), gateways.Properties.Select(p => p.Value.Str("type")));

                // Every reference resolves to a new id; incoming is a list everywhere but the start event.
                var nodeIds = new HashSet<string>(activities.Keys.Concat(gateways.Keys)) { tree.Obj("start_event").Str("id"), tree.Obj("end_event").Str("id") };
                foreach (var flow in flows.Properties)
                {
                    Assert.Equal(flow.Name, flow.Value.Str("id"));
                    Assert.Contains(flow.Value.Str("source"), nodeIds);
                    Assert.Contains(flow.Value.Str("target"), nodeIds);
                }
                foreach (var node in activities.Properties.Concat(gateways.Properties).Select(p => (JsonObject)p.Value).Append(tree.Obj("end_event")))
                {
                    Assert.IsType<JsonArray>(node["incoming"]);
                    Assert.All(node["incoming"].Strings(), f => Assert.Equal(node.Str("id"), flows.Obj(f).Str("target")));
                    Assert.All(node["outgoing"].Strings().Where(f => f.Length > 0), f => Assert.Equal(node.Str("id"), flows.Obj(f).Str("source")));
                }
                foreach (var gateway in gateways.Properties.Select(p => (JsonObject)p.Value))
                {
                    string type = gateway.Str("type");
                    if (type == "ConvergeGateway") continue;
                    Assert.Equal("ConvergeGateway", gateways.Obj(gateway.Str("converge_gateway_id"))?.Str("type"));
                    if (type == "ExclusiveGateway")
                        Assert.All(gateway.Obj("conditions").Keys, f => Assert.Equal(gateway.Str("id"), flows.Obj(f).Str("source")));
                }
                // The canvas layout names every node and flow by its new id.
                var location = (JsonArray)tree["location"];
                Assert.Equal(nodeIds.OrderBy(x => x), location.Items.Select(l => l.Str("id")).OrderBy(x => x));
                Assert.Equal(flows.Keys.OrderBy(x => x), ((JsonArray)tree["line"]).Items.Select(l => l.Str("id")).OrderBy(x => x));
                Assert.Contains(location.Items, l => l.Str("type") == "startpoint");
                Assert.Contains(location.Items, l => l.Str("type") == "branchgateway");

                Assert.Equal(1, host.Server.Tasks.Count);
                Assert.True(host.Server.Tasks.TryGet(1, out var stored));
                Assert.Equal(JsonWriter.Write(tree, false), JsonWriter.Write(stored.PipelineTree, false));
            }
        }

        [Fact]
        public async Task TwoCreationsOfOneTreeGetDifferentIds()
        {
            using (var host = new SandboxHost())
            {
                var a = (await host.Create()).Data.Obj("pipeline_tree");
                var b = (await host.Create()).Data.Obj("pipeline_tree");
                Assert.Empty(a.Obj("activities").Keys.Intersect(b.Obj("activities").Keys));
                Assert.NotEqual(a.Str("id"), b.Str("id"));
            }
        }

        [Fact]
        public async Task TheDocumentationTreeGetsTheServersRejectionAndNothingIsStored()
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Create(System.IO.File.ReadAllText(System.IO.Path.Combine(SandboxHost.Examples, "seed-tree.json")));
                Assert.Equal(200, reply.Status);
                Assert.Equal("{\"result\":false,\"data\":null,\"message\":\"[API] fast_create_task get invalid pipeline_tree: 'l'\",\"code\":3540000}", reply.Text);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task NamesAreStandardisedLikeTheServer()
        {
            using (var host = new SandboxHost())
            {
                var tree = (JsonObject)JsonReader.Parse(SandboxHost.SeedListTree);
                var first = (JsonObject)tree.Obj("activities").Properties[0].Value;
                first.Set("name", new JsonString("<b>Deploy & \"check\"</b> " + new string('x', 80)));
                var reply = await host.Create(JsonWriter.Write(tree, false), name: "Task <one> & 'two' " + new string('y', 120));
                Assert.True(reply.Result, reply.Text);
                Assert.True(host.Server.Tasks.TryGet(reply.Data.Num("task_id"), out var task));
                Assert.Equal(("Task one  two " + new string('y', 120)).Substring(0, 100), task.Name);
                string name = reply.Data.Obj("pipeline_tree").Obj("activities").Properties[0].Value.Str("name");
                Assert.Equal(("bDeploy  check/b " + new string('x', 80)).Substring(0, 50), name);
            }
        }

        [Theory]
        [InlineData("{\"name\":\"x\"}", "{\"result\":false,\"data\":null,\"message\":\"[API] fast_create_task get invalid pipeline_tree: 'pipeline_tree'\",\"code\":3540000}")]
        [InlineData("{\"name\":\"x\",\"pipeline_tree\":[]}", "{\"result\":false,\"data\":null,\"message\":\"[API] fast_create_task get invalid pipeline_tree: 'list' object has no attribute 'values'\",\"code\":3540000}")]
        [InlineData("[1,2]", "{\"result\":false,\"message\":\"invalid param format\",\"code\":3540000}")]
        [InlineData("null", "{\"result\":false,\"message\":\"invalid param format\",\"code\":3540000}")]
        [InlineData("{\"name\": ", "{\"result\":false,\"message\":\"invalid param format\",\"code\":3540000}")]
        [InlineData("", "{\"result\":false,\"data\":null,\"message\":\"非法请求: 数据错误, 请求不是合法的Json格式 | validate\",\"code\":3540000}")]
        public async Task BodiesThatAreNotRequestsGetTheServersAnswers(string body, string expected)
        {
            using (var host = new SandboxHost())
            {
                var reply = await host.Gateway("POST", "fast_create_task/2", body);
                Assert.Equal(200, reply.Status);
                Assert.Equal(expected, reply.Text);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task AMissingNameIsCheckedAfterTheTreeAndANameThatIsNotTextIsHTTP500()
        {
            using (var host = new SandboxHost())
            {
                var missing = await host.Gateway("POST", "fast_create_task/2", "{\"pipeline_tree\":" + SandboxHost.SeedListTree + "}");
                Assert.Equal("{\"result\":false,\"message\":\"invalid params: 'name'\",\"code\":3540000}", missing.Text);
                var badTree = await host.Gateway("POST", "fast_create_task/2", "{\"pipeline_tree\":{}}");
                Assert.StartsWith("[API] fast_create_task get invalid pipeline_tree: ", badTree.Message);
                var number = await host.Gateway("POST", "fast_create_task/2", "{\"name\":5,\"pipeline_tree\":" + SandboxHost.SeedListTree + "}");
                Assert.Equal(500, number.Status);
                Assert.Null(number.Json);
                Assert.Equal(0, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task ScopeDecidesHowThePathIdIsRead()
        {
            using (var host = new SandboxHost())
            {
                Assert.True((await host.Gateway("POST", "fast_create_task/1", $"{{\"name\":\"p\",\"scope\":\"project\",\"pipeline_tree\":{SandboxHost.SeedListTree}}}")).Result);
                Assert.True((await host.Gateway("POST", "fast_create_task/0002", $"{{\"name\":\"p\",\"pipeline_tree\":{SandboxHost.SeedListTree}}}")).Result);
                var wrong = await host.Gateway("POST", "fast_create_task/1", $"{{\"name\":\"p\",\"scope\":\"cmdb_biz\",\"pipeline_tree\":{SandboxHost.SeedListTree}}}");
                Assert.Equal("{\"result\":false,\"message\":\"project(1) with scope(cmdb_biz) does not exist.\",\"code\":3540400}", wrong.Text);
                var wrongProject = await host.Gateway("GET", "get_task_list/2", query: "scope=project");
                Assert.Equal("project(2) with scope(project) does not exist.", wrongProject.Message);
                Assert.Equal(2, host.Server.Tasks.Count);
            }
        }

        [Fact]
        public async Task CategoryFlowTypeAndDescriptionAreKeptAsTheServerKeepsThem()
        {
            using (var host = new SandboxHost())
            {
                var a = await host.Create(extra: "\"category\":\"OpsTools\",\"flow_type\":\"common_func\",\"description\":\"d\",");
                var b = await host.Create(extra: "\"category\":\"NoSuchCategory\",");
                host.Server.Tasks.TryGet(a.Data.Num("task_id"), out var ta);
                host.Server.Tasks.TryGet(b.Data.Num("task_id"), out var tb);
                Assert.Equal(("OpsTools", "common_func", "func_claim", "d"), (ta.Category, ta.FlowType, ta.CurrentFlow, ta.Description));
                Assert.Equal(("Default", "common", "execute_task", ""), (tb.Category, tb.FlowType, tb.CurrentFlow, tb.Description));
            }
        }
    }
}
