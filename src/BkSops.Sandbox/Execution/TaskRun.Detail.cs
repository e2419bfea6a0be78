using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    // get_task_node_detail (spec 2.15.5).
    public sealed partial class TaskRun
    {
        /// <summary>
        /// get_task_node_detail. <paramref name="subprocessStack"/> is the query's JSON text (null or empty: <c>[]</c>);
        /// <paramref name="loop"/> null means the current loop.
        /// </summary>
        public ExecutionAnswer GetNodeDetail(string nodeId, string? componentCode = null, int? loop = null, string? subprocessStack = null)
        {
            if (subprocessStack != null && subprocessStack.Length > 0)
            {
                JsonNode? stack = null;
                try { stack = JsonReader.Parse(subprocessStack); }
                catch (BkSops.Serialization.PipelineInputException) { }
                if (!(stack is JsonArray)) return ExecutionAnswer.Failure("subprocess_stack is not a valid array json", ExecutionAnswer.UnknownError);
            }
            lock (gate)
            {
                if (!HasNode(nodeId)) return ExecutionAnswer.Failure(EngineErrors.NodeDetailNotFound(TaskId, nodeId), ExecutionAnswer.RequestParamInvalid);
                if (!states.TryGetValue(nodeId, out var st)) return ExecutionAnswer.WithData(UnreachedDetail(nodeId, componentCode));
                if (loop.HasValue && loop.Value < st.Loop) return ExecutionAnswer.WithData(PastLoopDetail(st, loop.Value, componentCode));
                var d = Entry(st, st, Now);
                d.Set("histories", Histories(st, st.Loop));
                d.Set("history_id", JsonNode.From(-1));
                d.Set("inputs", InputsShown(nodeId, st.Inputs));
                d.Set("outputs", OutputList(nodeId, st.Outputs, componentCode));
                d.Set("ex_data", ExData(st.Outputs));
                // Looked up with the node's parent as the root pipeline: always {} inside sub-processes.
                d.Set("auto_retry_info", st.ParentId == PipelineId ? AutoRetryInfo(nodeId) : new JsonObject());
                return ExecutionAnswer.WithData(d);
            }
        }

        private JsonObject UnreachedDetail(string nodeId, string? componentCode)
        {
            nodes.TryGetValue(nodeId, out var node);
            var entry = node?.Entry ?? (tree["activities"] as JsonObject)?[nodeId] as JsonObject ?? (tree["gateways"] as JsonObject)?[nodeId] as JsonObject;
            var d = new JsonObject();
            d.Set("name", JsonNode.From((entry?["name"] as JsonString)?.Value ?? ""));
            d.Set("error_ignorable", JsonNode.From(entry != null && GraphBuilder.Flag(entry["error_ignorable"], false)));
            d.Set("state", JsonNode.From(TaskStates.Ready));
            d.Set("inputs", PreviewInputs(node, entry));
            var outputs = new JsonArray();
            if (componentCode != null)
                foreach (var (key, name) in PresetOutputs(CodeOf(entry)))
                    outputs.Add(OutputItem(name, key, JsonNode.From(""), preset: true));
            d.Set("outputs", outputs);
            d.Set("ex_data", JsonNode.From(""));
            return d;
        }

        private JsonObject PreviewInputs(GraphNode? node, JsonObject? entry)
        {
            var inputs = new JsonObject();
            if (!((entry?["component"] as JsonObject)?["data"] is JsonObject data)) return inputs;
            var values = node != null ? node.Scope.Values() : BkSops.Conditions.ConstantValues.FromConstants(tree["constants"]);
            foreach (var p in data.Properties)
            {
                var value = (p.Value as JsonObject)?["value"];
                if (value == null) continue;
                bool render = !((p.Value as JsonObject)?["need_render"] is JsonBoolean nr) || nr.Value;
                inputs.Set(p.Name, render ? Render(value, values) : value);
            }
            return inputs;
        }

        private JsonObject PastLoopDetail(NodeState st, int loop, string? componentCode)
        {
            var rows = st.Histories.Where(h => h.Loop == loop).ToList();
            if (rows.Count == 0)
            {
                var empty = new JsonObject();
                empty.Set("state", JsonNode.From(TaskStates.Finished));
                empty.Set("histories", new JsonArray());
                return empty;
            }
            var lastRow = rows[rows.Count - 1];
            var d = HistoryEntry(st.NodeId, lastRow);
            d.Set("state", JsonNode.From(TaskStates.Finished));
            d.Set("history_id", JsonNode.From(lastRow.Id));
            d.Set("outputs", OutputList(st.NodeId, lastRow.Outputs, componentCode));
            var earlier = new JsonArray();
            foreach (var h in rows.Take(rows.Count - 1)) earlier.Add(HistoryEntry(st.NodeId, h));
            d.Set("histories", earlier);
            return d;
        }

        private JsonArray Histories(NodeState st, int loop)
        {
            var list = new JsonArray();
            foreach (var h in st.Histories)
                if (h.Loop == loop) list.Add(HistoryEntry(st.NodeId, h));
            return list;
        }

        private JsonObject HistoryEntry(string nodeId, HistoryRow h)
        {
            var o = new JsonObject();
            o.Set("id", JsonNode.From(h.Id));
            o.Set("history_id", JsonNode.From(h.Id));
            o.Set("node_id", JsonNode.From(nodeId));
            o.Set("loop", JsonNode.From(h.Loop));
            o.Set("skip", JsonNode.From(h.Skip));
            o.Set("version", JsonNode.From(h.Version));
            o.Set("inputs", h.Inputs ?? new JsonObject());
            o.Set("outputs", h.Outputs ?? new JsonObject());
            o.Set("ex_data", ExData(h.Outputs));
            o.Set("state", JsonNode.From(TaskStates.Failed));
            o.Set("children", new JsonObject());
            o.Set("start_time", h.Started.HasValue ? (JsonNode)JsonNode.From(StatusTime.FormatTime(h.Started.Value)) : new JsonNull());
            o.Set("finish_time", h.Archived.HasValue ? (JsonNode)JsonNode.From(StatusTime.FormatTime(h.Archived.Value)) : new JsonNull());
            o.Set("elapsed_time", JsonNode.From(StatusTime.ElapsedSeconds(h.Started, h.Archived, Now)));
            return o;
        }

        private JsonObject InputsShown(string nodeId, JsonObject? inputs)
        {
            var shown = inputs == null ? new JsonObject() : (JsonObject)inputs.Clone();
            // Inputs marked need_render=false show their raw tree value.
            if (nodes.TryGetValue(nodeId, out var node) && (node.Entry["component"] as JsonObject)?["data"] is JsonObject data)
                foreach (var p in data.Properties)
                    if ((p.Value as JsonObject)?["need_render"] is JsonBoolean nr && !nr.Value && ((JsonObject)p.Value)["value"] is JsonNode raw && shown.ContainsKey(p.Name))
                        shown.Set(p.Name, raw);
            return shown;
        }

        private JsonArray OutputList(string nodeId, JsonObject? outputs, string? componentCode)
        {
            var list = new JsonArray();
            var renamed = OutputVariableNames(nodeId);
            if (componentCode == null)
            {
                if (outputs != null)
                    foreach (var p in outputs.Properties) list.Add(OutputItem(null, Shown(renamed, p.Name), p.Value, preset: false));
                return list;
            }
            var presets = PresetOutputs(nodes.TryGetValue(nodeId, out var node) ? node.Code : null);
            foreach (var (key, name) in presets)
            {
                JsonNode value = outputs != null && outputs.TryGetValue(key, out var v) ? v : JsonNode.From("");
                list.Add(OutputItem(name, Shown(renamed, key), value, preset: true));
            }
            if (outputs != null)
                foreach (var p in outputs.Properties)
                    if (!presets.Any(x => x.key == p.Name)) list.Add(OutputItem(Shown(renamed, p.Name), Shown(renamed, p.Name), p.Value, preset: false));
            return list;
        }

        private static string Shown(Dictionary<string, string> renamed, string key) => renamed.TryGetValue(key, out var name) ? name : key;

        /// <summary>Output key → the variable (key without ${}) it feeds: the detail shows the variable's name.</summary>
        private Dictionary<string, string> OutputVariableNames(string nodeId)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (nodes.TryGetValue(nodeId, out var node) && node.Scope.OutputBindings.TryGetValue(nodeId, out var bindings))
                foreach (var b in bindings) map[b.Value] = b.Key;
            return map;
        }

        private static JsonObject OutputItem(string? name, string key, JsonNode value, bool preset)
        {
            var o = new JsonObject();
            if (name != null) o.Set("name", JsonNode.From(name));
            o.Set("key", JsonNode.From(key));
            o.Set("value", value);
            o.Set("preset", JsonNode.From(preset));
            return o;
        }

        /// <summary>The sandbox plugins' declared outputs (key, name): only pause_node declares one.</summary>
        private static List<(string key, string name)> PresetOutputs(string? code) =>
            code == PauseNodeCode ? new List<(string, string)> { ("callback_data", "callback data") } : new List<(string, string)>();

        private static string? CodeOf(JsonObject? entry) => ((entry?["component"] as JsonObject)?["code"] as JsonString)?.Value;

        private static JsonNode ExData(JsonObject? outputs) =>
            outputs != null && outputs.TryGetValue("ex_data", out var ex) ? (ex is JsonString ? ex : JsonNode.From(JsonWriter.Write(ex, false))) : (JsonNode)new JsonNull();
    }
}
