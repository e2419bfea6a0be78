using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.New, "BkSopsPipeline")]
    [OutputType(typeof(PipelineTree))]
    public sealed class NewBkSopsPipelineCommand : PipelineBuildCommandBase
    {
        /// <summary>What the pipeline runs, in order: step objects (hashtables, PSCustomObjects) and the blocks New-BkSopsGateway and New-BkSopsSubProcess write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public ScriptBlock? Body { get; set; }

        protected override void EndProcessing()
        {
            var items = ScriptBlockItems.Read(this, Body, "the script block of New-BkSopsPipeline");
            var warnings = new List<string>();
            var sequence = StepSequence.From(items, warnings);
            WriteBuildResult(new PipelineBuilder().Build(sequence, BuildOptions(), warnings));
        }
    }
}
