using System;
using System.Collections.Generic;
using BkSops.Model;

namespace BkSops.Validation
{
    /// <summary>
    /// Gives the verdict bk-sops' <c>POST fast_create_task</c> gives for a tree, offline, with a diagnostic per finding.
    /// Stages run in the server's order (spec section 2); every Error is one the server would reject the tree for,
    /// and the first Error is the one it answers with. So that fixing what it lists does not lead round the loop the
    /// server leads users round, it also reports what the server would find next (<see cref="FollowUp"/>).
    /// </summary>
    public sealed class PipelineValidator
    {
        private readonly IReadOnlyList<IValidationStage> stages;

        public PipelineValidator() : this(ServerOrder.Stages()) { }

        public PipelineValidator(IReadOnlyList<IValidationStage> stages) { this.stages = stages; }

        public ValidationResult Validate(PipelineTree tree, ValidationOptions? options = null) => Validate(tree, options, out _);

        /// <summary>
        /// Validates like <see cref="Validate(PipelineTree, ValidationOptions)"/> and also gives the server's working copy
        /// as the validator step leaves it (names standardised, defaults set, incoming made lists, converge ids set),
        /// which is what bk-sops goes on to create the task from. It may share unchanged parts with the tree as given.
        /// </summary>
        public ValidationResult Validate(PipelineTree tree, ValidationOptions? options, out Json.JsonObject serverCopy)
        {
            if (tree == null) throw new ArgumentNullException(nameof(tree));
            var run = Run(tree, options, readAhead: true, out serverCopy);
            var found = FollowUp.Complete(run, tree, root => Run(new PipelineTree(root, tree.Source), options, readAhead: false, out _));
            // By severity, then the stage's place in the server's order, then as found.
            var order = StableOrder.Of(found.Count, (a, b) =>
            {
                int bySeverity = found[a].Diagnostic.Severity.CompareTo(found[b].Diagnostic.Severity);
                return bySeverity != 0 ? bySeverity : found[a].Stage.CompareTo(found[b].Stage);
            });
            var ordered = new List<Diagnostic>(order.Length);
            foreach (int i in order) ordered.Add(found[i].Diagnostic);
            return new ValidationResult(tree.Source, ordered);
        }

        /// <summary>One run of every stage; each finding with the place of its stage in the server's order.</summary>
        internal List<StagedDiagnostic> Run(PipelineTree tree, ValidationOptions? options, bool readAhead, out Json.JsonObject work)
        {
            var context = new ValidationContext(tree, options);
            if (readAhead && Environment.ProcessorCount > 1 && tree.ActivityCount + tree.GatewayCount + tree.FlowCount >= context.Options.ReadAheadFrom) context.StartReadingAhead();
            try
            {
                for (int i = 0; i < stages.Count; i++)
                {
                    context.CurrentStage = i;
                    stages[i].Run(context);
                }
            }
            finally
            {
                context.FinishReadingAhead();
            }
            work = context.Work.ForReading;
            var staged = new List<StagedDiagnostic>(context.Diagnostics.Count);
            for (int i = 0; i < context.Diagnostics.Count; i++) staged.Add(new StagedDiagnostic(context.Diagnostics[i], context.StageOf[i]));
            return staged;
        }
    }

    /// <summary>A finding and the place in the server's order of the stage that made it.</summary>
    internal readonly struct StagedDiagnostic
    {
        public StagedDiagnostic(Diagnostic diagnostic, int stage)
        {
            Diagnostic = diagnostic;
            Stage = stage;
        }

        public Diagnostic Diagnostic { get; }
        public int Stage { get; }
    }
}
