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
    public sealed class ConvertToBkSopsPipelineCommand : PipelineBuildCommandBase
    {
        private readonly List<BuildBlock> steps = new List<BuildBlock>();
        private readonly List<BuildProblem> problems = new List<BuildProblem>();
        private StepInput? input;

        /// <summary>The steps, from the pipeline: any object with Name and Code; its other properties are plugin inputs.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>The step property that names the stage (default Stage).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StageProperty { get; set; } = "Stage";

        /// <summary>The step property that names the parallel group (default ParallelGroup).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ParallelGroupProperty { get; set; } = "ParallelGroup";

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
            WriteBuildResult(new PipelineBuilder().Build(steps, BuildOptions()));
        }
    }
}
