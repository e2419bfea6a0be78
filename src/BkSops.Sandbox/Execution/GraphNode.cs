using System;
using System.Collections.Generic;
using BkSops.Conditions;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    /// <summary>One node of a pipeline being run, read once from its tree entry.</summary>
    internal sealed class GraphNode
    {
        public GraphNode(string id, PipelineScope scope, JsonObject entry)
        {
            Id = id;
            Scope = scope;
            Entry = entry;
        }

        public string Id;
        public NodeKind Kind;
        public PipelineScope Scope;

        /// <summary>The tree entry (activity, gateway or event object).</summary>
        public JsonObject Entry;

        /// <summary>The activity's name; "" for events and gateways (as get_task_status names them).</summary>
        public string Name = "";

        /// <summary>Outgoing flow id → target node id, in the order of the node's <c>outgoing</c>.</summary>
        public List<KeyValuePair<string, string>> Targets = new List<KeyValuePair<string, string>>();

        public string? ConvergeGatewayId;
        public List<GatewayBranch>? Branches;
        public string? DefaultFlowId;

        public bool ErrorIgnorable;
        public bool Retryable = true;
        public bool Skippable = true;
        public string? Code;
        public long? TemplateId;

        /// <summary>auto_retry: at most this many automatic retries (null: not enabled), after <see cref="AutoRetryInterval"/> seconds.</summary>
        public int? AutoRetryMax;
        public int AutoRetryInterval;

        /// <summary>timeout_config: seconds a run may last (0: none) and whether the forced failure is then skipped.</summary>
        public int TimeoutSeconds;
        public bool TimeoutSkips;

        /// <summary>For a SubProcess: the pipeline it runs (its id is this node's id, as in bamboo).</summary>
        public PipelineScope? Child;

        public string? TargetOf(string flowId)
        {
            foreach (var t in Targets)
                if (t.Key == flowId) return t.Value;
            return null;
        }

        /// <remarks>Only asked of nodes GraphBuilder checked to have exactly one outgoing flow.</remarks>
        public string SingleTarget => Targets.Count > 0 ? Targets[0].Value : throw new InvalidOperationException("node " + Id + " has no outgoing flow");
    }
}
