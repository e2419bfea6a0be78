using System.Management.Automation;
using BkSops.Rendering;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Show, "BkSopsPipeline")]
    [OutputType(typeof(void))]
    public sealed class ShowBkSopsPipelineCommand : DiagramCommandBase
    {
        protected override void ProcessRecord()
        {
            if (InputObject == null) return; // mandatory: PowerShell binds it before ProcessRecord
            var highlight = HighlightSet(InputObject);
            string text = DiagramRenderer.Render(InputObject, DiagramFormat.Text, highlight).Text;
            if (InputObject.Source != null) Write(InputObject.Source);
            foreach (var line in text.TrimEnd('\n').Split('\n')) Write(line);
        }

        // As Write-Host does: shown by the host, and capturable from the information stream (6>&1).
        private void Write(string line) =>
            WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
    }
}
