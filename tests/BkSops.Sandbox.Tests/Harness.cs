using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using Xunit;

namespace BkSops.Sandbox.Tests
{
    /// <summary>One task on a <see cref="ManualScheduler"/>: nothing runs until the test says so.</summary>
    internal sealed class Harness
    {
        public readonly ManualScheduler Scheduler = new ManualScheduler();
        public readonly ExecutionOptions Options;
        public TaskRun Run;

        public Harness(JsonObject tree, Action<ExecutionOptions> configure = null, long taskId = 42, string name = "my task")
        {
            Options = new ExecutionOptions { Scheduler = Scheduler };
            configure?.Invoke(Options);
            Run = new TaskRun(taskId, name, tree, Options);
        }

        public Harness(TestTree tree, Action<ExecutionOptions> configure = null) : this(tree.Build(), configure) { }

        /// <summary>start_task, then every piece of work the start queues (timers do not fire).</summary>
        public Harness Started()
        {
            var answer = Run.StartTask("http://sandbox/taskflow/execute/1/?instance_id=42");
            Assert.True(answer.Result, answer.ToString());
            Scheduler.RunUntilIdle();
            return this;
        }

        public void Wait(double seconds) => Scheduler.Advance(TimeSpan.FromSeconds(seconds));

        public JsonObject Status(bool exData = false, bool failedInfo = false, bool autoRetry = false, string subprocessId = null)
        {
            var answer = Run.GetStatus(exData, failedInfo, autoRetry, subprocessId);
            Assert.True(answer.Result, answer.ToString());
            return (JsonObject)answer.Data;
        }

        public string TaskState => Str(Status()["state"]);

        /// <summary>The status entry of a node anywhere in the tree (nested sub-processes too); null when it has none.</summary>
        public JsonObject Entry(string nodeId) => Find(Status(), nodeId);

        public string StateOf(string nodeId) => Entry(nodeId) is JsonObject e ? Str(e["state"]) : null;

        public static JsonObject Find(JsonObject status, string nodeId)
        {
            var queue = new Queue<JsonObject>();
            queue.Enqueue(status);
            while (queue.Count > 0)
            {
                var e = queue.Dequeue();
                if (!(e["children"] is JsonObject children)) continue;
                foreach (var c in children.Properties)
                {
                    if (c.Name == nodeId) return (JsonObject)c.Value;
                    queue.Enqueue((JsonObject)c.Value);
                }
            }
            return null;
        }

        public ExecutionAnswer Node(string action, string nodeId, JsonObject body = null)
        {
            var answer = Run.OperateNode(action, nodeId, body);
            return answer;
        }

        public static JsonObject Body(params (string key, JsonNode value)[] members)
        {
            var o = new JsonObject();
            foreach (var (k, v) in members) o.Set(k, v);
            return o;
        }

        public static string Str(JsonNode node) => (node as JsonString)?.Value;

        public static long Num(JsonNode node) => node is JsonNumber n && n.TryGetInt64(out long v) ? v : throw new Xunit.Sdk.XunitException("not a whole number: " + node);

        /// <summary>Asserts E(text): result false, code 3599999, "fail: " + a traceback ending with the given last line.</summary>
        public static void AssertEngine(ExecutionAnswer answer, string lastLine)
        {
            Assert.False(answer.Result);
            Assert.Equal(3599999, answer.Code);
            Assert.StartsWith("fail: Traceback (most recent call last):\n", answer.Message);
            Assert.EndsWith("\n" + lastLine + "\n", answer.Message);
            Assert.Null(answer.Data);
        }

        public static void AssertOk(ExecutionAnswer answer)
        {
            Assert.True(answer.Result, answer.ToString());
            Assert.Equal("{\"result\":true,\"message\":\"success\",\"code\":0}", answer.ToString());
        }

        public static void AssertFailure(ExecutionAnswer answer, string message, int code)
        {
            Assert.False(answer.Result);
            Assert.Equal(message, answer.Message);
            Assert.Equal(code, answer.Code);
        }
    }
}
