using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// The variable values a task started from a tree would begin with: each constant's declared <c>value</c>, with
    /// values that reference other constants (<c>"${a}-${b}"</c>) resolved as the engine's hydration does. Plugin outputs
    /// (<c>source_type: component_outputs</c>) and constants without a value are <see cref="ConditionValues.Unknown"/>.
    /// </summary>
    public static class ConstantValues
    {
        /// <summary>Reads <c>pipeline_tree.constants</c> (<c>${key}</c> → constant object); tolerates any JSON shape.</summary>
        public static IReadOnlyDictionary<string, object?> FromConstants(JsonNode? constants) => FromConstants(constants, null);

        /// <summary>
        /// The values at run time: as <see cref="FromConstants(JsonNode)"/>, but a variable named in <paramref name="runTimeValues"/>
        /// (name without <c>${}</c>: a plugin output already written, a value a parent passed in) takes that value as it is
        /// (the engine's context holds it as a plain value, not rendered again), and the other values referencing it resolve
        /// against it.
        /// </summary>
        public static IReadOnlyDictionary<string, object?> FromConstants(JsonNode? constants, IReadOnlyDictionary<string, object?>? runTimeValues) =>
            FromConstants(constants, runTimeValues, evaluateExpressions: false);

        /// <summary>
        /// As <see cref="FromConstants(JsonNode, IReadOnlyDictionary{string, object})"/>; with <paramref name="evaluateExpressions"/>
        /// (a simulated run) values holding Python expressions in <c>${…}</c> are evaluated (<see cref="MakoExpression"/>).
        /// </summary>
        public static IReadOnlyDictionary<string, object?> FromConstants(JsonNode? constants, IReadOnlyDictionary<string, object?>? runTimeValues, bool evaluateExpressions)
        {
            var raw = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (!(constants is JsonObject obj)) return raw;
            // Values written at run time are plain values in the engine's context: used as they are, never rendered again.
            var final = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in obj.Properties)
            {
                string? name = VariableName(p.Name);
                if (name == null || raw.ContainsKey(name)) continue;
                if (runTimeValues != null && runTimeValues.TryGetValue(name, out var known))
                {
                    raw[name] = final[name] = known is JsonNode json ? PyValue.FromJson(json) : PyValue.FromDotNet(known);
                    continue;
                }
                if (!(p.Value is JsonObject constant)) continue;
                if (constant["source_type"] is JsonString st && st.Value == "component_outputs")
                {
                    raw[name] = ConditionValues.Unknown;
                    continue;
                }
                raw[name] = constant.TryGetValue("value", out var value) ? PyValue.FromJson(value) : ConditionValues.Unknown;
            }
            return Resolve(raw, evaluateExpressions, final);
        }

        /// <summary><c>${name}</c> → <c>name</c>; null for keys not in that form.</summary>
        public static string? VariableName(string? key)
        {
            if (key == null || key.Length < 4 || !key.StartsWith("${", StringComparison.Ordinal) || !key.EndsWith("}", StringComparison.Ordinal)) return null;
            return key.Substring(2, key.Length - 3);
        }

        /// <summary>
        /// Resolves string values holding <c>${…}</c> against the others, dependencies first (explicit stack; a reference
        /// cycle, which the server rejects anyway, makes the values on it Unknown).
        /// </summary>
        private static IReadOnlyDictionary<string, object?> Resolve(Dictionary<string, object?> raw, bool evaluateExpressions, Dictionary<string, object?> final)
        {
            var resolved = new Dictionary<string, object?>(final, StringComparer.Ordinal);
            var visiting = new HashSet<string>(StringComparer.Ordinal);
            foreach (var start in raw.Keys)
            {
                if (resolved.ContainsKey(start)) continue;
                var stack = new Stack<string>();
                stack.Push(start);
                while (stack.Count > 0)
                {
                    string name = stack.Peek();
                    if (resolved.ContainsKey(name)) { stack.Pop(); continue; }
                    if (!visiting.Contains(name))
                    {
                        visiting.Add(name);
                        foreach (var dependency in References(raw[name]))
                        {
                            if (!raw.ContainsKey(dependency) || resolved.ContainsKey(dependency)) continue;
                            if (visiting.Contains(dependency)) resolved[dependency] = ConditionValues.Unknown;
                            else stack.Push(dependency);
                        }
                        continue;
                    }
                    stack.Pop();
                    visiting.Remove(name);
                    resolved[name] = ResolveOne(raw[name], resolved, evaluateExpressions);
                }
            }
            return resolved;
        }

        private static IEnumerable<string> References(object? value)
        {
            if (!(value is string s) || s.IndexOf("${", StringComparison.Ordinal) < 0) yield break;
            foreach (var segment in TemplateExpander.FindSegments(s))
            {
                if (segment.Name != null) yield return segment.Name;
                else if (segment.Form == TemplateForm.Other)
                    foreach (var name in MakoExpression.Names(segment.Expression)) yield return name;
            }
        }

        private static object? ResolveOne(object? value, IReadOnlyDictionary<string, object?> resolved, bool evaluateExpressions)
        {
            if (!(value is string s) || s.IndexOf("${", StringComparison.Ordinal) < 0) return value;
            var rendered = TemplateExpander.Render(s, resolved, escapeStrings: false, evaluateExpressions);
            if (rendered.IsUnknown) return ConditionValues.Unknown;
            return rendered.IsRawValue ? rendered.RawValue : rendered.Text;
        }
    }
}
