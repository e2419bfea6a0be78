using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace BkSops.Validation
{
    /// <summary>
    /// One rule of the validator: its stable PascalCase name (<see cref="Diagnostic.RuleName"/>), the severities its
    /// findings can have (the usual one first), and its page in docs/rules.
    /// </summary>
    public sealed class Rule
    {
        internal Rule(string name, params Severity[] severities)
        {
            Name = name;
            Severities = severities;
        }

        public string Name { get; }

        /// <summary>The severities the rule's findings can have; the first is the usual one.</summary>
        public IReadOnlyList<Severity> Severities { get; }

        /// <summary>The usual severity of the rule's findings.</summary>
        public Severity Severity => Severities[0];

        /// <summary>The rule's page, relative to the repository root (also the source of about_BkSops_Rules).</summary>
        public string DocumentationPage => "docs/rules/" + Name + ".md";

        public override string ToString() => Name;
    }

    /// <summary>
    /// Every rule the validator reports, grouped by the stage that reports it (in the server's order): the one list
    /// stages take rule names from, and that the help and documentation tests check docs/rules against.
    /// </summary>
    public static class Rules
    {
        // Names and the tree's shape (NameStage)
        public static readonly Rule PipelineTreeNotObject = new Rule(nameof(PipelineTreeNotObject), Severity.Error);
        public static readonly Rule NameNotString = new Rule(nameof(NameNotString), Severity.Error);
        public static readonly Rule NameWillBeStripped = new Rule(nameof(NameWillBeStripped), Severity.Warning);
        public static readonly Rule NameWillBeTruncated = new Rule(nameof(NameWillBeTruncated), Severity.Warning);

        // The layout, draw_pipeline (LayoutStage, LayoutFindings)
        public static readonly Rule MissingField = new Rule(nameof(MissingField), Severity.Error, Severity.Warning);
        public static readonly Rule WrongType = new Rule(nameof(WrongType), Severity.Error, Severity.Warning);
        public static readonly Rule UnknownNodeType = new Rule(nameof(UnknownNodeType), Severity.Error, Severity.Warning);
        public static readonly Rule DanglingReference = new Rule(nameof(DanglingReference), Severity.Error, Severity.Warning);
        public static readonly Rule DuplicateNodeId = new Rule(nameof(DuplicateNodeId), Severity.Error, Severity.Warning);
        public static readonly Rule OrphanFlow = new Rule(nameof(OrphanFlow), Severity.Error, Severity.Warning);
        public static readonly Rule IncomingNotList = new Rule(nameof(IncomingNotList), Severity.Error, Severity.Warning);
        public static readonly Rule IncomingCycle = new Rule(nameof(IncomingCycle), Severity.Error);
        public static readonly Rule StartEventHasIncoming = new Rule(nameof(StartEventHasIncoming), Severity.Error, Severity.Warning);
        public static readonly Rule IsolatedNode = new Rule(nameof(IsolatedNode), Severity.Error, Severity.Warning);
        public static readonly Rule UnreachableNode = new Rule(nameof(UnreachableNode), Severity.Error, Severity.Warning);
        public static readonly Rule LocationInvalid = new Rule(nameof(LocationInvalid), Severity.Error, Severity.Warning);
        public static readonly Rule LayoutDivisionByZero = new Rule(nameof(LayoutDivisionByZero), Severity.Error);
        public static readonly Rule LayoutNeverEnds = new Rule(nameof(LayoutNeverEnds), Severity.Error);
        public static readonly Rule TreeTooDeep = new Rule(nameof(TreeTooDeep), Severity.Error);
        public static readonly Rule TreeNearDepthLimit = new Rule(nameof(TreeNearDepthLimit), Severity.Warning);
        public static readonly Rule SlowGatewayMatching = new Rule(nameof(SlowGatewayMatching), Severity.Warning);

        // The JSON schema (SchemaStage)
        public static readonly Rule SchemaMissingField = new Rule(nameof(SchemaMissingField), Severity.Error);
        public static readonly Rule SchemaWrongType = new Rule(nameof(SchemaWrongType), Severity.Error);
        public static readonly Rule SchemaValueNotAllowed = new Rule(nameof(SchemaValueNotAllowed), Severity.Error);
        public static readonly Rule SchemaEmptyText = new Rule(nameof(SchemaEmptyText), Severity.Error);
        public static readonly Rule SchemaTextTooLong = new Rule(nameof(SchemaTextTooLong), Severity.Error);
        public static readonly Rule SchemaListTooShort = new Rule(nameof(SchemaListTooShort), Severity.Error);
        public static readonly Rule SchemaListTooLong = new Rule(nameof(SchemaListTooLong), Severity.Error);
        public static readonly Rule SchemaPatternMismatch = new Rule(nameof(SchemaPatternMismatch), Severity.Error);
        public static readonly Rule SchemaInvalidFlowList = new Rule(nameof(SchemaInvalidFlowList), Severity.Error);
        public static readonly Rule SchemaInvalidGateway = new Rule(nameof(SchemaInvalidGateway), Severity.Error);

        // Constants (ConstantsStage)
        public static readonly Rule ConstantNotObject = new Rule(nameof(ConstantNotObject), Severity.Error);
        public static readonly Rule ConstantKeyInvalid = new Rule(nameof(ConstantKeyInvalid), Severity.Error);
        public static readonly Rule ConstantKeyMismatch = new Rule(nameof(ConstantKeyMismatch), Severity.Error);
        public static readonly Rule ConstantSelfReference = new Rule(nameof(ConstantSelfReference), Severity.Error);
        public static readonly Rule ConstantReferenceCycle = new Rule(nameof(ConstantReferenceCycle), Severity.Error);
        public static readonly Rule OutputKeyInvalid = new Rule(nameof(OutputKeyInvalid), Severity.Error);

        // Connections, gateways and streams (ConnectionStage, GatewayStage, StreamStage, UnreachableStage)
        public static readonly Rule DataTooDeep = new Rule(nameof(DataTooDeep), Severity.Error);
        public static readonly Rule ConnectionNotAllowed = new Rule(nameof(ConnectionNotAllowed), Severity.Error);
        public static readonly Rule InDegree = new Rule(nameof(InDegree), Severity.Error);
        public static readonly Rule OutDegree = new Rule(nameof(OutDegree), Severity.Error);
        public static readonly Rule ValidationNeverEnds = new Rule(nameof(ValidationNeverEnds), Severity.Error);
        public static readonly Rule GatewayUnreachable = new Rule(nameof(GatewayUnreachable), Severity.Error);
        public static readonly Rule ExclusiveInParallelMustConverge = new Rule(nameof(ExclusiveInParallelMustConverge), Severity.Error);
        public static readonly Rule ConvergeMismatch = new Rule(nameof(ConvergeMismatch), Severity.Error);
        public static readonly Rule ConvergeSharedByParallels = new Rule(nameof(ConvergeSharedByParallels), Severity.Error);
        public static readonly Rule ConvergeMissingBranches = new Rule(nameof(ConvergeMissingBranches), Severity.Error);
        public static readonly Rule ParallelBranchToEnd = new Rule(nameof(ParallelBranchToEnd), Severity.Error);
        public static readonly Rule InvalidGatewayBranches = new Rule(nameof(InvalidGatewayBranches), Severity.Error);
        public static readonly Rule StreamCrossing = new Rule(nameof(StreamCrossing), Severity.Error);
        public static readonly Rule UnreachableFlow = new Rule(nameof(UnreachableFlow), Severity.Warning);

        // SubProcess templates (SubProcessStage)
        public static readonly Rule SubProcessWithoutTemplateId = new Rule(nameof(SubProcessWithoutTemplateId), Severity.Error);
        public static readonly Rule SubProcessTemplateIdUnhashable = new Rule(nameof(SubProcessTemplateIdUnhashable), Severity.Error);
        public static readonly Rule SubProcessTemplateInvalid = new Rule(nameof(SubProcessTemplateInvalid), Severity.Error);
        public static readonly Rule SubProcessTemplateNotChecked = new Rule(nameof(SubProcessTemplateNotChecked), Severity.Information);

        // Task creation (CreationStage)
        public static readonly Rule BranchConditionMissing = new Rule(nameof(BranchConditionMissing), Severity.Error);
        public static readonly Rule ConstantSourceNodeUnknown = new Rule(nameof(ConstantSourceNodeUnknown), Severity.Error);
        public static readonly Rule IdReplacementFailed = new Rule(nameof(IdReplacementFailed), Severity.Error);
        public static readonly Rule SingleOutgoingAsList = new Rule(nameof(SingleOutgoingAsList), Severity.Error);
        public static readonly Rule CreationCrash = new Rule(nameof(CreationCrash), Severity.Error);
        public static readonly Rule LabelsNotOnActivity = new Rule(nameof(LabelsNotOnActivity), Severity.Error);
        public static readonly Rule LabelsMalformed = new Rule(nameof(LabelsMalformed), Severity.Error);
        public static readonly Rule LabelsOnReservedId = new Rule(nameof(LabelsOnReservedId), Severity.Error);

        // Advice on trees the server accepts (AdvisoryStage)
        public static readonly Rule ConstantNotUsed = new Rule(nameof(ConstantNotUsed), Severity.Warning);
        public static readonly Rule UndeclaredVariable = new Rule(nameof(UndeclaredVariable), Severity.Warning);
        public static readonly Rule OutputNotInConstants = new Rule(nameof(OutputNotInConstants), Severity.Warning);
        public static readonly Rule ConstantIncomplete = new Rule(nameof(ConstantIncomplete), Severity.Warning);
        public static readonly Rule ActivityIncomplete = new Rule(nameof(ActivityIncomplete), Severity.Warning);
        public static readonly Rule ActivityTimeoutConflict = new Rule(nameof(ActivityTimeoutConflict), Severity.Warning);

        // Gateway conditions (ConditionsStage)
        public static readonly Rule ConditionSyntax = new Rule(nameof(ConditionSyntax), Severity.Warning);
        public static readonly Rule ConditionPrecedence = new Rule(nameof(ConditionPrecedence), Severity.Warning);
        public static readonly Rule ConditionUnquotedVariable = new Rule(nameof(ConditionUnquotedVariable), Severity.Information, Severity.Warning);
        public static readonly Rule ConditionListValue = new Rule(nameof(ConditionListValue), Severity.Warning);
        public static readonly Rule ConditionRuntimeError = new Rule(nameof(ConditionRuntimeError), Severity.Warning);
        public static readonly Rule ConditionNoBranchTrue = new Rule(nameof(ConditionNoBranchTrue), Severity.Warning);
        public static readonly Rule ConditionManyTrue = new Rule(nameof(ConditionManyTrue), Severity.Warning);
        public static readonly Rule ConditionUnknown = new Rule(nameof(ConditionUnknown), Severity.Information);

        private static readonly Dictionary<string, Rule> ByName = typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Rule))
            .Select(f => (Rule)f.GetValue(null)!) // every public static Rule field above is initialised
            .ToDictionary(r => r.Name, StringComparer.Ordinal);

        /// <summary>All rules, by name.</summary>
        public static IReadOnlyList<Rule> All { get; } = ByName.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

        /// <summary>The rule called <paramref name="name"/>, or null.</summary>
        public static Rule? Find(string? name) => name != null && ByName.TryGetValue(name, out var rule) ? rule : null;
    }
}
