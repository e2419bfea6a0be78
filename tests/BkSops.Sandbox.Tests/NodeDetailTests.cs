using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>get_task_node_detail (spec 2.15.5).</summary>
    public class NodeDetailTests
    {
        private static Harness Task() =>
            new Harness(new TestTree().Constant("${who}", JsonNode.From("ops"))
                .Activity("nfirst", "boom", name: "First", inputs: ("target", JsonNode.From("${who}")))
                .Activity("nlater", name: "Later", errorIgnorable: true, inputs: ("greeting", JsonNode.From("hi ${who}")))
                .Chain(TestTree.Start, "nfirst", "nlater", TestTree.End), o => o.FailPlugins.Add("boom")).Started();

        [Fact]
        public void AnUnreachedNodeIsREADYWithPreviewInputsAndNoId()
        {
            var answer = Task().Run.GetNodeDetail("nlater", componentCode: "noop");
            Assert.Equal("{\"result\":true,\"data\":{\"name\":\"Later\",\"error_ignorable\":true,\"state\":\"READY\",\"inputs\":{\"greeting\":\"hi ops\"},\"outputs\":[],\"ex_data\":\"\"},\"message\":\"\",\"code\":0}",
                answer.ToString());
        }

        [Fact]
        public void AReachedNodeHasTheEngineEntryHistoriesInputsOutputsAndExData()
        {
            var h = Task();
            var d = (JsonObject)h.Run.GetNodeDetail("nfirst").Data;
            Assert.Equal("nfirst", Str(d["id"]));
            Assert.Equal("FAILED", Str(d["state"]));
            Assert.Equal("npipeline0000000000000000000000a", Str(d["root_id:"]));
            Assert.Null(d["name"]);
            Assert.Equal(-1, Num(d["history_id"]));
            Assert.Empty(((JsonArray)d["histories"]).Items);
            Assert.Equal("{\"target\":\"ops\",\"_loop\":1,\"_inner_loop\":1}", JsonWriter.Write(d["inputs"], false));
            Assert.Equal("plugin boom failed: the sandbox is set to make it fail (FailPlugins)", Str(d["ex_data"]));
            Assert.Equal("{}", JsonWriter.Write(d["auto_retry_info"], false));
            var outputs = ((JsonArray)d["outputs"]).Items.Cast<JsonObject>().ToList();
            Assert.All(outputs, o => Assert.Equal(new[] { "key", "value", "preset" }, o.Keys.ToArray()));
            Assert.Contains(outputs, o => Str(o["key"]) == "_result" && o["value"] is JsonBoolean b && !b.Value);
            var withCode = ((JsonArray)((JsonObject)h.Run.GetNodeDetail("nfirst", componentCode: "boom").Data)["outputs"]).Items.Cast<JsonObject>().ToList();
            Assert.All(withCode, o => Assert.Equal(new[] { "name", "key", "value", "preset" }, o.Keys.ToArray()));

            AssertOk(h.Node("retry", "nfirst"));
            h.Scheduler.RunUntilIdle();
            d = (JsonObject)h.Run.GetNodeDetail("nfirst").Data;
            Assert.Equal(1, Num(d["retry"]));
            var row = (JsonObject)((JsonArray)d["histories"]).Items.Single();
            Assert.Equal(new[] { "id", "history_id", "node_id", "loop", "skip", "version", "inputs", "outputs", "ex_data", "state", "children", "start_time", "finish_time", "elapsed_time" },
                row.Keys.ToArray());
            Assert.Equal(Num(row["id"]), Num(row["history_id"]));
            Assert.Equal("FAILED", Str(row["state"]));
        }

        [Fact]
        public void BadRequestsGetTheServerSAnswers()
        {
            var h = Task();
            AssertFailure(h.Run.GetNodeDetail("nfirst", subprocessStack: "{\"a\":1}"), "subprocess_stack is not a valid array json", 3599999);
            AssertFailure(h.Run.GetNodeDetail("nfirst", subprocessStack: "[oops"), "subprocess_stack is not a valid array json", 3599999);
            Assert.True(h.Run.GetNodeDetail("nfirst", subprocessStack: "[]").Result);
            AssertFailure(h.Run.GetNodeDetail("nope"), "节点状态请求失败: 任务[ID: 42]中未找到节点[ID: nope]. 请重试. 如持续失败可联系管理员处理 | get_node_detail", 3540000);
        }
    }
}
