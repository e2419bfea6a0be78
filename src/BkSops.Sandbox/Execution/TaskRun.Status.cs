using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    // get_task_status (spec 2.15.1): the engine's state tree of the root, the legacy formatter, names, and the optional parts.
    public sealed partial class TaskRun
    {
        /// <summary>
        /// get_task_status's answer. <paramref name="withExData"/> and the other flags are on when the query gives any
        /// non-empty value; <paramref name="subprocessId"/> (null or empty: the root) returns that sub-process's entry.
        /// </summary>
        public ExecutionAnswer GetStatus(bool withExData = false, bool withFailedNodeInfo = false, bool withAutoRetryStatus = false, string? subprocessId = null)
        {
            lock (gate)
            {
                JsonObject? data = started ? BuildStatusTree(Now) : null;
                if (data != null && subprocessId != null && subprocessId.Length > 0) data = FindEntry(data, subprocessId);
                if (data == null) data = CreatedStatus();
                else if (withExData && (data["state"] as JsonString)?.Value == TaskStates.Failed) AddExData(data);

                if (withFailedNodeInfo || withAutoRetryStatus)
                {
                    if (data["id"] == null)
                        return ExecutionAnswer.Failure("task[id=" + TaskId + "] extract failed node info error: 'id'", ExecutionAnswer.UnknownError);
                    var failed = new List<string>();
                    CollectReported(data, TaskStates.Failed, failed);
                    var info = new JsonObject();
                    foreach (var id in failed) info.Set(id, AutoRetryInfo(id));
                    if (withFailedNodeInfo) data.Set("failed_node_info", info);
                    if (withAutoRetryStatus)
                    {
                        var waiting = new JsonArray();
                        foreach (var p in info.Properties)
                        {
                            var o = (JsonObject)p.Value;
                            if (o["max_auto_retry_times"] is JsonNumber max && o["auto_retry_times"] is JsonNumber times && times.ToDouble() < max.ToDouble())
                                waiting.Add(JsonNode.From(p.Name));
                        }
                        var status = new JsonObject();
                        status.Set("exist_auto_retry_nodes", JsonNode.From(waiting.Count > 0));
                        status.Set("auto_retry_nodes", waiting);
                        data.Set("auto_retry_status", status);
                    }
                }
                data.Set("name", JsonNode.From(Name));
                return ExecutionAnswer.WithData(data);
            }
        }

        private static JsonObject CreatedStatus()
        {
            var o = new JsonObject();
            o.Set("start_time", new JsonNull());
            o.Set("state", JsonNode.From(TaskStates.Created));
            o.Set("retry", JsonNode.From(0));
            o.Set("skip", JsonNode.From(0));
            o.Set("finish_time", new JsonNull());
            o.Set("elapsed_time", JsonNode.From(0));
            o.Set("children", new JsonObject());
            return o;
        }

        /// <summary>The formatted state tree of the root: entries nested by parent, legacy states applied bottom-up, names added.</summary>
        private JsonObject BuildStatusTree(DateTimeOffset now)
        {
            var ordered = states.Values.OrderBy(s => s.Sequence).ToList();
            var last = ordered[ordered.Count - 1];
            var entries = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var st in ordered) entries[st.NodeId] = Entry(st, st.NodeId == PipelineId ? last : st, now);
            var root = entries[PipelineId];
            foreach (var st in ordered)
            {
                if (st.NodeId == PipelineId) continue;
                if (entries.TryGetValue(st.ParentId, out var parent)) ChildrenOf(parent).Set(st.NodeId, entries[st.NodeId]);
            }
            // Top-down order by a queue, then the legacy rule bottom-up over it reversed: no recursion.
            var order = new List<JsonObject>();
            var queue = new Queue<JsonObject>();
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                var e = queue.Dequeue();
                order.Add(e);
                foreach (var c in ChildrenOf(e).Properties) queue.Enqueue((JsonObject)c.Value);
            }
            for (int i = order.Count - 1; i >= 0; i--) ApplyLegacyRule(order[i]);
            foreach (var e in order)
                if (!ReferenceEquals(e, root))
                    e.Set("name", JsonNode.From(nodes.TryGetValue(Text(e, "id"), out var node) ? node.Name : ""));
            return root;
        }

        private JsonObject Entry(NodeState st, NodeState flagsFrom, DateTimeOffset now)
        {
            var o = new JsonObject();
            o.Set("id", JsonNode.From(st.NodeId));
            o.Set("state", JsonNode.From(st.State));
            o.Set("root_id:", JsonNode.From(PipelineId));
            o.Set("parent_id", JsonNode.From(st.ParentId));
            o.Set("version", JsonNode.From(st.Version));
            o.Set("loop", JsonNode.From(st.Loop));
            o.Set("retry", JsonNode.From(st.Retry));
            o.Set("skip", JsonNode.From(st.Skip));
            // On the root both flags copy the last state row's (a bug of bamboo's get_pipeline_states, kept).
            o.Set("error_ignorable", JsonNode.From(flagsFrom.ErrorIgnored));
            o.Set("error_ignored", JsonNode.From(flagsFrom.ErrorIgnored));
            o.Set("children", new JsonObject());
            o.Set("elapsed_time", JsonNode.From(StatusTime.ElapsedSeconds(st.Started, st.Archived, now)));
            o.Set("start_time", st.Started.HasValue ? (JsonNode)JsonNode.From(StatusTime.FormatTime(st.Started.Value)) : new JsonNull());
            o.Set("finish_time", st.Archived.HasValue ? (JsonNode)JsonNode.From(StatusTime.FormatTime(st.Archived.Value)) : new JsonNull());
            return o;
        }

        /// <summary>RUNNING with a FAILED child reads FAILED; else with a SUSPENDED or NODE_SUSPENDED child, NODE_SUSPENDED.</summary>
        private static void ApplyLegacyRule(JsonObject entry)
        {
            if ((entry["state"] as JsonString)?.Value != TaskStates.Running) return;
            bool failed = false, suspended = false;
            foreach (var c in ChildrenOf(entry).Properties)
            {
                string? s = (((JsonObject)c.Value)["state"] as JsonString)?.Value;
                if (s == TaskStates.Failed) failed = true;
                else if (s == TaskStates.Suspended || s == TaskStates.NodeSuspended) suspended = true;
            }
            if (failed) entry.Set("state", JsonNode.From(TaskStates.Failed));
            else if (suspended) entry.Set("state", JsonNode.From(TaskStates.NodeSuspended));
        }

        private static JsonObject? FindEntry(JsonObject root, string id)
        {
            var queue = new Queue<JsonObject>();
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                var e = queue.Dequeue();
                foreach (var c in ChildrenOf(e).Properties)
                {
                    var child = (JsonObject)c.Value;
                    if ((child["id"] as JsonString)?.Value == id) return child;
                    queue.Enqueue(child);
                }
            }
            return null;
        }

        /// <summary>ex_data per FAILED leaf, descending into FAILED entries that have children (bk-sops' _collect_fail_nodes).</summary>
        private void AddExData(JsonObject data)
        {
            var exData = new JsonObject();
            var queue = new Queue<JsonObject>();
            queue.Enqueue(ChildrenOf(data));
            while (queue.Count > 0)
            {
                foreach (var c in queue.Dequeue().Properties)
                {
                    var child = (JsonObject)c.Value;
                    if ((child["state"] as JsonString)?.Value != TaskStates.Failed) continue;
                    var grandChildren = ChildrenOf(child);
                    if (grandChildren.Count > 0)
                    {
                        queue.Enqueue(grandChildren);
                        continue;
                    }
                    JsonNode ex = states.TryGetValue(c.Name, out var st) && st.Outputs?["ex_data"] is JsonNode value ? value : new JsonNull();
                    exData.Set(c.Name, ex);
                }
            }
            data.Set("ex_data", exData);
        }

        /// <summary>Ids of entries reported in <paramref name="state"/>, pre-order, descending only through entries in that state.</summary>
        private static void CollectReported(JsonObject data, string state, List<string> into)
        {
            var stack = new Stack<(IReadOnlyList<JsonProperty> children, int next)>();
            stack.Push((ChildrenOf(data).Properties, 0));
            while (stack.Count > 0)
            {
                var (children, next) = stack.Pop();
                if (next >= children.Count) continue;
                stack.Push((children, next + 1));
                var child = (JsonObject)children[next].Value;
                if ((child["state"] as JsonString)?.Value != state) continue;
                into.Add(children[next].Name);
                stack.Push((ChildrenOf(child).Properties, 0));
            }
        }

        // Every entry of the status tree is built by Entry or CreatedStatus, which always set "children", "id" and "state".
        private static JsonObject ChildrenOf(JsonObject entry) =>
            entry["children"] as JsonObject ?? throw new InvalidOperationException("status entry without children");

        private static string Text(JsonObject entry, string key) =>
            entry[key] is JsonString s ? s.Value : throw new InvalidOperationException("status entry without " + key);

    }
}
