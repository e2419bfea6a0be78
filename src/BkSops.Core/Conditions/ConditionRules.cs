using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// Findings about gateway conditions (spec 2.13). The server never parses conditions when it creates a task, so all of
    /// these are Warnings or Information: the tree is accepted, and the problem shows when the gateway runs.
    /// </summary>
    public static class ConditionRules
    {

        private const string FailsAtRunTime = "The server accepts the tree, but the gateway node fails when the task reaches it.";

        public static string GatewayPath(string gatewayId) => JsonPath.Key(JsonPath.Member(JsonPath.Root, "gateways"), gatewayId);

        public static string ConditionsPath(string gatewayId) => JsonPath.Member(GatewayPath(gatewayId), "conditions");

        public static string EvaluatePath(string gatewayId, string flowId) => JsonPath.Member(JsonPath.Key(ConditionsPath(gatewayId), flowId), "evaluate");

        private static string Where(string gatewayId, string flowId) => $"the condition for flow '{flowId}' of gateway '{gatewayId}'";

        /// <summary>The condition does not parse; <c>sourceColumn</c> places the error in the condition as written when it was substituted (0: unknown).</summary>
        public static Diagnostic SyntaxError(string gatewayId, string flowId, string text, string? renderedText, ConditionSyntaxError error, bool dependsOnUnknown, int sourceColumn = 0)
        {
            string subject = Where(gatewayId, flowId);
            string reads = renderedText != null && renderedText != text
                ? $"With the constants' declared values, {subject} reads `{renderedText}` after substitution, and that does not parse: {error.Message}"
                  + (sourceColumn > 0 ? $" (column {sourceColumn} of `{text}`)." : ".")
                : dependsOnUnknown
                    ? $"{MessageText.Capitalize(subject)} `{text}` does not parse, whatever its ${{…}} parts turn into (if each becomes a single value): {error.Message}."
                    : $"{MessageText.Capitalize(subject)} `{text}` does not parse: {error.Message}.";
            string why;
            string hint;
            switch (error.Kind)
            {
                case ConditionErrorKind.InvalidLiteral:
                    why = " boolrule's grammar accepts it, but Python's int() rejects it while parsing.";
                    hint = "Write the number out (1000) or as a float (1.0e3), or quote it to compare text (\"1e3\").";
                    break;
                case ConditionErrorKind.TooComplex:
                    why = " boolrule's parser (pyparsing) recurses once per 'and'/'or' and per parenthesis and exceeds Python's recursion limit.";
                    hint = "Split the decision over several gateways, or use 'in' with a tuple instead of long chains of '==' joined by 'or'.";
                    break;
                default:
                    why = " Conditions are `value OP value` comparisons (OP one of == != < > <= >= in notin issuperset notissuperset) joined by 'and'/'or', with parentheses.";
                    hint = "Fix the expression, e.g. `\"${env}\" == \"prod\" and ${count} > 1`; quote text, write tuples as (\"a\", \"b\"), and use '*' alone for 'always'.";
                    break;
            }
            return new Diagnostic
            {
                RuleName = Rules.ConditionSyntax.Name,
                Severity = Severity.Warning,
                NodeId = gatewayId,
                Path = EvaluatePath(gatewayId, flowId),
                Message = reads + why + " " + FailsAtRunTime,
                Hint = hint,
            };
        }

        public static Diagnostic PrecedenceTrap(string gatewayId, string flowId, string chainText, string asEvaluated, string pythonReading, string firstTerm, string lastTerm)
        {
            return new Diagnostic
            {
                RuleName = Rules.ConditionPrecedence.Name,
                Severity = Severity.Warning,
                NodeId = gatewayId,
                Path = EvaluatePath(gatewayId, flowId),
                Message = $"{MessageText.Capitalize(Where(gatewayId, flowId))} mixes 'and' and 'or' without parentheses: `{chainText}`. boolrule gives them no precedence: "
                          + "it reads left to right and stops at the first false part followed by 'and' (false) or true part followed by 'or' (true), ignoring the rest. "
                          + $"So it means `{asEvaluated}`, not `{pythonReading}` as in Python: once `{firstTerm}` turns out false, boolrule answers false without looking further, even if `{lastTerm}` is true.",
                Hint = $"Add parentheses to say what you mean, e.g. `{pythonReading}`.",
            };
        }

        /// <summary>An unquoted variable holding text; Information only when the text reads as a number (<c>readsAsNumber</c>).</summary>
        public static Diagnostic Unquoted(string gatewayId, string flowId, string segment, string valueRepr, string consequence, bool breaks, bool readsAsNumber = false)
        {
            return new Diagnostic
            {
                RuleName = Rules.ConditionUnquotedVariable.Name,
                Severity = readsAsNumber ? Severity.Information : Severity.Warning,
                NodeId = gatewayId,
                Path = EvaluatePath(gatewayId, flowId),
                Message = $"{segment} is not quoted in {Where(gatewayId, flowId)}, and its declared value is the text {valueRepr}. The server pastes the text in as it is, "
                          + "and boolrule reads unquoted text as a bare word, which only works for a single word of ASCII letters, digits and '_' that does not start with a digit, 'true' or 'false'. "
                          + consequence + (breaks ? " " + FailsAtRunTime : ""),
                Hint = $"Quote it and compare text with text: \"{segment}\" == \"…\" (use ${{int(…)}} without quotes to compare numbers).",
            };
        }

        public static Diagnostic ListValued(string gatewayId, string flowId, string segment, string kind, string rendered, bool quoted, bool whole)
        {
            string consequence = whole
                ? "The condition is only this variable, so the server hands boolrule the " + kind + " itself, which it cannot parse. " + FailsAtRunTime
                : quoted
                    ? $"Inside quotes it becomes the text `{rendered}`, so the comparison is against that text, not against the items."
                    : $"Unquoted, boolrule sees `{rendered}`, which it cannot parse. " + FailsAtRunTime;
            return new Diagnostic
            {
                RuleName = Rules.ConditionListValue.Name,
                Severity = Severity.Warning,
                NodeId = gatewayId,
                Path = EvaluatePath(gatewayId, flowId),
                Message = $"{segment} in {Where(gatewayId, flowId)} holds a {kind}; the server substitutes Python's text for it ({rendered}). " + consequence,
                Hint = "boolrule has no list values: compare single values, or write a tuple in the condition, e.g. \"${env}\" in (\"dev\", \"test\").",
            };
        }

        public static Diagnostic Runtime(string gatewayId, string flowId, string? renderedText, string? pythonType, string? pythonMessage, string? explanation)
        {
            string reads = renderedText != null ? $"With the constants' declared values, {Where(gatewayId, flowId)} reads `{renderedText}`" : $"With the constants' declared values, {Where(gatewayId, flowId)}";
            return new Diagnostic
            {
                RuleName = Rules.ConditionRuntimeError.Name,
                Severity = Severity.Warning,
                NodeId = gatewayId,
                Path = EvaluatePath(gatewayId, flowId),
                Message = $"{reads} and Python raises {pythonType}" + (pythonMessage != null ? $" ({pythonMessage})" : "") + $" while testing it: {explanation}. " + FailsAtRunTime,
                Hint = "Compare values of the same kind: quote both sides to compare text, or use ${int(name)} and plain numbers to compare numbers.",
            };
        }

        public static Diagnostic NothingTrue(string gatewayId, bool conditionalParallel, IReadOnlyList<string> lines)
        {
            return new Diagnostic
            {
                RuleName = Rules.ConditionNoBranchTrue.Name,
                Severity = Severity.Warning,
                NodeId = gatewayId,
                Path = ConditionsPath(gatewayId),
                Message = $"With the constants' declared values no condition of {(conditionalParallel ? "conditional parallel" : "exclusive")} gateway '{gatewayId}' is true "
                          + $"({string.Join("; ", lines)}) and it has no default_condition, so a task started with these values fails there with "
                          + $"\"{GatewayConditions.AllMissMessage}\".",
                Hint = "Add \"default_condition\": {\"flow_id\": \"<an outgoing flow>\", \"name\": \"default\"} to the gateway, or make the conditions cover every value.",
            };
        }

        public static Diagnostic SeveralTrue(string gatewayId, IReadOnlyList<string> flows, IReadOnlyList<string> names)
        {
            return new Diagnostic
            {
                RuleName = Rules.ConditionManyTrue.Name,
                Severity = Severity.Warning,
                NodeId = gatewayId,
                Path = ConditionsPath(gatewayId),
                Message = $"With the constants' declared values {flows.Count} conditions of exclusive gateway '{gatewayId}' are true (flows {string.Join(", ", flows.Select(f => "'" + f + "'"))}); "
                          + $"an exclusive gateway must select exactly one branch, so a task started with these values fails there with \"{GatewayConditions.MultipleMetMessage(names)}\".",
                Hint = "Make the conditions exclude each other (e.g. \"${n}\" == \"1\" / \"${n}\" != \"1\"), or use a ConditionalParallelGateway to run every matching branch.",
            };
        }

        public static Diagnostic NotDecidable(string gatewayId, string flowId, IReadOnlyList<string?> reasons)
        {
            return new Diagnostic
            {
                RuleName = Rules.ConditionUnknown.Name,
                Severity = Severity.Information,
                NodeId = gatewayId,
                Path = EvaluatePath(gatewayId, flowId),
                Message = $"{MessageText.Capitalize(Where(gatewayId, flowId))} cannot be evaluated offline: {string.Join("; ", reasons)}. Which branch it selects is only known when the task runs.",
                Hint = "Where you can, use ${name}, ${int(name)}, ${str(name)} or ${float(name)} of constants with declared values, and try the branch on a test task.",
            };
        }

    }
}
