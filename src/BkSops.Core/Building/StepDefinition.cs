using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Building
{
    /// <summary>The kind of node a step becomes.</summary>
    public enum StepKind { ServiceActivity, SubProcess }

    /// <summary>
    /// One step of a pipeline to build (contracts.md section 3): a plugin node (or a SubProcess) with its name, plugin
    /// code and version, inputs, stage, parallel group and error handling flags.
    /// </summary>
    public sealed class StepDefinition : BuildBlock
    {
        public StepKind Kind { get; set; } = StepKind.ServiceActivity;

        /// <summary>The name as the user gave it (the tree carries the name the server stores, see <see cref="PipelineBuilder"/>).</summary>
        public string Name { get; set; } = "";

        /// <summary>The plugin code (<c>component.code</c>); unused for a SubProcess.</summary>
        public string Code { get; set; } = "";

        /// <summary>The plugin version; <c>legacy</c> when not given.</summary>
        public string? Version { get; set; }

        /// <summary>Plugin inputs in the order given: name and value.</summary>
        public IList<KeyValuePair<string, JsonNode>> Inputs { get; } = new List<KeyValuePair<string, JsonNode>>();

        /// <summary>The stage the step belongs to (<c>stage_name</c>), or null.</summary>
        public string? Stage { get; set; }

        /// <summary>Consecutive steps with the same non-empty group run side by side (contracts.md section 3).</summary>
        public string? ParallelGroup { get; set; }

        public bool? ErrorIgnorable { get; set; }
        public bool? Retryable { get; set; }
        public bool? Skippable { get; set; }

        /// <summary>The template a SubProcess runs.</summary>
        public long? TemplateId { get; set; }

        /// <summary>Where the step came from, for messages: "step 3", "row 3".</summary>
        public string Origin { get; set; } = "step";

        /// <summary>The object the step was read from (reported as the target of errors); opaque to the builder.</summary>
        public object? SourceObject { get; set; }

        /// <summary>How messages name the step: its origin and its name.</summary>
        public string Describe() =>
            (string.IsNullOrEmpty(Origin) ? "step" : Origin) + (string.IsNullOrEmpty(Name) ? "" : $" '{Name}'");

        /// <summary>
        /// A step that makes a node like <paramref name="activity"/> (of another tree): name, plugin code and version,
        /// stage, flags, and each input's value (<c>component.data[*].value</c>); a SubProcess keeps its template id.
        /// </summary>
        public static StepDefinition FromActivity(Model.Activity activity, string? origin = null)
        {
            var step = new StepDefinition
            {
                Name = activity.Name ?? "",
                Code = activity.Code ?? "",
                Version = activity.Version,
                Stage = string.IsNullOrEmpty(activity.StageName) ? null : activity.StageName,
                ErrorIgnorable = activity.ErrorIgnorable,
                Retryable = activity.Retryable,
                Skippable = activity.Skippable,
                Origin = origin ?? $"activity {activity.Key}",
                SourceObject = activity,
            };
            if (activity.Type == "SubProcess")
            {
                step.Kind = StepKind.SubProcess;
                if (activity.Data["template_id"] is JsonNumber n && n.TryGetInt64(out long id)) step.TemplateId = id;
            }
            else if (activity.Data["component"] is JsonObject component && component["data"] is JsonObject data)
            {
                foreach (var input in data.Properties)
                    if (input.Value is JsonObject item && item["value"] is JsonNode value)
                        step.Inputs.Add(new KeyValuePair<string, JsonNode>(input.Name, value));
            }
            return step;
        }

        public override string ToString() => Kind == StepKind.SubProcess
            ? $"SubProcess '{Name}' (template {TemplateId})"
            : $"Step '{Name}' ({Code})";
    }
}
