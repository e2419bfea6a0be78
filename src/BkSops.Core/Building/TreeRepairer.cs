using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Building
{
    /// <summary>What Repair did to one tree: the repaired copy, every change, and the verdict on the result.</summary>
    public sealed class RepairResult
    {
        internal RepairResult(PipelineTree tree, IReadOnlyList<TreeChange> changes, ValidationResult validation)
        {
            Tree = tree;
            Changes = changes;
            Validation = validation;
        }

        /// <summary>The repaired copy (the input is never changed).</summary>
        public PipelineTree Tree { get; }
        public IReadOnlyList<TreeChange> Changes { get; }
        /// <summary>The verdict on the repaired copy.</summary>
        public ValidationResult Validation { get; }
        /// <summary>True when the repaired copy is accepted by the server.</summary>
        public bool IsRepaired => Validation.IsValid;
        public string? Source => Tree.Source;

        public override string ToString() =>
            (IsRepaired ? "Repaired" : "Not repairable") + $" ({Changes.Count} changes)" + (Source != null ? $": {Source}" : "");
    }

    /// <summary>Normalises a copy of a tree and checks that the server would accept the result.</summary>
    public sealed class TreeRepairer
    {
        private readonly PipelineValidator validator = new PipelineValidator();

        public RepairResult Repair(PipelineTree tree, ValidationOptions? options = null)
        {
            var copy = tree.Clone();
            var changes = new TreeNormalizer().Normalize(copy.Root);
            return new RepairResult(copy, SayWhichOnlyNormalise(tree, changes, options), validator.Validate(copy, options));
        }

        /// <summary>
        /// Repair and Test agree: a string incoming that Test does not report as an Error (the layout does not iterate it
        /// where the node stands) is listed only to normalise, and the change says so.
        /// </summary>
        private IReadOnlyList<TreeChange> SayWhichOnlyNormalise(PipelineTree tree, IReadOnlyList<TreeChange> changes, ValidationOptions? options)
        {
            if (!changes.Any(c => c.Description == TreeNormalizer.IncomingReason)) return changes;
            var iterated = new HashSet<string>(validator.Validate(tree, options).Diagnostics
                .Where(d => d.Severity == Severity.Error && d.RuleName == Rules.IncomingNotList.Name)
                .Select(d => d.Path).OfType<string>());
            return changes.Select(c => c.Description == TreeNormalizer.IncomingReason && !iterated.Contains(c.Path)
                ? new TreeChange(c.Path, TreeNormalizer.AcceptedIncomingReason, c.Before, c.After)
                : c).ToList();
        }
    }
}
