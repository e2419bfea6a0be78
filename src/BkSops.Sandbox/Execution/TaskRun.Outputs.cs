using System;
using System.Collections.Generic;
using BkSops.Api;
using BkSops.Conditions;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Sandbox.Execution
{
    public sealed partial class TaskRun
    {
        /// <summary>
        /// get_task_detail's <c>outputs</c>: empty until the root end event ran (the engine writes the pipeline's
        /// outputs there); then one <c>{key, value, name}</c> per key of the tree's <c>outputs</c> list, in its order,
        /// with the variable's value as the task's variables hold it at the end (a key with no value keeps the key).
        /// </summary>
        public JsonArray Outputs()
        {
            lock (gate)
            {
                var list = new JsonArray();
                if (!started || !states.TryGetValue(PipelineId, out var root) || root.State != TaskStates.Finished) return list;
                if (!(tree["outputs"] is JsonArray keys)) return list;
                var scope = scopes.Find(s => s.Owner == null);
                var values = scope.Values();
                var constants = tree["constants"] as JsonObject;
                foreach (var item in keys.Items)
                {
                    if (!(item is JsonString key)) continue;
                    string? name = ConstantValues.VariableName(key.Value);
                    JsonNode value = name != null && values.TryGetValue(name, out var raw) && !ConditionValues.IsUnknown(raw)
                        ? PyJson.ToJson(raw)
                        : Render(JsonNode.From(key.Value), values);
                    // constants[key]["name"]: bk-sops raises KeyError (HTTP 500) for an output that is not a constant.
                    if (!(constants?[key.Value] is JsonObject constant))
                        throw new InvalidOperationException($"KeyError: '{key.Value}' (an output that is not one of the task's constants)");
                    var entry = new JsonObject();
                    entry.Set("key", JsonNode.From(key.Value));
                    entry.Set("value", value);
                    entry.Set("name", constant["name"] ?? new JsonNull());
                    list.Add(entry);
                }
                return list;
            }
        }
    }
}
