using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using BkSops.Core.Tests.Generators;
using BkSops.Json;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>
    /// What a generated tree must look like, checked directly on the JSON without the validator: the canvas
    /// format (ids, list incoming, string single outgoing, full fields), consistent wiring, conditions on every
    /// branch, legal constants, every node reachable. Returns the problems found (empty when none).
    /// </summary>
    internal static class TreeInvariants
    {
        private static readonly Regex NodeId = new Regex("^node[0-9a-f]{28}$");
        private static readonly Regex FlowId = new Regex("^line[0-9a-f]{28}$");
        private static readonly Regex ConstantKey = new Regex(@"^\$\{(?!_env_|_system\.)[a-zA-Z0-9_]+\}$");

        public static List<string> Check(JsonObject root)
        {
            var problems = new List<string>();
            void Fail(string p) => problems.Add(p);

            var start = (JsonObject)root["start_event"];
            var end = (JsonObject)root["end_event"];
            var activities = (JsonObject)root["activities"];
            var gateways = (JsonObject)root["gateways"];
            var flows = (JsonObject)root["flows"];
            var constants = (JsonObject)root["constants"];
            var outputs = (JsonArray)root["outputs"];

            var nodes = new Dictionary<string, JsonObject>();
            var allIds = new HashSet<string>();
            void AddNode(string key, JsonObject node)
            {
                if (!NodeId.IsMatch(key)) Fail("bad node id " + key);
                if (Str(node, "id") != key) Fail($"node {key}: id field differs");
                if (!allIds.Add(key)) Fail("duplicate id " + key);
                nodes[key] = node;
            }
            AddNode(Str(start, "id"), start);
            AddNode(Str(end, "id"), end);
            foreach (var p in activities.Properties) AddNode(p.Name, (JsonObject)p.Value);
            foreach (var p in gateways.Properties) AddNode(p.Name, (JsonObject)p.Value);
            foreach (var p in flows.Properties)
            {
                if (!FlowId.IsMatch(p.Name)) Fail("bad flow id " + p.Name);
                if (!allIds.Add(p.Name)) Fail("duplicate id " + p.Name);
                var f = (JsonObject)p.Value;
                if (Str(f, "id") != p.Name) Fail($"flow {p.Name}: id field differs");
                if (!(f["is_default"] is JsonBoolean b) || b.Value) Fail($"flow {p.Name}: is_default is not false");
                if (!nodes.ContainsKey(Str(f, "source") ?? "")) Fail($"flow {p.Name}: unknown source");
                if (!nodes.ContainsKey(Str(f, "target") ?? "")) Fail($"flow {p.Name}: unknown target");
            }
            if (problems.Count > 0) return problems;

            // io lists agree with the flows, in both directions
            var listedOut = new Dictionary<string, string>();
            var listedIn = new Dictionary<string, string>();
            foreach (var (id, node) in nodes.Select(kv => (kv.Key, kv.Value)))
            {
                string type = Str(node, "type");
                var incoming = node["incoming"];
                var outgoing = node["outgoing"];
                if (type == NodeTypes.StartEvent)
                {
                    if (!(incoming is JsonString si) || si.Value != "") Fail("start event incoming is not \"\"");
                }
                else if (!(incoming is JsonArray)) Fail($"{type} {id}: incoming is not a list");
                if (type == NodeTypes.EndEvent)
                {
                    if (!(outgoing is JsonString so) || so.Value != "") Fail("end event outgoing is not \"\"");
                }
                else if (NodeTypes.IsBranchGateway(type) != (outgoing is JsonArray)) Fail($"{type} {id}: wrong outgoing shape");

                foreach (var f in Ids(incoming)) if (!listedIn.TryAdd(f, id)) Fail($"flow {f} listed twice as incoming");
                foreach (var f in Ids(outgoing)) if (!listedOut.TryAdd(f, id)) Fail($"flow {f} listed twice as outgoing");

                int ins = Ids(incoming).Count, outs = Ids(outgoing).Count;
                switch (type)
                {
                    case NodeTypes.StartEvent: if (outs != 1) Fail("start event needs one outgoing flow"); break;
                    case NodeTypes.EndEvent: if (ins < 1) Fail("end event has no incoming flow"); break;
                    case NodeTypes.ServiceActivity:
                    case NodeTypes.Converge:
                        if (ins < 1 || outs != 1) Fail($"{type} {id}: {ins} in, {outs} out"); break;
                    default:
                        if (ins < 1 || outs < 2) Fail($"{type} {id}: {ins} in, {outs} out"); break;
                }
                if (type == NodeTypes.ServiceActivity) CheckActivity(id, node, Fail);
                if (NodeTypes.HasConditions(type)) CheckConditions(id, node, Fail);
                if (type == NodeTypes.Converge && Str(node, "name").Length > 50) Fail($"converge {id}: name too long");
            }
            foreach (var p in flows.Properties)
            {
                var f = (JsonObject)p.Value;
                if (!listedOut.TryGetValue(p.Name, out var src) || src != Str(f, "source")) Fail($"flow {p.Name}: not in its source's outgoing");
                if (!listedIn.TryGetValue(p.Name, out var dst) || dst != Str(f, "target")) Fail($"flow {p.Name}: not in its target's incoming");
                if (Str(f, "target") == Str(start, "id")) Fail($"flow {p.Name} enters the start event");
                if (Str(f, "source") == Str(start, "id") && Str(f, "target") == Str(end, "id")) Fail("start connects straight to the end");
            }
            if (listedIn.Count != flows.Count || listedOut.Count != flows.Count) Fail("io lists name flows that do not exist");

            // everything is reachable from the start event
            var seen = new HashSet<string> { Str(start, "id") };
            var queue = new Queue<string>(seen);
            var targetsOf = flows.Properties.Select(p => (JsonObject)p.Value).ToLookup(f => Str(f, "source"), f => Str(f, "target"));
            while (queue.Count > 0)
                foreach (var t in targetsOf[queue.Dequeue()])
                    if (seen.Add(t)) queue.Enqueue(t);
            if (seen.Count != nodes.Count) Fail($"{nodes.Count - seen.Count} nodes are not reachable from the start event");

            CheckConstants(constants, outputs, Fail);
            return problems;
        }

        private static void CheckActivity(string id, JsonObject a, Action<string> fail)
        {
            string name = Str(a, "name") ?? "";
            string kept = Regex.Replace(name, "[<>$&'\"]+", "");
            if (kept.Length < 1 || name.Length > 50) fail($"activity {id}: name '{name}' is not 1-50 characters after standardising");
            foreach (var field in new[] { "error_ignorable", "retryable", "skippable" })
                if (!(a[field] is JsonBoolean)) fail($"activity {id}: {field} is not a boolean");
            if (!(a["stage_name"] is JsonString)) fail($"activity {id}: stage_name missing");
            if (!(a["component"] is JsonObject c) || !(c["code"] is JsonString) || !(c["data"] is JsonObject data))
            {
                fail($"activity {id}: component is not {{code, data}}");
                return;
            }
            foreach (var item in data.Properties)
                if (!(item.Value is JsonObject o) || !(o["hook"] is JsonBoolean) || !o.ContainsKey("value"))
                    fail($"activity {id}: data item {item.Name} is not {{hook, value}}");
        }

        private static void CheckConditions(string id, JsonObject g, Action<string> fail)
        {
            var outgoing = new HashSet<string>(Ids(g["outgoing"]));
            var covered = new HashSet<string>();
            if (g["conditions"] is JsonObject conditions)
                foreach (var c in conditions.Properties)
                {
                    if (!(c.Value is JsonObject o) || !(o["evaluate"] is JsonString)) fail($"gateway {id}: condition {c.Name} has no evaluate");
                    covered.Add(c.Name);
                }
            else fail($"gateway {id}: no conditions object");
            if (g["default_condition"] is JsonObject d) covered.Add(Str(d, "flow_id"));
            if (!covered.SetEquals(outgoing)) fail($"gateway {id}: conditions do not cover exactly its outgoing flows");
        }

        private static void CheckConstants(JsonObject constants, JsonArray outputs, Action<string> fail)
        {
            string[] fields = { "key", "name", "index", "desc", "source_type", "custom_type", "source_tag", "source_info", "value", "show_type" };
            var keys = constants.Properties.Select(p => p.Name).ToList();
            foreach (var p in constants.Properties)
            {
                var c = (JsonObject)p.Value;
                foreach (var f in fields) if (!c.ContainsKey(f)) fail($"constant {p.Name}: no {f}");
                if (Str(c, "key") != p.Name) fail($"constant {p.Name}: key differs");
                if (!ConstantKey.IsMatch(p.Name)) fail($"constant key {p.Name} is not ${{name}}");
                if (Str(c, "source_type") != "custom" || Str(c, "custom_type") != "input" || Str(c, "show_type") != "show") fail($"constant {p.Name}: not a shown custom input");
                string value = (c["value"] as JsonString)?.Value ?? "";
                int self = keys.IndexOf(p.Name);
                for (int i = 0; i < keys.Count; i++)
                    if (value.Contains(keys[i]) && i >= self) fail($"constant {p.Name} refers to itself or a later constant {keys[i]}");
            }
            foreach (var o in outputs.Items)
                if (!(o is JsonString s) || !ConstantKey.IsMatch(s.Value)) fail("bad outputs entry");
        }

        private static string Str(JsonObject o, string key) => (o[key] as JsonString)?.Value;

        private static List<string> Ids(JsonNode io)
        {
            if (io is JsonArray a) return a.Items.Select(i => ((JsonString)i).Value).ToList();
            if (io is JsonString s && s.Value.Length > 0) return new List<string> { s.Value };
            return new List<string>();
        }
    }
}
