using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>Spec 2.15.2's node operation × state table and 2.15.3's retry, skip, skip_exg, callback semantics.</summary>
    public class NodeOperationTests
    {
        private const string InvalidOp = "bamboo_engine.exceptions.InvalidOperationError: ";
        private const string StateDne = "pipeline.eri.models.State.DoesNotExist: State matching query does not exist.";

        /// <summary>start → bad sleep (fails) → pause_node → end.</summary>
        private static Harness FailThenWait(bool retryable = true, bool skippable = true) =>
            new Harness(new TestTree()
                .Activity("nbad", "sleep_timer", retryable: retryable, skippable: skippable, inputs: ("bk_timing", JsonNode.From("x")))
                .Activity("nwait", "pause_node")
                .Chain(TestTree.Start, "nbad", "nwait", TestTree.End)).Started();

        [Fact]
        public void OperateNodeChecksTheBodyTheNodeAndTheActionFirst()
        {
            var h = FailThenWait();
            AssertFailure(h.Node("retry", "nbad", Body(("data", JsonNode.From("x")))), "data field is not a valid object", 3540000);
            AssertFailure(h.Node("retry", "nbad", Body(("inputs", new JsonArray()))), "inputs field is not a valid object", 3540000);
            AssertFailure(h.Node("retry", "nope"), "节点状态请求失败: 任务[ID: 42]中未找到节点[ID: nope]. 请重试. 如持续失败可联系管理员处理 | nodes_action", 3599999);
            AssertFailure(h.Node("jump", "nbad"), "task command is invalid", 3599999);
            AssertFailure(h.Node("skip_cpg", "nbad"), "节点操作失败: 节点[ID: nbad], 任务[ID: 42]操作失败: 'flow_ids', 请重试. 如持续失败可联系管理员处理 | nodes_action", 3599999);
        }

        [Fact]
        public void RetryInEveryState()
        {
            var h = FailThenWait();
            Assert.Equal("FAILED", h.StateOf("nbad"));
            AssertEngine(h.Node("retry", "nwait"), StateDne);
            AssertEngine(h.Node("retry", TestTree.Start), InvalidOp + TestTree.Start + " state is not FAILED, actual FINISHED");
            string before = Str(h.Entry("nbad")["version"]);
            AssertOk(h.Node("retry", "nbad", Body(("inputs", Body(("bk_timing", JsonNode.From("4")))))));
            var e = h.Entry("nbad");
            Assert.Equal("READY", Str(e["state"]));
            Assert.Equal(1, Num(e["retry"]));
            Assert.NotEqual(before, Str(e["version"]));
            Assert.IsType<JsonNull>(e["start_time"]);
            h.Scheduler.RunUntilIdle();
            Assert.Equal("RUNNING", h.StateOf("nbad"));
            AssertEngine(h.Node("retry", "nbad"), InvalidOp + "nbad state is not FAILED, actual RUNNING");
            h.Wait(4);
            Assert.Equal("FINISHED", h.StateOf("nbad"));
            Assert.Equal(1, Num(h.Entry("nbad")["loop"]));
            Assert.Equal("RUNNING", h.StateOf("nwait"));
            AssertEngine(h.Node("retry", "nwait"), InvalidOp + "nwait state is not FAILED, actual RUNNING");
            // The failed attempt is a history row; the inputs given replaced the whole input set.
            var detail = (JsonObject)h.Run.GetNodeDetail("nbad").Data;
            var histories = (JsonArray)detail["histories"];
            Assert.Single(histories.Items);
            Assert.Equal("FAILED", Str(((JsonObject)histories[0])["state"]));
            Assert.Equal("4", Str(((JsonObject)detail["inputs"])["bk_timing"]));
        }

        [Fact]
        public void RetryInputsRenderWithTheVariablesExceptEscapedKeys()
        {
            var h = new Harness(new TestTree().Constant("${n}", JsonNode.From(2))
                .Activity("nbad", "sleep_timer", inputs: ("bk_timing", JsonNode.From("x")))
                .Chain(TestTree.Start, "nbad", TestTree.End)).Started();
            AssertOk(h.Node("retry", "nbad", Body(("inputs", Body(
                ("bk_timing", JsonNode.From("${n}")),
                ("note", JsonNode.From("${n} left as is")),
                ("_escape_render_keys", new JsonArray(new JsonNode[] { JsonNode.From("note") })))))));
            h.Scheduler.RunUntilIdle();
            var inputs = (JsonObject)((JsonObject)h.Run.GetNodeDetail("nbad").Data)["inputs"];
            Assert.Equal(2, Num(inputs["bk_timing"]));
            Assert.Equal("${n} left as is", Str(inputs["note"]));
            h.Wait(2);
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void RetryOfANodeThatMayNotBeRetriedIsRefusedFirst()
        {
            var h = FailThenWait(retryable: false);
            AssertEngine(h.Node("retry", "nbad"), InvalidOp + "can not retry node(nbad) with can_retry(False)");
        }

        [Fact]
        public void ARetryDuringAPauseStaysREADYUntilResume()
        {
            var h = FailThenWait();
            AssertOk(h.Run.Pause());
            AssertOk(h.Node("retry", "nbad", Body(("inputs", Body(("bk_timing", JsonNode.From(1)))))));
            h.Wait(5);
            Assert.Equal("READY", h.StateOf("nbad"));
            AssertOk(h.Run.Resume());
            h.Wait(1);
            Assert.Equal("FINISHED", h.StateOf("nbad"));
        }

        [Fact]
        public void ARetryAfterARevokeStaysREADY()
        {
            var h = FailThenWait();
            AssertOk(h.Run.Revoke());
            AssertOk(h.Node("retry", "nbad"));
            h.Wait(5);
            Assert.Equal("READY", h.StateOf("nbad"));
            Assert.Equal("REVOKED", h.TaskState);
        }

        [Fact]
        public void SkipInEveryState()
        {
            var h = FailThenWait();
            AssertEngine(h.Node("skip", "nwait"), StateDne);
            AssertEngine(h.Node("skip", TestTree.End), InvalidOp + "can not use skip_node api for NodeType.EmptyEndEvent");
            AssertOk(h.Node("skip", "nbad"));
            var e = h.Entry("nbad");
            Assert.Equal("FINISHED", Str(e["state"]));
            Assert.True(((JsonBoolean)e["skip"]).Value);
            Assert.NotEqual(JsonKind.Null, e["start_time"].Kind);
            AssertEngine(h.Node("skip", "nbad"), InvalidOp + "nbad state is not FAILED, actual FINISHED");
            h.Scheduler.RunUntilIdle();
            Assert.Equal("RUNNING", h.StateOf("nwait"));
            AssertEngine(h.Node("skip", "nwait"), InvalidOp + "nwait state is not FAILED, actual RUNNING");
        }

        [Fact]
        public void SkipOfANodeThatMayNotBeSkippedIsRefusedFirst()
        {
            var h = FailThenWait(skippable: false);
            AssertEngine(h.Node("skip", "nbad"), InvalidOp + "can not skip this node");
        }

        [Fact]
        public void CallbackInEveryState()
        {
            var h = FailThenWait();
            // Unreached: operate_node's wrapped DoesNotExist; node_callback's DNE without a version, no process with one.
            AssertFailure(h.Node("callback", "nwait"), "节点操作失败: 节点[ID: nwait], 任务[ID: 42]操作失败: State matching query does not exist., 请重试. 如持续失败可联系管理员处理 | nodes_action", 3599999);
            var dne = h.Run.Callback("nwait", new JsonObject());
            Assert.Equal("{\"result\":false,\"data\":null,\"code\":3540400,\"message\":\"数据不存在错误: 数据不存在错误, 错误内容 State matching query does not exist. | process_exception\"}", dne.ToString());
            AssertEngine(h.Run.Callback("nwait", new JsonObject(), "v0123"), InvalidOp + "can not find sleep process with current node id: nwait");
            AssertFailure(h.Run.Callback("nope", new JsonObject()), "task[42] does not have node[nope]", 3540000);
            // FAILED in execute: there is no schedule.
            AssertEngine(h.Node("callback", "nbad"), "pipeline.eri.models.Schedule.DoesNotExist: Schedule matching query does not exist.");
            // FINISHED: no process sleeps there.
            AssertEngine(h.Node("callback", TestTree.Start), InvalidOp + "can not find sleep process with current node id: " + TestTree.Start);
            AssertOk(h.Node("skip", "nbad"));
            h.Scheduler.RunUntilIdle();
            // Waiting for a callback: a wrong version, then the right one.
            Assert.Equal("RUNNING", h.TaskState);
            var waiting = h.Entry("nwait");
            AssertEngine(h.Run.Callback("nwait", new JsonObject(), "vdeadbeef"), "pipeline.eri.models.Schedule.DoesNotExist: Schedule matching query does not exist.");
            AssertOk(h.Run.Callback("nwait", Body(("approved", JsonNode.From(true))), Str(waiting["version"])));
            Assert.Equal("FINISHED", h.StateOf("nwait"));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
            AssertEngine(h.Run.Callback("nwait", new JsonObject()), InvalidOp + "can not find sleep process with current node id: nwait");
            var detail = (JsonObject)h.Run.GetNodeDetail("nwait", componentCode: "pause_node").Data;
            var callbackData = ((JsonArray)detail["outputs"]).Items.Cast<JsonObject>().First(o => Str(o["key"]) == "callback_data");
            Assert.True(((JsonBoolean)callbackData["preset"]).Value);
            Assert.True(((JsonBoolean)((JsonObject)callbackData["value"])["approved"]).Value);
        }

        [Fact]
        public void OperateNodeCallbackFinishesAWaitingPauseNodeAndASleepIgnoresCallbacks()
        {
            var h = new Harness(new TestTree().Activity("nwait", "pause_node").Sleep("ns", JsonNode.From(5)).Chain(TestTree.Start, "nwait", "ns", TestTree.End)).Started();
            var detail = (JsonObject)h.Run.GetNodeDetail("nwait", componentCode: "pause_node").Data;
            Assert.Equal("", Str(((JsonArray)detail["outputs"]).Items.Cast<JsonObject>().First(o => Str(o["key"]) == "callback_data")["value"]));
            AssertOk(h.Node("callback", "nwait", Body(("data", Body(("x", JsonNode.From(1)))))));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("RUNNING", h.StateOf("ns"));
            AssertOk(h.Node("callback", "ns"));
            Assert.Equal("RUNNING", h.StateOf("ns"));
            h.Wait(5);
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void ACallbackDuringAPauseIsAcceptedAndTheNextNodeWaitsForResume()
        {
            var h = new Harness(new TestTree().Activity("nwait", "pause_node").Activity("nnext").Chain(TestTree.Start, "nwait", "nnext", TestTree.End)).Started();
            AssertOk(h.Run.Pause());
            AssertOk(h.Run.Callback("nwait", null));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.StateOf("nwait"));
            Assert.Null(h.Entry("nnext"));
            AssertOk(h.Run.Resume());
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void SkipExgInEveryState()
        {
            var t = new TestTree().Constant("${env}", JsonNode.From("test"))
                .Exclusive("ngw", "ncv").Activity("nprod").Activity("ndev").Converge("ncv");
            t.Flow(TestTree.Start, "ngw");
            string toProd = t.Flow("ngw", "nprod", "\"${env}\" == \"prod\"");
            t.Flow("ngw", "ndev", "\"${env}\" == \"dev\"");
            t.Chain("nprod", "ncv", TestTree.End);
            t.Flow("ndev", "ncv");
            var h = new Harness(t).Started();
            Assert.Equal("FAILED", h.StateOf("ngw"));
            Assert.Equal("all conditions of branches are not meet", Str(((JsonObject)h.Status(exData: true)["ex_data"])["ngw"]));
            AssertEngine(h.Node("skip_exg", "ncv", Body(("flow_id", JsonNode.From(toProd)))), InvalidOp + "ncv is not exclusive gateway, actual: ConvergeGateway");
            AssertEngine(h.Node("skip_exg", "ngw", Body(("flow_id", JsonNode.From("lnope")))), "KeyError: 'lnope'");
            AssertEngine(h.Node("skip", "ngw"), InvalidOp + "can not use skip_node api for NodeType.ExclusiveGateway");
            AssertOk(h.Node("skip_exg", "ngw", Body(("flow_id", JsonNode.From(toProd)))));
            Assert.True(((JsonBoolean)h.Entry("ngw")["skip"]).Value);
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("FINISHED", h.StateOf("nprod"));
            Assert.Null(h.Entry("ndev"));
            AssertEngine(h.Node("skip_exg", "ngw", Body(("flow_id", JsonNode.From(toProd)))), InvalidOp + "ngw state is not FAILED, actual FINISHED");
        }

        [Fact]
        public void NodeActionsBeforeTheStartFindNoNodeRows()
        {
            var h = new Harness(new TestTree().Activity("na").Chain(TestTree.Start, "na", TestTree.End));
            AssertEngine(h.Node("retry", "na"), "pipeline.eri.models.Node.DoesNotExist: Node matching query does not exist.");
            AssertFailure(h.Node("callback", "na"), "节点操作失败: 节点[ID: na], 任务[ID: 42]操作失败: State matching query does not exist., 请重试. 如持续失败可联系管理员处理 | nodes_action", 3599999);
        }

        [Fact]
        public void PauseByAppointmentParksTheProcessAtTheNodeAndReportsNODESUSPENDED()
        {
            var h = new Harness(new TestTree().Sleep("ns", JsonNode.From(5)).Activity("na").Chain(TestTree.Start, "ns", "na", TestTree.End)).Started();
            AssertOk(h.Node("pause", "na"));
            Assert.Equal("SUSPENDED", h.StateOf("na"));
            Assert.Equal("NODE_SUSPENDED", h.TaskState);
            h.Wait(10);
            Assert.Equal("SUSPENDED", h.StateOf("na"));
            Assert.Equal("NODE_SUSPENDED", h.TaskState);
            AssertOk(h.Node("resume", "na"));
            h.Scheduler.RunUntilIdle();
            Assert.Equal("FINISHED", h.TaskState);
            AssertEngine(h.Node("resume", "na"), "RuntimeError: can't not transit node(na) state from FINISHED to READY");
        }

        [Fact]
        public void ForcedFailStopsARunningSleepAndTheNodeCanBeRetried()
        {
            var h = new Harness(new TestTree().Sleep("ns", JsonNode.From(50)).Chain(TestTree.Start, "ns", TestTree.End)).Started();
            AssertEngine(h.Node("forced_fail", TestTree.Start), InvalidOp + TestTree.Start + " is not activity, actual: EmptyStartEvent");
            AssertOk(h.Node("forced_fail", "ns"));
            Assert.Equal("FAILED", h.TaskState);
            Assert.Equal("The node has been terminated by admin.", Str(((JsonObject)h.Status(exData: true)["ex_data"])["ns"]));
            h.Wait(60);
            Assert.Equal("FAILED", h.StateOf("ns"));
            AssertEngine(h.Node("forced_fail", "ns"), InvalidOp + "ns state is not RUNNING, actual: FAILED");
            AssertOk(h.Node("retry", "ns", Body(("inputs", Body(("bk_timing", JsonNode.From(1)))))));
            h.Wait(1);
            Assert.Equal("FINISHED", h.TaskState);
        }
    }
}
