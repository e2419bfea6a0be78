using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Sandbox.Creation
{
    /// <summary>What <see cref="TaskCreator.Check"/> found: the server's verdict and, when accepted, the tree to store.</summary>
    public sealed class CreationCheck
    {
        internal CreationCheck(ValidationResult result, JsonObject serverCopy)
        {
            Result = result;
            ServerCopy = serverCopy;
        }

        public ValidationResult Result { get; }

        /// <summary>The tree as the server's validator leaves it (names standardised, defaults, incoming lists, converge ids).</summary>
        public JsonObject ServerCopy { get; }

        /// <summary>The Error the server stops at, or null.</summary>
        public Diagnostic? Verdict => Result.ServerVerdict;

        /// <summary>
        /// True when the verdict comes from task creation (spec 1.4 step 8: code 3599999 or HTTP 500), which bk-sops
        /// reaches only after it read the request's <c>name</c>; the validator step's findings come before it.
        /// </summary>
        public bool RejectedAtCreation => Verdict != null && (Verdict.ServerStatus == 500 || Verdict.ServerCode == ServerAnswer.UnknownError);
    }

    /// <summary>
    /// fast_create_task's tree work (spec 1.4 steps 4-8, 1.6): the BkSops.Core validator gives the verdict, then the
    /// accepted tree gets <c>template_node_id</c>s, new ids, a layout and its pipeline id.
    /// </summary>
    public sealed class TaskCreator
    {
        private readonly ISet<long> templateIds;
        private readonly ProjectTemplates templates;

        /// <param name="templateIds">The project's template ids (SubProcess <c>template_id</c>s that exist).</param>
        /// <param name="templates">The project's templates, which SubProcess activities unfold (none when null).</param>
        public TaskCreator(ISet<long> templateIds, ProjectTemplates? templates = null)
        {
            this.templateIds = templateIds;
            this.templates = templates ?? new ProjectTemplates(null);
        }

        /// <summary>
        /// Spec 1.4 step 8, first part: SubProcess templates unfolded into the working copy (in place); null when that
        /// worked, else bk-sops' answer. Comes after the name checks and before the creation errors of the id replacement.
        /// </summary>
        public UnfoldFailure? Unfold(CreationCheck check, bool hasCommonSubprocess, out SubProcessUnfolding unfolding) =>
            SubProcessUnfolder.Unfold(check.ServerCopy, templates, hasCommonSubprocess, out unfolding);

        /// <summary>Validates <paramref name="tree"/> (which becomes the server's working copy: pass one the caller owns).</summary>
        public CreationCheck Check(JsonObject tree, bool hasCommonSubprocess)
        {
            var options = new ValidationOptions { KnownTemplateIds = templateIds, HasCommonSubprocess = hasCommonSubprocess };
            // A validator per request: requests run on many threads at once, and a validator costs a dozen small objects.
            var result = new PipelineValidator().Validate(new PipelineTree(tree, "fast_create_task"), options, out var serverCopy);
            return new CreationCheck(result, serverCopy);
        }

        /// <summary>Turns the accepted working copy into the tree the task stores and the answer returns (in place).</summary>
        public static JsonObject Finish(JsonObject serverCopy, SubProcessUnfolding? unfolding = null)
        {
            if (serverCopy["activities"] is JsonObject activities)
                foreach (var p in activities.Properties)
                    if (p.Value is JsonObject activity)
                    {
                        bool kept = activity["template_node_id"] is JsonNode existing && existing.IsTruthyInPython;
                        if (!kept) activity.Set("template_node_id", new JsonString(p.Name));
                    }
            if (unfolding != null) SubProcessUnfolder.InjectTemplateInfo(unfolding);
            new IdReplacer().Replace(serverCopy);
            if (unfolding != null && unfolding.Pipelines.Count > 0) SubProcessUnfolder.ReplaceNestedIds(serverCopy);
            SimpleLayout.Write(serverCopy);
            return serverCopy;
        }

    }
}
