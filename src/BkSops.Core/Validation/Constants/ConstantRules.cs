using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Constants
{
    /// <summary>The diagnostics of the constants step (spec 2.5).</summary>
    public static class ConstantRules
    {

        private const string KeyForm = "${name} with only ASCII letters, digits and underscores in the name (not starting with _env_)";

        private static string PathOf(string key) => TreePlaces.PathOf("constants", key);

        public static Diagnostic NotObject(string key, JsonNode value) => new Diagnostic
        {
            RuleName = Rules.ConstantNotObject.Name,
            Severity = Severity.Error,
            NodeId = key,
            Path = PathOf(key),
            Message = $"Constant {PythonRepr.ReprString(key)} is {Schema.SchemaRules.Shape(value)}, not an object; the server reads its 'key' field and fails. (Its key escapes the schema check because it has no character other than a line break.)",
            Hint = "Declare each constant as an object keyed ${name} with key, name, value, source_type, custom_type and show_type.",
        }.InvalidTree($"'{value.PythonTypeName}' object has no attribute 'get'");

        public static Diagnostic KeyMismatch(string key, JsonNode? keyValue) => new Diagnostic
        {
            RuleName = Rules.ConstantKeyMismatch.Name,
            Severity = Severity.Error,
            NodeId = key,
            Path = JsonPath.Member(PathOf(key), "key"),
            Message = keyValue == null
                ? $"Constant '{key}' has no 'key' field; the server requires it to repeat the constant's key exactly."
                : $"Constant '{key}' has 'key' {PythonRepr.Repr(keyValue)}; the server requires the 'key' field to repeat the constant's key exactly.",
            Hint = $"Set \"key\": \"{key}\" (or rename the constant to match its key field).",
        };

        public static Diagnostic KeyInvalid(string key) => new Diagnostic
        {
            RuleName = Rules.ConstantKeyInvalid.Name,
            Severity = Severity.Error,
            NodeId = key,
            Path = PathOf(key),
            Message = string.CompareOrdinal(key, 0, "${_env_", 0, 7) == 0
                ? $"Constant key '{key}' starts with the reserved prefix _env_ (environment variables); the server refuses it."
                : $"Constant key {PythonRepr.ReprString(key)} is not of the form {KeyForm}.",
            Hint = "Name constants like ${bk_timing}: ASCII letters, digits and _ inside ${ }, and not _env_... or _system....",
        };

        /// <summary><paramref name="lastConstantKey"/> is what the server's message names (upstream bug), null when there are no constants.</summary>
        public static Diagnostic OutputKeyInvalid(int index, string output, string? lastConstantKey) => new Diagnostic
        {
            RuleName = Rules.OutputKeyInvalid.Name,
            Severity = Severity.Error,
            NodeId = output,
            Path = JsonPath.Index(TreePlaces.PathOf("outputs"), index),
            Message = $"Outputs entry {index} ({PythonRepr.ReprString(output)}) is not a constant key of the form {KeyForm}."
                + (lastConstantKey == null
                    ? " Because the tree has no constants, the server's message is a Python error about an unset variable."
                    : $" (The server's message names the last constant key, {lastConstantKey}, instead of the output: a bug in bk-sops.)"),
            Hint = "List in 'outputs' only constant keys such as ${result}, or remove the entry.",
        };

        public static Diagnostic SelfReference(string key) => new Diagnostic
        {
            RuleName = Rules.ConstantSelfReference.Name,
            Severity = Severity.Error,
            NodeId = key,
            Path = JsonPath.Member(PathOf(key), "value"),
            Message = $"The value of constant '{key}' contains its own key '{key}'; the server refuses a constant that refers to itself (it searches every value, as text, for every constant key).",
            Hint = $"Remove '{key}' from its own value; use another constant or a literal instead.",
        };

        public static Diagnostic ReferenceCycle(IReadOnlyList<string> stack) => new Diagnostic
        {
            RuleName = Rules.ConstantReferenceCycle.Name,
            Severity = Severity.Error,
            NodeId = stack[0],
            Path = JsonPath.Member(PathOf(stack[0]), "value"),
            Message = $"Following the references between constant values ({string.Join(" -> ", stack)}) leads back to a constant already on that path: the values refer to each other in a cycle (a value refers to a constant by containing its key as text), which the server refuses.",
            Hint = "Break the cycle: give one of these constants a value that does not mention the others.",
        };
    }
}
