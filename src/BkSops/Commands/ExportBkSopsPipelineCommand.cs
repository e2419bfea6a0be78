using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Commands.Output;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes a pipeline tree as JSON text, to the pipeline or to a file.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "BkSopsPipeline", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportBkSopsPipelineCommand : PSCmdlet
    {
        /// <summary>The tree (or anything Import-BkSopsPipeline takes).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [PipelineTreeTransformation]
        public PipelineTree InputObject { get; set; }

        /// <summary>The file to write (UTF-8 without BOM). Without it the JSON text is written to the pipeline.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>Write the JSON without indentation or line breaks.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        protected override void ProcessRecord()
        {
            bool indented = !Compress.IsPresent;
            if (Path == null)
            {
                WriteObject(InputObject.ToJson(indented));
                return;
            }
            OutputFile.Write(this, Path, writer => JsonWriter.Write(InputObject.Root, writer, indented), "Write pipeline tree");
        }
    }
}
