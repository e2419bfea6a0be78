using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    internal sealed partial class IdReplacementSimulator
    {
        // _replace_flow_id: no try here, so any exception but NodeNotExistException is an HTTP 500.
        private void ReplaceFlow(FlowState state)
        {
            string key = state.Key;
            if (!(state.Value is JsonObject raw))
                throw Located(new PythonException("TypeError", $"'{state.Value.PythonTypeName}' object does not support item assignment", $"flow '{key}'"), key, FlowPath(key), state.Value);
            if (!state.HasSource) throw Located(PythonException.KeyError("source", $"flow '{key}'"), key, FlowPath(key), raw);
            ReplaceFlowInNode(state.Source, key, "outgoing");
            if (!state.HasTarget) throw Located(PythonException.KeyError("target", $"flow '{key}'"), key, FlowPath(key), raw);
            ReplaceFlowInNode(state.Target, key, "incoming");
        }

        private static bool Contains(IEnumerable<JsonNode> items, string flowId)
        {
            foreach (var x in items) if (IsString(x, flowId)) return true;
            return false;
        }

        private static string FlowPath(string key) => JsonPath.Key(TreePlaces.PathOf("flows"), key);

        private void ReplaceFlowInNode(object? end, string flowId, string field)
        {
            var node = end as NodeState;
            if (node == null)
            {
                var value = (JsonNode?)end;
                if (value is JsonObject || value is JsonArray)
                    throw Located(PythonException.Unhashable(value, $"flow '{flowId}'"), flowId, FlowPath(flowId), value);
                throw Located(new PythonException("UnboundLocalError", "cannot access local variable 'node' where it is not associated with a value", $"flow '{flowId}'"),
                    flowId, FlowPath(flowId), null);
            }
            if (field == "outgoing" && node.Conditions is HashSet<string> conditions) ReplaceInConditions(node, conditions, flowId);
            // `sequence.index(flow_id)` on a list; a non-list is simply overwritten. Each flow is renamed once and only
            // replaces its own id, so membership in the list as sent decides.
            Require(node, field);
            if (IsList(node, field) && !Contains(Items(node, field), flowId))
                throw Located(new PythonException("ValueError", $"{PythonRepr.ReprString(flowId)} is not in list", node.Where),
                    node.Key, JsonPath.Member(node.Path, field), node.Raw[field] ?? node.Raw);
        }

        // _replace_flow_in_exclusive_gateway_conditions: the one check of this step that answers with a message.
        private void ReplaceInConditions(NodeState gateway, HashSet<string> conditions, string flowId)
        {
            bool exists = false;
            CheckConditionsContainer(gateway, flowId);
            // The entry moves to the new flow id, which no later (original) flow id can equal.
            if (conditions.Remove(flowId)) exists = true;
            if (gateway.DefaultConditionNotDict)
            {
                var dc = gateway.Raw["default_condition"];
                throw Located(new PythonException("AttributeError", $"'{Py.TypeName(dc)}' object has no attribute 'get'", gateway.Where),
                    gateway.Key, JsonPath.Member(gateway.Path, "default_condition"), dc);
            }
            if (gateway.DefaultCondition != null && IsString(gateway.DefaultFlowId, flowId))
            {
                gateway.DefaultFlowId = null;
                exists = true;
            }
            if (!exists)
            {
                var failure = new PythonException("NodeNotExistException",
                    $"replace exclusive_gateway_conditions error: flow {flowId} not exists in conditions or default_condition", gateway.Where)
                {
                    FlowId = flowId,
                };
                throw Located(failure, gateway.Key, JsonPath.Member(gateway.Path, "conditions"), gateway.Raw["conditions"] ?? gateway.Raw);
            }
        }

        // `flow_id in conditions` then `conditions[new] = conditions[flow_id]` on something that is not a dict
        // (possible only under a key the schema skips) raises, except for a text or list not containing the id.
        private static void CheckConditionsContainer(NodeState gateway, string flowId)
        {
            string path = JsonPath.Member(gateway.Path, "conditions");
            if (!gateway.HasConditions)
                throw Located(PythonException.KeyError("conditions", gateway.Where), gateway.Key, gateway.Path, gateway.Raw);
            var raw = gateway.ConditionsRaw;
            if (raw is JsonObject) return;
            bool contains;
            switch (raw)
            {
                case JsonString s: contains = s.Value.Contains(flowId); break;
                case JsonArray a: contains = System.Linq.Enumerable.Any(a.Items, x => IsString(x, flowId)); break;
                default:
                    throw Located(new PythonException("TypeError", $"argument of type '{Py.TypeName(raw)}' is not iterable", gateway.Where), gateway.Key, path, raw);
            }
            if (contains)
                throw Located(new PythonException("TypeError", $"'{raw.PythonTypeName}' object does not support item assignment", gateway.Where), gateway.Key, path, raw);
        }

        // _replace_id_in_data: an input whose source_act is not a node id crashes (no try there).
        private void ReplaceDataInputs(NodeIds ids)
        {
            if (!tree.TryGetValue("data", out var data)) return;
            string path = TreePlaces.PathOf("data");
            if (!(data is JsonObject dataDict))
                throw Located(new PythonException("AttributeError", $"'{data.PythonTypeName}' object has no attribute 'get'", "the top-level 'data' member"), null, path, data);
            if (!dataDict.TryGetValue("inputs", out var inputs)) return;
            string inputsPath = JsonPath.Member(path, "inputs");
            if (!(inputs is JsonObject inputsDict))
                throw Located(new PythonException("AttributeError", $"'{inputs.PythonTypeName}' object has no attribute 'items'", "data.inputs"), null, inputsPath, inputs);
            foreach (var p in inputsDict.Properties)
            {
                // Spelled out only for a failure: most inputs pass.
                string Where() => $"data input '{p.Name}'";
                string InputPath() => JsonPath.Key(inputsPath, p.Name);
                var info = p.Value;
                bool has;
                switch (info)
                {
                    case JsonObject o: has = o.ContainsKey("source_act"); break;
                    case JsonString s: has = s.Value.Contains("source_act"); break;
                    case JsonArray a: has = System.Linq.Enumerable.Any(a.Items, x => IsString(x, "source_act")); break;
                    default: throw Located(new PythonException("TypeError", $"argument of type '{info.PythonTypeName}' is not iterable", Where()), null, InputPath(), info);
                }
                if (!has) continue;
                if (!(info is JsonObject infoDict))
                    throw Located(new PythonException("TypeError", $"{info.PythonTypeName} indices must be integers", Where()), null, InputPath(), info);
                var sourceAct = infoDict["source_act"];
                if (sourceAct is JsonString act)
                {
                    if (!ids.Contains(act.Value)) throw Located(PythonException.KeyError(act, Where()), null, InputPath(), sourceAct);
                    continue;
                }
                // A list of sources is looked up as a whole (node_map[list]): any item makes it fail.
                foreach (var _ in Iterate(sourceAct, Where()))
                {
                    if (sourceAct is JsonObject || sourceAct is JsonArray) throw Located(PythonException.Unhashable(sourceAct, Where()), null, InputPath(), sourceAct);
                    throw Located(PythonException.KeyError(sourceAct, Where()), null, InputPath(), sourceAct);
                }
            }
        }

        // _replace_front_end_data_id, constants part: the KeyError becomes NodeNotExistException.
        private void ReplaceSourceInfo(NodeIds ids)
        {
            if (!(tree["constants"] is JsonObject constants)) return;
            foreach (var p in constants.Properties)
            {
                if (!(p.Value is JsonObject constant) || !constant.TryGetValue("source_info", out var info) || !Truthy(info)) continue;
                // Spelled out only for a failure: most constants pass.
                string Where() => $"constant '{p.Name}'";
                string InfoPath() => JsonPath.Member(TreePlaces.PathOf("constants", p.Name), "source_info");
                if (!(info is JsonObject sources))
                    throw Located(new PythonException("AttributeError", $"'{info.PythonTypeName}' object has no attribute 'items'", Where()), p.Name, InfoPath(), info);
                foreach (var s in sources.Properties)
                {
                    if (ids.Contains(s.Name)) continue;
                    var failure = new PythonException("NodeNotExistException", "replace pipeline template id error: " + PythonRepr.ReprString(s.Name), Where())
                    {
                        SourceNode = s.Name,
                    };
                    throw Located(failure, p.Name, JsonPath.Key(InfoPath(), s.Name), s.Value);
                }
            }
        }
    }
}
