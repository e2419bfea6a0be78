using System.Management.Automation;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.Import, "BkSopsPipeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PipelineTree))]
    public sealed class ImportBkSopsPipelineCommand : TreeInputCommandBase
    {
        protected override void ProcessTree(PipelineTree tree) => WriteObject(tree);
    }
}
