namespace BkSops.Validation.Creation
{
    /// <summary>The diagnostics of task creation (spec 2.10, 0 #2 and #3).</summary>
    public static class CreationRules
    {
        public const string BranchConditionMissing = "BranchConditionMissing";
        public const string ConstantSourceNodeUnknown = "ConstantSourceNodeUnknown";
        public const string IdReplacementFailed = "IdReplacementFailed";
        public const string SingleOutgoingAsList = "SingleOutgoingAsList";
        public const string CreationCrash = "CreationCrash";

        internal static Diagnostic From(PythonFailure f)
        {
            if (!f.IsPipelineException) return f.SingleFlowList ? SingleFlowList(f) : Crash(f);
            var d = new Diagnostic { Severity = Severity.Error, NodeId = f.NodeId, Path = f.Path };
            if (f.FlowId != null)
            {
                d.RuleName = BranchConditionMissing;
                d.Message = $"Outgoing flow '{f.FlowId}' of {f.Where} has no entry in its 'conditions' and is not its default_condition; validation passes, but the server fails when it creates the task.";
                d.Hint = $"Add \"{f.FlowId}\": {{\"evaluate\": \"...\"}} to the gateway's conditions (keyed by the flow id), or make it the default branch with \"default_condition\": {{\"flow_id\": \"{f.FlowId}\"}}.";
            }
            else if (f.SourceNode != null)
            {
                d.RuleName = ConstantSourceNodeUnknown;
                d.Message = $"The source_info of {f.Where} names node '{f.SourceNode}', which is not in the tree; validation passes, but the server fails when it creates the task.";
                d.Hint = "Key source_info by the id of the activity whose input or output the constant stands for, or remove the stale entry.";
            }
            else
            {
                d.RuleName = IdReplacementFailed;
                d.Message = $"When it creates the task the server renames every id and fails at {f.Where}: {f.Text}. A flow id listed there, or a field it needs, is missing.";
                d.Hint = "Make every flow id in incoming/outgoing name an entry of 'flows', and give every node its incoming and outgoing fields.";
            }
            return d.CreateError(f.Text);
        }

        internal static Diagnostic SingleFlowList(PythonFailure f) => new Diagnostic
        {
            RuleName = SingleOutgoingAsList,
            Severity = Severity.Error,
            NodeId = f.NodeId,
            Path = f.Path,
            Message = $"The 'outgoing' of {f.Where} is a list; the start event, activities and converge gateways need it as a plain flow id string. The schema allows a one-item list, but task creation then fails with an internal error (HTTP 500, {f.PythonType}: {f.Text}).",
            Hint = "Write \"outgoing\": \"line...\" (a string), not [\"line...\"].",
        }.Http500();

        internal static Diagnostic Crash(PythonFailure f) => new Diagnostic
        {
            RuleName = CreationCrash,
            Severity = Severity.Error,
            NodeId = f.NodeId,
            Path = f.Path,
            Message = $"The tree passes validation, but creating the task fails at {f.Where} with an internal error (HTTP 500, {f.PythonType}: {f.Text}).",
            Hint = "Check the ids and the incoming/outgoing lists at that place; every flow must be listed by its source's outgoing and its target's incoming.",
        }.Http500();
    }
}
