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
        public string Name { get; set; }

        /// <summary>The plugin code (<c>component.code</c>); unused for a SubProcess.</summary>
        public string Code { get; set; }

        /// <summary>The plugin version; <c>legacy</c> when not given.</summary>
        public string Version { get; set; }

        /// <summary>Plugin inputs in the order given: name and value.</summary>
        public IList<KeyValuePair<string, JsonNode>> Inputs { get; } = new List<KeyValuePair<string, JsonNode>>();

        /// <summary>The stage the step belongs to (<c>stage_name</c>), or null.</summary>
        public string Stage { get; set; }

        /// <summary>Consecutive steps with the same non-empty group run side by side (contracts.md section 3).</summary>
        public string ParallelGroup { get; set; }

        public bool? ErrorIgnorable { get; set; }
        public bool? Retryable { get; set; }
        public bool? Skippable { get; set; }

        /// <summary>The template a SubProcess runs.</summary>
        public long? TemplateId { get; set; }

        /// <summary>Where the step came from, for messages: "step 3", "row 3".</summary>
        public string Origin { get; set; }

        /// <summary>The object the step was read from (reported as the target of errors); opaque to the builder.</summary>
        public object SourceObject { get; set; }

        /// <summary>How messages name the step: its origin and its name.</summary>
        public string Describe() =>
            (Origin ?? "step") + (string.IsNullOrEmpty(Name) ? "" : $" '{Name}'");

        public override string ToString() => Kind == StepKind.SubProcess
            ? $"SubProcess '{Name}' (template {TemplateId})"
            : $"Step '{Name}' ({Code})";
    }
}
