using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// Advisory checks of the conditions of ExclusiveGateway and ConditionalParallelGateway nodes (spec 0 #9, 2.13). Each
    /// condition is rendered with the constants' declared values and tested the way the engine does; what would fail or
    /// mislead at run time is reported as a Warning, what cannot be decided offline as Information. The server itself
    /// never parses conditions when it creates a task, so nothing here is an Error.
    /// </summary>
    public sealed class ConditionsStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            if (!(context.Work["gateways"] is JsonObject gateways)) return;
            Checker? checker = null;
            foreach (var g in gateways.Properties)
            {
                if (!(g.Value is JsonObject gateway) || !(gateway["type"] is JsonString type)) continue;
                bool conditionalParallel = type.Value == "ConditionalParallelGateway";
                if (type.Value != "ExclusiveGateway" && !conditionalParallel) continue;
                if (!(gateway["conditions"] is JsonObject conditions)) continue;
                checker = checker ?? new Checker(context);
                checker.CheckGateway(g.Name, gateway, conditions, conditionalParallel);
            }
            checker?.ReportNumbersAsText();
        }

        /// <summary>One run: the constants' values and what is reported once per tree.</summary>
        private sealed class Checker
        {
            private readonly ValidationContext context;
            private readonly IReadOnlyDictionary<string, object?> values;
            private readonly Dictionary<string, ConditionTextFacts.BareText> bareTexts = new Dictionary<string, ConditionTextFacts.BareText>();

            // Trees often repeat a condition text; its verdict depends only on the text (the values are the run's).
            private readonly Dictionary<string, (ConditionExpression expression, ConditionResult result)> verdicts =
                new Dictionary<string, (ConditionExpression, ConditionResult)>();

            // Numbers kept as text and used unquoted work; they are mentioned once per variable, at the first use.
            private readonly Dictionary<string, (Diagnostic first, JsonNode at, int uses)> numbersAsText =
                new Dictionary<string, (Diagnostic, JsonNode, int)>();
            private readonly List<string> numberOrder = new List<string>();

            public Checker(ValidationContext context)
            {
                this.context = context;
                values = ConstantValues.FromConstants(context.Work["constants"]);
            }

            public void CheckGateway(string gatewayId, JsonObject gateway, JsonObject conditions, bool conditionalParallel)
            {
                var outcomes = new List<(string flow, string name, ConditionResult result)>();
                bool allKnown = true;
                foreach (var c in conditions.Properties)
                {
                    if (!(c.Value is JsonObject condition) || !(condition["evaluate"] is JsonString evaluate))
                    {
                        allKnown = false;
                        continue;
                    }
                    var result = CheckCondition(gatewayId, c.Name, evaluate);
                    outcomes.Add((c.Name, condition["name"] is JsonString n ? n.Value : c.Name, result));
                    if (result.Value != ConditionOutcome.True && result.Value != ConditionOutcome.False) allKnown = false;
                }
                if (!allKnown || outcomes.Count == 0) return;

                var met = new List<(string flow, string name, ConditionResult result)>();
                foreach (var o in outcomes)
                    if (o.result.IsTrue) met.Add(o);
                bool hasDefault = gateway["default_condition"] is JsonObject d && d["flow_id"] is JsonString;
                if (met.Count == 0 && !hasDefault)
                {
                    var lines = new List<string>(outcomes.Count);
                    foreach (var o in outcomes) lines.Add($"flow '{o.flow}': `{o.result.RenderedText}` is false");
                    context.Report(ConditionRules.NothingTrue(gatewayId, conditionalParallel, lines), conditions);
                }
                if (!conditionalParallel && met.Count > 1)
                {
                    var flows = new List<string>(met.Count);
                    var names = new List<string>(met.Count);
                    foreach (var m in met)
                    {
                        flows.Add(m.flow);
                        names.Add(m.name);
                    }
                    context.Report(ConditionRules.SeveralTrue(gatewayId, flows, names), conditions);
                }
            }

            private ConditionResult CheckCondition(string gatewayId, string flowId, JsonString at)
            {
                string text = at.Value;
                if (!verdicts.TryGetValue(text, out var verdict))
                {
                    var parsed = ConditionExpression.Parse(text);
                    verdicts[text] = verdict = (parsed, parsed.Evaluate(values));
                }
                var (expression, result) = verdict;
                var segments = expression.Templates;
                // The shape (placeholders for ${…}) is parsed only when needed; most conditions render and parse cleanly.
                ConditionExpression? shape = null;
                ConditionExpression Shape() =>
                    shape ?? (shape = segments.Count == 0 ? expression : ConditionExpression.Parse(ConditionTextFacts.Placeholders(text, segments)));

                bool valueBreaksIt = false;
                if (segments.Count > 0)
                {
                    bool[] quoted = ConditionTextFacts.QuotedSegments(text, segments);
                    valueBreaksIt = ReportListValues(gatewayId, flowId, text, segments, quoted, at);
                    valueBreaksIt |= ReportUnquotedText(gatewayId, flowId, segments, quoted, at);
                }

                if (result.Value == ConditionOutcome.Fails)
                {
                    if (result.SyntaxError != null)
                    {
                        if (!(valueBreaksIt && Shape().IsValid))
                            context.Report(ConditionRules.SyntaxError(gatewayId, flowId, text, result.RenderedText, result.SyntaxError, false, result.SourceColumn), at);
                    }
                    else if (!valueBreaksIt)
                    {
                        context.Report(ConditionRules.Runtime(gatewayId, flowId, result.RenderedText, result.PythonType, result.PythonMessage, Explain(result)), at);
                    }
                }
                else if (result.Value == ConditionOutcome.Unknown)
                {
                    var shapeError = Shape().Error;
                    if (shapeError != null && !ConditionTextFacts.NearSegment(shapeError.Position, segments))
                        context.Report(ConditionRules.SyntaxError(gatewayId, flowId, text, null, shapeError, true), at);
                    var reasons = result.Templates.Where(t => t.Outcome == TemplateOutcome.Unknown).Select(t => t.Reason).Distinct().ToList();
                    if (reasons.Count == 0 && result.Error != null) reasons.Add(result.Error);
                    context.Report(ConditionRules.NotDecidable(gatewayId, flowId, reasons), at);
                }

                // Precedence: decided on the rendered text when it parses, reported in the author's own words.
                var rendered = result.Rendered?.Root;
                if (rendered != null && !ConditionAst.AnyChainMixesAndBeforeOr(rendered)) return result;
                if (segments.Count == 0) ReportPrecedence(gatewayId, flowId, expression.Root, text, at);
                else if (Shape().Root != null) ReportPrecedence(gatewayId, flowId, Shape().Root, text, at);
                else ReportPrecedence(gatewayId, flowId, rendered, result.RenderedText, at);
                return result;
            }

            private bool ReportListValues(string gatewayId, string flowId, string text, IReadOnlyList<TemplateSegment> segments, bool[] quoted, JsonNode at)
            {
                bool breaks = false;
                HashSet<string>? reported = null;
                for (int i = 0; i < segments.Count; i++)
                {
                    var segment = segments[i];
                    if (segment.Name == null || (segment.Form != TemplateForm.Name && segment.Form != TemplateForm.Str)) continue;
                    if (!values.TryGetValue(segment.Name, out var raw)) continue;
                    var value = TemplateExpander.Hydrate(raw);
                    if (!(value is PyList) && !(value is PyDict)) continue;
                    if (!(reported ?? (reported = new HashSet<string>(System.StringComparer.Ordinal))).Add(segment.Name)) continue;
                    bool whole = segments.Count == 1 && segment.Text.Length == text.Length && segment.Form == TemplateForm.Name;
                    context.Report(ConditionRules.ListValued(gatewayId, flowId, segment.Text, value is PyList ? "list" : "dict", PyFormat.Str(value), quoted[i], whole), at);
                    breaks |= whole || !quoted[i];
                }
                return breaks;
            }

            private bool ReportUnquotedText(string gatewayId, string flowId, IReadOnlyList<TemplateSegment> segments, bool[] quoted, JsonNode at)
            {
                bool breaks = false;
                HashSet<string>? reported = null;
                for (int i = 0; i < segments.Count; i++)
                {
                    var segment = segments[i];
                    if (quoted[i] || segment.Name == null || segment.Form == TemplateForm.Int || segment.Form == TemplateForm.Float) continue;
                    if (!values.TryGetValue(segment.Name, out var raw) || !(TemplateExpander.Hydrate(raw) is string value)) continue;
                    if (!(reported ?? (reported = new HashSet<string>(System.StringComparer.Ordinal))).Add(segment.Name)) continue;
                    if (!bareTexts.TryGetValue(value, out var bare)) bareTexts[value] = bare = ConditionTextFacts.ReadAsBareText(value);
                    breaks |= bare.Fails;
                    if (bare.IsNumber && CountedAgain(segment.Text)) continue;
                    var diagnostic = ConditionRules.Unquoted(gatewayId, flowId, segment.Text, PyFormat.StrRepr(value), bare.Consequence, bare.Fails, bare.IsNumber);
                    if (bare.IsNumber) NoteNumberAsText(segment.Text, diagnostic, at);
                    else context.Report(diagnostic, at);
                }
                return breaks;
            }

            // A later use of a number kept as text only adds to the count of its first use's diagnostic.
            private bool CountedAgain(string segment)
            {
                if (!numbersAsText.TryGetValue(segment, out var seen)) return false;
                numbersAsText[segment] = (seen.first, seen.at, seen.uses + 1);
                return true;
            }

            private void NoteNumberAsText(string segment, Diagnostic diagnostic, JsonNode at)
            {
                numbersAsText[segment] = (diagnostic, at, 1);
                numberOrder.Add(segment);
            }

            public void ReportNumbersAsText()
            {
                foreach (var segment in numberOrder)
                {
                    var (first, at, uses) = numbersAsText[segment];
                    if (uses > 1) first = first.WithMessage(first.Message + $" The same holds for {uses - 1} other condition{(uses > 2 ? "s" : "")} using {segment} unquoted.");
                    context.Report(first, at);
                }
            }

            private void ReportPrecedence(string gatewayId, string flowId, ConditionChain? root, string? text, JsonNode at)
            {
                if (root == null || text == null) return;
                foreach (var chain in ConditionAst.Chains(root))
                {
                    if (!chain.MixesAndBeforeOr) continue;
                    string Slice(ConditionTerm t) => text.Substring(t.Start, t.End - t.Start);
                    int firstAnd = 0;
                    while (chain.Joins[firstAnd].Connector != ConditionConnector.And) firstAnd++;
                    context.Report(ConditionRules.PrecedenceTrap(gatewayId, flowId,
                        text.Substring(chain.Start, chain.End - chain.Start),
                        CanonicalConditionWriter.PrintAsEvaluated(chain, Slice),
                        CanonicalConditionWriter.PrintWithPythonPrecedence(chain, Slice),
                        Slice(chain.Terms[firstAnd]),
                        Slice(chain.Terms[chain.Terms.Count - 1])), at);
                    return;
                }
            }

            private static string? Explain(ConditionResult result)
            {
                string? m = result.PythonMessage;
                if (result.PythonType == "AttributeError" || m == null) return result.Error;
                if (m.Contains("not supported between"))
                    return "'<', '>', '<=' and '>=' only compare numbers with numbers and text with text, and boolrule converts one side only when the other is a whole number or text";
                if (m.Contains("is not iterable")) return "'in', 'notin', 'issuperset' and 'notissuperset' need text or a tuple on the side they search";
                if (m.StartsWith("'in <string>'", System.StringComparison.Ordinal)) return "searching text with 'in' needs text on the left";
                return result.Error;
            }
        }
    }
}
