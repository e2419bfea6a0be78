using System.Linq;
using System.Text.RegularExpressions;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    public class StartAndStatusTests
    {
        private static TestTree SleepThenNoop() =>
            new TestTree().Sleep("nsleep", JsonNode.From(10)).Activity("nnoop", name: "Say hello")
                .Chain(TestTree.Start, "nsleep", "nnoop", TestTree.End);

        [Fact]
        public void ATaskNotStartedReportsTheCREATEDStatusExactly()
        {
            var h = new Harness(SleepThenNoop());
            var answer = h.Run.GetStatus();
            Assert.Equal("{\"result\":true,\"data\":{\"start_time\":null,\"state\":\"CREATED\",\"retry\":0,\"skip\":0,\"finish_time\":null,\"elapsed_time\":0,\"children\":{},\"name\":\"my task\"},\"message\":\"\",\"code\":0}",
                answer.ToString());
        }

        [Fact]
        public void StartAnswersAtOnceAndTheTaskIsStillCREATEDUntilTheQueuedStartRuns()
        {
            var h = new Harness(SleepThenNoop());
            var answer = h.Run.StartTask("http://s/taskflow/execute/1/?instance_id=42");
            Assert.Equal("{\"task_url\":\"http://s/taskflow/execute/1/?instance_id=42\",\"data\":{\"task_url\":\"http://s/taskflow/execute/1/?instance_id=42\"},\"result\":true,\"code\":0}",
                answer.ToString());
            Assert.Equal("CREATED", h.TaskState);
            // A second start before the worker ran is accepted too, and there is still one real start.
            AssertOk(h.Run.Start());
            h.Scheduler.RunUntilIdle();
            Assert.Equal("RUNNING", h.TaskState);
            AssertFailure(h.Run.StartTask("u"), "task already started", 3545000);
            AssertFailure(h.Run.Start(), "task already started", 3545000);
            Assert.Single(h.Status()["children"] is JsonObject c ? c.Properties.Where(p => p.Name == "nsleep") : null);
        }

        [Fact]
        public void AStartedTaskReportsTheEngineEntryFieldsTimesAndOnlyReachedNodes()
        {
            var h = new Harness(SleepThenNoop()).Started();
            var s = h.Status();
            Assert.Equal(new[] { "id", "state", "root_id:", "parent_id", "version", "loop", "retry", "skip", "error_ignorable", "error_ignored", "children", "elapsed_time", "start_time", "finish_time", "name" },
                s.Keys.ToArray());
            Assert.Equal("npipeline0000000000000000000000a", Str(s["id"]));
            Assert.Equal(Str(s["id"]), Str(s["root_id:"]));
            Assert.Equal(Str(s["id"]), Str(s["parent_id"]));
            Assert.Matches("^v[0-9a-f]{32}$", Str(s["version"]));
            Assert.Equal("2024-05-01 10:00:00 +0800", Str(s["start_time"]));
            Assert.IsType<JsonNull>(s["finish_time"]);
            Assert.Equal("my task", Str(s["name"]));
            var children = (JsonObject)s["children"];
            Assert.Equal(new[] { TestTree.Start, "nsleep" }, children.Keys.ToArray());
            var sleep = (JsonObject)children["nsleep"];
            Assert.Equal("RUNNING", Str(sleep["state"]));
            Assert.Equal("nsleep", Str(sleep["name"]));
            Assert.Equal("", Str(((JsonObject)children[TestTree.Start])["name"]));
            Assert.Equal(1, Num(sleep["loop"]));
            Assert.Equal(0, Num(sleep["retry"]));
            Assert.False(((JsonBoolean)sleep["skip"]).Value);

            h.Wait(4.4);
            Assert.Equal(4, Num(h.Status()["elapsed_time"]));
            h.Wait(5.6);
            s = h.Status();
            Assert.Equal("FINISHED", Str(s["state"]));
            Assert.Equal("2024-05-01 10:00:10 +0800", Str(s["finish_time"]));
            Assert.Equal(10, Num(s["elapsed_time"]));
            Assert.Equal("Say hello", Str(Find(s, "nnoop")["name"]));
            Assert.Equal(new[] { TestTree.Start, "nsleep", "nnoop", TestTree.End }, ((JsonObject)s["children"]).Keys.ToArray());
            h.Wait(100);
            Assert.Equal(10, Num(h.Status()["elapsed_time"]));
        }

        [Fact]
        public void ElapsedTimeRoundsHalvesToEvenAsPythonDoes()
        {
            var start = new System.DateTimeOffset(2024, 1, 1, 0, 0, 0, System.TimeSpan.Zero);
            Assert.Equal(2, StatusTime.ElapsedSeconds(start, start.AddSeconds(2.5), start));
            Assert.Equal(4, StatusTime.ElapsedSeconds(start, start.AddSeconds(3.5), start));
            Assert.Equal(0, StatusTime.ElapsedSeconds(null, null, start));
            Assert.Equal("2024-01-01 08:00:00 +0800", StatusTime.FormatTime(start));
        }

        [Fact]
        public void ATreeFailingTheStartTimeChecksStaysCREATEDSaysWhyAndCanBeStartedAgain()
        {
            var tree = SleepThenNoop().Constant("${x}", JsonNode.From("1")).Build();
            ((JsonObject)((JsonObject)tree["constants"])["${x}"]).Remove("show_type");
            var h = new Harness(tree).Started();
            Assert.Equal("CREATED", h.TaskState);
            Assert.False(h.Run.IsStarted);
            Assert.Contains("show_type", h.Run.StartError);
            Assert.Contains("${x}", h.Run.StartError);
            Assert.True(h.Run.StartTask("u").Result);
            h.Scheduler.RunUntilIdle();
            Assert.Equal("CREATED", h.TaskState);
            AssertFailure(h.Run.Pause(), "task not started", 3545000);
        }

        [Theory]
        [InlineData("timeout_error_ignorable")]
        [InlineData("unknown_type")]
        [InlineData("input_without_value")]
        [InlineData("unknown_template")]
        public void OtherStartTimeFailuresKeepTheTaskCREATED(string problem)
        {
            var t = new TestTree().Activity("na", errorIgnorable: problem == "timeout_error_ignorable");
            if (problem == "unknown_template") t.SubProcess("nsub", 99).Chain(TestTree.Start, "na", "nsub", TestTree.End);
            else t.Chain(TestTree.Start, "na", TestTree.End);
            var tree = t.Build();
            var a = (JsonObject)((JsonObject)tree["activities"])["na"];
            switch (problem)
            {
                case "timeout_error_ignorable":
                    a.Set("timeout_config", Body(("enable", JsonNode.From(true)), ("seconds", JsonNode.From(5)), ("action", JsonNode.From("forced_fail"))));
                    break;
                case "unknown_type":
                    a.Set("type", JsonNode.From("Activity"));
                    break;
                case "input_without_value":
                    ((JsonObject)((JsonObject)a["component"])["data"]).Set("k", Body(("hook", JsonNode.From(false))));
                    break;
            }
            var h = new Harness(tree).Started();
            Assert.Equal("CREATED", h.TaskState);
            Assert.NotNull(h.Run.StartError);
            if (problem == "timeout_error_ignorable") Assert.StartsWith("timeout_config can not be enabled with error_ignorable or auto_retry at the same time", h.Run.StartError);
            if (problem == "unknown_type") Assert.StartsWith("Unknown Activity type: Activity", h.Run.StartError);
            if (problem == "unknown_template") Assert.Contains("99", h.Run.StartError);
        }

        [Fact]
        public void FlagsOtherThanExDataOnACREATEDTaskGiveTheExtractError()
        {
            var h = new Harness(SleepThenNoop());
            AssertFailure(h.Run.GetStatus(withFailedNodeInfo: true), "task[id=42] extract failed node info error: 'id'", 3599999);
            AssertFailure(h.Run.GetStatus(withAutoRetryStatus: true), "task[id=42] extract failed node info error: 'id'", 3599999);
            Assert.True(h.Run.GetStatus(withExData: true).Result);
        }

        [Fact]
        public void SleepTimerTakesNumericStringsAndFailsClearlyOnAnythingElse()
        {
            var h = new Harness(new TestTree().Sleep("ns", JsonNode.From(" 2.5 ")).Chain(TestTree.Start, "ns", TestTree.End)).Started();
            h.Wait(2.4);
            Assert.Equal("RUNNING", h.StateOf("ns"));
            h.Wait(0.1);
            Assert.Equal("FINISHED", h.TaskState);

            h = new Harness(new TestTree().Sleep("ns", JsonNode.From("soon")).Chain(TestTree.Start, "ns", TestTree.End)).Started();
            Assert.Equal("FAILED", h.StateOf("ns"));
            var ex = (JsonObject)h.Status(exData: true)["ex_data"];
            Assert.Equal("sleep_timer needs bk_timing as a number of seconds (zero or more), or a string holding one; got \"soon\"", Str(ex["ns"]));
        }

        [Fact]
        public void TheTimeScaleShortensSleeps()
        {
            var h = new Harness(new TestTree().Sleep("ns", JsonNode.From(100)).Chain(TestTree.Start, "ns", TestTree.End), o => o.TimeScale = 0.01).Started();
            h.Wait(0.9);
            Assert.Equal("RUNNING", h.TaskState);
            h.Wait(0.1);
            Assert.Equal("FINISHED", h.TaskState);
        }

        [Fact]
        public void InputsRenderConstantsAndOtherPluginsOutputTheirInputs()
        {
            var tree = new TestTree()
                .Constant("${wait}", JsonNode.From(3))
                .Constant("${who}", JsonNode.From("world"))
                .Sleep("ns", JsonNode.From("${wait}"))
                .Activity("nh", inputs: new[] { ("greeting", (JsonNode)JsonNode.From("hello ${who}")), ("count", JsonNode.From(2)) })
                .Chain(TestTree.Start, "ns", "nh", TestTree.End);
            var h = new Harness(tree).Started();
            h.Wait(2);
            Assert.Equal("RUNNING", h.StateOf("ns"));
            h.Wait(1);
            Assert.Equal("FINISHED", h.TaskState);
            var detail = (JsonObject)h.Run.GetNodeDetail("nh").Data;
            var outputs = ((JsonArray)detail["outputs"]).Items.Cast<JsonObject>().ToDictionary(o => Str(o["key"]), o => o["value"]);
            Assert.Equal("hello world", Str(outputs["greeting"]));
            Assert.Equal(2, Num(outputs["count"]));
            Assert.True(((JsonBoolean)outputs["_result"]).Value);
            Assert.Equal(3, Num(((JsonObject)((JsonObject)h.Run.GetNodeDetail("ns").Data)["inputs"])["bk_timing"]));
        }
    }
}
