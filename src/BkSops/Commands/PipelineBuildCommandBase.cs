using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Formatting;
using BkSops.Commands.Input;
using BkSops.Json;

namespace BkSops.Commands
{
    /// <summary>
    /// What ConvertTo-BkSopsPipeline and New-BkSopsPipeline share: the tree's options (-Name, -Constant, -ExposeInput,
    /// -Seed) and how a build's outcome is written (warnings, one error per problem, the tree when it succeeded).
    /// </summary>
    public abstract class PipelineBuildCommandBase : PSCmdlet
    {
        /// <summary>The tree's name (its Name and Source).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Custom constants (task parameters): @{ name = value }; names as name or ${name}.</summary>
        [Parameter]
        public IDictionary? Constant { get; set; }

        /// <summary>Plugin inputs to expose as task parameters: each becomes the component_inputs constant ${input}, hooked in every step that has it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExposeInput { get; set; }

        /// <summary>Makes the ids reproducible (the same steps and seed give the same tree); without it ids are cryptographically random.</summary>
        [Parameter]
        public int Seed { get; set; }

        protected PipelineBuildOptions BuildOptions()
        {
            int? seed = MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : (int?)null;
            var options = new PipelineBuildOptions { Name = Name, Seed = seed, ExposeInputs = ExposeInput };
            if (Constant != null)
                foreach (DictionaryEntry entry in Constant)
                    options.Constants.Add(new KeyValuePair<string, JsonNode>(
                        System.Convert.ToString(entry.Key is PSObject p ? p.BaseObject : entry.Key, CultureInfo.InvariantCulture),
                        ObjectToJson.Convert(entry.Value)));
            return options;
        }

        protected void WriteBuildResult(BuildResult result)
        {
            foreach (var warning in result.Warnings) WriteWarning(warning);
            foreach (var problem in result.Problems) WriteError(BuildProblemRecords.From(problem));
            if (!result.Succeeded) return;
            WriteVerbose($"Built {result.Tree}.");
            this.WriteViewed(result.Tree);
        }
    }
}
