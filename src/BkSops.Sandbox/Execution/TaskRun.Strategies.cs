using System;
using BkSops.Json;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    // bk-sops' node strategies (spec 2.15.3): auto_retry and timeout_config. Their waits are scaled by TimeScale like sleeps.
    public sealed partial class TaskRun
    {
        private const string TimeoutExData = "The node has been terminated by the system due to exceeding the 'Timeout Setting'.";

        /// <summary>On a FAILED transition: a retry without inputs after the interval, while retries are left.</summary>
        private void ScheduleAutoRetry(GraphNode node, NodeState st)
        {
            if (node.AutoRetryMax == null || st.AutoRetryTimes + 1 > node.AutoRetryMax.Value) return;
            string nodeId = node.Id, version = st.Version;
            var delay = Scaled(node.AutoRetryInterval);
            st.AutoRetryDue = Now + delay;
            st.Timer = scheduler.Schedule(delay, () => OnAutoRetry(nodeId, version));
        }

        private void OnAutoRetry(string nodeId, string version)
        {
            lock (gate)
            {
                // A manual retry or skip in between changed the version: nothing to do.
                if (!states.TryGetValue(nodeId, out var st) || st.Version != version || st.State != TaskStates.Failed) return;
                st.Timer = null;
                var p = FindProcessAt(nodeId, ProcessStatus.Sleeping);
                if (p == null) return;
                st.AutoRetryTimes++;
                RetryNow(st, p);
                changed = true;
            }
            RaiseChanged();
        }

        /// <summary>failed_node_info's and node detail's entry: the node's strategy, or {} without one.</summary>
        private JsonObject AutoRetryInfo(string nodeId)
        {
            var info = new JsonObject();
            if (!nodes.TryGetValue(nodeId, out var node) || node.AutoRetryMax == null) return info;
            info.Set("node_id", JsonNode.From(nodeId));
            info.Set("auto_retry_times", JsonNode.From(states.TryGetValue(nodeId, out var st) ? st.AutoRetryTimes : 0));
            info.Set("max_auto_retry_times", JsonNode.From(node.AutoRetryMax.Value));
            return info;
        }

        /// <summary>Each run of a node with timeout_config gets a deadline; the node is force-failed (and skipped) when it passes.</summary>
        private void StartTimeout(GraphNode node, NodeState st)
        {
            StopTimeout(st);
            if (node.TimeoutSeconds <= 0) return;
            string nodeId = node.Id, version = st.Version;
            st.TimeoutTimer = scheduler.Schedule(Scaled(node.TimeoutSeconds), () => OnTimeout(nodeId, version));
        }

        private static void StopTimeout(NodeState st)
        {
            st.TimeoutTimer?.Dispose();
            st.TimeoutTimer = null;
        }

        private void OnTimeout(string nodeId, string version)
        {
            lock (gate)
            {
                if (!states.TryGetValue(nodeId, out var st) || st.Version != version || st.State != TaskStates.Running) return;
                st.TimeoutTimer = null;
                var p = FindProcessAt(nodeId, ProcessStatus.Scheduled, ProcessStatus.Ready);
                if (p == null) return;
                var node = nodes[nodeId];
                ForceFail(node, st, p, TimeoutExData);
                if (node.TimeoutSkips) SkipNow(node, st, p);
                changed = true;
            }
            RaiseChanged();
        }

        private TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds * options.TimeScale, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
