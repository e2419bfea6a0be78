using System;
using System.Collections.Generic;
using System.Globalization;
using BkSops.Conditions;
using BkSops.Json;
using BkSops.Validation.Python;
using BkSops.Api;

namespace BkSops.Sandbox.Execution
{
    // The sandbox's plugins (contracts.md section 5): sleep_timer, pause_node, codes configured to fail, and every other
    // code finishing at once with its inputs as outputs.
    public sealed partial class TaskRun
    {
        public const string SleepTimerCode = "sleep_timer";
        public const string PauseNodeCode = "pause_node";

        private void RunPlugin(ProcessToken p, GraphNode node, NodeState st)
        {
            var values = node.Scope.Values();
            var inputs = RenderInputs(node, st, values);
            st.Inputs = inputs;
            StartTimeout(node, st);
            string code = node.Code ?? "";
            if (options.FailPlugins != null && options.FailPlugins.Contains(code))
            {
                Fail(p, node, st, "plugin " + code + " failed: the sandbox is set to make it fail (FailPlugins)");
                return;
            }
            switch (code)
            {
                case SleepTimerCode:
                {
                    if (!TryReadSeconds(inputs["bk_timing"], out double seconds, out string problem))
                    {
                        Fail(p, node, st, problem);
                        return;
                    }
                    var delay = TimeSpan.FromSeconds(Math.Min(seconds * options.TimeScale, TimeSpan.MaxValue.TotalSeconds / 2));
                    WaitOnTimer(p, node, st, Now + delay);
                    return;
                }
                case PauseNodeCode:
                    st.Schedule = ScheduleKind.Callback;
                    st.ScheduleVersions.Add(st.Version);
                    p.Status = ProcessStatus.Scheduled;
                    return;
                default:
                    Succeed(p, node, st, OutputsFrom(inputs, st));
                    return;
            }
        }

        private void WaitOnTimer(ProcessToken p, GraphNode node, NodeState st, DateTimeOffset due)
        {
            st.Schedule = ScheduleKind.Poll;
            if (!st.ScheduleVersions.Contains(st.Version)) st.ScheduleVersions.Add(st.Version);
            st.ScheduleDue = due;
            p.Status = ProcessStatus.Scheduled;
            string nodeId = node.Id, version = st.Version;
            var delay = due - Now;
            st.Timer = scheduler.Schedule(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, () => OnTimer(nodeId, version));
        }

        /// <summary>A sleep ends: schedules run whatever the pipeline's state (a paused or revoked task still finishes the node).</summary>
        private void OnTimer(string nodeId, string version)
        {
            lock (gate)
            {
                if (!states.TryGetValue(nodeId, out var st) || st.Version != version || st.State != TaskStates.Running || st.Schedule != ScheduleKind.Poll) return;
                st.Timer = null;
                var p = FindProcessAt(nodeId, ProcessStatus.Scheduled);
                var node = nodes[nodeId];
                if (p == null) Complete(st);
                else Succeed(p, node, st, OutputsFrom(st.Inputs, st));
                changed = true;
            }
            RaiseChanged();
        }

        /// <summary>The node finishes; its outputs feed the variables bound to them; the process moves on.</summary>
        private void Succeed(ProcessToken p, GraphNode node, NodeState st, JsonObject outputs)
        {
            st.Outputs = outputs;
            WriteOutputs(node, outputs);
            Complete(st);
            Advance(p, node.SingleTarget);
        }

        /// <summary>
        /// The plugin failed: FAILED and the process sleeps at the node (retry, skip); an error_ignorable node is FINISHED with
        /// error_ignored instead, its outputs go to the variables and the flow goes on.
        /// </summary>
        private void Fail(ProcessToken p, GraphNode node, NodeState st, string message)
        {
            var outputs = FailureOutputs(st, message);
            st.Outputs = outputs;
            st.Schedule = ScheduleKind.None;
            st.ScheduleDue = null;
            if (node.ErrorIgnorable)
            {
                st.ErrorIgnored = true;
                WriteOutputs(node, outputs);
                Complete(st);
                Advance(p, node.SingleTarget);
                return;
            }
            st.State = TaskStates.Failed;
            st.Archived = Now;
            p.Status = ProcessStatus.Sleeping;
            StopTimeout(st);
            ScheduleAutoRetry(node, st);
        }

        private static JsonObject FailureOutputs(NodeState st, string message)
        {
            var outputs = new JsonObject();
            outputs.Set("_result", JsonNode.From(false));
            outputs.Set("ex_data", JsonNode.From(message));
            outputs.Set("_loop", JsonNode.From(st.Loop));
            outputs.Set("_inner_loop", JsonNode.From(st.InnerLoop));
            return outputs;
        }

        private static JsonObject OutputsFrom(JsonObject? inputs, NodeState st)
        {
            var outputs = new JsonObject();
            if (inputs != null)
                foreach (var p in inputs.Properties)
                    if (p.Name != "_loop" && p.Name != "_inner_loop") outputs.Set(p.Name, p.Value);
            outputs.Set("_result", JsonNode.From(true));
            outputs.Set("_loop", JsonNode.From(st.Loop));
            outputs.Set("_inner_loop", JsonNode.From(st.InnerLoop));
            return outputs;
        }

        private void WriteOutputs(GraphNode node, JsonObject outputs)
        {
            if (!node.Scope.OutputBindings.TryGetValue(node.Id, out var bindings)) return;
            foreach (var b in bindings)
                if (outputs.TryGetValue(b.Value, out var value)) node.Scope.RunTimeValues[b.Key] = value;
        }

        /// <summary>The execution inputs: each <c>component.data</c> item's value (or the inputs a retry gave), rendered.</summary>
        private JsonObject RenderInputs(GraphNode node, NodeState st, IReadOnlyDictionary<string, object?> values)
        {
            var inputs = new JsonObject();
            var treeData = (node.Entry["component"] as JsonObject)?["data"] as JsonObject;
            if (st.RetryInputs != null)
            {
                // Inputs a retry gave render, except keys listed in _escape_render_keys and keys the tree marks need_render=false.
                var escaped = new HashSet<string>(StringComparer.Ordinal);
                if (st.RetryInputs["_escape_render_keys"] is JsonArray keys)
                    foreach (var k in keys.Items)
                        if (k is JsonString ks) escaped.Add(ks.Value);
                if (treeData != null)
                    foreach (var p in treeData.Properties)
                        if ((p.Value as JsonObject)?["need_render"] is JsonBoolean nr && !nr.Value) escaped.Add(p.Name);
                foreach (var p in st.RetryInputs.Properties) inputs.Set(p.Name, escaped.Contains(p.Name) ? p.Value : Render(p.Value, values));
            }
            else if (treeData != null)
            {
                foreach (var p in treeData.Properties)
                {
                    var item = (JsonObject)p.Value;
                    // GraphBuilder.ReadActivity refused the tree unless every data item of an activity has a value.
                    var value = item["value"]!;
                    bool render = !(item["need_render"] is JsonBoolean nr) || nr.Value;
                    inputs.Set(p.Name, render ? Render(value, values) : value);
                }
            }
            inputs.Set("_loop", JsonNode.From(st.Loop));
            inputs.Set("_inner_loop", JsonNode.From(st.InnerLoop));
            return inputs;
        }

        /// <summary>
        /// A value with <c>${…}</c> rendered: a string that is exactly one <c>${name}</c> of a known variable becomes the
        /// variable's value (as the engine's template returns the raw value); other strings are rendered as text, Python
        /// expressions evaluated (BkSops.Core's MakoExpression), forms outside its subset or that raise staying literal. Other values are kept.
        /// </summary>
        private static JsonNode Render(JsonNode value, IReadOnlyDictionary<string, object?> values)
        {
            if (!(value is JsonString s) || s.Value.IndexOf("${", StringComparison.Ordinal) < 0) return value;
            string text = s.Value;
            var segments = ConditionExpression.Parse(text).Templates;
            if (segments.Count == 1 && segments[0].Text.Length == text.Length && segments[0].Form == TemplateForm.Name
                && segments[0].Name is string variable && values.TryGetValue(variable, out var raw) && !ConditionValues.IsUnknown(raw))
                return PyJson.ToJson(raw);
            return JsonNode.From(TemplateText.Render(text, values, evaluateExpressions: true));
        }

        /// <summary><c>bk_timing</c>: seconds as a number or a numeric string, zero or more; <paramref name="problem"/> is empty when it reads.</summary>
        internal static bool TryReadSeconds(JsonNode? value, out double seconds, out string problem)
        {
            seconds = 0;
            problem = "";
            string? text = value is JsonNumber n ? n.RawText : value is JsonString s ? s.Value.Trim() : null;
            if (text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                && !double.IsNaN(seconds) && !double.IsInfinity(seconds) && seconds >= 0)
                return true;
            string shown = value == null ? "nothing" : JsonWriter.Write(value, indented: false);
            problem = "sleep_timer needs bk_timing as a number of seconds (zero or more), or a string holding one; got " + shown;
            return false;
        }
    }
}
