using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// A created bk-sops task and its execution, as the bk-sops v2 engine (bamboo-engine) runs it: states, operations and
    /// answers of spec section 2.15. Thread-safe: every operation and every execution step takes the task's lock, and
    /// execution runs in the background on <see cref="ExecutionOptions.Scheduler"/> (work items and timers; no thread
    /// waits for a node).
    /// </summary>
    public sealed partial class TaskRun
    {
        private readonly object gate = new object();
        private readonly ExecutionOptions options;
        private readonly IExecutionScheduler scheduler;
        private readonly JsonObject tree;

        private bool started;
        private bool startQueued;
        private string currentFlow = "execute_task";
        private string? startError;

        private List<PipelineScope> scopes = new List<PipelineScope>();
        private readonly Dictionary<string, GraphNode> nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        private readonly Dictionary<string, NodeState> states = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        private readonly SortedDictionary<int, ProcessToken> processes = new SortedDictionary<int, ProcessToken>();
        private long nextSequence;
        private long nextHistoryId = 1;
        private int nextProcessId = 1;
        private bool changed;

        /// <summary>
        /// A task that has not started (CREATED). <paramref name="pipelineTree"/> is the tree as fast_create_task stored it
        /// (ids replaced, top-level <c>id</c> = the pipeline id); the run keeps it and does not change it.
        /// </summary>
        public TaskRun(long taskId, string name, JsonObject pipelineTree, ExecutionOptions options)
        {
            TaskId = taskId;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            tree = pipelineTree ?? throw new ArgumentNullException(nameof(pipelineTree));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            scheduler = options.Scheduler ?? ThreadPoolScheduler.Instance;
            PipelineId = (tree["id"] as JsonString)?.Value is string id && id.Length > 0 ? id : NewNodeId();
        }

        public long TaskId { get; }
        public string Name { get; }

        /// <summary>The pipeline (root) id: the tree's top-level <c>id</c>.</summary>
        public string PipelineId { get; }

        /// <summary>The tree the task was created with.</summary>
        public JsonObject Tree => tree;

        /// <summary>Raised (outside the lock, on whichever thread made the change) after anything a snapshot holds changed.</summary>
        public event EventHandler? Changed;

        /// <summary>True once the start has happened (bk-sops' <c>is_started</c>); false again after a start-time failure.</summary>
        public bool IsStarted { get { lock (gate) return started; } }

        /// <summary>Why the last start failed its start-time checks (spec 2.12; the server only logs it); null otherwise.</summary>
        public string? StartError { get { lock (gate) return startError; } }

        /// <summary>The task's state as get_task_status reports it (CREATED, RUNNING, FAILED, SUSPENDED, NODE_SUSPENDED, FINISHED, REVOKED).</summary>
        public string State
        {
            get
            {
                lock (gate) return started ? Text(BuildStatusTree(Now), "state") : TaskStates.Created;
            }
        }

        /// <summary>True when the task can change no more by itself: FINISHED or REVOKED (bk-sops' current_flow "finished").</summary>
        public bool IsArchived { get { lock (gate) return currentFlow == "finished"; } }

        // ---- task operations (spec 2.15.2) ----

        /// <summary>start_task: answers at once; the start happens in the background (the task is still CREATED right after).</summary>
        public ExecutionAnswer StartTask(string taskUrl) => Start(taskUrl, operateTaskForm: false);

        /// <summary>operate_task with action start.</summary>
        public ExecutionAnswer Start() => Start(null, operateTaskForm: true);

        private ExecutionAnswer Start(string? taskUrl, bool operateTaskForm)
        {
            lock (gate)
            {
                if (started) return ExecutionAnswer.Failure("task already started", ExecutionAnswer.InvalidOperation);
                if (!startQueued)
                {
                    startQueued = true;
                    scheduler.Post(RunStart);
                }
            }
            return operateTaskForm ? ExecutionAnswer.Ok() : ExecutionAnswer.Started(taskUrl ?? "");
        }

        /// <summary>operate_task: start, pause, resume or revoke (any other action: bk-sops' answer for an invalid command).</summary>
        public ExecutionAnswer OperateTask(string action)
        {
            if (action == "start") return Start();
            ExecutionAnswer answer;
            lock (gate)
            {
                if (currentFlow != "execute_task")
                    return ExecutionAnswer.Failure("task with current_flow:" + currentFlow + " cannot be " + action + "ed", ExecutionAnswer.InvalidOperation);
                if (action != "pause" && action != "resume" && action != "revoke")
                    return ExecutionAnswer.Failure("task command is invalid", ExecutionAnswer.InvalidOperation);
                if (!started) return ExecutionAnswer.Failure("task not started", ExecutionAnswer.InvalidOperation);
                var root = states[PipelineId];
                switch (action)
                {
                    case "pause":
                        if (root.State != TaskStates.Running) return ExecutionAnswer.Engine(EngineErrors.Transit(PipelineId, root.State, TaskStates.Suspended));
                        root.State = TaskStates.Suspended;
                        answer = ExecutionAnswer.Ok();
                        break;
                    case "resume":
                        if (root.State != TaskStates.Suspended) return ExecutionAnswer.Engine(EngineErrors.PipelineState(PipelineId, root.State));
                        root.State = TaskStates.Running;
                        WakeParked(PipelineId);
                        answer = ExecutionAnswer.Ok();
                        break;
                    default:
                        root.State = TaskStates.Revoked;
                        currentFlow = "finished";
                        answer = ExecutionAnswer.Ok();
                        break;
                }
                changed = true;
            }
            RaiseChanged();
            return answer;
        }

        public ExecutionAnswer Pause() => OperateTask("pause");
        public ExecutionAnswer Resume() => OperateTask("resume");
        public ExecutionAnswer Revoke() => OperateTask("revoke");

        // ---- helpers shared by the parts ----

        private DateTimeOffset Now => scheduler.Now;

        private static string NewVersion() => "v" + Guid.NewGuid().ToString("N");

        /// <summary>A node id in the server's format: "n" + 31 hex, the 13th character "3" (uuid3).</summary>
        internal static string NewNodeId()
        {
            var chars = Guid.NewGuid().ToString("N").ToCharArray();
            chars[0] = 'n';
            chars[12] = '3';
            return new string(chars);
        }

        private void RaiseChanged()
        {
            bool raise;
            lock (gate)
            {
                raise = changed;
                changed = false;
            }
            if (!raise) return;
            try { Changed?.Invoke(this, EventArgs.Empty); }
            catch (Exception)
            {
                // A failing listener (persistence) must not stop execution or kill a thread-pool thread.
            }
        }

        private NodeState NewState(string nodeId, string parentId, string state)
        {
            var now = Now;
            var s = new NodeState(nodeId, parentId, state, NewVersion())
            {
                Created = now,
                Sequence = nextSequence++,
            };
            states[nodeId] = s;
            return s;
        }

        private ProcessToken? FindProcessAt(string nodeId, params ProcessStatus[] statuses)
        {
            foreach (var p in processes.Values)
            {
                if (p.CurrentNode != nodeId) continue;
                if (Array.IndexOf(statuses, p.Status) >= 0) return p;
            }
            return null;
        }
    }
}
