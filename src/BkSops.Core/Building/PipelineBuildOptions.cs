using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Building
{
    /// <summary>What the builder needs besides the steps.</summary>
    public sealed class PipelineBuildOptions
    {
        /// <summary>The tree's name (its <see cref="Model.PipelineTree.Name"/> and <see cref="Model.PipelineTree.Source"/>).</summary>
        public string? Name { get; set; }

        /// <summary>Custom constants: name (<c>x</c> or <c>${x}</c>) and value, in order.</summary>
        public IList<KeyValuePair<string, JsonNode>> Constants { get; } = new List<KeyValuePair<string, JsonNode>>();

        /// <summary>Plugin inputs to expose as task parameters (hooked to a <c>component_inputs</c> constant).</summary>
        public ICollection<string>? ExposeInputs { get; set; }

        /// <summary>Seed for reproducible ids; null: cryptographic random ids.</summary>
        public int? Seed { get; set; }

        /// <summary>Deeper nesting of gateway blocks is refused (the server takes minutes on exclusive gateways nested 50 deep).</summary>
        public int MaxNesting { get; set; } = 100;

        /// <summary>Tests only: write every loop, without the rules of which loops the server accepts, to compare those rules with the validator.</summary>
        internal bool WriteEveryLoop { get; set; }
    }
}
