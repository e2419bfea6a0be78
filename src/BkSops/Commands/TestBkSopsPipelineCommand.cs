using System.Management.Automation;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks pipeline trees offline with the bk-sops server's own rules.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BkSopsPipeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(bool))]
    [OutputType(typeof(ValidationResult))]
    public sealed class TestBkSopsPipelineCommand : TreeInputCommandBase
    {
        private readonly PipelineValidator validator = new PipelineValidator();

        /// <summary>Return a ValidationResult with every diagnostic instead of $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        /// <summary>With -Detailed, keep only diagnostics of these severities (the verdict is unchanged).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Severity[] Severity { get; set; }

        /// <summary>SubProcess template ids that exist in the project; without it they are assumed to exist.</summary>
        [Parameter]
        public long[] TemplateId { get; set; }

        protected override void ProcessTree(PipelineTree tree)
        {
            var options = new ValidationOptions();
            if (TemplateId != null) options.KnownTemplateIds = new System.Collections.Generic.HashSet<long>(TemplateId);
            var result = validator.Validate(tree, options);
            foreach (var d in result.Diagnostics)
                WriteVerbose($"{tree.Source}: {d.Severity} {d.RuleName}{(d.NodeId != null ? " at " + d.NodeId : "")}: {d.Message}");
            if (!Detailed.IsPresent)
            {
                WriteObject(result.IsValid);
                return;
            }
            WriteObject(Severity == null ? result : result.WithSeverities(Severity));
        }
    }
}
