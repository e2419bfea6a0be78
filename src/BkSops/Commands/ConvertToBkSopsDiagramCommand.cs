#nullable enable
using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Model;
using BkSops.Rendering;
using BkSops.Validation;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.ConvertTo, "BkSopsDiagram")]
    [OutputType(typeof(string))]
    public sealed class ConvertToBkSopsDiagramCommand : PSCmdlet
    {
        /// <summary>The tree (or anything Import-BkSopsPipeline takes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [PipelineTreeTransformation]
        public PipelineTree? InputObject { get; set; }

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

        /// <summary>Nodes to highlight, by id or name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Highlight { get; set; }

        /// <summary>Check the tree and highlight every node with an Error or Warning diagnostic.</summary>
        [Parameter]
        public SwitchParameter HighlightDiagnostics { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return; // mandatory: PowerShell binds it before ProcessRecord
            var result = DiagramRenderer.Render(InputObject, Format, HighlightSet(this, InputObject, Highlight, HighlightDiagnostics.IsPresent), Collapse);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            WriteObject(result.Text);
        }

        internal static HashSet<string>? HighlightSet(PSCmdlet cmdlet, PipelineTree tree, string[]? names, bool diagnostics)
        {
            if (names == null && !diagnostics) return null;
            var set = new HashSet<string>(names ?? new string[0], System.StringComparer.Ordinal);
            if (diagnostics)
                foreach (var d in new PipelineValidator().Validate(tree).Diagnostics)
                    if (d.NodeId != null && d.Severity != Severity.Information)
                    {
                        set.Add(d.NodeId);
                        cmdlet.WriteVerbose($"{d.Severity} {d.RuleName} at {d.NodeId}: {d.Message}");
                    }
            return set;
        }
    }
}
