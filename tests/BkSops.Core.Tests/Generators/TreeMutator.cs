using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Json;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>
    /// Breaks trees in the ways users and tools do: keys deleted, values of the wrong type, flows retargeted or
    /// removed, ids duplicated, <c>incoming</c> as a string, cycles, swapped gateway types, empty or odd names,
    /// special characters, very deep nesting, broken constants and conditions. Works on a document that earlier
    /// mutations may already have broken, so every mutation checks what it finds and skips when it does not apply.
    /// </summary>
    public static class TreeMutator
    {
        private delegate string Mutation(Random random, JsonObject root);

        private static readonly (string Name, Mutation Apply)[] Mutations =
        {
            ("DeleteKey", DeleteKey),
            ("ChangeType", ChangeType),
            ("RetargetFlow", RetargetFlow),
            ("DuplicateId", DuplicateId),
            ("IncomingAsString", IncomingAsString),
            ("RemoveFlow", RemoveFlow),
            ("AddCycle", AddCycle),
            ("SwapGatewayType", SwapGatewayType),
            ("OddName", OddName),
            ("SpecialCharacters", SpecialCharacters),
            ("HugeNesting", HugeNesting),
            ("RemoveSection", RemoveSection),
            ("OutgoingShape", OutgoingShape),
            ("BreakConstants", BreakConstants),
            ("BreakConditions", BreakConditions),
            ("AddIsolatedNode", AddIsolatedNode),
            ("RenameKey", RenameKey),
            ("OddNumber", OddNumber),
            ("SubProcess", SubProcess),
            ("HugeFanOut", HugeFanOut),
        };

        /// <summary>The names of the mutations, for reports.</summary>
        public static IReadOnlyList<string> Names => Mutations.Select(m => m.Name).ToList();

        /// <summary>
        /// Applies 1 to <paramref name="maxMutations"/> random mutations to <paramref name="root"/> in place; returns what was done.
        /// </summary>
        public static IReadOnlyList<string> Mutate(Random random, JsonObject root, int maxMutations = 3)
        {
            var done = new List<string>();
            int count = 1 + random.Next(Math.Max(1, maxMutations));
            for (int attempts = 0; done.Count < count && attempts < count * 10; attempts++)
            {
                var (name, apply) = Mutations[random.Next(Mutations.Length)];
                string what = apply(random, root);
                if (what != null) done.Add(name + ": " + what);
            }
            return done;
        }

        /// <summary>Applies the mutation called <paramref name="name"/> once (null when it did not apply).</summary>
        public static string Apply(string name, Random random, JsonObject root)
        {
            foreach (var m in Mutations)
                if (m.Name == name) return m.Apply(random, root);
            throw new ArgumentException("Unknown mutation " + name, nameof(name));
        }

        // ---- generic ----

        private struct Slot
        {
            public JsonNode Container;
            public string Key;
            public int Index;
            public JsonNode Value => Container is JsonObject o ? o[Key] : ((JsonArray)Container)[Index];
        }

        /// <summary>Every member and item under <paramref name="root"/> (bounded, iterative).</summary>
        private static List<Slot> Slots(JsonNode root, int limit = 20_000)
        {
            var slots = new List<Slot>();
            var pending = new Stack<JsonNode>();
            pending.Push(root);
            while (pending.Count > 0 && slots.Count < limit)
            {
                var node = pending.Pop();
                if (node is JsonObject o)
                {
                    foreach (var p in o.Properties)
                    {
                        slots.Add(new Slot { Container = o, Key = p.Name });
                        if (p.Value is JsonObject || p.Value is JsonArray) pending.Push(p.Value);
                    }
                }
                else if (node is JsonArray a)
                {
                    for (int i = 0; i < a.Count; i++)
                    {
                        slots.Add(new Slot { Container = a, Index = i });
                        if (a[i] is JsonObject || a[i] is JsonArray) pending.Push(a[i]);
                    }
                }
            }
            return slots;
        }

        private static void Replace(Slot slot, JsonNode value)
        {
            if (slot.Container is JsonObject o) o.Set(slot.Key, value);
            else
            {
                var a = (JsonArray)slot.Container;
                a.RemoveAt(slot.Index);
                a.Insert(slot.Index, value);
            }
        }

        private static string Describe(Slot slot) => slot.Container is JsonObject ? $"'{Short(slot.Key)}'" : $"[{slot.Index}]";

        private static string Short(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";

        private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private static JsonObject Section(JsonObject root, string name) => root[name] as JsonObject;

        /// <summary>Node objects (events, activities, gateways) with the key they are stored under.</summary>
        private static List<(string Id, JsonObject Node)> NodeObjects(JsonObject root)
        {
            var list = new List<(string, JsonObject)>();
            if (root["start_event"] is JsonObject s) list.Add((IdOf(s) ?? "start_event", s));
            if (root["end_event"] is JsonObject e) list.Add((IdOf(e) ?? "end_event", e));
            foreach (var section in new[] { "activities", "gateways" })
                if (Section(root, section) is JsonObject dict)
                    foreach (var p in dict.Properties)
                        if (p.Value is JsonObject o) list.Add((p.Name, o));
            return list;
        }

        private static string IdOf(JsonObject node) => (node["id"] as JsonString)?.Value;

        private static List<string> NodeIds(JsonObject root) => NodeObjects(root).Select(n => n.Id).ToList();

        private static List<JsonProperty> Entries(JsonObject root, string section) =>
            Section(root, section)?.Properties.Where(p => p.Value is JsonObject).ToList() ?? new List<JsonProperty>();

        private static string NewId(Random random, string prefix)
        {
            var ids = new TreeIds(random);
            return prefix == "line" ? ids.NewFlowId() : ids.NewNodeId();
        }

        /// <summary>Adds <paramref name="flowId"/> to a node's incoming/outgoing, whatever shape that field has now.</summary>
        private static void AddToIo(JsonObject node, string field, string flowId, Random random)
        {
            var current = node[field];
            if (current is JsonArray a) a.Add(new JsonString(flowId));
            else if (current is JsonString s && s.Value.Length > 0 && random.Next(2) == 0)
                node.Set(field, new JsonArray(new JsonNode[] { s, new JsonString(flowId) }));
            else node.Set(field, new JsonString(flowId));
        }

        // ---- the mutations ----

        private static string DeleteKey(Random random, JsonObject root)
        {
            var slots = Slots(root).Where(s => s.Container is JsonObject).ToList();
            if (slots.Count == 0) return null;
            var slot = Pick(random, slots);
            ((JsonObject)slot.Container).Remove(slot.Key);
            return "removed " + Describe(slot);
        }

        private static string ChangeType(Random random, JsonObject root)
        {
            var slots = Slots(root);
            if (slots.Count == 0) return null;
            var slot = Pick(random, slots);
            var value = RandomJson.OtherKind(random, slot.Value.Kind);
            Replace(slot, value);
            return $"{Describe(slot)} became {value.Kind}";
        }

        private static string RetargetFlow(Random random, JsonObject root)
        {
            var flows = Entries(root, "flows");
            if (flows.Count == 0) return null;
            var flow = (JsonObject)Pick(random, flows).Value;
            string field = random.Next(2) == 0 ? "target" : "source";
            var ids = NodeIds(root);
            string to;
            switch (random.Next(5))
            {
                case 0: to = NewId(random, "node"); break;
                case 1: to = (flow[field == "target" ? "source" : "target"] as JsonString)?.Value ?? "x"; break; // self-loop
                case 2: to = flows[random.Next(flows.Count)].Name; break; // a flow id
                default: to = ids.Count > 0 ? Pick(random, ids) : "nobody"; break;
            }
            flow.Set(field, new JsonString(to));
            return $"flow {field} -> {to}";
        }

        private static string DuplicateId(Random random, JsonObject root)
        {
            var activities = Section(root, "activities");
            var gateways = Section(root, "gateways");
            var flows = Section(root, "flows");
            var nodes = NodeObjects(root);
            switch (random.Next(4))
            {
                case 0 when activities != null && gateways != null && activities.Count > 0:
                {
                    var a = Pick(random, activities.Properties);
                    gateways.Set(a.Name, a.Value.Clone());
                    return "activity copied into gateways under " + a.Name;
                }
                case 1 when activities != null && gateways != null && activities.Count > 0 && gateways.Count > 0:
                {
                    var a = Pick(random, activities.Properties);
                    var g = Pick(random, gateways.Properties);
                    if (!gateways.Rename(g.Name, a.Name)) return null;
                    return $"gateway {g.Name} renamed to activity id {a.Name}";
                }
                case 2 when nodes.Count > 1:
                {
                    var (_, a) = Pick(random, nodes);
                    var (otherId, _) = Pick(random, nodes);
                    a.Set("id", new JsonString(otherId));
                    return "node id field set to " + otherId;
                }
                case 3 when flows != null && flows.Count > 0 && nodes.Count > 0:
                {
                    var f = Pick(random, flows.Properties);
                    string nodeId = Pick(random, nodes).Id;
                    if (!flows.Rename(f.Name, nodeId)) return null;
                    return $"flow {f.Name} renamed to node id {nodeId}";
                }
                default:
                    return null;
            }
        }

        private static string IncomingAsString(Random random, JsonObject root)
        {
            var candidates = NodeObjects(root).Where(n => n.Node["incoming"] is JsonArray).ToList();
            if (candidates.Count == 0) return null;
            var (id, node) = Pick(random, candidates);
            var list = (JsonArray)node["incoming"];
            string value = list.Count > 0 && list[0] is JsonString s ? s.Value : "";
            node.Set("incoming", new JsonString(value));
            return $"{id}.incoming = \"{value}\"";
        }

        private static string RemoveFlow(Random random, JsonObject root)
        {
            var flows = Section(root, "flows");
            if (flows == null || flows.Count == 0) return null;
            var f = Pick(random, flows.Properties);
            flows.Remove(f.Name);
            if (random.Next(2) == 0)
            {
                // also unlist it, leaving nodes with too few flows
                foreach (var (_, node) in NodeObjects(root))
                    foreach (var field in new[] { "incoming", "outgoing" })
                    {
                        if (node[field] is JsonArray a)
                        {
                            for (int i = a.Count - 1; i >= 0; i--)
                                if (a[i] is JsonString s && s.Value == f.Name) a.RemoveAt(i);
                        }
                        else if (node[field] is JsonString s && s.Value == f.Name) node.Set(field, new JsonString(""));
                    }
                return "removed and unlisted flow " + f.Name;
            }
            return "removed flow " + f.Name;
        }

        private static string AddCycle(Random random, JsonObject root)
        {
            var flows = Section(root, "flows");
            var nodes = NodeObjects(root);
            if (flows == null || nodes.Count < 2) return null;
            var (fromId, from) = Pick(random, nodes);
            var (toId, to) = Pick(random, nodes);
            string flowId = NewId(random, "line");
            var flow = new JsonObject();
            flow.Set("id", new JsonString(flowId));
            flow.Set("source", new JsonString(fromId));
            flow.Set("target", new JsonString(toId));
            flow.Set("is_default", JsonNode.From(false));
            flows.Set(flowId, flow);
            AddToIo(from, "outgoing", flowId, random);
            AddToIo(to, "incoming", flowId, random);
            return $"flow {fromId} -> {toId}";
        }

        private static string SwapGatewayType(Random random, JsonObject root)
        {
            var gateways = Entries(root, "gateways");
            var activities = Entries(root, "activities");
            var all = gateways.Concat(activities).ToList();
            if (all.Count == 0) return null;
            var node = (JsonObject)Pick(random, all).Value;
            string[] types = { "ParallelGateway", "ExclusiveGateway", "ConditionalParallelGateway", "ConvergeGateway", "ServiceActivity", "SubProcess", "EmptyEndEvent", "EmptyStartEvent", "FooGateway", "" };
            string type = Pick(random, types);
            node.Set("type", new JsonString(type));
            return $"{IdOf(node)} type = {type}";
        }

        private static string OddName(Random random, JsonObject root)
        {
            var named = Slots(root).Where(s => s.Container is JsonObject && s.Key == "name").ToList();
            if (named.Count == 0) return null;
            var slot = Pick(random, named);
            JsonNode value;
            switch (random.Next(6))
            {
                case 0: value = new JsonString(""); break;
                case 1: value = new JsonString("<>$&'\""); break;
                case 2: value = new JsonString(new string('x', 51 + random.Next(100))); break;
                case 3: value = new JsonString("<" + new string('y', 50) + ">"); break;
                case 4: value = new JsonNull(); break;
                default: value = JsonNode.From(random.Next()); break;
            }
            Replace(slot, value);
            return "name = " + Short(JsonWriter.Write(value, false));
        }

        private static string SpecialCharacters(Random random, JsonObject root)
        {
            var strings = Slots(root).Where(s => s.Value is JsonString).ToList();
            if (strings.Count == 0) return null;
            var slot = Pick(random, strings);
            string old = ((JsonString)slot.Value).Value;
            string odd = RandomJson.OddString(random);
            string value = random.Next(2) == 0 ? old + odd : odd;
            Replace(slot, new JsonString(value));
            return $"{Describe(slot)} = {Short(JsonWriter.Write(new JsonString(value), false))}";
        }

        private static string HugeNesting(Random random, JsonObject root)
        {
            var slots = Slots(root);
            if (slots.Count == 0) return null;
            var slot = Pick(random, slots);
            int depth = random.Next(2) == 0 ? 1_000 : 20_000;
            Replace(slot, RandomJson.Nested(random, depth, slot.Value));
            return $"{Describe(slot)} wrapped {depth} deep";
        }

        private static string RemoveSection(Random random, JsonObject root)
        {
            string[] sections = { "start_event", "end_event", "activities", "gateways", "flows", "constants", "outputs" };
            string name = Pick(random, sections);
            if (!root.ContainsKey(name)) return null;
            if (random.Next(2) == 0)
            {
                root.Remove(name);
                return "removed " + name;
            }
            var value = RandomJson.OtherKind(random, root[name].Kind);
            root.Set(name, value);
            return $"{name} became {value.Kind}";
        }

        private static string OutgoingShape(Random random, JsonObject root)
        {
            var nodes = NodeObjects(root).Where(n => n.Node.ContainsKey("outgoing")).ToList();
            if (nodes.Count == 0) return null;
            var (id, node) = Pick(random, nodes);
            var outgoing = node["outgoing"];
            JsonNode value;
            switch (random.Next(4))
            {
                case 0: value = outgoing is JsonString s ? new JsonArray(new JsonNode[] { s }) : new JsonArray(); break;
                case 1: value = outgoing is JsonArray a && a.Count > 0 ? a[0].Clone() : new JsonString(""); break;
                case 2: value = new JsonArray(new JsonNode[] { JsonNode.From(1), new JsonNull(), new JsonString("") }); break;
                default: value = new JsonArray(); break;
            }
            node.Set("outgoing", value);
            return $"{id}.outgoing = {Short(JsonWriter.Write(value, false))}";
        }

        private static string BreakConstants(Random random, JsonObject root)
        {
            var constants = Section(root, "constants");
            if (constants == null)
            {
                constants = new JsonObject();
                root.Set("constants", constants);
            }
            string a = "${" + RandomText.Identifier(random, 6) + "}";
            string b = "${" + RandomText.Identifier(random, 6) + "}";
            switch (random.Next(7))
            {
                case 0:
                    constants.Set(a, Constant(a, new JsonString("x" + a)));
                    return "self reference " + a;
                case 1:
                    constants.Set(a, Constant(a, new JsonString(b)));
                    constants.Set(b, Constant(b, new JsonString("[" + a + "]")));
                    return $"cycle {a} <-> {b}";
                case 2:
                    constants.Set(a, Constant(b, new JsonString("1")));
                    return $"key {a} with key property {b}";
                case 3:
                    string bad = Pick(random, new[] { "x", "${}", "${_env_x}", "${a-b}", "${a}b", "$", "" });
                    constants.Set(bad, Constant(bad, new JsonString("1")));
                    return "bad key " + bad;
                case 4:
                    var c = Constant(a, RandomJson.Nested(random, 5_000, new JsonString(b)));
                    constants.Set(a, c);
                    constants.Set(b, Constant(b, new JsonString(a)));
                    return "deeply nested constant value " + a;
                case 5:
                    var info = new JsonObject();
                    info.Set(NewId(random, "node"), new JsonArray(new JsonNode[] { new JsonString("k") }));
                    var withInfo = Constant(a, new JsonString("1"));
                    withInfo.Set("source_info", info);
                    constants.Set(a, withInfo);
                    return "source_info names an unknown node";
                default:
                    var outputs = root["outputs"] as JsonArray;
                    if (outputs == null) return null;
                    outputs.Add(random.Next(2) == 0 ? (JsonNode)new JsonString("no_braces") : JsonNode.From(3));
                    return "bad outputs entry";
            }
        }

        private static JsonObject Constant(string key, JsonNode value)
        {
            var c = new JsonObject();
            c.Set("key", new JsonString(key));
            c.Set("name", new JsonString("n"));
            c.Set("index", JsonNode.From(0));
            c.Set("source_type", new JsonString("custom"));
            c.Set("custom_type", new JsonString("input"));
            c.Set("source_tag", new JsonString(""));
            c.Set("source_info", new JsonObject());
            c.Set("value", value);
            c.Set("show_type", new JsonString("show"));
            return c;
        }

        private static string BreakConditions(Random random, JsonObject root)
        {
            var branching = Entries(root, "gateways")
                .Where(p => ((JsonObject)p.Value).ContainsKey("conditions") || ((JsonObject)p.Value).ContainsKey("default_condition"))
                .ToList();
            if (branching.Count == 0) return null;
            var g = (JsonObject)Pick(random, branching).Value;
            switch (random.Next(6))
            {
                case 0: g.Remove("conditions"); return "conditions removed";
                case 1: g.Set("conditions", new JsonObject()); return "conditions emptied";
                case 2: g.Set("conditions", RandomJson.OtherKind(random, JsonKind.Object)); return "conditions not an object";
                case 3:
                    var bogus = new JsonObject();
                    bogus.Set("flow_id", random.Next(2) == 0 ? (JsonNode)JsonNode.From(1) : new JsonString(NewId(random, "line")));
                    g.Set("default_condition", bogus);
                    return "default_condition names a foreign flow";
                case 4: g.Set("default_condition", RandomJson.OtherKind(random, JsonKind.Object)); return "default_condition not an object";
                default:
                    if (!(g["conditions"] is JsonObject conditions) || conditions.Count == 0) return null;
                    var c = Pick(random, conditions.Properties);
                    conditions.Set(c.Name, random.Next(2) == 0 ? RandomJson.OtherKind(random, JsonKind.Object) : new JsonObject());
                    return "one condition broken";
            }
        }

        private static string AddIsolatedNode(Random random, JsonObject root)
        {
            string section = random.Next(2) == 0 ? "activities" : "gateways";
            var dict = Section(root, section);
            if (dict == null) return null;
            string id = NewId(random, "node");
            var node = new JsonObject();
            node.Set("id", new JsonString(id));
            node.Set("type", new JsonString(section == "activities" ? "ServiceActivity" : "ConvergeGateway"));
            node.Set("name", new JsonString("lonely"));
            node.Set("incoming", new JsonArray());
            node.Set("outgoing", new JsonString(""));
            dict.Set(id, node);
            return $"isolated {section} entry {id}";
        }

        private static string RenameKey(Random random, JsonObject root)
        {
            string section = Pick(random, new[] { "activities", "gateways", "flows", "constants" });
            var dict = Section(root, section);
            if (dict == null || dict.Count == 0) return null;
            var entry = Pick(random, dict.Properties);
            string name = Pick(random, new[] { "node-1", "", " ", "nöde", "${x}", "a.b", "node\n1", "0", entry.Name + "'" });
            if (!dict.Rename(entry.Name, name)) return null;
            return $"{section} key {entry.Name} -> '{name}'";
        }

        private static string OddNumber(Random random, JsonObject root)
        {
            var slots = Slots(root);
            if (slots.Count == 0) return null;
            var slot = Pick(random, slots);
            var number = RandomJson.OddNumber(random);
            Replace(slot, number);
            return $"{Describe(slot)} = {number.RawText}";
        }

        private static string SubProcess(Random random, JsonObject root)
        {
            var activities = Entries(root, "activities");
            if (activities.Count == 0) return null;
            var a = (JsonObject)Pick(random, activities).Value;
            a.Set("type", new JsonString("SubProcess"));
            switch (random.Next(3))
            {
                case 0: a.Set("template_id", JsonNode.From(5)); break;
                case 1: a.Set("template_id", new JsonString("5")); break;
                default: a.Set("pipeline", RandomJson.Nested(random, 50, new JsonObject())); break;
            }
            return IdOf(a) + " became a SubProcess";
        }

        private static string HugeFanOut(Random random, JsonObject root)
        {
            var gateways = Entries(root, "gateways");
            var flows = Section(root, "flows");
            var activities = Section(root, "activities");
            if (gateways.Count == 0 || flows == null || activities == null) return null;
            var entry = Pick(random, gateways);
            var g = (JsonObject)entry.Value;
            string gid = entry.Name;
            var outgoing = new JsonArray();
            var ids = new TreeIds(random);
            for (int i = 0; i < 1001; i++)
            {
                string flowId = ids.NewFlowId();
                string activityId = ids.NewNodeId();
                var flow = new JsonObject();
                flow.Set("id", new JsonString(flowId));
                flow.Set("source", new JsonString(gid));
                flow.Set("target", new JsonString(activityId));
                flows.Set(flowId, flow);
                var activity = new JsonObject();
                activity.Set("id", new JsonString(activityId));
                activity.Set("type", new JsonString("ServiceActivity"));
                activity.Set("name", new JsonString("fan " + i));
                activity.Set("incoming", new JsonArray(new JsonNode[] { new JsonString(flowId) }));
                activity.Set("outgoing", new JsonString(""));
                activities.Set(activityId, activity);
                outgoing.Add(new JsonString(flowId));
            }
            g.Set("outgoing", outgoing);
            return $"{gid} fans out to 1001 activities";
        }
    }
}
