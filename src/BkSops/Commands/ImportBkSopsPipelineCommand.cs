using System.Management.Automation;
using BkSops.Model;

namespace BkSops.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads bk-sops pipeline trees from files, JSON text or objects.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "BkSopsPipeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PipelineTree))]
    public sealed class ImportBkSopsPipelineCommand : TreeInputCommandBase
    {
        protected override void ProcessTree(PipelineTree tree) => WriteObject(tree);
    }
}
