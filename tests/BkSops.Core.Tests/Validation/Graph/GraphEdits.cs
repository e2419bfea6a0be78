using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Json;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>Changes that keep a tree readable but change its graph: flows moved, strings for lists, odd converge ids.</summary>
    internal static class GraphEdits
    {
        public static void Apply(Random random, JsonObject root)
        {
            var flows = ((JsonObject)root["flows"]).Properties.Select(p => p.Name).ToList();
            var nodes = NodeIds(root);
            if (flows.Count == 0) return;
            string flow = flows[random.Next(flows.Count)];
            var f = root.FlowOf(flow);
            string node = nodes[random.Next(nodes.Count)];
            switch (random.Next(6))
            {
                case 0: // the flow leads elsewhere
                    Move(root, flow, (f["target"] as JsonString)?.Value, node, "incoming");
                    f.Set("target", new JsonString(node));
                    break;
                case 1: // the flow starts elsewhere
                    Move(root, flow, (f["source"] as JsonString)?.Value, node, "outgoing");
                    f.Set("source", new JsonString(node));
                    break;
                case 2: // single incoming ids as strings
                    foreach (var id in nodes)
                        if (root.NodeOf(id)?["incoming"] is JsonArray a && a.Count == 1 && random.Next(2) == 0) root.NodeOf(id).Set("incoming", a[0]);
                    break;
                case 3: // a converge id given in the tree
                    var target = root.NodeOf(node);
                    if (target != null) target.Set("converge_gateway_id", new JsonString(nodes[random.Next(nodes.Count)]));
                    break;
                case 4: // another gateway type
                    var gateways = ((JsonObject)root["gateways"]).Properties.Select(p => (JsonObject)p.Value).ToList();
                    if (gateways.Count > 0)
                        gateways[random.Next(gateways.Count)].Set("type", new JsonString(new[] { "ExclusiveGateway", "ParallelGateway", "ConditionalParallelGateway", "ConvergeGateway" }[random.Next(4)]));
                    break;
                default: // a node lists a flow that is not its own
                    var lister = root.NodeOf(node);
                    if (lister?["outgoing"] is JsonArray list) list.Add(new JsonString(flow));
                    else lister?.Set("outgoing", new JsonString(flow));
                    break;
            }
        }

        private static List<string> NodeIds(JsonObject root)
        {
            var ids = new List<string>();
            foreach (var ev in new[] { "start_event", "end_event" })
                if (root[ev] is JsonObject o && o["id"] is JsonString s) ids.Add(s.Value);
            foreach (var section in new[] { "activities", "gateways" })
                if (root[section] is JsonObject d) ids.AddRange(d.Properties.Select(p => p.Name));
            return ids;
        }

        private static void Move(JsonObject root, string flow, string from, string to, string field)
        {
            var old = from == null ? null : root.NodeOf(from);
            if (old?[field] is JsonArray a)
            {
                for (int i = a.Count - 1; i >= 0; i--) if (a[i] is JsonString s && s.Value == flow) a.RemoveAt(i);
            }
            else if (old?[field] is JsonString s && s.Value == flow) old.Set(field, new JsonString(""));
            var node = root.NodeOf(to);
            if (node == null) return;
            if (node[field] is JsonArray list) list.Add(new JsonString(flow));
            else if (node[field] is JsonString text && text.Value.Length > 0) node.Set(field, new JsonArray(new JsonNode[] { text, new JsonString(flow) }));
            else node.Set(field, new JsonString(flow));
        }
    }
}
