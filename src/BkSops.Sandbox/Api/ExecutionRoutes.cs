using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Sandbox.Execution;
using BkSops.Sandbox.Http;
using BkSops.Sandbox.Runs;
using BkSops.Sandbox.Store;
using BkSops.Api;

namespace BkSops.Sandbox.Api
{
    /// <summary>What get_task_list shows of a task's run.</summary>
    public struct TaskFacts
    {
        public bool IsStarted;
        public bool IsFinished;
        public string Executor;
        public JsonNode StartTime;
        public JsonNode FinishTime;
    }

    /// <summary>
    /// The routes that run and steer tasks (spec 2.15): start_task, operate_task, get_task_status, get_task_detail,
    /// get_task_node_detail, get_tasks_status, operate_node, node_callback. The views' own checks (body, task lookup)
    /// are here; the task's <see cref="TaskRun"/> gives every answer about states. Each task's run is made when first
    /// needed, or restored from its file's snapshot; a change of a run is written to the file shortly after.
    /// </summary>
    internal sealed class ExecutionRoutes
    {
        private const string TaskDoesNotExist = "TaskFlowInstance matching query does not exist.";
        private static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(50);
        private int savesInFlight;
        private readonly SandboxServer server;
        private readonly StoppableScheduler scheduler = new StoppableScheduler(ThreadPoolScheduler.Instance);
        private readonly ExecutionOptions options;

        public ExecutionRoutes(SandboxServer server, SandboxOptions sandboxOptions)
        {
            this.server = server;
            options = new ExecutionOptions
            {
                TimeScale = sandboxOptions.TimeScale,
                FailPlugins = new HashSet<string>(sandboxOptions.FailPlugins ?? new string[0], StringComparer.Ordinal),
                Templates = sandboxOptions.Templates,
                Scheduler = scheduler,
            };
        }

        /// <summary>Problems met bringing runs back from their snapshots (the task then starts over as CREATED).</summary>
        public List<string> RestoreProblems { get; } = new List<string>();

        public TaskFacts Facts(SandboxTask task)
        {
            var run = task.Run ?? (task.ExecutionSnapshot != null ? RunOf(task) : null);
            if (run == null || !run.IsStarted) return new TaskFacts { Executor = task.Executor, StartTime = new JsonNull(), FinishTime = new JsonNull() };
            var status = run.GetStatus().Data as JsonObject;
            return new TaskFacts
            {
                IsStarted = true,
                IsFinished = (status?["state"] as JsonString)?.Value == TaskStates.Finished,
                Executor = task.Executor,
                StartTime = status?["start_time"] ?? new JsonNull(),
                FinishTime = status?["finish_time"] ?? new JsonNull(),
            };
        }

        public Answer Handle(SandboxRequest request)
        {
            switch (request.Route.Name)
            {
                case "start_task": return StartTask(request);
                case "operate_task": return OperateTask(request);
                case "get_task_status": return GetTaskStatus(request);
                case "get_tasks_status": return GetTasksStatus(request);
                case "get_task_detail": return GetTaskDetail(request);
                case "get_task_node_detail": return GetTaskNodeDetail(request);
                case "operate_node": return OperateNode(request);
                case "node_callback": return NodeCallback(request);
                default: throw new InvalidOperationException("No execution route " + request.Route.Name);
            }
        }

        private Answer StartTask(SandboxRequest request)
        {
            var task = Find(request);
            if (task == null) return Json(ApiJson.DoesNotExist(TaskDoesNotExist));
            var run = RunOf(task);
            if (AwaitsClaim(task, run))
            {
                // The view queues the start; the worker finds current_flow is not execute_task and does nothing.
                string url = server.TaskUrl(task.Id);
                var queued = new JsonObject();
                queued.Set("task_url", new JsonString(url));
                var data = new JsonObject();
                data.Set("task_url", new JsonString(url));
                queued.Set("data", data);
                queued.Set("result", JsonNode.From(true));
                queued.Set("code", JsonNode.From(ApiJson.Success));
                return Json(queued);
            }
            var answer = run.StartTask(server.TaskUrl(task.Id));
            if (answer.Result) NoteExecutor(task, request.UserName);
            return Json(answer.Body);
        }

        private Answer OperateTask(SandboxRequest request)
        {
            if (!(request.BodyJson is JsonObject body)) return Json(ApiJson.Fail("invalid json format", ApiJson.ParamInvalid));
            var task = Find(request);
            if (task == null) return Json(ApiJson.DoesNotExist(TaskDoesNotExist));
            string action = PyStr(body["action"]);
            var run = RunOf(task);
            if (AwaitsClaim(task, run))
            {
                if (action != "start") return Json(ApiJson.Fail($"task with current_flow:{task.CurrentFlow} cannot be {action}ed", ApiJson.InvalidOperation));
                var queued = new JsonObject();
                queued.Set("message", new JsonString("success"));
                queued.Set("result", JsonNode.From(true));
                queued.Set("code", JsonNode.From(ApiJson.Success));
                return Json(queued);
            }
            var answer = run.OperateTask(action);
            if (answer.Result && action == "start") NoteExecutor(task, request.UserName);
            return Json(answer.Body);
        }

        private Answer GetTaskStatus(SandboxRequest request)
        {
            var task = Find(request);
            if (task == null)
                return Json(ApiJson.Fail($"task[id={request.Ids["task_id"]}] get status error: {TaskDoesNotExist}", ApiJson.UnknownError));
            var q = request.Query;
            return Json(RunOf(task).GetStatus(Flag(q["with_ex_data"]), Flag(q["with_failed_node_info"]), Flag(q["with_auto_retry_status"]), q["subprocess_id"]).Body);
        }

        private Answer GetTasksStatus(SandboxRequest request)
        {
            if (!(request.BodyJson is JsonObject body)) return Json(ApiJson.Fail("request body is not a valid json", ApiJson.ParamInvalid));
            var ids = body["task_id_list"] ?? new JsonArray();
            if (!(ids is JsonArray list)) return Json(ApiJson.Fail("task_id_list must be a list", ApiJson.ParamInvalid));
            if (list.Count > 50) return Json(ApiJson.Fail("task_id_list is too long, maximum length is 50", ApiJson.ParamInvalid));
            bool children = body["include_children_status"] is JsonBoolean b && b.Value;
            var wanted = new HashSet<long>();
            foreach (var item in list.Items)
            {
                // Django turns each id into an int for the query; anything else raises outside the view's try.
                string? text = item is JsonString s ? s.Value.Trim() : (item as JsonNumber)?.RawText;
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id)) return FastCreateTaskRoute.ServerError();
                wanted.Add(id);
            }
            var data = new JsonArray();
            foreach (var task in server.Tasks.NewestFirst().Where(t => wanted.Contains(t.Id)))
            {
                var run = RunOf(task);
                var answer = run.GetStatus();
                // A successful get_task_status always carries its status object.
                if (!answer.Result || !(answer.Data is JsonObject status)) return Json(answer.Body);
                if (!children) status.Remove("children");
                status.Set("name", new JsonString(task.Name));
                var item = new JsonObject();
                item.Set("id", JsonNode.From(task.Id));
                item.Set("name", new JsonString(task.Name));
                item.Set("status", status);
                item.Set("flow_type", new JsonString(task.FlowType));
                item.Set("current_flow", new JsonString(run.IsArchived ? "finished" : task.CurrentFlow));
                item.Set("is_deleted", JsonNode.From(false));
                item.Set("create_time", ApiJson.Time(task.CreateTime));
                item.Set("start_time", status["start_time"] ?? new JsonNull());
                item.Set("finish_time", status["finish_time"] ?? new JsonNull());
                item.Set("url", new JsonString(server.TaskUrl(task.Id)));
                data.Add(item);
            }
            return Json(ApiJson.Ok(data));
        }

        private Answer GetTaskDetail(SandboxRequest request)
        {
            var task = Find(request);
            if (task == null) return Json(ApiJson.Fail(NotInProject("get_task_detail", request), ApiJson.ContentNotExist));
            var facts = Facts(task);
            var status = RunOf(task).GetStatus().Data as JsonObject;
            var data = new JsonObject();
            data.Set("id", JsonNode.From(task.Id));
            data.Set("project_id", JsonNode.From(SandboxDefaults.ProjectId));
            data.Set("project_name", new JsonString(SandboxDefaults.ProjectName));
            data.Set("name", new JsonString(task.Name));
            data.Set("create_time", ApiJson.Time(task.CreateTime));
            data.Set("creator", new JsonString(task.Creator));
            data.Set("create_method", new JsonString(task.CreateMethod));
            data.Set("template_id", new JsonString(""));
            data.Set("start_time", facts.StartTime);
            data.Set("finish_time", facts.FinishTime);
            data.Set("executor", new JsonString(task.Executor));
            data.Set("elapsed_time", status?["elapsed_time"] ?? JsonNode.From(0));
            var tree = task.PipelineTree;
            data.Set("pipeline_tree", tree);
            data.Set("task_url", new JsonString(server.TaskUrl(task.Id)));
            data.Set("constants", tree["constants"] ?? new JsonObject());
            data.Set("outputs", RunOf(task).Outputs());
            data.Set("ex_data", new JsonString(""));
            return Json(ApiJson.Ok(data));
        }

        private Answer GetTaskNodeDetail(SandboxRequest request)
        {
            var task = Find(request);
            if (task == null) return Json(ApiJson.Fail(NotInProject("get_task_node_detail", request), ApiJson.ContentNotExist));
            var q = request.Query;
            int? loop = int.TryParse(q["loop"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int l) ? l : (int?)null;
            return Json(RunOf(task).GetNodeDetail(q["node_id"], q["component_code"], loop, q["subprocess_stack"]).Body);
        }

        private Answer OperateNode(SandboxRequest request)
        {
            if (!(request.BodyJson is JsonObject body)) return Json(ApiJson.Fail("request body is not a valid json", ApiJson.ParamInvalid));
            if (body["data"] is JsonNode data && !(data is JsonObject)) return Json(ApiJson.Fail("data field is not a valid object", ApiJson.ParamInvalid));
            if (body["inputs"] is JsonNode inputs && !(inputs is JsonObject)) return Json(ApiJson.Fail("inputs field is not a valid object", ApiJson.ParamInvalid));
            var task = Find(request);
            if (task == null)
                return Json(ApiJson.Fail($"task[id={request.Ids["task_id"]}] of project[id={SandboxDefaults.ProjectId}] does not exist", ApiJson.ContentNotExist));
            return Json(RunOf(task).OperateNode(PyStr(body["action"]), PyStr(body["node_id"]), body, request.UserName).Body);
        }

        private Answer NodeCallback(SandboxRequest request)
        {
            if (!(request.BodyJson is JsonObject body)) return Json(ApiJson.Fail("invalid json format", ApiJson.ParamInvalid));
            var task = Find(request);
            if (task == null)
                return Json(ApiJson.Fail($"[API] node_callback task[id={request.Ids["task_id"]}] of project[project_id={SandboxDefaults.ProjectId}, biz_id{SandboxDefaults.BkBizId}] does not exist", ApiJson.ContentNotExist));
            string? version = body["version"] is JsonString v ? v.Value : null;
            return Json(RunOf(task).Callback(PyStr(body["node_id"]), body["callback_data"] ?? new JsonNull(), version).Body);
        }

        /// <summary>Brings back the runs of tasks loaded from a data folder (running tasks run on).</summary>
        public void RestoreAll()
        {
            foreach (var task in server.Tasks.NewestFirst())
                if (task.ExecutionSnapshot != null) RunOf(task);
        }

        /// <summary>Ends every run of this sandbox and writes the files of runs changed since their last write.</summary>
        public void StopAll()
        {
            scheduler.Stop();
            // A delayed write that began before the stop finishes first: a restart right after must find its file.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref savesInFlight) > 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(1);
            foreach (var task in server.Tasks.NewestFirst())
                if (task.Run != null && Interlocked.Exchange(ref task.SaveQueued, 0) == 1) Save(task);
        }

        // A common_func task waits for a claim (current_flow func_claim), which the sandbox has no API for: it never starts.
        private static bool AwaitsClaim(SandboxTask task, TaskRun run) => task.CurrentFlow != "execute_task" && !run.IsStarted;

        private TaskRun RunOf(SandboxTask task)
        {
            var run = task.Run;
            if (run != null) return run;
            lock (task.FileLock)
            {
                if (task.Run != null) return task.Run;
                run = null;
                if (task.ExecutionSnapshot is JsonObject snapshot)
                {
                    try
                    {
                        run = TaskRun.Restore(snapshot, options);
                    }
                    catch (Exception e)
                    {
                        lock (RestoreProblems) RestoreProblems.Add($"task {task.Id}: {e.Message}");
                    }
                }
                run = run ?? new TaskRun(task.Id, task.Name, task.PipelineTree, options);
                run.Changed += (sender, e) => QueueSave(task);
                task.Run = run;
                return run;
            }
        }

        private void NoteExecutor(SandboxTask task, string user)
        {
            if (!string.IsNullOrEmpty(task.Executor)) return;
            task.Executor = user ?? "";
            QueueSave(task);
        }

        /// <summary>Writes the task's file a little later, once for a burst of changes.</summary>
        private void QueueSave(SandboxTask task)
        {
            if (!server.Tasks.IsPersistent || scheduler.IsStopped) return;
            if (Interlocked.Exchange(ref task.SaveQueued, 1) == 1) return;
            Task.Delay(SaveDelay).ContinueWith(_ =>
            {
                // Once the sandbox stops, StopAll writes what is still queued (after waiting for writes under way);
                // counting before the check means no write is lost or left half done between them.
                Interlocked.Increment(ref savesInFlight);
                try
                {
                    if (scheduler.IsStopped) return;
                    if (Interlocked.Exchange(ref task.SaveQueued, 0) == 1) Save(task);
                }
                finally
                {
                    Interlocked.Decrement(ref savesInFlight);
                }
            }, TaskScheduler.Default);
        }

        private void Save(SandboxTask task)
        {
            try
            {
                if (task.Run != null) task.ExecutionSnapshot = task.Run.Snapshot();
            }
            catch (NotImplementedException)
            {
                // An engine without snapshots: the task comes back CREATED after a restart.
            }
            try { server.Tasks.Save(task); }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException) { server.LastError = e; }
        }

        /// <summary>The task the path names, when it is one of the sandbox project's; else null.</summary>
        private SandboxTask? Find(SandboxRequest request)
        {
            return long.TryParse(request.Ids["task_id"], NumberStyles.None, CultureInfo.InvariantCulture, out long id) &&
                   server.Tasks.TryGet(id, out var task) && task.ProjectId == SandboxDefaults.ProjectId ? task : null;
        }

        private static string NotInProject(string view, SandboxRequest request) =>
            $"[API] {view} task[id={request.Ids["task_id"]}] of project[project_id={SandboxDefaults.ProjectId}, biz_id{SandboxDefaults.BkBizId}] does not exist";

        private static Answer Json(JsonObject body) => Answer.FromJson(body);

        // Any non-empty query value turns a flag on (bk-sops tests the string's truth).
        private static bool Flag(string value) => !string.IsNullOrEmpty(value);

        // Python's str() of a JSON value as bk-sops formats it into texts; an absent key is params.get's None.
        private static string PyStr(JsonNode? value)
        {
            switch (value)
            {
                case null: return "None";
                case JsonString s: return s.Value;
                case JsonNull _: return "None";
                case JsonBoolean b: return b.Value ? "True" : "False";
                default: return JsonWriter.Write(value, indented: false);
            }
        }
    }
}
