#nullable enable
using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Model;
using BkSops.Rendering;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Show, "BkSopsPipeline")]
    [OutputType(typeof(void))]
    public sealed class ShowBkSopsPipelineCommand : PSCmdlet
    {
        /// <summary>The tree (or anything Import-BkSopsPipeline takes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [PipelineTreeTransformation]
        public PipelineTree? InputObject { get; set; }

        /// <summary>Nodes to mark with (!), by id or name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Highlight { get; set; }

        /// <summary>Check the tree and mark every node with an Error or Warning diagnostic with (!).</summary>
        [Parameter]
        public SwitchParameter HighlightDiagnostics { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return; // mandatory: PowerShell binds it before ProcessRecord
            var highlight = ConvertToBkSopsDiagramCommand.HighlightSet(this, InputObject, Highlight, HighlightDiagnostics.IsPresent);
            string text = DiagramRenderer.Render(InputObject, DiagramFormat.Text, highlight).Text;
            if (InputObject.Source != null) Write(InputObject.Source);
            foreach (var line in text.TrimEnd('\n').Split('\n')) Write(line);
        }

        // As Write-Host does: shown by the host, and capturable from the information stream (6>&1).
        private void Write(string line) =>
            WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
    }
}
