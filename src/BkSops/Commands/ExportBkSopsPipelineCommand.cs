using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Commands.Output;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.Export, "BkSopsPipeline", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportBkSopsPipelineCommand : ExportCommandBase
    {
        /// <summary>The tree (or anything Import-BkSopsPipeline takes).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [PipelineTreeTransformation]
        public PipelineTree? InputObject { get; set; }

        /// <summary>Write the JSON without indentation or line breaks.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        protected override void ProcessRecord()
        {
            bool indented = !Compress.IsPresent;
            var tree = Mandatory.Value(InputObject, nameof(InputObject));
            Export(writer => JsonWriter.Write(tree.Root, writer, indented), "Write pipeline tree");
        }
    }
}
