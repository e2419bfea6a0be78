#nullable enable
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.New, "BkSopsPipeline")]
    [OutputType(typeof(PipelineTree))]
    public sealed class NewBkSopsPipelineCommand : PSCmdlet
    {
        /// <summary>What the pipeline runs, in order: step objects (hashtables, PSCustomObjects) and the blocks New-BkSopsGateway and New-BkSopsSubProcess write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public ScriptBlock? Body { get; set; }

        /// <summary>The tree's name (its Name and Source).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Custom constants (task parameters): @{ name = value }.</summary>
        [Parameter]
        public IDictionary? Constant { get; set; }

        /// <summary>Plugin inputs to expose as task parameters (component_inputs constants ${input}).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExposeInput { get; set; }

        /// <summary>Makes the ids reproducible; without it ids are cryptographically random.</summary>
        [Parameter]
        public int Seed { get; set; }

        protected override void EndProcessing()
        {
            var items = ScriptBlockItems.Read(this, Body, "the script block of New-BkSopsPipeline");
            var warnings = new List<string>();
            var sequence = StepSequence.From(items, warnings);
            var options = BuildOptions.From(this, Name, Constant, ExposeInput, MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : (int?)null);
            var result = new PipelineBuilder().Build(sequence, options, warnings);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            foreach (var problem in result.Problems) WriteError(BuildProblemRecords.From(problem));
            if (result.Succeeded) WriteObject(result.Tree);
        }
    }
}
