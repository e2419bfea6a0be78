using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    // operate_node and node_callback (spec 2.15.2/2.15.3): retry, skip, skip_exg, callback, node pause/resume, sub-process
    // pause/resume, forced_fail. No task-state check: node actions are accepted on paused and revoked tasks too.
    public sealed partial class TaskRun
    {
        private static readonly HashSet<string> NodeCommands = new HashSet<string>(StringComparer.Ordinal)
        {
            "retry", "skip", "callback", "skip_exg", "skip_cpg", "pause", "resume", "pause_subproc", "resume_subproc", "forced_fail", "retry_subprocess",
        };

        /// <summary>
        /// operate_node. <paramref name="body"/> is the request's JSON object (<c>data</c>, <c>inputs</c>, <c>flow_id</c> are
        /// read from it; null counts as empty); <paramref name="operatorName"/> is the user (forced_fail names it).
        /// Every answer's code is 0 or 3599999, as the view overwrites it, except the body checks (3540000).
        /// </summary>
        public ExecutionAnswer OperateNode(string? action, string nodeId, JsonObject? body = null, string? operatorName = "admin")
        {
            var data = body?["data"] ?? new JsonObject();
            if (!(data is JsonObject dataObject)) return ExecutionAnswer.Failure("data field is not a valid object", ExecutionAnswer.RequestParamInvalid);
            var inputs = body?["inputs"] ?? new JsonObject();
            if (!(inputs is JsonObject inputsObject)) return ExecutionAnswer.Failure("inputs field is not a valid object", ExecutionAnswer.RequestParamInvalid);
            string flowId = body?["flow_id"] is JsonString f ? f.Value : body?["flow_id"] is JsonNode other && !(other is JsonNull) ? JsonWriter.Write(other, false) : "";

            ExecutionAnswer answer;
            lock (gate)
            {
                answer = OperateNodeLocked(action, nodeId, dataObject, inputsObject, flowId, operatorName ?? "admin");
                if (answer.Result) changed = true;
            }
            RaiseChanged();
            return answer.WithCode(answer.Result ? ExecutionAnswer.Success : ExecutionAnswer.UnknownError);
        }

        private ExecutionAnswer OperateNodeLocked(string? action, string nodeId, JsonObject data, JsonObject inputs, string flowId, string operatorName)
        {
            if (!HasNode(nodeId)) return ExecutionAnswer.Failure(EngineErrors.NodeNotInTask(TaskId, nodeId), ExecutionAnswer.RequestParamInvalid);
            if (action == null || !NodeCommands.Contains(action)) return ExecutionAnswer.Failure("task command is invalid", ExecutionAnswer.InvalidOperation);
            if (action == "skip_cpg")
                // The view passes no flow_ids, so bk-sops' dispatcher raises KeyError: 'flow_ids'.
                return ExecutionAnswer.Failure(EngineErrors.NodeActionFailed(TaskId, nodeId, "'flow_ids'"), ExecutionAnswer.UnknownError);
            if (action == "callback")
            {
                if (!states.TryGetValue(nodeId, out var current))
                    return ExecutionAnswer.Failure(EngineErrors.NodeActionFailed(TaskId, nodeId, EngineErrors.StateDoesNotExist), ExecutionAnswer.UnknownError);
                return EngineCallback(nodeId, current.Version, data);
            }
            // Before the start no node rows exist: bamboo's get_node finds nothing.
            if (!started || !nodes.TryGetValue(nodeId, out var node)) return ExecutionAnswer.Engine(EngineErrors.NodeMissing);
            switch (action)
            {
                case "retry": return Retry(node, inputs);
                case "skip": return Skip(node);
                case "skip_exg": return SkipExclusiveGateway(node, flowId);
                case "pause": return PauseNode(node);
                case "resume": return ResumeNode(node);
                case "pause_subproc": return PausePipeline(node);
                case "resume_subproc": return ResumePipeline(node);
                case "forced_fail": return ForcedFail(node, "The node has been terminated by " + operatorName + ".");
                default: return RetrySubProcess(node);
            }
        }

        /// <summary>
        /// node_callback: <paramref name="version"/> null or empty uses the node's current version (a node without a state
        /// row then gives the middleware's DNE answer).
        /// </summary>
        public ExecutionAnswer Callback(string nodeId, JsonNode? data, string? version = null)
        {
            ExecutionAnswer answer;
            lock (gate)
            {
                if (!HasNode(nodeId)) return ExecutionAnswer.Failure("task[" + TaskId + "] does not have node[" + nodeId + "]", ExecutionAnswer.RequestParamInvalid);
                if (version == null || version.Length == 0)
                {
                    if (!states.TryGetValue(nodeId, out var current)) return ExecutionAnswer.DoesNotExist(EngineErrors.StateDoesNotExist);
                    version = current.Version;
                }
                answer = EngineCallback(nodeId, version, data);
                if (answer.Result) changed = true;
            }
            RaiseChanged();
            return answer;
        }

        /// <summary>True when the node is in the task's tree (after the start: in the sub-process trees it runs too).</summary>
        public bool HasNode(string? nodeId)
        {
            if (nodeId == null || nodeId.Length == 0) return false;
            lock (gate)
            {
                if (nodes.ContainsKey(nodeId)) return true;
                if (IdOf(tree["start_event"]) == nodeId || IdOf(tree["end_event"]) == nodeId) return true;
                return (tree["activities"] as JsonObject)?.ContainsKey(nodeId) == true || (tree["gateways"] as JsonObject)?.ContainsKey(nodeId) == true;
            }
        }

        private static string? IdOf(JsonNode? entry) => (entry as JsonObject)?["id"] is JsonString s ? s.Value : null;

        /// <summary>The engine's callback checks, in order (engine.py callback).</summary>
        private ExecutionAnswer EngineCallback(string nodeId, string version, JsonNode? data)
        {
            var p = FindProcessAt(nodeId, ProcessStatus.Scheduled, ProcessStatus.Sleeping);
            if (p == null || !states.TryGetValue(nodeId, out var st)) return ExecutionAnswer.Engine(EngineErrors.NoSleepProcess(nodeId));
            if (!st.ScheduleVersions.Contains(version)) return ExecutionAnswer.Engine(EngineErrors.ScheduleMissing);
            if (version != st.Version) return ExecutionAnswer.Engine(EngineErrors.VersionMissing(version));
            if (st.Schedule == ScheduleKind.None || st.State != TaskStates.Running) return ExecutionAnswer.Engine(EngineErrors.ScheduleFinished);
            if (st.Schedule == ScheduleKind.Callback)
            {
                var outputs = OutputsFrom(null, st);
                if (data != null && !(data is JsonNull)) outputs.Set("callback_data", data);
                Succeed(p, nodes[nodeId], st, outputs);
            }
            // A poll schedule (sleep_timer) takes the callback and decides by itself: it keeps sleeping.
            return ExecutionAnswer.Ok();
        }

        /// <summary>
        /// On a FAILED node with a process asleep at it, runs <paramref name="operate"/> on both and answers OK;
        /// otherwise the engine's rejection.
        /// </summary>
        private ExecutionAnswer WhenFailed(GraphNode node, Action<NodeState, ProcessToken> operate)
        {
            if (!states.TryGetValue(node.Id, out var st)) return ExecutionAnswer.Engine(EngineErrors.StateMissing);
            if (st.State != TaskStates.Failed) return ExecutionAnswer.Engine(EngineErrors.NotFailed(node.Id, st.State));
            var p = FindProcessAt(node.Id, ProcessStatus.Sleeping);
            if (p == null) return ExecutionAnswer.Engine(EngineErrors.NoSleepProcess(node.Id));
            operate(st, p);
            return ExecutionAnswer.Ok();
        }

        private ExecutionAnswer Retry(GraphNode node, JsonObject inputs)
        {
            if (!node.Retryable) return ExecutionAnswer.Engine(EngineErrors.CannotRetry(node.Id));
            return WhenFailed(node, (st, p) =>
            {
                // Non-empty inputs replace the whole input set; empty ones re-render what the node has.
                if (inputs.Count > 0) st.RetryInputs = (JsonObject)inputs.Clone();
                RetryNow(st, p);
            });
        }

        /// <summary>A history row, READY with retry+1 and a new version, and the process queued to run the node again.</summary>
        private void RetryNow(NodeState st, ProcessToken p)
        {
            st.Timer?.Dispose();
            st.Timer = null;
            st.AutoRetryDue = null;
            AddHistory(st);
            st.State = TaskStates.Ready;
            st.Retry++;
            st.Version = NewVersion();
            st.Started = null;
            st.Archived = null;
            p.Status = ProcessStatus.Ready;
            Enqueue(p);
        }

        private ExecutionAnswer Skip(GraphNode node)
        {
            if (!node.Skippable) return ExecutionAnswer.Engine(EngineErrors.CannotSkip);
            if (node.Kind != NodeKind.ServiceActivity && node.Kind != NodeKind.EmptyStartEvent) return ExecutionAnswer.Engine(EngineErrors.SkipType(node.Kind.ToString()));
            return WhenFailed(node, (st, p) => SkipNow(node, st, p));
        }

        /// <summary>FINISHED with skip (outputs not written to the variables), and the process moves on.</summary>
        private void SkipNow(GraphNode node, NodeState st, ProcessToken p)
        {
            st.Timer?.Dispose();
            st.Timer = null;
            st.AutoRetryDue = null;
            AddHistory(st);
            st.State = TaskStates.Finished;
            st.Skip = true;
            st.Version = NewVersion();
            st.Archived = Now;
            Advance(p, node.SingleTarget);
        }

        private ExecutionAnswer SkipExclusiveGateway(GraphNode node, string flowId)
        {
            if (node.Kind != NodeKind.ExclusiveGateway) return ExecutionAnswer.Engine(EngineErrors.NotExclusive(node.Id, node.Kind.ToString()));
            string? target = node.TargetOf(flowId);
            if (target == null) return ExecutionAnswer.Engine(EngineErrors.KeyError(flowId));
            return WhenFailed(node, (st, p) =>
            {
                AddHistory(st);
                st.State = TaskStates.Finished;
                st.Skip = true;
                st.Version = NewVersion();
                st.Archived = Now;
                Advance(p, target);
            });
        }

        /// <summary>Pause by appointment: the node is SUSPENDED now (a row is made if it has none) and a process reaching it parks.</summary>
        private ExecutionAnswer PauseNode(GraphNode node)
        {
            if (node.Kind == NodeKind.SubProcess) return ExecutionAnswer.Engine(EngineErrors.PauseSubProcess("SubProcess"));
            if (!states.TryGetValue(node.Id, out var st))
            {
                NewState(node.Id, node.Scope.Id, TaskStates.Suspended);
                return ExecutionAnswer.Ok();
            }
            if (st.State != TaskStates.Ready && st.State != TaskStates.Running)
                return ExecutionAnswer.Engine(EngineErrors.Transit(node.Id, st.State, TaskStates.Suspended));
            st.State = TaskStates.Suspended;
            return ExecutionAnswer.Ok();
        }

        private ExecutionAnswer ResumeNode(GraphNode node)
        {
            if (node.Kind == NodeKind.SubProcess) return ExecutionAnswer.Engine(EngineErrors.PauseSubProcess("SubProcess"));
            if (!states.TryGetValue(node.Id, out var st)) st = NewState(node.Id, node.Scope.Id, TaskStates.Ready);
            else if (st.State != TaskStates.Suspended)
                return ExecutionAnswer.Engine(EngineErrors.Transit(node.Id, st.State, TaskStates.Ready));
            st.State = TaskStates.Ready;
            WakeParked(node.Id);
            return ExecutionAnswer.Ok();
        }

        /// <summary>pause_subproc: the sub-process pipeline (the SubProcess node's state) becomes SUSPENDED.</summary>
        private ExecutionAnswer PausePipeline(GraphNode node)
        {
            if (!states.TryGetValue(node.Id, out var st)) return ExecutionAnswer.Engine(EngineErrors.Invalid("node(" + node.Id + ") does not exist"));
            if (st.State != TaskStates.Running) return ExecutionAnswer.Engine(EngineErrors.Transit(node.Id, st.State, TaskStates.Suspended));
            st.State = TaskStates.Suspended;
            return ExecutionAnswer.Ok();
        }

        private ExecutionAnswer ResumePipeline(GraphNode node)
        {
            if (!states.TryGetValue(node.Id, out var st)) return ExecutionAnswer.Engine(EngineErrors.StateMissing);
            if (st.State != TaskStates.Suspended) return ExecutionAnswer.Engine(EngineErrors.PipelineState(node.Id, st.State));
            st.State = TaskStates.Running;
            WakeParked(node.Id);
            return ExecutionAnswer.Ok();
        }

        private ExecutionAnswer ForcedFail(GraphNode node, string exData)
        {
            if (node.Kind != NodeKind.ServiceActivity) return ExecutionAnswer.Engine(EngineErrors.Invalid(node.Id + " is not activity, actual: " + node.Kind));
            if (!states.TryGetValue(node.Id, out var st)) return ExecutionAnswer.Engine(EngineErrors.StateMissing);
            if (st.State != TaskStates.Running) return ExecutionAnswer.Engine(EngineErrors.Invalid(node.Id + " state is not RUNNING, actual: " + st.State));
            var p = FindProcessAt(node.Id, ProcessStatus.Scheduled, ProcessStatus.Ready);
            if (p == null) return ExecutionAnswer.Engine(EngineErrors.Invalid("can not find process with current node id: " + node.Id));
            ForceFail(node, st, p, exData);
            return ExecutionAnswer.Ok();
        }

        /// <summary>FAILED with a new version, <c>_forced_failed</c>, the process asleep at the node (so retry and skip work).</summary>
        private void ForceFail(GraphNode node, NodeState st, ProcessToken p, string exData)
        {
            st.Timer?.Dispose();
            st.TimeoutTimer?.Dispose();
            st.TimeoutTimer = null;
            st.Timer = null;
            st.Outputs = FailureOutputs(st, exData);
            st.Outputs.Set("_forced_failed", JsonNode.From(true));
            st.Schedule = ScheduleKind.None;
            st.ScheduleDue = null;
            st.State = TaskStates.Failed;
            st.Version = NewVersion();
            st.Archived = Now;
            p.Status = ProcessStatus.Sleeping;
            ScheduleAutoRetry(node, st);
        }

        private ExecutionAnswer RetrySubProcess(GraphNode node)
        {
            if (node.Kind != NodeKind.SubProcess) return ExecutionAnswer.Engine(EngineErrors.Invalid("node(" + node.Id + ") type is not SubProcess"));
            // A sub-process pipeline never reaches FAILED in the engine (its failed child is what is FAILED).
            if (!states.TryGetValue(node.Id, out var st)) return ExecutionAnswer.Engine(EngineErrors.StateMissing);
            return ExecutionAnswer.Engine(EngineErrors.NotFailed(node.Id, st.State));
        }
    }
}
