using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Validation
{
    /// <summary>
    /// State shared by the validation stages of one run. <see cref="Work"/> is a copy of the tree that the stages
    /// change exactly as the server changes its copy (names standardised, defaults set, incoming made lists), so
    /// each stage sees what the server's step would see. Nodes of the copy keep the line/column of the original.
    /// </summary>
    public sealed class ValidationContext
    {
        private readonly List<Diagnostic> diagnostics = new List<Diagnostic>();

        public ValidationContext(PipelineTree tree, ValidationOptions options)
        {
            Tree = tree;
            Options = options ?? new ValidationOptions();
            Work = (JsonObject)tree.Root.Clone();
        }

        /// <summary>The tree as given (never changed).</summary>
        public PipelineTree Tree { get; }

        public ValidationOptions Options { get; }

        /// <summary>The server's working copy.</summary>
        public JsonObject Work { get; }

        public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

        /// <summary>True once any stage reported an Error (the server has stopped by then).</summary>
        public bool HasError { get; private set; }

        /// <summary>Data one stage leaves for later ones (e.g. the graph built by the layout stage), by name.</summary>
        public IDictionary<string, object> Shared { get; } = new Dictionary<string, object>();

        /// <summary>Adds a finding; fills Line/Column from <paramref name="at"/> when given.</summary>
        public Diagnostic Report(Diagnostic diagnostic, JsonNode at = null)
        {
            if (at != null && diagnostic.Line == 0)
            {
                diagnostic.Line = at.Line;
                diagnostic.Column = at.Column;
            }
            if (diagnostic.Severity == Severity.Error) HasError = true;
            diagnostics.Add(diagnostic);
            return diagnostic;
        }
    }

    /// <summary>Settings of a validation run.</summary>
    public sealed class ValidationOptions
    {
        /// <summary>The longest path (nodes, start and end included) accepted before TreeTooDeep.</summary>
        public int MaxDepth { get; set; } = 900;

        /// <summary>SubProcess template ids known to exist in the project; null when unknown (offline).</summary>
        public ISet<long> KnownTemplateIds { get; set; }

        /// <summary>The request's <c>has_common_subprocess</c>.</summary>
        public bool HasCommonSubprocess { get; set; }
    }

    /// <summary>One family of rules, run in the server's order.</summary>
    public interface IValidationStage
    {
        void Run(ValidationContext context);
    }
}
