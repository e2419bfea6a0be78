using System.Management.Automation;
using BkSops.Rendering;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.ConvertTo, "BkSopsDiagram")]
    [OutputType(typeof(string))]
    public sealed class ConvertToBkSopsDiagramCommand : DiagramCommandBase
    {
        /// <summary>Mermaid (default), Dot or Text.</summary>
        [Parameter(Position = 1)]
        public DiagramFormat Format { get => formatBox is DiagramFormat f ? f : DiagramFormat.Mermaid; set => formatBox = value; }

        // Boxed: an enum-typed field from another of our assemblies would make Import-Module load it while it reads
        // the cmdlets, before ModuleAssemblyLoader picks the BkSops.Core build (ModuleLoading.Tests.ps1 checks this).
        private object? formatBox;

        /// <summary>
        /// Fold the drawing so big trees stay readable and within renderers' limits: Runs (each run of consecutive steps
        /// becomes one node), Stages (each stage becomes one node, runs outside stages folded too), or None (default).
        /// </summary>
        [Parameter]
        public DiagramCollapse Collapse { get => collapseBox is DiagramCollapse c ? c : DiagramCollapse.None; set => collapseBox = value; }

        private object? collapseBox;

        protected override void ProcessRecord()
        {
            if (InputObject == null) return; // mandatory: PowerShell binds it before ProcessRecord
            var result = DiagramRenderer.Render(InputObject, Format, HighlightSet(InputObject), Collapse);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            WriteObject(result.Text);
        }
    }
}
