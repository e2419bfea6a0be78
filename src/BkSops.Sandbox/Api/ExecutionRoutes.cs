using System;
using BkSops.Json;
using BkSops.Sandbox.Http;
using BkSops.Sandbox.Store;

namespace BkSops.Sandbox.Api
{
    /// <summary>What get_task_list shows of a task's run.</summary>
    public struct TaskFacts
    {
        public bool IsStarted;
        public bool IsFinished;
        public string Executor;
        public DateTimeOffset? StartTime;
        public DateTimeOffset? FinishTime;
    }

    /// <summary>
    /// The routes that run and steer tasks (spec 2.15): start_task, operate_task, get_task_status, get_task_detail,
    /// get_task_node_detail, get_tasks_status, operate_node, node_callback. They hand the task to the execution engine.
    /// </summary>
    internal sealed class ExecutionRoutes
    {
        private readonly SandboxServer server;

        public ExecutionRoutes(SandboxServer server) { this.server = server; }

        public TaskFacts Facts(SandboxTask task) => default(TaskFacts);

        public Answer Handle(SandboxRequest request) =>
            ApiJson.Answer(ApiJson.Fail($"{request.Route.Name}: task execution is not part of this build of the sandbox", ApiJson.UnknownError));

        /// <summary>Brings back the runs of tasks loaded from a data folder.</summary>
        public void RestoreAll() { }

        public void StopAll() { }
    }
}
