using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Model;

namespace BkSops.Validation
{
    /// <summary>
    /// Gives the verdict bk-sops' <c>POST fast_create_task</c> gives for a tree, offline, with a diagnostic per finding.
    /// Stages run in the server's order (spec section 2); every Error is one the server would reject the tree for,
    /// and the first Error is the one it answers with.
    /// </summary>
    public sealed class PipelineValidator
    {
        private readonly IReadOnlyList<IValidationStage> stages;

        public PipelineValidator() : this(ServerOrder.Stages()) { }

        public PipelineValidator(IReadOnlyList<IValidationStage> stages) { this.stages = stages; }

        public ValidationResult Validate(PipelineTree tree, ValidationOptions options = null) => Validate(tree, options, out _);

        /// <summary>
        /// Validates like <see cref="Validate(PipelineTree, ValidationOptions)"/> and also gives the server's working copy
        /// as the validator step leaves it (names standardised, defaults set, incoming made lists, converge ids set),
        /// which is what bk-sops goes on to create the task from. It may share unchanged parts with the tree as given.
        /// </summary>
        public ValidationResult Validate(PipelineTree tree, ValidationOptions options, out Json.JsonObject serverCopy)
        {
            if (tree == null) throw new ArgumentNullException(nameof(tree));
            var context = new ValidationContext(tree, options);
            if (Environment.ProcessorCount > 1 && tree.ActivityCount + tree.GatewayCount + tree.FlowCount >= context.Options.ReadAheadFrom) context.StartReadingAhead();
            try
            {
                foreach (var stage in stages) stage.Run(context);
            }
            finally
            {
                context.FinishReadingAhead();
            }
            serverCopy = context.Work;
            var ordered = context.Diagnostics
                .Select((d, i) => (d, i))
                .OrderBy(x => x.d.Severity)
                .ThenBy(x => x.i)
                .Select(x => x.d)
                .ToList();
            return new ValidationResult(tree.Source, ordered);
        }
    }
}
