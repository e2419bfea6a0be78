using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Advisory
{
    /// <summary>
    /// Findings the server accepts but that usually mean a mistake, or that make the task fail when it is started
    /// (spec 2.12): constants nobody uses, <c>${name}</c> uses of undeclared variables, outputs that are not
    /// constants, and constants or activities lacking what the task start reads.
    /// </summary>
    public sealed class AdvisoryStage : IValidationStage
    {
        private static readonly string[] ConstantFieldsForStart = { "show_type", "custom_type", "source_type", "value" };

        private enum Where { Input, SubFlowParameter, Condition, ConstantValue }

        // One ${...} use; its place is spelled out only when it is reported.
        private sealed class Use
        {
            public required string Name;
            public required Where Kind;
            public required string Owner;
            /// <summary>The input, sub-flow parameter or flow; null for a constant's own value.</summary>
            public required string? Item;
            public required JsonNode At;

            private string ItemName => Item ?? throw new System.InvalidOperationException($"A use in {Kind} names no item.");

            public string Place
            {
                get
                {
                    switch (Kind)
                    {
                        case Where.Input: return $"input '{Item}' of activity '{Owner}'";
                        case Where.SubFlowParameter: return $"sub-flow parameter '{Item}' of activity '{Owner}'";
                        case Where.Condition: return $"the condition for flow '{Item}' of gateway '{Owner}'";
                        default: return $"the value of constant '{Owner}'";
                    }
                }
            }

            public string Path
            {
                get
                {
                    switch (Kind)
                    {
                        case Where.Input:
                            return JsonPath.Member(JsonPath.Key(JsonPath.Member(JsonPath.Member(TreePlaces.PathOf("activities", Owner), "component"), "data"), ItemName), "value");
                        case Where.SubFlowParameter:
                            return JsonPath.Member(JsonPath.Key(JsonPath.Member(TreePlaces.PathOf("activities", Owner), "constants"), ItemName), "value");
                        case Where.Condition:
                            return JsonPath.Member(JsonPath.Key(JsonPath.Member(TreePlaces.PathOf("gateways", Owner), "conditions"), ItemName), "evaluate");
                        default:
                            return JsonPath.Member(TreePlaces.PathOf("constants", Owner), "value");
                    }
                }
            }
        }

        // The findings depend on the working copy alone, so a large tree has them computed ahead (TreeReads.Advisories).
        public void Run(ValidationContext context) => context.ReportAll(context.Read(TreeReads.Advisories));

        /// <summary>Reports this stage's findings on <paramref name="context"/>'s working copy.</summary>
        internal static void Find(ValidationContext context)
        {
            var tree = context.Work.ForReading;
            var constants = tree["constants"] as JsonObject ?? new JsonObject();
            var outputs = tree["outputs"] as JsonArray ?? new JsonArray();
            var declared = DeclaredNames(constants);
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            var scanner = new Scanner(declared, used);
            var uses = scanner.Collect(tree, constants);
            var outputKeys = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var o in outputs.Items) if (o is JsonString s) outputKeys.Add(s.Value);

            foreach (var p in constants.Properties)
            {
                if (!(p.Value is JsonObject constant)) continue;
                string? name = NameOfKey(p.Name);
                bool isOutput = constant["source_type"] is JsonString st && st.Value == "component_outputs";
                if (name != null && !used.Contains(name) && !isOutput && !outputKeys.Contains(p.Name))
                    context.Report(AdvisoryRules.NotUsed(p.Name), constant);
                CheckConstantForStart(context, p.Name, constant);
            }

            var reported = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var u in uses)
            {
                if (IsBuiltIn(u.Name) || !reported.Add(u.Name)) continue;
                context.Report(AdvisoryRules.Undeclared(u.Name, u.Place, u.Path, u.Owner), u.At);
            }

            for (int i = 0; i < outputs.Count; i++)
                if (outputs[i] is JsonString o && !constants.ContainsKey(o.Value))
                    context.Report(AdvisoryRules.OutputNotInConstants(i, o.Value), o);

            foreach (var finding in scanner.StartFindings) finding.Report(context);
        }

        private static HashSet<string> DeclaredNames(JsonObject constants)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var key in constants.Keys)
            {
                string? name = NameOfKey(key);
                if (name != null) names.Add(name);
            }
            return names;
        }

        /// <summary>"x" for the key "${x}", else null.</summary>
        internal static string? NameOfKey(string key)
        {
            string k = key.TrimEnd('\n');
            return k.Length > 3 && k.StartsWith("${", System.StringComparison.Ordinal) && k.EndsWith("}", System.StringComparison.Ordinal)
                ? k.Substring(2, k.Length - 3)
                : null;
        }

        private static bool IsBuiltIn(string name) =>
            name == "True" || name == "False" || name == "None" || name.StartsWith("_env_", System.StringComparison.Ordinal) || name == "_system";

        // Walks every place that can refer to a constant: names go into `used`; bare ${name} uses of undeclared names
        // become Use records (the only ones that need a place in a message).
        private sealed class Scanner
        {
            private readonly HashSet<string> declared;
            private readonly HashSet<string> used;
            private readonly List<Use> undeclared = new List<Use>();
            private readonly List<VariableReferences.Reference> found = new List<VariableReferences.Reference>();

            /// <summary>What the ServiceActivities met on the way lack for the task start, in their order.</summary>
            public List<StartFinding> StartFindings { get; } = new List<StartFinding>();

            public Scanner(HashSet<string> declared, HashSet<string> used)
            {
                this.declared = declared;
                this.used = used;
            }

            public List<Use> Collect(JsonObject tree, JsonObject constants)
            {
                if (tree["activities"] is JsonObject activities)
                {
                    foreach (var p in activities.Properties)
                    {
                        if (!(p.Value is JsonObject activity)) continue;
                        var component = activity["component"] as JsonObject;
                        var data = component?["data"] as JsonObject;
                        string? withoutValue = null;
                        if (data != null)
                            foreach (var input in data.Properties)
                            {
                                if (input.Value is JsonObject item && item.TryGetValue("value", out var value)) Scan(value, Where.Input, p.Name, input.Name);
                                else if (withoutValue == null) withoutValue = input.Name;
                            }
                        // The start checks read the activity now, while it is at hand (reading it twice costs more on large trees).
                        if (activity["type"] is JsonString type && type.Value == "ServiceActivity")
                        {
                            var finding = StartFinding.Of(p.Name, activity, component, data, withoutValue);
                            if (finding != null) StartFindings.Add(finding);
                        }
                        if (activity["constants"] is JsonObject subConstants)
                            foreach (var sc in subConstants.Properties)
                                if (sc.Value is JsonObject subConstant)
                                    Scan(subConstant["value"], Where.SubFlowParameter, p.Name, sc.Name);
                    }
                }
                if (tree["gateways"] is JsonObject gateways)
                    foreach (var p in gateways.Properties)
                        if (p.Value is JsonObject gateway && gateway["conditions"] is JsonObject conditions)
                            foreach (var c in conditions.Properties)
                                if (c.Value is JsonObject condition)
                                    Scan(condition["evaluate"], Where.Condition, p.Name, c.Name);
                foreach (var p in constants.Properties)
                    if (p.Value is JsonObject constant)
                        Scan(constant["value"], Where.ConstantValue, p.Name, null, self: NameOfKey(p.Name));
                return undeclared;
            }

            private void Scan(JsonNode? value, Where kind, string owner, string? item, string? self = null)
            {
                if (!VariableReferences.HasTemplate(value)) return;
                if (value is JsonString only) Add(only, kind, owner, item, self);
                else foreach (var s in VariableReferences.StringsIn(value)) Add(s, kind, owner, item, self);
            }

            private void Add(JsonString s, Where kind, string owner, string? item, string? self)
            {
                found.Clear();
                VariableReferences.In(s.Value, found);
                foreach (var r in found)
                {
                    if (r.Name == self) continue;
                    used.Add(r.Name);
                    if (r.IsBare && !declared.Contains(r.Name))
                        undeclared.Add(new Use { Name = r.Name, Kind = kind, Owner = owner, Item = item, At = s });
                }
            }
        }

        private static void CheckConstantForStart(ValidationContext context, string key, JsonObject constant)
        {
            var missing = new List<string>();
            foreach (var f in ConstantFieldsForStart) if (!constant.ContainsKey(f)) missing.Add(f);
            bool outputsWithoutSource = constant["source_type"] is JsonString st && st.Value == "component_outputs" && !HasSourceOutput(constant["source_info"]);
            if (missing.Count > 0 || outputsWithoutSource)
                context.Report(AdvisoryRules.ConstantIncomplete(key, missing, outputsWithoutSource), constant);
        }

        private static bool HasSourceOutput(JsonNode? sourceInfo) =>
            sourceInfo is JsonObject o && o.Count > 0 && o.Properties[0].Value is JsonArray a && a.Count > 0;

        /// <summary>What one ServiceActivity lacks for the task start: inputs, or a timeout that conflicts with retries.</summary>
        private sealed class StartFinding
        {
            private readonly string key;
            private readonly JsonObject activity;
            /// <summary>What the activity lacks for the start (null when only the timeout conflicts), and the input without a value, if that is it.</summary>
            private readonly string? problem, input;
            private readonly bool timeoutConflict;

            private StartFinding(string key, JsonObject activity, string? problem, string? input, bool timeoutConflict)
            {
                this.key = key;
                this.activity = activity;
                this.problem = problem;
                this.input = input;
                this.timeoutConflict = timeoutConflict;
            }

            public static StartFinding? Of(string key, JsonObject activity, JsonObject? component, JsonObject? data, string? inputWithoutValue)
            {
                string? problem = component == null ? "has no 'component' object (plugin code and inputs)"
                    : data == null ? "has a component without a 'data' object of inputs"
                    : inputWithoutValue != null ? $"has input '{inputWithoutValue}' without a 'value'"
                    : null;
                bool conflict = activity["timeout_config"] is JsonObject timeout && timeout["enable"] is JsonBoolean on && on.Value
                    && ((activity["error_ignorable"] is JsonBoolean ignorable && ignorable.Value)
                        || (activity["auto_retry"] is JsonObject retry && retry["enable"] is JsonBoolean retryOn && retryOn.Value));
                if (problem == null && !conflict) return null;
                return new StartFinding(key, activity, problem, data != null ? inputWithoutValue : null, conflict);
            }

            public void Report(ValidationContext context)
            {
                if (problem != null)
                {
                    string where = TreePlaces.PathOf("activities", key);
                    if (input != null) where = JsonPath.Key(JsonPath.Member(JsonPath.Member(where, "component"), "data"), input);
                    context.Report(AdvisoryRules.ActivityIncomplete(key, problem, where), activity);
                }
                if (timeoutConflict) context.Report(AdvisoryRules.TimeoutConflict(key), activity);
            }
        }
    }
}
