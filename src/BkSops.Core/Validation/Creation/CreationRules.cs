using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>The diagnostics of task creation (spec 2.10, 0 #2 and #3).</summary>
    public static class CreationRules
    {

        private const string LabelsForm = "\"labels\": [{\"label\": \"<label code>\", \"group\": \"<group code>\"}]";

        internal static Diagnostic From(LabelFailure f)
        {
            string ruleName, message, hint;
            string shape = Schema.SchemaRules.Shape(f.Value);
            switch (f.Kind)
            {
                case LabelFailureKind.NotOnActivity:
                    ruleName = Rules.LabelsNotOnActivity.Name;
                    message = $"{MessageText.Capitalize(f.Where)} has labels ({shape}). When it creates the task, bk-sops sets the nodes' labels aside, renames every id, and puts the labels back through the new ids of activities only; for {f.Where} that lookup fails ({f.ExceptionText}), so the server answers with an internal error (HTTP 500) and stores no task.";
                    hint = "Remove 'labels' from the gateway or event (an empty list [] is also accepted); bk-sops keeps labels on activities only. Repair-BkSopsPipeline removes them.";
                    break;
                case LabelFailureKind.ReservedId:
                    ruleName = Rules.LabelsOnReservedId.Name;
                    message = $"{MessageText.Capitalize(f.Where)} has the id '{NodeLabelsReplay.SubprocessDetailKey}' and labels ({shape}). When it creates the task, bk-sops keeps the labels it sets aside in one table with its SubProcess details, which it files under that very key, so it takes these labels for SubProcess details and fails ({f.ExceptionText}): an internal error (HTTP 500), and no task is stored.";
                    hint = $"Remove 'labels' from this node (or set it to []), or give the node another id. Repair-BkSopsPipeline removes the labels.";
                    break;
                case LabelFailureKind.NoType:
                    ruleName = Rules.CreationCrash.Name;
                    message = $"{MessageText.Capitalize(f.Where)} has no 'type'. It shares its id with another node, so the validators never look at it, but creating the task records the type of every node and fails with an internal error (HTTP 500, {f.ExceptionText}).";
                    hint = "Give every node its own id and its 'type'.";
                    break;
                default:
                    ruleName = Rules.LabelsMalformed.Name;
                    string onto = f.Target != null ? $" (bk-sops puts them on {f.Target}, which has the same id)" : "";
                    message = $"The labels of {f.Where} are {shape}{onto}. When it creates the task, bk-sops reads every entry of a node's labels as an object with a 'label' and a 'group' and fails here ({f.ExceptionText}): an internal error (HTTP 500), and no task is stored.";
                    hint = $"Write {LabelsForm}, or remove 'labels'. Repair-BkSopsPipeline keeps the well-formed entries and drops the rest.";
                    break;
            }
            return new Diagnostic { Severity = Severity.Error, NodeId = f.NodeId, Path = f.Path, RuleName = ruleName, Message = message, Hint = hint }.Http500();
        }

        internal static Diagnostic From(PythonException f)
        {
            if (!f.IsPipelineException) return f.SingleFlowList ? SingleFlowList(f) : Crash(f);
            string ruleName, message, hint;
            if (f.FlowId != null)
            {
                ruleName = Rules.BranchConditionMissing.Name;
                message = $"Outgoing flow '{f.FlowId}' of {f.Where} has no entry in its 'conditions' and is not its default_condition; validation passes, but the server fails when it creates the task.";
                hint = $"Add \"{f.FlowId}\": {{\"evaluate\": \"...\"}} to the gateway's conditions (keyed by the flow id), or make it the default branch with \"default_condition\": {{\"flow_id\": \"{f.FlowId}\"}}.";
            }
            else if (f.SourceNode != null)
            {
                ruleName = Rules.ConstantSourceNodeUnknown.Name;
                message = $"The source_info of {f.Where} names node '{f.SourceNode}', which is not in the tree; validation passes, but the server fails when it creates the task.";
                hint = "Key source_info by the id of the activity whose input or output the constant stands for, or remove the stale entry.";
            }
            else
            {
                ruleName = Rules.IdReplacementFailed.Name;
                message = $"When it creates the task the server renames every id and fails at {f.Where}: {f.Text}. A flow id listed there, or a field it needs, is missing.";
                hint = "Make every flow id in incoming/outgoing name an entry of 'flows', and give every node its incoming and outgoing fields.";
            }
            return new Diagnostic { Severity = Severity.Error, NodeId = f.NodeId, Path = f.Path, RuleName = ruleName, Message = message, Hint = hint }.CreateError(f.Text);
        }

        internal static Diagnostic SingleFlowList(PythonException f) => new Diagnostic
        {
            RuleName = Rules.SingleOutgoingAsList.Name,
            Severity = Severity.Error,
            NodeId = f.NodeId,
            Path = f.Path,
            Message = $"The 'outgoing' of {f.Where} is a list; the start event, activities and converge gateways need it as a plain flow id string. The schema allows a one-item list, but task creation then fails with an internal error (HTTP 500, {f.PythonType}: {f.Text}).",
            Hint = "Write \"outgoing\": \"line...\" (a string), not [\"line...\"].",
        }.Http500();

        internal static Diagnostic Crash(PythonException f) => new Diagnostic
        {
            RuleName = Rules.CreationCrash.Name,
            Severity = Severity.Error,
            NodeId = f.NodeId,
            Path = f.Path,
            Message = $"The tree passes validation, but creating the task fails at {f.Where} with an internal error (HTTP 500, {f.PythonType}: {f.Text}).",
            Hint = "Check the ids and the incoming/outgoing lists at that place; every flow must be listed by its source's outgoing and its target's incoming.",
        }.Http500();
    }
}
