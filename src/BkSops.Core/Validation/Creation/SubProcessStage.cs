using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>
    /// Spec 1.4 step 5: every activity's <c>template_id</c> goes into a Python set, which (unless
    /// <c>has_common_subprocess</c>) must be a subset of the project's TaskTemplate ids (database integers). Offline
    /// only values that can never equal such an id (strings, null, non-integers, ids below 1) are known to fail; the
    /// rest get an Information diagnostic, and the verdict assumes they exist.
    /// </summary>
    public sealed class SubProcessStage : IValidationStage
    {
        private sealed class Use
        {
            public required string ActivityKey;
            public required JsonNode Node;
            public required PythonScalar Value;
        }

        public void Run(ValidationContext context)
        {
            if (context.HasError) return;
            if (!(context.Work["activities"] is JsonObject activities) || NoTemplateIds(context)) return;
            var uses = new List<Use>();
            foreach (var p in activities.Properties)
            {
                if (!(p.Value is JsonObject activity) || !activity.TryGetValue("template_id", out var node)) continue;
                var value = PythonScalar.From(node);
                if (value == null)
                {
                    context.Report(SubProcessRules.Unhashable(p.Name, node), node);
                    return;
                }
                uses.Add(new Use { ActivityKey = p.Name, Node = node, Value = value });
            }
            if (uses.Count == 0) return;

            var distinct = new List<PythonScalar>();
            var seen = new PythonEqualSet();
            foreach (var u in uses)
                if (seen.Add(u.Value)) distinct.Add(u.Value);

            var known = context.Options.KnownTemplateIds;
            if (context.Options.HasCommonSubprocess)
            {
                foreach (var u in uses) context.Report(SubProcessRules.NotChecked(u.ActivityKey, u.Node, commonAllowed: true), u.Node);
                return;
            }

            System.Func<PythonScalar, bool> inProject = known != null
                ? v => v.TryGetInteger(out var i) && i >= long.MinValue && i <= long.MaxValue && known.Contains((long)i)
                : (System.Func<PythonScalar, bool>)(v => CanBeDatabaseId(v));
            int projectSize = known?.Count ?? int.MaxValue;
            var invalid = InvalidInServerOrder(uses, distinct, inProject, projectSize);

            if (invalid.Count > 0)
            {
                string message = $"[API] fast_create_task get invalid template_id: {string.Join(",", invalid.Select(v => v.ToString()))}, template_id should belong to current project.";
                var invalidSet = new PythonEqualSet();
                foreach (var v in invalid) invalidSet.Add(v);
                foreach (var u in uses.Where(u => invalidSet.Contains(u.Value)))
                    context.Report(SubProcessRules.Invalid(u.ActivityKey, u.Node, known != null).WholeMessage(message), u.Node);
                return;
            }
            if (known == null)
                foreach (var u in uses) context.Report(SubProcessRules.NotChecked(u.ActivityKey, u.Node, commonAllowed: false), u.Node);
        }

        /// <summary>True when the layout's graph of the tree as given shows that no activity has a template_id (nothing to check).</summary>
        private static bool NoTemplateIds(ValidationContext context)
        {
            if (!(Graph.LayoutStage.GraphOfTreeAsGiven(context, TreeReads.ConvergeGatewayId) is Graph.NumberedGraph layout)) return false;
            for (int n = 0; n < layout.NodeCount; n++)
                if (layout.NodeKinds[n] == Graph.GraphNodeKind.Activity && layout.HasTemplateId[n]) return false;
            return true;
        }

        /// <summary>Database ids are integers from 1 up; 1.0 and true compare equal to 1 in Python.</summary>
        private static bool CanBeDatabaseId(PythonScalar v) => v.TryGetInteger(out BigInteger i) && i >= 1;

        // list(templates_in_task - project_templates): the order of CPython's set difference when every hash is
        // deterministic (numbers); strings and None hash differently in every server process, so then first-use order.
        private static List<PythonScalar> InvalidInServerOrder(List<Use> uses, List<PythonScalar> distinct, System.Func<PythonScalar, bool> inProject, int projectSize)
        {
            if (distinct.All(v => v.Hash.HasValue))
            {
                var set = new PythonSet();
                foreach (var u in uses) set.Add(u.Value);
                return set.DifferenceInOrder(inProject, projectSize);
            }
            return distinct.Where(v => !inProject(v)).ToList();
        }
    }
}
