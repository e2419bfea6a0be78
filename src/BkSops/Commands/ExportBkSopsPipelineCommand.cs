#nullable enable
using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Commands.Output;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.Export, "BkSopsPipeline", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportBkSopsPipelineCommand : PSCmdlet
    {
        /// <summary>The tree (or anything Import-BkSopsPipeline takes).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [PipelineTreeTransformation]
        public PipelineTree? InputObject { get; set; }

        /// <summary>The file to write (UTF-8 without BOM). Without it the JSON text is written to the pipeline.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Write the JSON without indentation or line breaks.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>Overwrite a read-only file (it stays read-only), as Out-File -Force does.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Leave an existing file alone: the error BkSops.Input.NoClobber instead of overwriting it.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        protected override void ProcessRecord()
        {
            bool indented = !Compress.IsPresent;
            var tree = Mandatory.Value(InputObject, nameof(InputObject));
            if (Path == null)
            {
                WriteObject(tree.ToJson(indented));
                return;
            }
            OutputFile.Write(this, Path, writer => JsonWriter.Write(tree.Root, writer, indented), "Write pipeline tree", Force, NoClobber);
        }
    }
}
