using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Constants
{
    /// <summary>
    /// Spec 2.5, after the schema: each constant's <c>key</c> field against its dictionary key and the key pattern,
    /// each <c>outputs</c> entry against the pattern (all such messages joined by "\n" into one answer), then
    /// self references and reference cycles between constant values.
    /// </summary>
    public sealed class ConstantsStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            if (context.HasError) return;
            if (!(context.Work["constants"] is JsonObject constants) || !(context.Work["outputs"] is JsonArray outputs)) return;
            if (!CheckKeys(context, constants, outputs)) return;
            CheckReferences(context, constants);
        }

        private static bool CheckKeys(ValidationContext context, JsonObject constants, JsonArray outputs)
        {
            var found = new List<(Diagnostic Diagnostic, JsonNode At)>();
            var texts = new List<string>();
            string? lastKey = null;
            foreach (var p in constants.Properties)
            {
                lastKey = p.Name;
                if (!(p.Value is JsonObject constant))
                {
                    // const.get("key") on a non-dict: an AttributeError ends the check at once.
                    context.Report(ConstantRules.NotObject(p.Name, p.Value), p.Value);
                    return false;
                }
                var keyValue = constant["key"];
                if (!(keyValue is JsonString s) || s.Value != p.Name)
                {
                    string shown = keyValue == null ? "None" : PythonRepr.Str(keyValue);
                    texts.Add($"constants {p.Name} key property value: {shown} not matched");
                    found.Add((ConstantRules.KeyMismatch(p.Name, keyValue), keyValue ?? constant));
                    continue;
                }
                if (!ConstantKeyPattern.IsMatch(p.Name))
                {
                    texts.Add($"invalid key: {p.Name}");
                    found.Add((ConstantRules.KeyInvalid(p.Name), keyValue));
                }
            }
            for (int i = 0; i < outputs.Count; i++)
            {
                if (!(outputs[i] is JsonString output) || ConstantKeyPattern.IsMatch(output.Value)) continue;
                if (lastKey == null)
                {
                    // The message formats the constants loop variable, which was never set: Python raises instead.
                    context.Report(ConstantRules.OutputKeyInvalid(i, output.Value, null)
                        .InvalidTree("cannot access local variable 'key' where it is not associated with a value"), output);
                    return false;
                }
                texts.Add($"invalid outputs key: {lastKey}");
                found.Add((ConstantRules.OutputKeyInvalid(i, output.Value, lastKey), output));
            }
            if (found.Count == 0) return true;
            string serverText = string.Join("\n", texts);
            foreach (var (diagnostic, at) in found) context.Report(diagnostic.InvalidTree(serverText), at);
            return false;
        }

        private static void CheckReferences(ValidationContext context, JsonObject constants)
        {
            var graph = new ConstantReferenceGraph(constants);
            if (graph.SelfReferences.Count > 0)
            {
                string serverText = $"常量 {string.Join(", ", graph.SelfReferences)} 的值不能引用自身作为值";
                foreach (var key in graph.SelfReferences)
                    context.Report(ConstantRules.SelfReference(key).InvalidTree(serverText), ValueNode(constants, key));
                return;
            }
            var cycle = graph.FindCycle();
            if (cycle == null) return;
            context.Report(ConstantRules.ReferenceCycle(cycle).InvalidTree($"检测到常量{string.Join(", ", cycle)}存在循环引用"), ValueNode(constants, cycle[0]));
        }

        private static JsonNode? ValueNode(JsonObject constants, string key) =>
            constants[key] is JsonObject c ? c["value"] ?? c : constants[key];
    }
}
