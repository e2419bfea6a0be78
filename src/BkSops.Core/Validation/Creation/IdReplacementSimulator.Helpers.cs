using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    internal sealed partial class IdReplacementSimulator
    {
        private static void Load(NodeState node, bool formatIncoming)
        {
            node.HasIncoming = node.Raw.TryGetValue("incoming", out node.Incoming);
            node.HasOutgoing = node.Raw.TryGetValue("outgoing", out node.Outgoing);
            node.IncomingFormatted = formatIncoming;
        }

        private static JsonNode? Value(NodeState node, string field) => field == "incoming" ? node.Incoming : node.Outgoing;

        /// <summary><c>node[field]</c>: the value, or KeyError.</summary>
        private static JsonNode Require(NodeState node, string field)
        {
            bool has = field == "incoming" ? node.HasIncoming : node.HasOutgoing;
            if (!has || !(Value(node, field) is JsonNode value)) throw Located(PythonException.KeyError(field, node.Where), node.Key, node.Path, node.Raw);
            return value;
        }

        /// <summary>isinstance(node[field], list), after format_to_list where it applies.</summary>
        private static bool IsList(NodeState node, string field) =>
            (field == "incoming" && node.IncomingFormatted) || Value(node, field) is JsonArray;

        private static bool IsTruthy(NodeState node, string field) => Truthy(Value(node, field));

        /// <summary><c>for x in node[field]</c>, after format_to_list where it applies.</summary>
        private static IEnumerable<JsonNode> Items(NodeState node, string field)
        {
            var value = Require(node, field);
            if (value is JsonArray a) return a.Items;
            if (field == "incoming" && node.IncomingFormatted) return Truthy(value) ? new[] { value } : System.Array.Empty<JsonNode>();
            return Iterate(value, node.Where);
        }

        private static void LoadConditions(NodeState gateway)
        {
            gateway.Conditions = new HashSet<string>(System.StringComparer.Ordinal);
            gateway.HasConditions = gateway.Raw.TryGetValue("conditions", out gateway.ConditionsRaw);
            if (gateway.ConditionsRaw is JsonObject conditions)
                foreach (var c in conditions.Properties) gateway.Conditions.Add(c.Name);
            if (gateway.Raw.TryGetValue("default_condition", out var dc))
            {
                if (dc is JsonObject d)
                {
                    gateway.DefaultCondition = d;
                    gateway.DefaultFlowId = d["flow_id"];
                }
                else gateway.DefaultConditionNotDict = true;
            }
        }

        // flows[key][field] = ...: the key must be hashable and present, the flow a dict.
        private FlowState Flow(JsonNode key, NodeState node, string field)
        {
            PythonException failure;
            if (key is JsonObject || key is JsonArray)
            {
                failure = PythonException.Unhashable(key, node.Where);
                failure.SingleFlowList = field == "outgoing" && key is JsonArray;
            }
            else if (!(key is JsonString s) || !flowStates.TryGetValue(s.Value, out var state))
            {
                failure = PythonException.KeyError(key, node.Where);
            }
            else if (!(state.Value is JsonObject))
            {
                failure = new PythonException("TypeError", $"'{state.Value.PythonTypeName}' object does not support item assignment", $"flow '{s.Value}'");
            }
            else
            {
                return state;
            }
            throw Located(failure, node.Key, JsonPath.Member(node.Path, field), node.Raw[field] ?? node.Raw);
        }

        private static PythonException Replacement(string what, PythonException keyError, NodeState node) =>
            new PythonException("NodeNotExistException", $"replace {what} id error: {keyError.Text}", keyError.Where)
            {
                NodeId = keyError.NodeId ?? node.Key,
                Path = keyError.Path ?? node.Path,
                Value = keyError.Value ?? node.Raw,
            };

        private static PythonException Located(PythonException f, string? nodeId, string path, JsonNode? at)
        {
            if (f.NodeId == null) f.NodeId = nodeId;
            if (f.Path == null) f.Path = path;
            if (f.Value == null) f.Value = at;
            return f;
        }

        private static JsonNode Item(JsonObject dict, string key, string where)
        {
            if (!dict.TryGetValue(key, out var value)) throw PythonException.KeyError(key, where);
            return value;
        }

        private static JsonObject AsDict(JsonNode value, string where, string failure = "is not subscriptable")
        {
            if (value is JsonObject o) return o;
            throw new PythonException("TypeError", $"'{value.PythonTypeName}' object {failure}", where);
        }

        private static string KeyText(JsonNode id, string where)
        {
            if (id is JsonObject || id is JsonArray) throw PythonException.Unhashable(id, where);
            return id is JsonString s ? s.Value : "\u0001" + PythonRepr.Repr(id);
        }

        private static bool IsString(JsonNode? node, string value) => node is JsonString s && s.Value == value;

        /// <summary>Python truthiness of a JSON value (<see cref="Py.Truthy"/>); a list being replayed counts as true.</summary>
        internal static bool Truthy([NotNullWhen(true)] object? value) =>
            value is JsonNode node ? Py.Truthy(node) : value != null;

        // `for x in value`: lists by item, strings by character, dicts by key; anything else is not iterable.
        private static IEnumerable<JsonNode> Iterate([NotNull] object? value, string where)
        {
            switch (value)
            {
                case JsonArray a: return a.Items;
                case JsonString s:
                    var chars = new List<JsonNode>();
                    for (int i = 0; i < s.Value.Length; i++)
                    {
                        int n = PythonText.IsPairAt(s.Value, i) ? 2 : 1;
                        chars.Add(new JsonString(s.Value.Substring(i, n)));
                        i += n - 1;
                    }
                    return chars;
                case JsonObject o:
                    var keys = new List<JsonNode>();
                    foreach (var k in o.Keys) keys.Add(new JsonString(k));
                    return keys;
                default:
                    string type = value is JsonNode node ? node.PythonTypeName : "NoneType";
                    throw new PythonException("TypeError", $"'{type}' object is not iterable", where);
            }
        }
    }
}
