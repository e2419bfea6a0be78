using System.Linq;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Formatting;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsDiagnostic.Repair, "BkSopsPipeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PipelineTree))]
    [OutputType(typeof(RepairResult))]
    public sealed class RepairBkSopsPipelineCommand : TreeInputCommandBase
    {
        private readonly TreeRepairer repairer = new TreeRepairer();

        /// <summary>Return a RepairResult (repaired tree, changes, verdict) instead of the tree.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessTree(PipelineTree tree)
        {
            var result = repairer.Repair(tree);
            foreach (var change in result.Changes) WriteVerbose($"{tree.Source}: {change}");
            if (!result.IsRepaired)
            {
                var first = result.Validation.ServerVerdict!; // not repaired means not valid: there is an Error
                int errors = result.Validation.ErrorCount;
                string message = $"Cannot repair {tree.Source ?? "the tree"}: {first.Message}" +
                    (errors > 1 ? $" ({Formatting.ViewText.Counted(errors - 1, "more error")}.)" : "") +
                    " Repair only fixes the form of a tree, never its meaning. Run Test-BkSopsPipeline -Detailed to see every finding.";
                var record = new ErrorRecord(new System.InvalidOperationException(message),
                    "BkSops.Validation." + first.RuleName, ErrorCategory.InvalidData, tree);
                record.ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = first.Hint
                };
                WriteError(record);
                if (Detailed.IsPresent) this.WriteViewed(result);
                return;
            }
            this.WriteViewed(Detailed.IsPresent ? (object)result : result.Tree);
        }
    }
}
