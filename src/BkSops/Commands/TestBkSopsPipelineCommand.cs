using System.Management.Automation;
using BkSops.Commands.Formatting;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Commands
{
    /// <remarks>
    /// Each input set has a twin in which -Detailed is mandatory; only the twins have -Severity, so that -Severity
    /// without -Detailed fails to bind instead of being ignored, and a plain call always writes booleans.
    /// </remarks>
    [Cmdlet(VerbsDiagnostic.Test, "BkSopsPipeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(bool), ParameterSetName = new[] { PathSet, LiteralPathSet, JsonSet, InputObjectSet })]
    [OutputType(typeof(ValidationResult), ParameterSetName = new[] { PathDetailedSet, LiteralPathDetailedSet, JsonDetailedSet, InputObjectDetailedSet })]
    public sealed class TestBkSopsPipelineCommand : TreeInputCommandBase
    {
        private const string PathDetailedSet = PathSet + "Detailed";
        private const string LiteralPathDetailedSet = LiteralPathSet + "Detailed";
        private const string JsonDetailedSet = JsonSet + "Detailed";
        private const string InputObjectDetailedSet = InputObjectSet + "Detailed";

        private readonly PipelineValidator validator = new PipelineValidator();

        /// <summary>Files to read; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathDetailedSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public override string[]? Path { get; set; }

        /// <summary>Files to read, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathDetailedSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public override string[]? LiteralPath { get; set; }

        /// <summary>The tree (or a fast_create_task request body) as JSON text; several strings (lines) are joined.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JsonSet)]
        [Parameter(Mandatory = true, ParameterSetName = JsonDetailedSet)]
        [ValidateNotNullOrEmpty]
        public override string[]? Json { get; set; }

        /// <summary>A tree object, JSON text, a file or path, or an object from ConvertFrom-Json or a hashtable.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [Parameter(Mandatory = true, ParameterSetName = InputObjectDetailedSet, ValueFromPipeline = true)]
        [AllowNull]
        public override object? InputObject { get; set; }

        /// <summary>Return a ValidationResult with every diagnostic instead of $true/$false.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathDetailedSet)]
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathDetailedSet)]
        [Parameter(Mandatory = true, ParameterSetName = JsonDetailedSet)]
        [Parameter(Mandatory = true, ParameterSetName = InputObjectDetailedSet)]
        public SwitchParameter Detailed { get; set; }

        /// <summary>With -Detailed, keep only diagnostics of these severities (the verdict is unchanged).</summary>
        [Parameter(ParameterSetName = PathDetailedSet)]
        [Parameter(ParameterSetName = LiteralPathDetailedSet)]
        [Parameter(ParameterSetName = JsonDetailedSet)]
        [Parameter(ParameterSetName = InputObjectDetailedSet)]
        [ValidateNotNullOrEmpty]
        public Severity[]? Severity { get; set; }

        /// <summary>SubProcess template ids that exist in the project; without it they are assumed to exist.</summary>
        [Parameter]
        public long[]? TemplateId { get; set; }

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
            this.WriteViewed(Severity == null ? result : result.WithSeverities(Severity));
        }
    }
}
