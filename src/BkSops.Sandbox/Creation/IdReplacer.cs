using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Sandbox.Creation
{
    /// <summary>
    /// Gives every node, flow and the pipeline itself a new id in the server's format, everywhere it is named, as
    /// bamboo's <c>replace_all_id</c> does (spec 1.6): keys and <c>id</c> fields, <c>incoming</c>/<c>outgoing</c>, flow
    /// ends, condition keys, <c>default_condition.flow_id</c>, <c>converge_gateway_id</c>, <c>constants[*].source_info</c>
    /// keys. Dicts keep their order. Runs on a tree the validator accepted, so every reference resolves.
    /// </summary>
    public sealed class IdReplacer
    {
        private readonly Dictionary<string, string> nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> flows = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Sent node id → new id (events, activities, gateways).</summary>
        public IReadOnlyDictionary<string, string> NodeMap => nodes;

        /// <summary>Sent flow id → new id.</summary>
        public IReadOnlyDictionary<string, string> FlowMap => flows;

        /// <summary>Replaces the ids of <paramref name="root"/> in place.</summary>
        public void Replace(JsonObject root)
        {
            var start = root["start_event"] as JsonObject;
            var end = root["end_event"] as JsonObject;
            var activities = root["activities"] as JsonObject;
            var gateways = root["gateways"] as JsonObject;
            var flowDict = root["flows"] as JsonObject;

            MapEvent(start);
            MapEvent(end);
            MapKeys(activities, nodes, ServerIds.NewNodeId);
            MapKeys(gateways, nodes, ServerIds.NewNodeId);
            MapKeys(flowDict, flows, ServerIds.NewFlowId);

            RewriteNode(start);
            RewriteNode(end);
            if (activities != null) root.Set("activities", Rekey(activities, nodes, RewriteNode));
            if (gateways != null) root.Set("gateways", Rekey(gateways, nodes, RewriteGateway));
            if (flowDict != null) root.Set("flows", Rekey(flowDict, flows, RewriteFlow));
            if (root["constants"] is JsonObject constants)
                foreach (var c in constants.Properties)
                    if (c.Value is JsonObject constant && constant["source_info"] is JsonObject info)
                        constant.Set("source_info", Rekey(info, nodes, rewrite: null));
            root.Set("id", new JsonString(ServerIds.NewNodeId()));
        }

        private void MapEvent(JsonObject? e)
        {
            if (e?["id"] is JsonString id && !nodes.ContainsKey(id.Value)) nodes[id.Value] = ServerIds.NewNodeId();
        }

        private static void MapKeys(JsonObject? dict, Dictionary<string, string> map, Func<string> make)
        {
            if (dict == null) return;
            foreach (var p in dict.Properties)
                if (!map.ContainsKey(p.Name)) map[p.Name] = make();
        }

        private static JsonObject Rekey(JsonObject dict, Dictionary<string, string> map, Action<JsonObject>? rewrite)
        {
            var copy = new JsonObject();
            foreach (var p in dict.Properties)
            {
                if (p.Value is JsonObject entry && rewrite != null) rewrite(entry);
                copy.Set(map.TryGetValue(p.Name, out var renamed) ? renamed : p.Name, p.Value);
            }
            return copy;
        }

        private void RewriteNode(JsonObject? node)
        {
            if (node == null) return;
            SetMapped(node, "id", nodes);
            SetMappedList(node, "incoming", flows);
            SetMappedList(node, "outgoing", flows);
        }

        private void RewriteGateway(JsonObject gateway)
        {
            RewriteNode(gateway);
            SetMapped(gateway, "converge_gateway_id", nodes);
            if (gateway["conditions"] is JsonObject conditions) gateway.Set("conditions", Rekey(conditions, flows, rewrite: null));
            if (gateway["default_condition"] is JsonObject fallback) SetMapped(fallback, "flow_id", flows);
        }

        private void RewriteFlow(JsonObject flow)
        {
            SetMapped(flow, "id", flows);
            SetMapped(flow, "source", nodes);
            SetMapped(flow, "target", nodes);
        }

        private static void SetMapped(JsonObject o, string field, Dictionary<string, string> map)
        {
            if (o[field] is JsonString s && map.TryGetValue(s.Value, out var renamed)) o.Set(field, new JsonString(renamed));
        }

        private static void SetMappedList(JsonObject o, string field, Dictionary<string, string> map)
        {
            switch (o[field])
            {
                case JsonString _:
                    SetMapped(o, field, map);
                    break;
                case JsonArray list:
                    var copy = new JsonArray();
                    foreach (var item in list.Items)
                        copy.Add(item is JsonString s && map.TryGetValue(s.Value, out var renamed) ? new JsonString(renamed) : item);
                    o.Set(field, copy);
                    break;
            }
        }
    }
}
