using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>One outgoing branch of an ExclusiveGateway / ConditionalParallelGateway.</summary>
    public sealed class GatewayBranch
    {
        public GatewayBranch(string flowId, string? evaluate, string? name = null)
        {
            FlowId = flowId;
            Evaluate = evaluate;
            Name = name ?? flowId;
        }

        public string FlowId { get; }

        /// <summary>The <c>evaluate</c> text (null when it is not a string).</summary>
        public string? Evaluate { get; }

        /// <summary>The condition's name, used in the engine's "multiple conditions meet" message.</summary>
        public string Name { get; }
    }

    public enum GatewayDecisionKind
    {
        /// <summary>The gateway continues on <see cref="GatewayDecision.FlowIds"/>.</summary>
        Selected,
        /// <summary>The gateway node fails; <see cref="GatewayDecision.FailureMessage"/> is the engine's ex_data.</summary>
        Fails,
        /// <summary>Depends on something only the server can evaluate.</summary>
        Unknown,
    }

    /// <summary>What a branching gateway does with given variable values.</summary>
    public sealed class GatewayDecision
    {
        internal GatewayDecision(GatewayDecisionKind kind, IReadOnlyList<string> flowIds, bool usedDefault, string? failureMessage,
            IReadOnlyList<KeyValuePair<GatewayBranch, ConditionResult>> results)
        {
            Kind = kind;
            FlowIds = flowIds;
            UsedDefault = usedDefault;
            FailureMessage = failureMessage;
            Results = results;
        }

        public GatewayDecisionKind Kind { get; }

        /// <summary>The flows taken (one for an exclusive gateway, one or more for a conditional parallel gateway).</summary>
        public IReadOnlyList<string> FlowIds { get; }

        /// <summary>True when no condition held and <c>default_condition</c> was taken.</summary>
        public bool UsedDefault { get; }

        /// <summary>
        /// The engine's failure text (its node <c>ex_data</c>). The <c>data[…]</c> part lists the referenced variables in
        /// reference order; the server's order can differ (it comes from a Python set).
        /// </summary>
        public string? FailureMessage { get; }

        /// <summary>Each evaluated condition, in order (evaluation stops at the first failure).</summary>
        public IReadOnlyList<KeyValuePair<GatewayBranch, ConditionResult>> Results { get; }
    }

    /// <summary>
    /// How bamboo-engine's ExclusiveGateway and ConditionalParallelGateway handlers choose branches: each condition is
    /// rendered and tested in order; an error fails the node at once; no true condition takes <c>default_condition</c> or
    /// fails with "all conditions of branches are not meet"; an exclusive gateway with several true conditions fails with
    /// "multiple conditions meet: [names]" (the engine's default strategy ONLY; FIRST takes the first true one).
    /// With <c>leaveUnknownAsText</c> segments that cannot be rendered stay literal text, so the decision is never Unknown.
    /// </summary>
    public static class GatewayConditions
    {
        public const string AllMissMessage = "all conditions of branches are not meet";

        public static GatewayDecision Decide(bool conditionalParallel, IEnumerable<GatewayBranch>? branches, string? defaultFlowId,
            IReadOnlyDictionary<string, object?>? values, bool firstMatch = false, bool leaveUnknownAsText = false)
        {
            var list = branches?.ToList() ?? new List<GatewayBranch>();
            var results = new List<KeyValuePair<GatewayBranch, ConditionResult>>();
            var met = new List<GatewayBranch>();
            bool unknown = false;
            foreach (var branch in list)
            {
                var expression = ConditionExpression.Parse(branch.Evaluate ?? "");
                var result = branch.Evaluate == null
                    ? new ConditionResult(ConditionOutcome.Fails, null, null, new TemplateRendering[0], "the condition is not a string", null, "AttributeError", null)
                    : expression.Evaluate(values, leaveUnknownAsText);
                results.Add(new KeyValuePair<GatewayBranch, ConditionResult>(branch, result));
                if (result.Value == ConditionOutcome.Unknown)
                {
                    unknown = true;
                    continue;
                }
                if (result.Value == ConditionOutcome.Fails)
                {
                    if (unknown) return Decision(GatewayDecisionKind.Unknown, null, false, null, results);
                    return Decision(GatewayDecisionKind.Fails, null, false, FailureText(conditionalParallel, branch, result, list, values), results);
                }
                if (result.IsTrue)
                {
                    met.Add(branch);
                    if (firstMatch && !conditionalParallel && !unknown) break;
                }
            }
            if (unknown) return Decision(GatewayDecisionKind.Unknown, null, false, null, results);
            if (met.Count == 0)
            {
                if (defaultFlowId == null) return Decision(GatewayDecisionKind.Fails, null, false, AllMissMessage, results);
                return Decision(GatewayDecisionKind.Selected, new[] { defaultFlowId }, true, null, results);
            }
            if (!conditionalParallel && met.Count > 1)
                return Decision(GatewayDecisionKind.Fails, null, false, MultipleMetMessage(met.Select(b => b.Name)), results);
            return Decision(GatewayDecisionKind.Selected, met.Select(b => b.FlowId).ToList(), false, null, results);
        }

        /// <summary><c>multiple conditions meet: ['a', 'b']</c> (a Python list of the condition names).</summary>
        public static string MultipleMetMessage(IEnumerable<string> names) =>
            "multiple conditions meet: " + PyFormat.Repr(new PyList(names.Cast<object>()));

        private static GatewayDecision Decision(GatewayDecisionKind kind, IReadOnlyList<string>? flows, bool usedDefault, string? message,
            List<KeyValuePair<GatewayBranch, ConditionResult>> results) =>
            new GatewayDecision(kind, flows ?? new string[0], usedDefault, message, results);

        private static string FailureText(bool conditionalParallel, GatewayBranch branch, ConditionResult result, List<GatewayBranch> all,
            IReadOnlyDictionary<string, object?>? values)
        {
            string data = PyFormat.JsonDumps(ReferencedValues(all, values));
            string? exception = result.PythonMessage ?? result.Error;
            if (conditionalParallel)
                return "evaluate[" + branch.Evaluate + "] fail with data[" + data + "] message: " + exception;
            if (result.PythonType == "ParseException")
                return "evaluate[" + branch.Evaluate + "] fail with data[" + data + "]：please check if some variable not exists or the expression is unsupported, "
                       + "related reference is <a href=\"https://boolrule.readthedocs.io/en/latest/expressions.html\">boolrule</a>";
            string? rendered = result.RenderedText ?? (result.Templates.Count == 1 ? PyFormat.Str(result.Templates[0].Value) : branch.Evaluate);
            return "evaluate[" + rendered + "] fail with data[" + data + "] message: " + exception;
        }

        // The engine's hydrated context: every variable the gateway's conditions reference, escaped as hydrated.
        private static PyDict ReferencedValues(List<GatewayBranch> branches, IReadOnlyDictionary<string, object?>? values)
        {
            var pairs = new List<KeyValuePair<object?, object?>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (values == null) return new PyDict(pairs);
            foreach (var branch in branches)
            {
                foreach (var segment in TemplateExpander.FindSegments(branch.Evaluate))
                {
                    if (segment.Name == null || !seen.Add(segment.Name) || !values.TryGetValue(segment.Name, out var value)) continue;
                    pairs.Add(new KeyValuePair<object?, object?>(segment.Name, TemplateExpander.Hydrate(value)));
                }
            }
            return new PyDict(pairs);
        }
    }
}
