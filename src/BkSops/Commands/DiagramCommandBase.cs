using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Commands
{
    /// <summary>
    /// What the drawing cmdlets (ConvertTo-BkSopsDiagram, Show-BkSopsPipeline) share: the tree from the pipeline and
    /// which of its nodes to highlight, by name or id or because the validator has something to say about them.
    /// </summary>
    public abstract class DiagramCommandBase : PSCmdlet
    {
        /// <summary>The tree (or anything Import-BkSopsPipeline takes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [PipelineTreeTransformation]
        public PipelineTree? InputObject { get; set; }

        /// <summary>Nodes to highlight, by id or name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Highlight { get; set; }

        /// <summary>Check the tree and highlight every node with an Error or Warning diagnostic.</summary>
        [Parameter]
        public SwitchParameter HighlightDiagnostics { get; set; }

        /// <summary>The ids and names to highlight in <paramref name="tree"/>; null when nothing is.</summary>
        protected HashSet<string>? HighlightSet(PipelineTree tree)
        {
            if (Highlight == null && !HighlightDiagnostics.IsPresent) return null;
            var set = new HashSet<string>(Highlight ?? new string[0], System.StringComparer.Ordinal);
            if (HighlightDiagnostics.IsPresent)
                foreach (var d in new PipelineValidator().Validate(tree).Diagnostics)
                    if (d.NodeId != null && d.Severity != Severity.Information)
                    {
                        set.Add(d.NodeId);
                        WriteVerbose($"{d.Severity} {d.RuleName} at {d.NodeId}: {d.Message}");
                    }
            return set;
        }
    }
}
