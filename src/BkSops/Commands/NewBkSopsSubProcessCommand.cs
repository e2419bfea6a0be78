using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Formatting;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.New, "BkSopsSubProcess")]
    [OutputType(typeof(StepDefinition))]
    public sealed class NewBkSopsSubProcessCommand : PSCmdlet
    {
        /// <summary>The node's name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The id of the flow template the node runs.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1, long.MaxValue)]
        public long TemplateId { get; set; }

        /// <summary>The stage the node belongs to (stage_name).</summary>
        [Parameter]
        public string? Stage { get; set; }

        /// <summary>The template version to run (the template's current version when omitted).</summary>
        [Parameter]
        public string? Version { get; set; }

        /// <summary>Run the nodes after it even when it fails.</summary>
        [Parameter]
        public SwitchParameter ErrorIgnorable { get; set; }

        protected override void EndProcessing()
        {
            this.WriteViewed(new StepDefinition
            {
                Kind = StepKind.SubProcess,
                Name = Name ?? "",
                TemplateId = TemplateId,
                Stage = Stage,
                Version = Version,
                ErrorIgnorable = ErrorIgnorable.IsPresent ? true : (bool?)null,
                Origin = "sub-process",
            });
        }
    }
}
