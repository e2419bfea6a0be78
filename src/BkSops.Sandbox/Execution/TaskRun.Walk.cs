using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Conditions;
using BkSops.Json;
using BkSops.Validation.Python;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    // How a started task walks its tree: processes (tokens) step one node per work item, so parallel branches interleave
    // and nothing recurses with the tree's size.
    public sealed partial class TaskRun
    {
        /// <summary>The queued start (bk-sops' prepare_and_start_task): start-time checks, then the root runs.</summary>
        private void RunStart()
        {
            lock (gate)
            {
                startQueued = false;
                if (started || currentFlow != "execute_task") return;
                var built = new GraphBuilder(options, NewNodeId).Build(tree, PipelineId, out string? error);
                if (built == null)
                {
                    // Rolled back: the task stays CREATED and may be started again (and fails the same way).
                    startError = error;
                    changed = true;
                }
                else
                {
                    startError = null;
                    started = true;
                    scopes = built;
                    nodes.Clear();
                    foreach (var scope in scopes)
                        foreach (var node in scope.Nodes.Values) nodes[node.Id] = node;
                    var root = NewState(PipelineId, PipelineId, TaskStates.Running);
                    root.Started = Now;
                    var process = NewProcess(new List<string> { PipelineId }, scopes[0].StartEventId);
                    Enqueue(process);
                    changed = true;
                }
            }
            RaiseChanged();
        }

        private ProcessToken NewProcess(List<string> stack, string? at)
        {
            var p = new ProcessToken { Id = nextProcessId++, Stack = stack, CurrentNode = at, Status = ProcessStatus.Ready };
            processes[p.Id] = p;
            return p;
        }

        private void Enqueue(ProcessToken p)
        {
            if (p.Queued) return;
            p.Queued = true;
            int id = p.Id;
            scheduler.Post(() => RunProcess(id));
        }

        private void RunProcess(int id)
        {
            lock (gate)
            {
                if (!processes.TryGetValue(id, out var p)) return;
                p.Queued = false;
                if (p.Status != ProcessStatus.Ready) return;
                try
                {
                    Step(p);
                }
                catch (Exception e)
                {
                    FailInternally(p, e);
                }
                changed = true;
            }
            RaiseChanged();
        }

        /// <summary>A bug in the simulator must not hang the task silently: the node fails with the reason.</summary>
        private void FailInternally(ProcessToken p, Exception e)
        {
            if (p.CurrentNode == null || !nodes.TryGetValue(p.CurrentNode, out var node)) return;
            if (!states.TryGetValue(node.Id, out var st)) st = NewState(node.Id, p.Stack[p.Stack.Count - 1], TaskStates.Running);
            st.Outputs = FailureOutputs(st, "bk-sops sandbox internal error: " + e.GetType().Name + ": " + e.Message);
            st.State = TaskStates.Failed;
            st.Archived = Now;
            p.Status = ProcessStatus.Sleeping;
        }

        private void Step(ProcessToken p)
        {
            foreach (var pipelineId in p.Stack)
            {
                var pipeline = states[pipelineId];
                if (pipeline.State == TaskStates.Revoked)
                {
                    // A revoked pipeline: the process dies before its next node.
                    p.Status = ProcessStatus.Done;
                    return;
                }
                if (pipeline.State == TaskStates.Suspended)
                {
                    p.Status = ProcessStatus.Parked;
                    p.ParkedBy = pipelineId;
                    return;
                }
            }
            // A ready process always stands at a node; RunProcess reports what this throws like any other fault.
            var node = nodes[p.CurrentNode ?? throw new InvalidOperationException("process " + p.Id + " is ready at no node")];
            if (!Enter(p, node, out var st)) return;
            switch (node.Kind)
            {
                case NodeKind.EmptyStartEvent:
                case NodeKind.ConvergeGateway:
                    Complete(st);
                    Advance(p, node.SingleTarget);
                    break;
                case NodeKind.EmptyEndEvent:
                    Complete(st);
                    EndPipeline(p);
                    break;
                case NodeKind.ServiceActivity:
                    RunPlugin(p, node, st);
                    break;
                case NodeKind.SubProcess:
                    EnterSubProcess(p, node);
                    break;
                case NodeKind.ParallelGateway:
                    Complete(st);
                    Fork(p, node, node.Targets.Select(t => t.Value).ToList());
                    break;
                default:
                    RunBranchingGateway(p, node, st);
                    break;
            }
        }

        /// <summary>Sets the node RUNNING (a new row, a READY one after a retry, or a FINISHED one entered again in a loop).</summary>
        private bool Enter(ProcessToken p, GraphNode node, out NodeState st)
        {
            string parent = p.Stack[p.Stack.Count - 1];
            if (!states.TryGetValue(node.Id, out st))
            {
                st = NewState(node.Id, parent, TaskStates.Running);
                st.Started = Now;
                return true;
            }
            if (st.State == TaskStates.Suspended)
            {
                // Paused by appointment (operate_node pause): the process parks here until the node is resumed.
                st.ParentId = parent;
                p.Status = ProcessStatus.Parked;
                p.ParkedBy = node.Id;
                return false;
            }
            if (st.State == TaskStates.Finished)
            {
                if (node.Kind != NodeKind.SubProcess && st.Loop > options.RerunLimit)
                {
                    // A new object: answers already handed out may share the old one.
                    var outputs = st.Outputs == null ? new JsonObject() : st.Outputs.CopySharingValues();
                    outputs.Set("ex_data", JsonNode.From("node execution exceed rerun limit " + options.RerunLimit));
                    st.Outputs = outputs;
                    st.State = TaskStates.Failed;
                    st.Archived = Now;
                    p.Status = ProcessStatus.Sleeping;
                    return false;
                }
                AddHistory(st);
                st.Loop++;
                st.InnerLoop++;
                st.Retry = 0;
                st.Skip = false;
                st.ErrorIgnored = false;
                st.Version = NewVersion();
            }
            else if (st.State != TaskStates.Ready)
            {
                p.Status = ProcessStatus.Sleeping;
                return false;
            }
            st.State = TaskStates.Running;
            st.ParentId = parent;
            st.Started = Now;
            st.Archived = null;
            return true;
        }

        private void Complete(NodeState st)
        {
            StopTimeout(st);
            st.State = TaskStates.Finished;
            st.Archived = Now;
            st.Schedule = ScheduleKind.None;
            st.ScheduleDue = null;
        }

        /// <summary>Moves the process to <paramref name="target"/>; a forked child that reaches its converge gateway stops there.</summary>
        private void Advance(ProcessToken p, string? target)
        {
            if (p.Destination != null && target == p.Destination)
            {
                Arrive(p);
                return;
            }
            p.CurrentNode = target;
            p.Status = ProcessStatus.Ready;
            Enqueue(p);
        }

        private void Arrive(ProcessToken child)
        {
            child.Status = ProcessStatus.Done;
            processes.Remove(child.Id);
            if (!processes.TryGetValue(child.ParentId, out var parent)) return;
            parent.PendingChildren--;
            if (parent.PendingChildren <= 0 && parent.Status == ProcessStatus.Joining)
            {
                parent.Status = ProcessStatus.Ready;
                Enqueue(parent);
            }
        }

        private void Fork(ProcessToken p, GraphNode gateway, IReadOnlyList<string?> targets)
        {
            string? converge = gateway.ConvergeGatewayId;
            p.Status = ProcessStatus.Joining;
            p.CurrentNode = converge;
            p.PendingChildren = 0;
            foreach (var target in targets)
            {
                if (target == converge) continue;
                p.PendingChildren++;
                var child = NewProcess(new List<string>(p.Stack), target);
                child.ParentId = p.Id;
                child.Destination = converge;
                Enqueue(child);
            }
            if (p.PendingChildren == 0)
            {
                p.Status = ProcessStatus.Ready;
                Enqueue(p);
            }
        }

        private void EndPipeline(ProcessToken p)
        {
            if (p.Stack.Count == 1)
            {
                var root = states[PipelineId];
                if (root.State == TaskStates.Running)
                {
                    root.State = TaskStates.Finished;
                    root.Archived = Now;
                }
                currentFlow = "finished";
                p.Status = ProcessStatus.Done;
                processes.Remove(p.Id);
                return;
            }
            string subId = p.Stack[p.Stack.Count - 1];
            p.Stack.RemoveAt(p.Stack.Count - 1);
            var sub = states[subId];
            WriteSubProcessOutputs(nodes[subId], sub);
            sub.State = TaskStates.Finished;
            sub.Archived = Now;
            Advance(p, nodes[subId].SingleTarget);
        }

        /// <summary>
        /// The SubProcess handler: the values it passes are rendered with the parent's variables and become the child's
        /// (and the node's inputs); the process then runs the child pipeline from its start event. An unfolded tree passes
        /// what bk-sops' <c>format_web_data_to_pipeline</c> makes its params: every constant of the child with
        /// <c>show_type</c> "show" (its value the SubProcess's own or the template's), rendered unless <c>need_render</c>
        /// is false. A registered template run without unfolding passes the SubProcess node's own <c>constants</c>.
        /// </summary>
        private void EnterSubProcess(ProcessToken p, GraphNode node)
        {
            var child = node.Child ?? throw new InvalidOperationException("SubProcess " + node.Id + " has no pipeline");
            bool unfolded = ReferenceEquals(node.Entry["pipeline"], child.Tree);
            var passed = unfolded ? child.Tree["constants"] as JsonObject : node.Entry["constants"] as JsonObject;
            var inputs = new JsonObject();
            if (passed != null)
            {
                var parentValues = node.Scope.Values();
                foreach (var c in passed.Properties)
                {
                    string? name = ConstantValues.VariableName(c.Name);
                    if (name == null || !(c.Value is JsonObject constant) || !constant.TryGetValue("value", out var value)) continue;
                    if (unfolded && !(constant["show_type"] is JsonString show && show.Value == "show")) continue;
                    bool render = !(constant["need_render"] is JsonBoolean nr) || nr.Value;
                    var given = render ? Render(value, parentValues) : value;
                    child.RunTimeValues[name] = given;
                    inputs.Set(c.Name, given);
                }
            }
            if (states.TryGetValue(node.Id, out var st)) st.Inputs = inputs;
            p.Stack.Add(node.Id);
            p.CurrentNode = child.StartEventId;
            p.Status = ProcessStatus.Ready;
            Enqueue(p);
        }

        /// <summary>
        /// The child's end event: its <c>outputs</c> keys with their values become the SubProcess node's outputs (a key
        /// without a value keeps the key text, as the engine's <c>hydrated_context.get(key, key)</c>), and feed the parent's
        /// variables bound to them (<c>source_info</c> naming the SubProcess node and the child's key).
        /// </summary>
        private void WriteSubProcessOutputs(GraphNode subNode, NodeState sub)
        {
            var outputs = new JsonObject();
            if (subNode.Child != null && subNode.Child.Tree["outputs"] is JsonArray keys)
            {
                var values = subNode.Child.Values();
                foreach (var item in keys.Items)
                {
                    if (!(item is JsonString key)) continue;
                    string? name = ConstantValues.VariableName(key.Value);
                    outputs.Set(key.Value, name != null && values.TryGetValue(name, out var raw) && !ConditionValues.IsUnknown(raw)
                        ? PyJson.ToJson(raw)
                        : Render(JsonNode.From(key.Value), values));
                }
            }
            outputs.Set("_loop", JsonNode.From(sub.Loop));
            outputs.Set("_inner_loop", JsonNode.From(sub.InnerLoop));
            sub.Outputs = outputs;
            WriteOutputs(subNode, outputs);
        }

        private void RunBranchingGateway(ProcessToken p, GraphNode node, NodeState st)
        {
            bool parallel = node.Kind == NodeKind.ConditionalParallelGateway;
            var decision = GatewayConditions.Decide(parallel, node.Branches, node.DefaultFlowId, node.Scope.Values(), leaveUnknownAsText: true);
            if (decision.Kind != GatewayDecisionKind.Selected)
            {
                var outputs = new JsonObject();
                outputs.Set("ex_data", JsonNode.From(decision.FailureMessage ?? "the gateway's conditions could not be evaluated"));
                st.Outputs = outputs;
                st.State = TaskStates.Failed;
                st.Archived = Now;
                p.Status = ProcessStatus.Sleeping;
                return;
            }
            Complete(st);
            var targets = decision.FlowIds.Select(node.TargetOf).ToList();
            if (parallel) Fork(p, node, targets);
            else Advance(p, targets[0]);
        }

        /// <summary>Parked processes whose parking pipeline or node <paramref name="by"/> was resumed run again.</summary>
        private void WakeParked(string by)
        {
            foreach (var p in processes.Values)
            {
                if (p.Status != ProcessStatus.Parked || p.ParkedBy != by) continue;
                p.Status = ProcessStatus.Ready;
                p.ParkedBy = null;
                Enqueue(p);
            }
        }

        private void AddHistory(NodeState st)
        {
            st.Histories.Add(new HistoryRow
            {
                Id = nextHistoryId++,
                Loop = st.Loop,
                Skip = st.Skip,
                Version = st.Version,
                Inputs = st.Inputs,
                Outputs = st.Outputs,
                Started = st.Started,
                Archived = st.Archived,
            });
        }
    }
}
