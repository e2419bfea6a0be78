using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>
    /// Spec 2.10 and 1.4 step 8: what task creation does with a tree that passed validation. SubProcess activities are
    /// looked up by <c>template_id</c>, then every id is replaced (<see cref="IdReplacementSimulator"/>). A
    /// NodeNotExistException is answered with code 3599999; any other exception is an HTTP 500. Around the replacement
    /// the nodes' labels are set aside and put back (<see cref="NodeLabelsReplay"/>), which can only crash.
    /// </summary>
    public sealed class CreationStage : IValidationStage
    {
        /// <summary>Lets trees take the quick proofs of the id replacement and of the labels (tests turn them off to compare).</summary>
        internal bool AllowFastPaths { get; set; } = true;

        public void Run(ValidationContext context)
        {
            if (context.HasError) return;
            if (!CheckSubProcesses(context)) return;
            var failure = new IdReplacementSimulator(context.Work.ForReading)
            {
                AllowFastPath = AllowFastPaths,
                ProveNodesAndFlows = tree => NodesAndFlowsCannotFail(context, tree),
            }.Run();
            if (failure != null)
            {
                context.Report(CreationRules.From(failure), failure.Value);
                return;
            }
            if (AllowFastPaths && NodeLabelsReplay.CannotFail(context.Work.ForReading)) return;
            foreach (var labels in NodeLabelsReplay.Run(context.Work.ForReading)) context.Report(CreationRules.From(labels), labels.At);
        }

        /// <summary>True when the layout's graph of the tree as given shows every activity typed and every SubProcess with a template_id.</summary>
        private static bool EverySubProcessHasATemplateId(ValidationContext context)
        {
            if (!(Graph.LayoutStage.GraphOfTreeAsGiven(context, TreeReads.ConvergeGatewayId) is Graph.NumberedGraph layout)) return false;
            for (int n = 0; n < layout.NodeCount; n++)
                if (layout.NodeKinds[n] == Graph.GraphNodeKind.Activity && layout.NodeTypes[n] == "SubProcess" && !layout.HasTemplateId[n]) return false;
            return true;
        }

        private static bool NodesAndFlowsCannotFail(ValidationContext context, JsonObject tree) =>
            Graph.LayoutStage.GraphOfTreeAsGiven(context, TreeReads.ConvergeGatewayId) is Graph.NumberedGraph layout
                ? IdReplacementFastPath.NodesAndFlowsCannotFail(layout)
                : IdReplacementFastPath.NodesAndFlowsCannotFail(tree);

        // replace_template_id: act["type"] of every activity, act["template_id"] of every SubProcess.
        private static bool CheckSubProcesses(ValidationContext context)
        {
            if (!(context.Work["activities"] is JsonObject activities) || EverySubProcessHasATemplateId(context)) return true;
            foreach (var p in activities.Properties)
            {
                if (!(p.Value is JsonObject activity) || !activity.TryGetValue("type", out var type))
                {
                    context.Report(CreationRules.Crash(new PythonException(p.Value is JsonObject ? "KeyError" : "TypeError",
                        p.Value is JsonObject ? "'type'" : $"'{p.Value.PythonTypeName}' object is not subscriptable", $"activity '{p.Name}'")
                    {
                        NodeId = p.Name,
                        Path = TreePlaces.PathOf("activities", p.Name),
                    }), p.Value);
                    return false;
                }
                if (type is JsonString t && t.Value == "SubProcess" && !activity.ContainsKey("template_id"))
                {
                    context.Report(SubProcessRules.WithoutTemplateId(p.Name), activity);
                    return false;
                }
            }
            return true;
        }
    }
}
