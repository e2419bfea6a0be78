using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    /// <summary>The engine's state row of a node (or of a pipeline: the root, or a SubProcess node) plus its execution data.</summary>
    internal sealed class NodeState
    {
        public NodeState(string nodeId, string parentId, string state, string version)
        {
            NodeId = nodeId;
            ParentId = parentId;
            State = state;
            Version = version;
        }

        public string NodeId;
        public string ParentId;
        public string State;
        public string Version;
        public int Loop = 1;
        public int InnerLoop = 1;
        public int Retry;
        public bool Skip;
        public bool ErrorIgnored;
        public DateTimeOffset Created;
        public DateTimeOffset? Started;
        public DateTimeOffset? Archived;

        /// <summary>Order of creation (the order get_task_status lists children in).</summary>
        public long Sequence;

        public JsonObject? Inputs;
        public JsonObject? Outputs;

        /// <summary>Inputs a retry gave, replacing the tree's (null: render the tree's).</summary>
        public JsonObject? RetryInputs;

        public readonly List<HistoryRow> Histories = new List<HistoryRow>();

        /// <summary>The schedule the node waits on: none, a poll (sleep_timer) or a callback (pause_node).</summary>
        public ScheduleKind Schedule;

        /// <summary>Versions that had a schedule row (current or expired).</summary>
        public readonly List<string> ScheduleVersions = new List<string>();

        /// <summary>When a poll schedule ends (persisted so a restart can tell it was waiting).</summary>
        public DateTimeOffset? ScheduleDue;

        /// <summary>The live timer of a poll schedule or of a pending automatic retry (not persisted).</summary>
        public IDisposable? Timer;

        /// <summary>Automatic retries made so far, and when the next one is due (null: none pending).</summary>
        public int AutoRetryTimes;
        public DateTimeOffset? AutoRetryDue;

        /// <summary>The live timer of the node's timeout_config (not persisted: a restart starts the node's run again).</summary>
        public IDisposable? TimeoutTimer;
    }

    internal enum ScheduleKind { None, Poll, Callback }

    /// <summary>A history row: an attempt before a retry, skip or loop.</summary>
    internal sealed class HistoryRow
    {
        public long Id;
        public int Loop;
        public bool Skip;
        public string Version = "";
        public JsonObject? Inputs;
        public JsonObject? Outputs;
        public DateTimeOffset? Started;
        public DateTimeOffset? Archived;
    }

    /// <summary>
    /// A bamboo process: a token walking the graph. Parallel gateways fork child processes that stop at the gateway's
    /// converge; the parent waits there until every child has arrived.
    /// </summary>
    internal sealed class ProcessToken
    {
        public int Id;
        public int ParentId = -1;

        /// <summary>Pipeline ids from the root to the innermost sub-process the process is in.</summary>
        public List<string> Stack = new List<string>();
        public string? CurrentNode;
        public ProcessStatus Status;

        /// <summary>For a forked child: the converge gateway where it stops.</summary>
        public string? Destination;
        public int PendingChildren;

        /// <summary>The pipeline or node whose suspension parked the process.</summary>
        public string? ParkedBy;

        /// <summary>True while a work item to run it is queued (so it is queued at most once).</summary>
        public bool Queued;
    }

    internal enum ProcessStatus
    {
        /// <summary>Will execute <see cref="ProcessToken.CurrentNode"/> when its work item runs.</summary>
        Ready,
        /// <summary>Stopped before a node because its pipeline (or the node, by appointment) is suspended.</summary>
        Parked,
        /// <summary>Asleep at a FAILED node (retry and skip wake it).</summary>
        Sleeping,
        /// <summary>Waiting on its node's schedule (a timer or a callback).</summary>
        Scheduled,
        /// <summary>Waiting at a converge gateway for its children.</summary>
        Joining,
        /// <summary>Finished (reached its converge or the end), or died at a revoked pipeline.</summary>
        Done,
    }
}
