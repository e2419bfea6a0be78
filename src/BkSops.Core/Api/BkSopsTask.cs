using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Model;

namespace BkSops.Api
{
    /// <summary>A bk-sops task: what was created and, after Get- or Wait-BkSopsTask, its state and nodes.</summary>
    public sealed class BkSopsTask
    {
        public long TaskId { get; set; }
        /// <summary>The id in the request path, read by the server according to <see cref="Scope"/>.</summary>
        public long ProjectId { get; set; }
        public string? Scope { get; set; }
        public string? Name { get; set; }
        public string? TaskUrl { get; set; }
        /// <summary>CREATED, RUNNING, SUSPENDED, NODE_SUSPENDED, FAILED, FINISHED, REVOKED or EXPIRED (null before it was read).</summary>
        public string? State { get; set; }
        private Lazy<(PipelineTree? Tree, IReadOnlyDictionary<string, string>? Map)>? returned;
        private PipelineTree? pipelineTree;
        private IReadOnlyDictionary<string, string>? idMap;

        /// <summary>The tree as the server stored it (returned by fast_create_task; read when first used).</summary>
        public PipelineTree? PipelineTree
        {
            get { Load(); return pipelineTree; }
            set { Load(); pipelineTree = value; }
        }

        /// <summary>Sent id to server id, for every node and flow (spec 1.6), keyed by the ids the user gave.</summary>
        public IReadOnlyDictionary<string, string>? IdMap
        {
            get { Load(); return idMap; }
            set { Load(); idMap = value; }
        }

        /// <summary>Reads the returned tree and its IdMap only when first asked for (bulk submissions rarely look).</summary>
        internal void SetReturnedTree(Func<(PipelineTree?, IReadOnlyDictionary<string, string>?)> load) =>
            returned = new Lazy<(PipelineTree?, IReadOnlyDictionary<string, string>?)>(load, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        private void Load()
        {
            var pending = returned;
            if (pending == null) return;
            var (tree, map) = pending.Value;
            lock (pending)
            {
                if (returned == null) return;
                pipelineTree = tree;
                idMap = map;
                returned = null;
            }
        }
        /// <summary>Node states from get_task_status (empty before the task starts).</summary>
        public IReadOnlyList<BkSopsTaskNode> Nodes { get; set; } = Array.Empty<BkSopsTaskNode>();
        public string? StartTime { get; set; }
        public string? FinishTime { get; set; }
        public long? ElapsedTime { get; set; }
        /// <summary>When this client asked bk-sops to start the task (start is asynchronous on the server).</summary>
        public DateTimeOffset? StartRequestedAt { get; set; }
        public BkSopsConnection? Connection { get; set; }

        public bool IsFinal => TaskStates.IsFinal(State);
        public int FinishedNodeCount => Nodes.Count(n => n.State == TaskStates.Finished);
        public IEnumerable<BkSopsTaskNode> FailedNodes => Nodes.Where(n => n.State == TaskStates.Failed && !n.HasChildren);
        public IEnumerable<BkSopsTaskNode> RunningNodes => Nodes.Where(n => n.State == TaskStates.Running && !n.HasChildren);

        /// <summary>A copy that shares the tree and the map, for a new state.</summary>
        public BkSopsTask Copy() => (BkSopsTask)MemberwiseClone();

        public override string ToString() => $"Task {TaskId} '{Name}'" + (State != null ? $" {State}" : "");
    }

    /// <summary>One node's state in a task (sub-process children follow their parent, with <see cref="Depth"/> one more).</summary>
    public sealed class BkSopsTaskNode
    {
        public string? NodeId { get; set; }
        /// <summary>The id the user sent for this node, when the task's IdMap knows it.</summary>
        public string? SentId { get; set; }
        public string? ParentId { get; set; }
        public int Depth { get; set; }
        public string? Name { get; set; }
        /// <summary>The node's type in the task's tree (ServiceActivity, ExclusiveGateway, EmptyStartEvent...), when the tree is known.</summary>
        public string? Type { get; set; }
        public string? State { get; set; }
        public long Loop { get; set; }
        public long Retry { get; set; }
        public bool Skip { get; set; }
        public bool ErrorIgnored { get; set; }
        public string? StartTime { get; set; }
        public string? FinishTime { get; set; }
        public long? ElapsedTime { get; set; }
        /// <summary>The failure message (ex_data) of a failed node.</summary>
        public string? ErrorMessage { get; set; }
        public bool HasChildren { get; set; }
        /// <summary>With Get-BkSopsTask -Detailed: the node's rendered inputs.</summary>
        public object? Inputs { get; set; }
        /// <summary>With Get-BkSopsTask -Detailed: the node's outputs.</summary>
        public object? Outputs { get; set; }

        public override string ToString() => $"{Name ?? NodeId} {State}";
    }

    /// <summary>Task and node states (spec 2.15.1; READY is a node about to run) and which of them end a wait (contracts.md section 8).</summary>
    public static class TaskStates
    {
        public const string Created = "CREATED";
        public const string Ready = "READY";
        public const string Running = "RUNNING";
        public const string Suspended = "SUSPENDED";
        public const string NodeSuspended = "NODE_SUSPENDED";
        public const string Failed = "FAILED";
        public const string Finished = "FINISHED";
        public const string Revoked = "REVOKED";
        public const string Expired = "EXPIRED";

        public static bool IsFinal(string? state) =>
            state == Finished || state == Failed || state == Revoked || state == Expired;
    }
}
