using System.Management.Automation;
using BkSops.Commands.Formatting;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.Import, "BkSopsPipeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PipelineTree))]
    public sealed class ImportBkSopsPipelineCommand : TreeInputCommandBase
    {
        protected override void ProcessTree(PipelineTree tree) => this.WriteViewed(tree);
    }
}
