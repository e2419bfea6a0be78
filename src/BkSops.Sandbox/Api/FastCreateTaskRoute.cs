using System;
using System.Globalization;
using System.Text;
using BkSops.Json;
using BkSops.Sandbox.Creation;
using BkSops.Sandbox.Http;
using BkSops.Sandbox.Store;
using BkSops.Validation;
using BkSops.Validation.Names;

namespace BkSops.Sandbox.Api
{
    /// <summary>
    /// <c>POST fast_create_task/{bk_biz_id}/</c> as bk-sops does it (spec 1.3-1.6): body checks, the validator's
    /// verdict with the server's message and code, the name, then the task is stored with its ids replaced.
    /// </summary>
    internal sealed class FastCreateTaskRoute
    {
        private const int TaskNameMaxLength = 100;
        private static readonly string[] Categories = { "OpsTools", "MonitorAlarm", "ConfManage", "DevTools", "EnterpriseIT", "OfficeApp", "Other", "Default" };
        private readonly SandboxServer server;
        private readonly TaskCreator creator;

        public FastCreateTaskRoute(SandboxServer server, TaskCreator creator)
        {
            this.server = server;
            this.creator = creator;
        }

        public Answer Handle(SandboxRequest request)
        {
            // ObjectJsonBodyValidator: project_inject let an empty body through.
            if (request.BodyIsEmpty)
                return Reject(request.English
                    ? "Illegal request: data error, the request is not in legal Json format | validate"
                    : "非法请求: 数据错误, 请求不是合法的Json格式 | validate");
            // project_inject already answered a body that is not a JSON object.
            if (!(request.BodyJson is JsonObject body)) return ApiJson.Answer(ApiJson.Fail("invalid param format", ApiJson.ParamInvalid));
            if (!body.TryGetValue("pipeline_tree", out var treeNode)) return Reject(ServerAnswer.InvalidTreePrefix + "'pipeline_tree'");
            if (!(treeNode is JsonObject tree)) return Reject(ServerAnswer.InvalidTreePrefix + $"'{treeNode.PythonTypeName}' object has no attribute 'values'");

            var check = creator.Check(tree, body["has_common_subprocess"]?.IsTruthyInPython == true);
            var verdict = check.Verdict;
            if (verdict != null && !check.RejectedAtCreation) return Refuse(verdict);

            if (!body.TryGetValue("name", out var nameNode))
                return ApiJson.Answer(ApiJson.Fail("invalid params: 'name'", ApiJson.ParamInvalid));
            if (!(nameNode is JsonString name)) return ServerError(); // standardize_name's re.sub raises TypeError
            var unfoldFailure = creator.Unfold(check, body["has_common_subprocess"]?.IsTruthyInPython == true, out var unfolding);
            if (unfoldFailure != null) return Refuse(unfoldFailure);
            if (verdict != null) return Refuse(verdict);

            var stored = TaskCreator.Finish(check.ServerCopy, unfolding);
            string flowType = body["flow_type"] is JsonString f && f.Value == "common_func" ? "common_func" : "common";
            var task = new SandboxTask
            {
                ProjectId = SandboxDefaults.ProjectId,
                Name = NameStandardizer.Standardize(name.Value, TaskNameMaxLength),
                Creator = request.UserName,
                CreateTime = DateTimeOffset.UtcNow,
                Description = body["description"] is JsonString d ? d.Value : body["description"] is JsonNode description ? JsonWriter.Write(description, false) : "",
                Category = body["category"] is JsonString c && Array.IndexOf(Categories, c.Value) >= 0 ? c.Value : "Default",
                FlowType = flowType,
                CurrentFlow = flowType == "common_func" ? "func_claim" : "execute_task",
                CreateMethod = "api",
            };
            task.TreeJson = TreeText.Bytes(stored);
            server.Tasks.Add(task);

            var data = new JsonObject();
            data.Set("task_id", JsonNode.From(task.Id));
            data.Set("task_url", new JsonString(server.TaskUrl(task.Id)));
            data.Set("pipeline_tree", stored);
            return ApiJson.Answer(ApiJson.Ok(data), AnswerBytes(task.Id, server.TaskUrl(task.Id), task.TreeJson));
        }

        // ApiJson.Ok(data) as JsonWriter writes it, with the tree's bytes written once for the file and the answer.
        private static byte[] AnswerBytes(long taskId, string taskUrl, byte[] tree)
        {
            var head = Encoding.UTF8.GetBytes("{\"result\":true,\"data\":{\"task_id\":" + taskId.ToString(CultureInfo.InvariantCulture)
                + ",\"task_url\":" + TreeText.Quote(taskUrl) + ",\"pipeline_tree\":");
            var tail = Encoding.UTF8.GetBytes("},\"code\":0}");
            var bytes = new byte[head.Length + tree.Length + tail.Length];
            Buffer.BlockCopy(head, 0, bytes, 0, head.Length);
            Buffer.BlockCopy(tree, 0, bytes, head.Length, tree.Length);
            Buffer.BlockCopy(tail, 0, bytes, head.Length + tree.Length, tail.Length);
            return bytes;
        }

        // Validator failures come back from request_validate with "data": null.
        private static Answer Reject(string message) => ApiJson.Answer(ApiJson.Fail(message, ApiJson.ParamInvalid, dataNull: true));

        private static Answer Refuse(Diagnostic verdict)
        {
            if (verdict.ServerStatus == 500) return ServerError();
            if (verdict.ServerStatus == 504) return GatewayErrors.BackendTimeout();
            int code = verdict.ServerCode ?? ApiJson.ParamInvalid;
            // The view's own answers (creation errors) have no data key; the validator's have "data": null.
            return ApiJson.Answer(ApiJson.Fail(verdict.ServerMessage ?? "", code, dataNull: code == ApiJson.ParamInvalid));
        }

        private static Answer Refuse(UnfoldFailure failure)
        {
            if (failure.Status == 500) return ServerError();
            if (failure.Status == 504) return GatewayErrors.BackendTimeout();
            return ApiJson.Answer(ApiJson.Fail(failure.Message ?? "", ApiJson.UnknownError));
        }

        /// <summary>An uncaught exception in bk-sops: HTTP 500, no JSON, nothing stored.</summary>
        internal static Answer ServerError() => Answer.Text(500, "Server Error (500)");

    }
}
