using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// One answer of the bk-sops API, exactly as spec section 2.15 gives it: <see cref="Body"/> is the JSON object to send
    /// (with HTTP 200); the other properties read it.
    /// </summary>
    public sealed class ExecutionAnswer
    {
        /// <summary>bk-sops' codes (gcloud/err_code.py).</summary>
        public const int Success = 0, RequestParamInvalid = 3540000, ContentNotExist = 3540400, InvalidOperation = 3545000, UnknownError = 3599999;

        private ExecutionAnswer(JsonObject body) { Body = body; }

        /// <summary>The answer as bk-sops sends it; the caller owns it (add <c>trace_id</c> etc. freely).</summary>
        public JsonObject Body { get; }

        public bool Result => Body["result"] is JsonBoolean b && b.Value;
        public int Code => Body["code"] is JsonNumber n && n.TryGetInt64(out long c) ? (int)c : 0;

        /// <summary>The <c>message</c>; null when the answer has none.</summary>
        public string? Message => (Body["message"] as JsonString)?.Value;

        /// <summary>The <c>data</c>; null when the answer has none (a JSON null when it is null).</summary>
        public JsonNode? Data => Body["data"];

        public override string ToString() => JsonWriter.Write(Body, indented: false);

        /// <summary>OK: <c>{"result": true, "message": "success", "code": 0}</c> (no data key).</summary>
        internal static ExecutionAnswer Ok()
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(true));
            o.Set("message", JsonNode.From("success"));
            o.Set("code", JsonNode.From(0));
            return new ExecutionAnswer(o);
        }

        /// <summary><c>{"result": true, "data": D, "message": "", "code": 0}</c>.</summary>
        internal static ExecutionAnswer WithData(JsonNode data)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(true));
            o.Set("data", data);
            o.Set("message", JsonNode.From(""));
            o.Set("code", JsonNode.From(0));
            return new ExecutionAnswer(o);
        }

        /// <summary>start_task's answer: <c>{"task_url": U, "data": {"task_url": U}, "result": true, "code": 0}</c>.</summary>
        internal static ExecutionAnswer Started(string taskUrl)
        {
            var o = new JsonObject();
            o.Set("task_url", JsonNode.From(taskUrl));
            var data = new JsonObject();
            data.Set("task_url", JsonNode.From(taskUrl));
            o.Set("data", data);
            o.Set("result", JsonNode.From(true));
            o.Set("code", JsonNode.From(0));
            return new ExecutionAnswer(o);
        }

        /// <summary><c>{"result": false, "message": m, "code": c}</c>.</summary>
        internal static ExecutionAnswer Failure(string message, int code)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(false));
            o.Set("message", JsonNode.From(message));
            o.Set("code", JsonNode.From(code));
            return new ExecutionAnswer(o);
        }

        /// <summary>
        /// E(text): an engine rejection, <c>"fail: "</c> + a Python traceback whose last line is <paramref name="lastLine"/>
        /// (<c>&lt;ExceptionClass&gt;: text</c>), code 3599999.
        /// </summary>
        internal static ExecutionAnswer Engine(string lastLine) =>
            Failure("fail: Traceback (most recent call last):\n  File \"bamboo_engine/api.py\", in wrapper (bk-sops sandbox: frames not simulated)\n" + lastLine + "\n", UnknownError);

        /// <summary>DNE: a Django DoesNotExist turned into an answer by bk-sops' middleware (code 3540400, data null).</summary>
        internal static ExecutionAnswer DoesNotExist(string exceptionText)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(false));
            o.Set("data", new JsonNull());
            o.Set("code", JsonNode.From(ContentNotExist));
            o.Set("message", JsonNode.From("数据不存在错误: 数据不存在错误, 错误内容 " + exceptionText + " | process_exception"));
            return new ExecutionAnswer(o);
        }

        /// <summary>The same answer with another code (operate_node overwrites every code from nodes_action).</summary>
        internal ExecutionAnswer WithCode(int code)
        {
            Body.Set("code", JsonNode.From(code));
            return this;
        }
    }
}
