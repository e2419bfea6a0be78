using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using BkSops.Api;
using BkSops.Commands.Formatting;

namespace BkSops.Commands.Api
{
    /// <summary>
    /// Polls get_task_status for many tasks until each ends (contracts.md section 8), with one progress bar. Tasks
    /// are written as they end: FINISHED plainly; FAILED, REVOKED and EXPIRED with an error record as well.
    /// </summary>
    internal sealed class TaskWaiter
    {
        internal static readonly TimeSpan CreatedWarningAfter = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);
        private const int ProgressId = 4711;
        private readonly ApiCommandBase cmdlet;
        private readonly CmdletApiLog log;
        private readonly System.Threading.CancellationToken cancel;

        public TaskWaiter(ApiCommandBase cmdlet, CmdletApiLog log, System.Threading.CancellationToken cancel)
        {
            this.cmdlet = cmdlet;
            this.log = log;
            this.cancel = cancel;
        }

        private sealed class Waiting
        {
            public BkSopsTask Task;
            public BkSopsConnection Connection;

            public Waiting(BkSopsTask task, BkSopsConnection connection)
            {
                Task = task;
                Connection = connection;
            }

            public DateTimeOffset CreatedSince;
            public bool Warned;
            public string? LastState;
        }

        public void Wait(IReadOnlyList<(BkSopsTask Task, BkSopsConnection Connection)> tasks, int? timeoutSec, double? pollSec)
        {
            if (tasks.Count == 0) return;
            var started = DateTimeOffset.Now;
            var pending = tasks.Select(t => new Waiting(t.Task, t.Connection) { CreatedSince = t.Task.StartRequestedAt ?? started }).ToList();
            var interval = TimeSpan.FromSeconds(pollSec ?? 0.5);
            int total = pending.Count, ended = 0;
            var progress = new ProgressRecord(ProgressId, "Waiting for bk-sops tasks", "Reading task states");
            try
            {
                while (pending.Count > 0)
                {
                    var polls = pending.Select(w => w.Connection.Client.GetTaskStatusAsync(w.Task, log, cancel)).ToArray();
                    log.Await(Task.WhenAll(polls.Select(p => (Task)p)).ContinueWith(_ => 0, TaskScheduler.Default));
                    for (int i = pending.Count - 1; i >= 0; i--)
                    {
                        var w = pending[i];
                        var poll = polls[i];
                        if (poll.IsFaulted || poll.IsCanceled)
                        {
                            if (cancel.IsCancellationRequested) return;
                            cmdlet.WriteError(ApiCommandBase.ToErrorRecord(poll.Exception?.GetBaseException() ?? new OperationCanceledException(), w.Task));
                            pending.RemoveAt(i); ended++;
                            continue;
                        }
                        w.Task = poll.Result;
                        Report(w);
                        if (w.Task.IsFinal)
                        {
                            End(w);
                            pending.RemoveAt(i); ended++;
                        }
                    }
                    if (pending.Count == 0) break;
                    ShowProgress(progress, pending, total, ended);
                    if (timeoutSec.HasValue && DateTimeOffset.Now - started >= TimeSpan.FromSeconds(timeoutSec.Value))
                    {
                        foreach (var w in pending) TimedOut(w, timeoutSec.Value);
                        return;
                    }
                    var sleep = interval;
                    if (timeoutSec.HasValue)
                    {
                        var left = started + TimeSpan.FromSeconds(timeoutSec.Value) - DateTimeOffset.Now;
                        if (left < sleep) sleep = left < TimeSpan.Zero ? TimeSpan.Zero : left;
                    }
                    log.WaitAny(new[] { Task.Delay(sleep, cancel) }, sleep + TimeSpan.FromSeconds(1));
                    if (cancel.IsCancellationRequested) return;
                    if (!pollSec.HasValue && interval < MaxInterval)
                        interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, MaxInterval.TotalMilliseconds));
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                progress.StatusDescription = "Done";
                cmdlet.WriteProgress(progress);
            }
        }

        private void Report(Waiting w)
        {
            string? state = w.Task.State;
            if (state != w.LastState)
            {
                cmdlet.WriteVerbose($"Task {w.Task.TaskId} is {state}" +
                    (state == TaskStates.Suspended || state == TaskStates.NodeSuspended ? ": still waiting (resume it with Resume-BkSopsTask)." : "."));
                w.LastState = state;
            }
            if (state == TaskStates.Created && !w.Warned && DateTimeOffset.Now - w.CreatedSince > CreatedWarningAfter)
            {
                cmdlet.WriteWarning($"Task {w.Task.TaskId} is still CREATED {CreatedWarningAfter.TotalSeconds:0} s after it was started: the server may have refused it at start " +
                    "(its start-time checks leave no message; run Test-BkSopsPipeline -Detailed on the tree), or it was never started (Start-BkSopsTask). Still waiting.");
                w.Warned = true;
            }
        }

        private void End(Waiting w)
        {
            var task = w.Task;
            if (task.State == TaskStates.Failed)
            {
                var failed = task.FailedNodes.ToList();
                foreach (var node in failed.Where(n => n.ErrorMessage == null))
                {
                    try { log.Await(w.Connection.Client.GetNodeDetailAsync(task, node, log, cancel)); }
                    catch (BkSopsApiException e) { cmdlet.WriteVerbose($"No detail for node {node.NodeId}: {e.Message}"); }
                }
                string nodes = failed.Count == 0 ? "no failed node was reported"
                    : string.Join("; ", failed.Select(n => $"node '{n.Name}' ({n.NodeId}{(n.SentId != null ? ", sent as " + n.SentId : "")}): {n.ErrorMessage ?? "no message"}"));
                WriteStateError(task, $"Task {task.TaskId} '{task.Name}' FAILED: {nodes}. Retry or skip the node in bk-sops, then wait again.", ErrorCategory.InvalidResult);
            }
            else if (task.State == TaskStates.Revoked)
                WriteStateError(task, $"Task {task.TaskId} '{task.Name}' was REVOKED.", ErrorCategory.OperationStopped);
            else if (task.State == TaskStates.Expired)
                WriteStateError(task, $"Task {task.TaskId} '{task.Name}' EXPIRED: the server no longer keeps its state.", ErrorCategory.ObjectNotFound);
            ((Cmdlet)cmdlet).WriteViewed(Typed(task));
        }

        private void WriteStateError(BkSopsTask task, string message, ErrorCategory category)
        {
            var e = new InvalidOperationException(message);
            e.Data["TaskId"] = task.TaskId;
            e.Data["State"] = task.State;
            cmdlet.WriteError(new ErrorRecord(e, "BkSops.Task." + task.State, category, task));
        }

        private void TimedOut(Waiting w, int timeoutSec)
        {
            var e = new TimeoutException($"Task {w.Task.TaskId} '{w.Task.Name}' is still {w.Task.State} after {timeoutSec} s (-Timeout); it goes on in bk-sops.");
            e.Data["TaskId"] = w.Task.TaskId;
            e.Data["State"] = w.Task.State;
            cmdlet.WriteError(new ErrorRecord(e, "BkSops.Task.WaitTimeout", ErrorCategory.OperationTimeout, Typed(w.Task)));
        }

        private void ShowProgress(ProgressRecord progress, List<Waiting> pending, int total, int ended)
        {
            int nodesDone = 0, nodesTotal = 0;
            var running = new List<string>();
            foreach (var w in pending)
            {
                int known = w.Task.PipelineTree?.ActivityCount ?? w.Task.Nodes.Count(n => n.Name != null && n.Name.Length > 0);
                var activities = w.Task.Nodes.Where(n => !string.IsNullOrEmpty(n.Name) && !n.HasChildren).ToList();
                nodesTotal += Math.Max(known, activities.Count);
                nodesDone += activities.Count(n => n.State == TaskStates.Finished);
                running.AddRange(w.Task.RunningNodes.Select(n => n.Name ?? "").Where(n => n.Length > 0));
            }
            progress.StatusDescription = $"{ended} of {total} tasks ended; nodes finished {nodesDone}/{nodesTotal}" +
                (running.Count > 0 ? "; running: " + string.Join(", ", running.Take(5)) + (running.Count > 5 ? ", …" : "") : "");
            progress.PercentComplete = nodesTotal == 0 ? (total == 0 ? 0 : 100 * ended / total) : Math.Min(100, 100 * nodesDone / nodesTotal);
            cmdlet.WriteProgress(progress);
        }

        private static PSObject Typed(BkSopsTask task)
        {
            var pso = PSObject.AsPSObject(task);
            if (pso.TypeNames[0] != TaskCommandBase.TaskTypeName) pso.TypeNames.Insert(0, TaskCommandBase.TaskTypeName);
            return pso;
        }
    }
}
