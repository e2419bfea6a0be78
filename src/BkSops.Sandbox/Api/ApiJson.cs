using System;
using System.Globalization;
using BkSops.Json;
using BkSops.Sandbox.Http;

namespace BkSops.Sandbox.Api
{
    /// <summary>bk-sops' JSON answers (spec 1.5): <c>result</c>, <c>data</c>, <c>code</c>; <c>message</c> where the view sets one.</summary>
    public static class ApiJson
    {
        public const int Success = 0, ParamInvalid = 3540000, ContentNotExist = 3540400, InvalidOperation = 3545000,
            ValidationError = 3546100, UnknownError = 3599999;

        /// <summary><c>{"result": true, "data": data, "code": 0}</c>, no message.</summary>
        public static JsonObject Ok(JsonNode data)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(true));
            o.Set("data", data ?? new JsonNull());
            o.Set("code", JsonNode.From(Success));
            return o;
        }

        /// <summary><c>{"result": false, "message": m, "code": c}</c>, with <c>"data": null</c> when <paramref name="dataNull"/>.</summary>
        public static JsonObject Fail(string message, int code, bool dataNull = false)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(false));
            if (dataNull) o.Set("data", new JsonNull());
            o.Set("message", new JsonString(message));
            o.Set("code", JsonNode.From(code));
            return o;
        }

        /// <summary>A Django <c>ObjectDoesNotExist</c> turned into JSON by bk-sops' middleware (spec 2.15 "DNE").</summary>
        public static JsonObject DoesNotExist(string exceptionText)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(false));
            o.Set("data", new JsonNull());
            o.Set("code", JsonNode.From(ContentNotExist));
            o.Set("message", new JsonString("数据不存在错误: 数据不存在错误, 错误内容 " + exceptionText + " | process_exception"));
            return o;
        }

        public static Answer Answer(JsonObject json) => Http.Answer.FromJson(json);

        /// <summary>An answer whose body is already written (it must be <paramref name="json"/> as JsonWriter writes it).</summary>
        internal static Answer Answer(JsonObject json, byte[] body) => Http.Answer.FromJson(json, body);

        /// <summary>A time as bk-sops shows it: <c>%Y-%m-%d %H:%M:%S %z</c> in Asia/Shanghai (+0800).</summary>
        public static JsonNode Time(DateTimeOffset? time) =>
            time.HasValue
                ? (JsonNode)new JsonString(time.Value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0800")
                : new JsonNull();
    }
}
