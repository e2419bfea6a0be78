using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BkSops.Json;
using BkSops.Sandbox.Http;
using BkSops.Sandbox.Store;

namespace BkSops.Sandbox.Api
{
    /// <summary>
    /// <c>GET get_task_list/{bk_biz_id}/</c> (S <c>gcloud/apigw/views/get_task_list.py</c>): the project's tasks newest
    /// first, filtered by <c>keyword</c>, <c>is_started</c>, <c>is_finished</c>, <c>executor</c>, <c>create_method</c>,
    /// <c>template_id</c>, <c>template_ids</c>, paged by <c>offset</c>/<c>limit</c> (at most 200), with <c>count</c>.
    /// </summary>
    internal sealed class TaskListRoute
    {
        private static readonly Dictionary<string, string> CategoryNames = new Dictionary<string, string>
        {
            ["OpsTools"] = "运维工具", ["MonitorAlarm"] = "监控告警", ["ConfManage"] = "配置管理", ["DevTools"] = "开发工具",
            ["EnterpriseIT"] = "企业IT", ["OfficeApp"] = "办公应用", ["Other"] = "其它", ["Default"] = "默认分类",
        };

        private readonly SandboxServer server;

        public TaskListRoute(SandboxServer server) { this.server = server; }

        public Answer Handle(SandboxRequest request)
        {
            var q = request.Query;
            IEnumerable<SandboxTask> tasks = server.Tasks.NewestFirst().Where(t => t.ProjectId == SandboxDefaults.ProjectId);
            if (q["keyword"] is string keyword && keyword.Length > 0) tasks = tasks.Where(t => t.Name.Contains(keyword));
            if (q["is_started"] != null) { bool v = FormBool(q["is_started"]); tasks = tasks.Where(t => server.Runs.Facts(t).IsStarted == v); }
            if (q["is_finished"] != null) { bool v = FormBool(q["is_finished"]); tasks = tasks.Where(t => server.Runs.Facts(t).IsFinished == v); }
            if (q["executor"] != null) { string v = q["executor"]; tasks = tasks.Where(t => server.Runs.Facts(t).Executor == v); }
            if (q["create_method"] != null) { string v = q["create_method"]; tasks = tasks.Where(t => t.CreateMethod == v); }
            if (q["template_id"] is string templateId && templateId.Length > 0) tasks = tasks.Where(t => false); // fast-created tasks have no template
            if (q["template_ids"] is string templateIds && templateIds.Split(',').Any(s => s.Trim().Length > 0)) tasks = tasks.Where(t => false);
            if (q["is_child_taskflow"] != null && FormBool(q["is_child_taskflow"])) tasks = tasks.Where(t => false);

            if (!TryPage(q["offset"], 0, out int offset, out string? error) || !TryPage(q["limit"], 100, out int limit, out error))
                return ApiJson.Answer(Fail(error ?? ""));
            if (limit > 200) limit = 200;
            if (offset < 0 || limit < 0) return ApiJson.Answer(Fail("[API] pagination error: offset and limit must be greater or equal to 0."));

            var all = tasks.ToList();
            var data = new JsonArray();
            foreach (var task in all.Skip(offset).Take(limit)) data.Add(Item(task, request.UserName));
            var answer = new JsonObject();
            answer.Set("result", JsonNode.From(true));
            answer.Set("data", data);
            answer.Set("count", JsonNode.From(FormBool(q["without_count"]) ? -1 : all.Count));
            answer.Set("code", JsonNode.From(ApiJson.Success));
            return ApiJson.Answer(answer);
        }

        private JsonObject Item(SandboxTask task, string user)
        {
            var facts = server.Runs.Facts(task);
            var o = new JsonObject();
            o.Set("id", JsonNode.From(task.Id));
            o.Set("name", new JsonString(task.Name));
            o.Set("category", new JsonString(CategoryNames.TryGetValue(task.Category, out var c) ? c : task.Category));
            o.Set("create_method", new JsonString(task.CreateMethod));
            o.Set("creator", new JsonString(task.Creator));
            o.Set("executor", new JsonString(facts.Executor ?? ""));
            o.Set("start_time", facts.StartTime);
            o.Set("finish_time", facts.FinishTime);
            o.Set("is_started", JsonNode.From(facts.IsStarted));
            o.Set("is_finished", JsonNode.From(facts.IsFinished));
            o.Set("template_source", new JsonString("onetime"));
            o.Set("template_id", new JsonString(""));
            o.Set("is_child_taskflow", JsonNode.From(false));
            o.Set("project_id", JsonNode.From(SandboxDefaults.ProjectId));
            o.Set("project_name", new JsonString(SandboxDefaults.ProjectName));
            o.Set("bk_biz_id", JsonNode.From(SandboxDefaults.BkBizId));
            o.Set("bk_biz_name", new JsonString(SandboxDefaults.ProjectName));
            var actions = new JsonArray();
            foreach (var action in new[] { "task_view", "task_operate", "task_edit", "task_claim", "task_delete", "task_clone" })
                actions.Add(new JsonString(action));
            o.Set("auth_actions", actions);
            return o;
        }

        private static JsonObject Fail(string message)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(false));
            o.Set("data", new JsonString(""));
            o.Set("message", new JsonString(message));
            o.Set("code", JsonNode.From(ApiJson.InvalidOperation));
            return o;
        }

        // Django's forms.BooleanField: "", "false", "False" and "0" are false.
        private static bool FormBool(string? value) => value != null && value.Length > 0 && value != "false" && value != "False" && value != "0";

        // Python's int() of the query value.
        private static bool TryPage(string? text, int fallback, out int value, out string? error)
        {
            error = null;
            if (text == null) { value = fallback; return true; }
            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
            error = $"[API] pagination error: invalid literal for int() with base 10: '{text}'";
            return false;
        }
    }
}
