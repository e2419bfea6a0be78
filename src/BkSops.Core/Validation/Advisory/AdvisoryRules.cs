using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Advisory
{
    /// <summary>Warnings for trees the server accepts (spec 2.5, 2.12).</summary>
    public static class AdvisoryRules
    {

        public static Diagnostic NotUsed(string key) => new Diagnostic
        {
            RuleName = Rules.ConstantNotUsed.Name,
            Severity = Severity.Warning,
            NodeId = key,
            Path = TreePlaces.PathOf("constants", key),
            Message = $"Constant '{key}' is declared but no activity input, gateway condition or other constant uses it, and it is not in 'outputs'.",
            Hint = $"Use it somewhere as {key} (e.g. an input value with \"hook\": true), list it in 'outputs', or remove it.",
        };

        public static Diagnostic Undeclared(string name, string place, string path, string nodeId) => new Diagnostic
        {
            RuleName = Rules.UndeclaredVariable.Name,
            Severity = Severity.Warning,
            NodeId = nodeId,
            Path = path,
            Message = $"${{{name}}} is used in {place}, but no constant '${{{name}}}' is declared; the server accepts this and leaves the text '${{{name}}}' as it is when the task runs.",
            Hint = $"Declare a constant keyed \"${{{name}}}\" (key, name, value, source_type \"custom\", custom_type \"input\", show_type \"show\"), or fix the spelling.",
        };

        public static Diagnostic OutputNotInConstants(int index, string key) => new Diagnostic
        {
            RuleName = Rules.OutputNotInConstants.Name,
            Severity = Severity.Warning,
            NodeId = key,
            Path = JsonPath.Index(TreePlaces.PathOf("outputs"), index),
            Message = $"Outputs entry {index} ({PythonRepr.ReprString(key)}) is not the key of a declared constant; the server accepts it, but the task has no such value to output.",
            Hint = "List only keys of 'constants' in 'outputs' (typically component_outputs constants).",
        };

        public static Diagnostic ConstantIncomplete(string key, IReadOnlyList<string> missing, bool outputsWithoutSource)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add("has no " + string.Join(", ", missing));
            if (outputsWithoutSource) parts.Add("is a component_outputs constant whose source_info names no node output");
            return new Diagnostic
            {
                RuleName = Rules.ConstantIncomplete.Name,
                Severity = Severity.Warning,
                NodeId = key,
                Path = TreePlaces.PathOf("constants", key),
                Message = $"Constant '{key}' {string.Join(" and ", parts)}; the task is created, but starting it fails because the server reads these fields then.",
                Hint = "Send full constants: key, name, index, desc, source_type, custom_type, source_tag, source_info, value, show_type (component_outputs: source_info {\"<node id>\": [\"<output key>\"]}).",
            };
        }

        public static Diagnostic ActivityIncomplete(string key, string problem, string path) => new Diagnostic
        {
            RuleName = Rules.ActivityIncomplete.Name,
            Severity = Severity.Warning,
            NodeId = key,
            Path = path,
            Message = $"Service activity '{key}' {problem}; the task is created, but starting it fails because the server reads the plugin inputs then.",
            Hint = "Give every ServiceActivity \"component\": {\"code\": \"<plugin>\", \"data\": {\"<input>\": {\"hook\": false, \"value\": ...}}} plus error_ignorable, retryable and skippable.",
        };

        public static Diagnostic TimeoutConflict(string key) => new Diagnostic
        {
            RuleName = Rules.ActivityTimeoutConflict.Name,
            Severity = Severity.Warning,
            NodeId = key,
            Path = JsonPath.Member(TreePlaces.PathOf("activities", key), "timeout_config"),
            Message = $"Activity '{key}' enables timeout_config together with error_ignorable or auto_retry; the task is created, but the server refuses to start it (\"timeout_config can not be enabled with error_ignorable or auto_retry at the same time\").",
            Hint = "Enable either the timeout or error_ignorable/auto_retry on an activity, not both.",
        };
    }
}
