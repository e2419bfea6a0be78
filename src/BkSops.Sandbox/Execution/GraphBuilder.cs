using System;
using System.Collections.Generic;
using System.Globalization;
using BkSops.Conditions;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// Reads a task's tree, and the template trees its SubProcess nodes run, into <see cref="PipelineScope"/>s, making the
    /// start-time checks of spec 2.12 on the way. Iterative over nested sub-processes. A SubProcess runs the tree
    /// fast_create_task unfolded into it (<c>pipeline</c>, ids already the task's own); one without (a tree made
    /// another way) runs its registered template, which then gets fresh ids, so every node id of the task is unique.
    /// </summary>
    internal sealed class GraphBuilder
    {
        private readonly ExecutionOptions options;
        private readonly Func<string> newNodeId;

        public GraphBuilder(ExecutionOptions options, Func<string> newNodeId)
        {
            this.options = options;
            this.newNodeId = newNodeId;
        }

        /// <summary>Every scope of the task, root first; or the reason the start fails (then null).</summary>
        public List<PipelineScope>? Build(JsonObject tree, string rootId, out string? error) => Build(tree, rootId, null, out error);

        /// <summary>
        /// As <see cref="Build(JsonObject, string, out string)"/>; <paramref name="saved"/> (SubProcess node id → tree and id map,
        /// from a snapshot) is used instead of the registered templates and fresh ids.
        /// </summary>
        public List<PipelineScope>? Build(JsonObject tree, string rootId, IReadOnlyDictionary<string, (JsonObject tree, Dictionary<string, string> idMap)>? saved, out string? error)
        {
            var scopes = new List<PipelineScope>();
            var root = new PipelineScope(rootId, tree);
            var pending = new Queue<(PipelineScope scope, int depth)>();
            pending.Enqueue((root, 0));
            while (pending.Count > 0)
            {
                var (scope, depth) = pending.Dequeue();
                error = Read(scope);
                if (error != null) return null;
                scopes.Add(scope);
                foreach (var node in scope.Nodes.Values)
                {
                    if (node.Kind != NodeKind.SubProcess) continue;
                    if (saved != null && saved.TryGetValue(node.Id, out var kept))
                    {
                        node.Child = new PipelineScope(node.Id, kept.tree, scope, node) { IdMap = kept.idMap };
                        pending.Enqueue((node.Child, depth + 1));
                        continue;
                    }
                    if (node.Entry["pipeline"] is JsonObject unfolded)
                    {
                        // Unfolded by fast_create_task, as bk-sops does: the tree and its ids are the task's own.
                        node.Child = new PipelineScope(node.Id, unfolded, scope, node);
                        pending.Enqueue((node.Child, depth + 1));
                        continue;
                    }
                    if (node.TemplateId == null || !options.Templates.TryGetValue(node.TemplateId.Value, out var template) || template == null)
                    {
                        error = "SubProcess node " + node.Id + " runs template " + TemplateText(node) + ", which is not a template of the sandbox's project";
                        return null;
                    }
                    if (depth + 1 > options.MaxSubProcessDepth)
                    {
                        error = "SubProcess templates nest more than " + options.MaxSubProcessDepth + " levels deep (does a template contain itself?)";
                        return null;
                    }
                    var child = new PipelineScope(node.Id, template, scope, node) { IdMap = FreshIds(template) };
                    node.Child = child;
                    pending.Enqueue((child, depth + 1));
                }
            }
            error = null;
            return scopes;
        }

        private static string TemplateText(GraphNode node) =>
            node.Entry["template_id"] is JsonNode id ? JsonWriter.Write(id, indented: false) : "(none)";

        private Dictionary<string, string> FreshIds(JsonObject tree)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            void Add(string? id) { if (id != null && !map.ContainsKey(id)) map[id] = newNodeId(); }
            Add(IdOf(tree["start_event"]));
            Add(IdOf(tree["end_event"]));
            foreach (var section in new[] { "activities", "gateways", "flows" })
                if (tree[section] is JsonObject entries)
                    foreach (var p in entries.Properties) Add(p.Name);
            return map;
        }

        private static string? IdOf(JsonNode? entry) => (entry as JsonObject)?["id"] is JsonString s ? s.Value : null;

        private static string Map(PipelineScope scope, string id) =>
            scope.IdMap == null ? id : scope.IdMap.TryGetValue(id, out var mapped) ? mapped : id;

        /// <summary><see cref="Map"/> for an id the tree may leave out.</summary>
        private static string? MapOptional(PipelineScope scope, string? id) => id == null ? null : Map(scope, id);

        private string? Read(PipelineScope scope)
        {
            var tree = scope.Tree;
            string where = scope.Owner == null ? "the task's tree" : "the tree of template " + scope.Owner.TemplateId + " (SubProcess " + scope.Owner.Id + ")";
            string? problem = CheckConstants(tree["constants"]);
            if (problem != null) return problem + " in " + where;

            var flows = tree["flows"] as JsonObject;
            if (flows == null) return "ConnectionValidateError: " + where + " has no flows";

            if (!(tree["start_event"] is JsonObject start) || !(IdOf(start) is string startId)) return "IsolateNodeError: " + where + " has no start event";
            if (!(tree["end_event"] is JsonObject end) || !(IdOf(end) is string endId)) return "IsolateNodeError: " + where + " has no end event";
            scope.StartEventId = Map(scope, startId);
            var entries = new List<KeyValuePair<string, JsonObject>>
            {
                new KeyValuePair<string, JsonObject>(startId, start),
                new KeyValuePair<string, JsonObject>(endId, end),
            };
            foreach (var section in new[] { "activities", "gateways" })
            {
                if (tree[section] == null) continue;
                if (!(tree[section] is JsonObject objects)) return "ConnectionValidateError: " + section + " of " + where + " is not an object";
                foreach (var p in objects.Properties)
                {
                    if (!(p.Value is JsonObject entry)) return "ConnectionValidateError: " + section + "." + p.Name + " of " + where + " is not an object";
                    entries.Add(new KeyValuePair<string, JsonObject>(p.Name, entry));
                }
            }

            foreach (var e in entries)
            {
                var node = new GraphNode(Map(scope, e.Key), scope, e.Value);
                string? type = (e.Value["type"] as JsonString)?.Value;
                if (!Enum.TryParse(type, false, out node.Kind) || !Enum.IsDefined(typeof(NodeKind), node.Kind))
                    return "Unknown Activity type: " + type + " (node " + e.Key + " of " + where + ")";
                problem = ReadNode(scope, node, flows, where);
                if (problem != null) return problem;
                scope.Nodes[node.Id] = node;
            }
            foreach (var node in scope.Nodes.Values)
            {
                foreach (var t in node.Targets)
                    if (t.Value == null || !scope.Nodes.ContainsKey(t.Value))
                        return "ConnectionValidateError: flow " + t.Key + " of node " + node.Id + " in " + where + " leads to no node";
                if ((node.Kind == NodeKind.ParallelGateway || node.Kind == NodeKind.ConditionalParallelGateway)
                    && (node.ConvergeGatewayId == null || !scope.Nodes.TryGetValue(node.ConvergeGatewayId, out var converge) || converge.Kind != NodeKind.ConvergeGateway))
                    return "ConvergeMatchError: gateway " + node.Id + " in " + where + " has no converge_gateway_id naming a converge gateway";
            }
            ReadOutputBindings(scope);
            return null;
        }

        private static string? CheckConstants(JsonNode? constants)
        {
            if (constants == null) return null;
            if (!(constants is JsonObject all)) return "constants is not an object";
            foreach (var p in all.Properties)
            {
                if (!(p.Value is JsonObject c)) return "constant " + p.Name + " is not an object";
                foreach (var key in new[] { "show_type", "custom_type", "source_type", "value" })
                    if (!c.ContainsKey(key)) return "KeyError: '" + key + "' (constant " + p.Name + " has no " + key + ")";
                if ((c["source_type"] as JsonString)?.Value == "component_outputs" && !(c["source_info"] is JsonObject info && info.Count > 0))
                    return "constant " + p.Name + " takes a plugin output (source_type component_outputs) but its source_info is empty";
            }
            return null;
        }

        private static string? ReadNode(PipelineScope scope, GraphNode node, JsonObject flows, string where)
        {
            var entry = node.Entry;
            foreach (var flowId in Outgoing(entry["outgoing"]))
            {
                string? target = (flows[flowId] as JsonObject)?["target"] is JsonString t ? t.Value : null;
                if (target == null) return "ConnectionValidateError: node " + node.Id + " of " + where + " has outgoing flow " + flowId + ", which is not in flows";
                node.Targets.Add(new KeyValuePair<string, string>(Map(scope, flowId), Map(scope, target)));
            }
            switch (node.Kind)
            {
                case NodeKind.EmptyEndEvent:
                    return null;
                case NodeKind.EmptyStartEvent:
                case NodeKind.ConvergeGateway:
                    return node.Targets.Count == 1 ? null : "ConnectionValidateError: " + node.Kind + " " + node.Id + " of " + where + " needs exactly one outgoing flow";
                case NodeKind.ServiceActivity:
                case NodeKind.SubProcess:
                    return ReadActivity(node, where);
                default:
                    return ReadGateway(scope, node, where);
            }
        }

        private static string? ReadActivity(GraphNode node, string where)
        {
            var entry = node.Entry;
            if (node.Targets.Count != 1) return "ConnectionValidateError: activity " + node.Id + " of " + where + " needs exactly one outgoing flow";
            node.Name = (entry["name"] as JsonString)?.Value ?? "";
            node.ErrorIgnorable = Flag(entry["error_ignorable"], false);
            node.Retryable = Flag(entry["retryable"], true);
            node.Skippable = node.ErrorIgnorable || Flag(entry["skippable"], true);
            var timeoutConfig = entry["timeout_config"] as JsonObject;
            var retry = entry["auto_retry"] as JsonObject;
            bool timeout = timeoutConfig != null && Flag(timeoutConfig["enable"], false);
            bool autoRetry = retry != null && Flag(retry["enable"], false);
            if (timeout && (node.ErrorIgnorable || autoRetry))
                return "timeout_config can not be enabled with error_ignorable or auto_retry at the same time (activity " + node.Id + " of " + where + ")";
            if (node.Kind == NodeKind.SubProcess)
            {
                node.Skippable = false;
                if (entry["template_id"] is JsonNumber n && n.TryGetInt64(out long templateId)) node.TemplateId = templateId;
                return null;
            }
            if (autoRetry && retry != null)
            {
                // bk-sops' strategy: max = min(|int(times)|, 10), default 10; interval = min(|int(interval)|, 60), default 0.
                node.AutoRetryMax = !(retry["times"] is JsonNode timesValue) ? 10 : PythonInt(timesValue, out long times) ? (int)Math.Min(Math.Abs(times), 10) : 10;
                node.AutoRetryInterval = PythonInt(retry["interval"] ?? JsonNode.From(0), out long interval) ? (int)Math.Min(Math.Abs(interval), 60) : 60;
            }
            if (timeout && timeoutConfig != null)
            {
                var config = timeoutConfig;
                // Stored only with a non-zero whole number of seconds; action forced_fail or forced_fail_and_skip.
                if (config["seconds"] is JsonNumber seconds && seconds.TryGetInt64(out long s) && s > 0)
                {
                    node.TimeoutSeconds = (int)Math.Min(s, int.MaxValue);
                    node.TimeoutSkips = (config["action"] as JsonString)?.Value == "forced_fail_and_skip";
                }
            }
            var component = entry["component"] as JsonObject;
            node.Code = (component?["code"] as JsonString)?.Value;
            if (component?["data"] is JsonObject data)
                foreach (var p in data.Properties)
                    if (!(p.Value is JsonObject item) || !item.ContainsKey("value"))
                        return "KeyError: 'value' (input " + p.Name + " of activity " + node.Id + " in " + where + " has no value)";
            return null;
        }

        private static string? ReadGateway(PipelineScope scope, GraphNode node, string where)
        {
            var entry = node.Entry;
            node.ConvergeGatewayId = MapOptional(scope, (entry["converge_gateway_id"] as JsonString)?.Value);
            if (node.Targets.Count == 0) return "ConnectionValidateError: gateway " + node.Id + " of " + where + " has no outgoing flow";
            if (node.Kind == NodeKind.ParallelGateway) return null;
            node.Branches = new List<GatewayBranch>();
            var conditions = entry["conditions"] as JsonObject;
            node.DefaultFlowId = MapOptional(scope, ((entry["default_condition"] as JsonObject)?["flow_id"] as JsonString)?.Value);
            foreach (var t in node.Targets)
            {
                // Conditions are keyed by the tree's flow ids; the run may use fresh ones.
                string treeFlowId = TreeId(scope, t.Key);
                if (conditions?[treeFlowId] is JsonObject condition)
                {
                    string? evaluate = (condition["evaluate"] as JsonString)?.Value;
                    string? name = (condition["name"] as JsonString)?.Value;
                    node.Branches.Add(new GatewayBranch(t.Key, evaluate, name ?? evaluate));
                }
                else if (t.Key != node.DefaultFlowId)
                    return "flow " + treeFlowId + " of gateway " + node.Id + " in " + where + " not exists in conditions or default_condition";
            }
            return null;
        }

        private static string TreeId(PipelineScope scope, string runId)
        {
            if (scope.IdMap == null) return runId;
            if (scope.TreeIds == null)
            {
                scope.TreeIds = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in scope.IdMap) scope.TreeIds[p.Value] = p.Key;
            }
            return scope.TreeIds.TryGetValue(runId, out var treeId) ? treeId : runId;
        }

        private static void ReadOutputBindings(PipelineScope scope)
        {
            if (!(scope.Tree["constants"] is JsonObject constants)) return;
            foreach (var p in constants.Properties)
            {
                var c = (JsonObject)p.Value;
                string? name = ConstantValues.VariableName(p.Name);
                if (name == null || (c["source_type"] as JsonString)?.Value != "component_outputs" || !(c["source_info"] is JsonObject info)) continue;
                foreach (var source in info.Properties)
                {
                    string nodeId = Map(scope, source.Name);
                    string? key = source.Value is JsonArray keys && keys.Count > 0 && keys[0] is JsonString k ? k.Value
                        : source.Value is JsonString single ? single.Value : null;
                    if (key == null) continue;
                    if (!scope.OutputBindings.TryGetValue(nodeId, out var list)) scope.OutputBindings[nodeId] = list = new List<KeyValuePair<string, string>>();
                    list.Add(new KeyValuePair<string, string>(name, key));
                }
            }
        }

        private static IEnumerable<string> Outgoing(JsonNode? outgoing)
        {
            if (outgoing is JsonString s)
            {
                if (s.Value.Length > 0) yield return s.Value;
            }
            else if (outgoing is JsonArray a)
            {
                foreach (var item in a.Items)
                    if (item is JsonString f) yield return f.Value;
            }
        }

        internal static bool Flag(JsonNode? value, bool fallback)
        {
            switch (value)
            {
                case JsonBoolean b: return b.Value;
                case JsonNumber n: return n.ToDouble() != 0;
                case JsonString s: return s.Value.Length > 0;
                case JsonNull _: return false;
                default: return fallback;
            }
        }


        /// <summary>Python's <c>int(x)</c> for a JSON value: whole numbers, floats truncated, strings of digits; false when it raises.</summary>
        private static bool PythonInt(JsonNode value, out long result)
        {
            result = 0;
            switch (value)
            {
                case JsonNumber n when n.TryGetInt64(out result): return true;
                case JsonNumber f:
                    double d = f.ToDouble();
                    if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > long.MaxValue) return false;
                    result = (long)Math.Truncate(d);
                    return true;
                case JsonBoolean b:
                    result = b.Value ? 1 : 0;
                    return true;
                case JsonString s:
                    return long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
                default:
                    return false;
            }
        }
    }
}
