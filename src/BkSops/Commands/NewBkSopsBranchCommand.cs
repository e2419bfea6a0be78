using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Formatting;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.New, "BkSopsBranch")]
    [OutputType(typeof(BranchBlock))]
    public sealed class NewBkSopsBranchCommand : PSCmdlet
    {
        /// <summary>The branch's steps and blocks, in order. Omit it for an empty branch or with -GoTo.</summary>
        [Parameter(Position = 0)]
        public ScriptBlock? Body { get; set; }

        /// <summary>The condition under which an Exclusive or ConditionalParallel gateway takes this branch, e.g. '${count} > 1'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Condition { get; set; }

        /// <summary>This branch is taken when no other branch's condition holds.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        /// <summary>Loop back to this earlier step (its name) instead of running steps.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GoTo { get; set; }

        protected override void EndProcessing()
        {
            var branch = new BranchBlock { Condition = Condition, IsDefault = Default.IsPresent, GoTo = GoTo };
            if (Body != null)
                branch.Body = ScriptBlockItems.Sequence(this, ScriptBlockItems.Read(this, Body, "a branch"));
            this.WriteViewed(branch);
        }
    }
}
