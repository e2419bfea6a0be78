#nullable enable
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Input;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.ConvertTo, "BkSopsPipeline")]
    [OutputType(typeof(PipelineTree))]
    public sealed class ConvertToBkSopsPipelineCommand : PSCmdlet
    {
        private readonly List<BuildBlock> steps = new List<BuildBlock>();
        private readonly List<BuildProblem> problems = new List<BuildProblem>();
        private StepInput? input;

        /// <summary>The steps, from the pipeline: any object with Name and Code; its other properties are plugin inputs.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>The tree's name (its Name and Source).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Custom constants (task parameters): @{ name = value }; names as name or ${name}.</summary>
        [Parameter]
        public IDictionary? Constant { get; set; }

        /// <summary>The step property that names the stage (default Stage).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StageProperty { get; set; } = "Stage";

        /// <summary>The step property that names the parallel group (default ParallelGroup).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ParallelGroupProperty { get; set; } = "ParallelGroup";

        /// <summary>Plugin inputs to expose as task parameters: each becomes the component_inputs constant ${input}, hooked in every step that has it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExposeInput { get; set; }

        /// <summary>Makes the ids reproducible (the same steps and seed give the same tree); without it ids are cryptographically random.</summary>
        [Parameter]
        public int Seed { get; set; }

        protected override void BeginProcessing()
        {
            input = new StepInput(new StepReader(StageProperty, ParallelGroupProperty));
        }

        protected override void ProcessRecord()
        {
            object? value = InputObject is PSObject pso ? pso.BaseObject : InputObject;
            if (value is IEnumerable list && !(value is IDictionary) && !(value is string))
                foreach (var item in list) Add(item);
            else Add(InputObject);
        }

        private void Add(object? item)
        {
            int before = problems.Count;
            if (input == null) return; // BeginProcessing sets it
            var block = input.Read(item, problems);
            for (int i = before; i < problems.Count; i++) WriteError(BuildProblemRecords.From(problems[i]));
            if (block != null) steps.Add(block);
        }

        protected override void EndProcessing()
        {
            if (problems.Count > 0) return;
            var options = BuildOptions.From(this, Name, Constant, ExposeInput, MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : (int?)null);
            var result = new PipelineBuilder().Build(steps, options);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            foreach (var problem in result.Problems) WriteError(BuildProblemRecords.From(problem));
            if (result.Succeeded)
            {
                WriteVerbose($"Built {result.Tree}.");
                WriteObject(result.Tree);
            }
        }
    }
}
