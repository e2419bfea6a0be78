using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Validation.Python;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// A plain structural scan of the tree for everything draw_pipeline needs (keys, types, references, one
    /// connected graph). It explains the layout emulation's first failure in words, and lists further independent
    /// problems. It never throws. The server texts it expects come from <see cref="PythonErrors.Texts"/>.
    /// </summary>
    internal sealed class LayoutFindings
    {
        private static readonly HashSet<string> KnownTypes = new HashSet<string>
        {
            Py.StartEvent, Py.EndEvent, Py.ServiceActivity, Py.SubProcess, Py.ExclusiveGateway, Py.ParallelGateway,
            Py.ConditionalParallelGateway, Py.ConvergeGateway, EmNode.DummyType,
        };

        private readonly JsonObject root;
        private readonly GraphIndex index;
        private readonly JsonObject? flows;
        private readonly List<LayoutFinding> found = new List<LayoutFinding>();

        private LayoutFindings(JsonObject root, GraphIndex index)
        {
            this.root = root;
            this.index = index;
            flows = root["flows"] as JsonObject;
        }

        public static List<LayoutFinding> Scan(JsonObject root, GraphIndex index)
        {
            var scan = new LayoutFindings(root, index);
            scan.TopLevel();
            scan.Nodes();
            scan.Flows();
            scan.Duplicates();
            scan.StringIncoming();
            scan.StartIncoming();
            scan.Disconnected();
            scan.Locations();
            return scan.found;
        }

        /// <summary>Only the shared-id check (what is worth a warning when the layout succeeds).</summary>
        public static List<LayoutFinding> DuplicatesOnly(JsonObject root, GraphIndex index)
        {
            var scan = new LayoutFindings(root, index);
            scan.Duplicates();
            return scan.found;
        }

        private void Add(Rule rule, string? nodeId, string? flowId, string path, string message, string hint, string? serverText, bool certain, JsonNode? at)
        {
            found.Add(new LayoutFinding(rule, message)
            {
                NodeId = nodeId, FlowId = flowId, Path = path, Hint = hint,
                ServerText = serverText, Certain = certain && serverText != null, At = at,
            });
        }

        private void TopLevel()
        {
            foreach (var key in new[] { "activities", "gateways", "start_event", "end_event", "flows" })
            {
                if (!root.TryGetValue(key, out var value))
                {
                    Add(Rules.MissingField, null, null, "$", $"The tree has no '{key}'. bk-sops' automatic layout reads it before anything else is checked.",
                        $"Add \"{key}\" ({(key.EndsWith("_event") ? "an object" : "an object, {} when empty")}).", PythonErrors.Texts.MissingKey(key), true, root);
                    continue;
                }
                if (value is JsonObject) continue;
                string? text = null;
                if (key == "start_event" || key == "end_event") text = PythonErrors.Texts.Subscript(value);
                else if (key == "flows") text = PythonErrors.Texts.NoItems(value);
                Add(Rules.WrongType, null, null, "$." + key, $"'{key}' is a JSON {JsonWord(value)}; it must be an object.",
                    $"Write \"{key}\" as a JSON object keyed by id.", text, true, value);
            }
        }

        private void Nodes()
        {
            CheckNode(root["start_event"], "$.start_event", null, isEvent: true);
            CheckNode(root["end_event"], "$.end_event", null, isEvent: true);
            foreach (var section in new[] { "activities", "gateways" })
            {
                if (!(root[section] is JsonObject dict)) continue;
                foreach (var p in dict.Properties) CheckNode(p.Value, JsonPath.Key("$." + section, p.Name), p.Name, isEvent: false);
            }
        }

        private void CheckNode(JsonNode? value, string path, string? key, bool isEvent)
        {
            if (value == null) return;
            string? id = key ?? ((value as JsonObject)?["id"] as JsonString)?.Value;
            string what = id != null ? $"'{id}'" : path;
            if (!(value is JsonObject node))
            {
                Add(Rules.WrongType, id, null, path, $"Node {what} is a JSON {JsonWord(value)}; every node must be an object.",
                    "Write the node as an object with id, type, name, incoming and outgoing.", PythonErrors.Texts.Subscript(value), true, value);
                return;
            }
            foreach (var field in new[] { "id", "incoming", "outgoing", "type" })
            {
                if (node.ContainsKey(field)) continue;
                Add(Rules.MissingField, id, null, JsonPath.Member(path, field), $"Node {what} has no '{field}' field. bk-sops' automatic layout reads it (the schema does not require it for every node, the layout does).",
                    field == "incoming" || field == "outgoing" ? $"Add \"{field}\": \"\" (or [] / the flow ids)." : $"Add \"{field}\".",
                    PythonErrors.Texts.MissingKey(field), true, node);
            }
            if (node["type"] is JsonNode type)
            {
                bool known = type is JsonString ts && KnownTypes.Contains(ts.Value);
                if (!known)
                    Add(Rules.UnknownNodeType, id, null, JsonPath.Member(path, "type"),
                        $"Node {what} has type {PythonRepr.Repr(type)}, which bk-sops does not know; its layout fails on it.",
                        "Use ServiceActivity or SubProcess for activities, ExclusiveGateway, ParallelGateway, ConditionalParallelGateway or ConvergeGateway for gateways, EmptyStartEvent/EmptyEndEvent for the events.",
                        PythonErrors.Texts.LookUp(type), true, type);
            }
            foreach (var io in new[] { "incoming", "outgoing" })
                if (node[io] is JsonNode ioValue) CheckReferences(ioValue, JsonPath.Member(path, io), id ?? what, io);
        }

        private void CheckReferences(JsonNode value, string path, string nodeId, string io)
        {
            IEnumerable<JsonNode> items;
            if (value is JsonArray a) items = a.Items;
            else if (value is JsonString s) items = s.Value.Length > 0 ? new[] { value } : new JsonNode[0];
            else if (Py.Truthy(value)) items = new[] { value };
            else items = new JsonNode[0];
            foreach (var item in items)
            {
                if (item is JsonString flowId)
                {
                    if (flows != null && flows.ContainsKey(flowId.Value)) continue;
                    if (flows == null) continue;
                    Add(Rules.DanglingReference, nodeId, flowId.Value, path,
                        $"The {io} of node '{nodeId}' names flow '{flowId.Value}', which is not in 'flows'.",
                        $"Add the flow to \"flows\" or remove its id from the node's {io}.", PythonErrors.Texts.MissingKey(flowId.Value), true, item);
                    continue;
                }
                Add(Rules.WrongType, nodeId, null, path,
                    $"The {io} of node '{nodeId}' holds {PythonRepr.Repr(item)}, which is not a flow id (a string).",
                    $"Write {io} as a list of flow id strings.", PythonErrors.Texts.LookUp(item), true, item);
            }
        }

        private void Flows()
        {
            if (flows == null) return;
            foreach (var p in flows.Properties)
            {
                string path = JsonPath.Key("$.flows", p.Name);
                if (!(p.Value is JsonObject flow))
                {
                    Add(Rules.WrongType, null, p.Name, path, $"Flow '{p.Name}' is a JSON {JsonWord(p.Value)}; every flow must be an object.",
                        "Write the flow as {\"id\", \"source\", \"target\", \"is_default\"}.", PythonErrors.Texts.Subscript(p.Value), true, p.Value);
                    continue;
                }
                bool complete = true;
                foreach (var end in new[] { "source", "target" })
                {
                    if (flow.ContainsKey(end)) continue;
                    complete = false;
                    Add(Rules.MissingField, null, p.Name, JsonPath.Member(path, end), $"Flow '{p.Name}' has no '{end}'.",
                        $"Add \"{end}\": the id of the node the flow {(end == "source" ? "leaves" : "enters")}.", PythonErrors.Texts.MissingKey(end), true, flow);
                }
                if (!complete) continue;
                foreach (var end in new[] { "source", "target" })
                {
                    if (!flow.TryGetValue(end, out var value) || value is JsonString s && index.Node(s.Value) != null) continue;
                    Add(Rules.DanglingReference, null, p.Name, JsonPath.Member(path, end),
                        $"Flow '{p.Name}' has {end} {PythonRepr.Repr(value)}, which is not a node of the tree.",
                        $"Point the flow's {end} at an existing node, or remove the flow.", PythonErrors.Texts.LookUp(value), true, value);
                }
                string? source = (flow["source"] as JsonString)?.Value, target = (flow["target"] as JsonString)?.Value;
                var sourceNode = index.Node(source);
                var targetNode = index.Node(target);
                if (sourceNode == null || targetNode == null) continue;
                bool listedOut = sourceNode.Outgoing.Contains(p.Name), listedIn = targetNode.Incoming.Contains(p.Name);
                if (listedOut && listedIn) continue;
                string where = !listedOut && !listedIn ? $"neither in the outgoing of '{source}' nor in the incoming of '{target}'"
                    : !listedOut ? $"not in the outgoing of its source '{source}'" : $"not in the incoming of its target '{target}'";
                Add(Rules.OrphanFlow, source, p.Name, path,
                    $"Flow '{p.Name}' ({source} -> {target}) is {where}. bk-sops' layout moves flows between the nodes' lists and fails when a flow is missing from them.",
                    $"List '{p.Name}' in the outgoing of '{source}' and the incoming of '{target}', or remove the flow.",
                    PythonErrors.Texts.NotInList(p.Name), false, flow);
            }
        }

        private void Duplicates()
        {
            var activities = root["activities"] as JsonObject;
            var gateways = root["gateways"] as JsonObject;
            if (activities != null && gateways != null)
            {
                foreach (var p in activities.Properties)
                {
                    if (!gateways.ContainsKey(p.Name)) continue;
                    Add(Rules.DuplicateNodeId, p.Name, null, JsonPath.Key("$.activities", p.Name),
                        $"'{p.Name}' is the id of an activity and of a gateway. The server keeps only the gateway in its node table, so the activity's flows point nowhere and the layout fails.",
                        "Give every node its own id (the canvas uses \"node\" + 28 hex digits).", null, false, p.Value);
                }
            }
            string? startId = index.StartId, endId = index.EndId;
            foreach (var eventId in new[] { startId, endId })
            {
                if (eventId == null) continue;
                bool clash = (activities != null && activities.ContainsKey(eventId)) || (gateways != null && gateways.ContainsKey(eventId));
                if (clash)
                    Add(Rules.DuplicateNodeId, eventId, null, eventId == startId ? "$.start_event.id" : "$.end_event.id",
                        $"'{eventId}' is the id of an event and of another node; the server's node table keeps only one of them.",
                        "Give every node its own id.", null, false, null);
            }
            if (startId != null && startId == endId)
                Add(Rules.DuplicateNodeId, startId, null, "$.end_event.id", $"The start and end events share the id '{startId}'.",
                    "Give every node its own id.", null, false, null);
        }

        /// <summary>
        /// compute_nodes_fill_num iterates the incoming of every branch gateway, and of the activities that lead to
        /// one (following each activity's first incoming flow back): a string there is taken character by character.
        /// </summary>
        private void StringIncoming()
        {
            var crashing = new HashSet<string>();
            foreach (var gateway in index.NodeList)
            {
                if (gateway.Kind != GraphNodeKind.Gateway || !IsBranch(gateway.Type)) continue;
                var raw = gateway.Data["incoming"];
                if (raw is JsonString s && s.Value.Length > 0)
                {
                    crashing.Add(gateway.Id);
                    AddStringIncoming(gateway, s.Value, certain: true);
                    continue;
                }
                foreach (var flowId in gateway.Incoming)
                {
                    var seen = new HashSet<string>();
                    string current = flowId;
                    while (true)
                    {
                        var flow = index.Flow(current);
                        var source = index.Node(flow?.Source);
                        if (source == null || source.Kind != GraphNodeKind.Activity || !seen.Add(source.Id)) break;
                        var sourceIncoming = source.Data["incoming"];
                        if (sourceIncoming is JsonString si && si.Value.Length > 0)
                        {
                            if (crashing.Add(source.Id)) AddStringIncoming(source, si.Value, certain: false);
                            break;
                        }
                        if (source.Incoming.Count == 0) break;
                        current = source.Incoming[0];
                    }
                }
            }
        }

        private void AddStringIncoming(GraphNode node, string incoming, bool certain)
        {
            string first = PythonText.IsPairAt(incoming, 0) ? incoming.Substring(0, 2) : incoming.Substring(0, 1);
            string what = node.Kind == GraphNodeKind.Activity ? "activity" : GraphText.GatewayWord(node.Type);
            Add(Rules.IncomingNotList, node.Id, null, JsonPath.Member(node.Path, "incoming"),
                $"The {what} '{node.Id}' has \"incoming\" as a string (\"{incoming}\"). bk-sops' automatic layout loops over it character by character and fails looking up flow '{first}'.",
                $"Write \"incoming\": [\"{incoming}\"] (a JSON array), as the web canvas does.",
                PythonErrors.Texts.MissingKey(first), certain, node.Data["incoming"]);
        }

        private void StartIncoming()
        {
            var start = index.Node(index.StartId);
            if (start == null || start.Kind != GraphNodeKind.StartEvent || start.Incoming.Count == 0) return;
            foreach (var f in start.Incoming) if (index.Flow(f) == null) return;
            Add(Rules.StartEventHasIncoming, start.Id, null, "$.start_event.incoming",
                $"The start event '{start.Id}' lists incoming flows ({string.Join(", ", start.Incoming)}). bk-sops' layout follows incoming flows back towards the start and, from the start event, goes round forever.",
                "Set the start event's \"incoming\" to \"\": nothing may flow into the start event.",
                PythonErrors.Texts.RecursionLimit, true, start.Data["incoming"]);
        }

        /// <summary>Nodes not connected to the start event at all (in either direction, through flows or io lists).</summary>
        private void Disconnected()
        {
            string? startId = index.StartId;
            if (startId == null || index.Node(startId) == null) return;
            var neighbours = new Dictionary<string, List<string>>();
            void Link(string? a, string? b)
            {
                if (a == null || b == null || index.Node(a) == null || index.Node(b) == null) return;
                if (!neighbours.TryGetValue(a, out var la)) neighbours[a] = la = new List<string>();
                if (!neighbours.TryGetValue(b, out var lb)) neighbours[b] = lb = new List<string>();
                la.Add(b);
                lb.Add(a);
            }
            foreach (var flow in index.FlowList) Link(flow.Source, flow.Target);
            var reached = new HashSet<string> { startId };
            var queue = new Queue<string>();
            queue.Enqueue(startId);
            while (queue.Count > 0)
            {
                string n = queue.Dequeue();
                if (!neighbours.TryGetValue(n, out var list)) continue;
                foreach (var m in list) if (reached.Add(m)) queue.Enqueue(m);
            }
            foreach (var node in index.NodeList)
            {
                if (reached.Contains(node.Id)) continue;
                bool isolated = node.Incoming.Count == 0 && node.Outgoing.Count == 0;
                Add(Rules.IsolatedNode, node.Id, null, node.Path,
                    isolated
                        ? $"{MessageText.Capitalize(GraphText.Describe(index, node.Id))} has no flows at all; bk-sops' layout cannot place a node that is not connected to the start event."
                        : $"{MessageText.Capitalize(GraphText.Describe(index, node.Id))} is not connected to the start event (it belongs to a separate part of the graph, e.g. a cycle nothing leads into).",
                    "Connect the node into the flow from the start event to the end event, or remove it.",
                    PythonErrors.Texts.NoneNotSubscriptable, true, node.Data);
            }
        }

        /// <summary>The layout reuses the tree's own <c>location</c> entries: each needs an id, and the nodes' entries a known canvas type.</summary>
        private void Locations()
        {
            if (!root.TryGetValue("location", out var value)) return;
            const string hint = "Remove \"location\" and \"line\" (the server lays the tree out itself) or give each entry an id and a canvas type (tasknode, subflow, startpoint, endpoint, branchgateway, parallelgateway, convergegateway, conditionalparallelgateway).";
            if (!(value is JsonArray list))
            {
                string text = value is JsonObject || value is JsonString ? PythonErrors.Texts.StringIndices : PythonErrors.Texts.NotIterable(value);
                if (value is JsonObject o && o.Count == 0 || value is JsonString s && s.Value.Length == 0) return;
                Add(Rules.LocationInvalid, null, null, "$.location", $"\"location\" is a JSON {JsonWord(value)}; the server's layout reads it as a list of canvas positions.", hint, text, true, value);
                return;
            }
            for (int i = 0; i < list.Count; i++)
            {
                var item = list[i];
                string path = JsonPath.Index("$.location", i);
                if (!(item is JsonObject entry))
                {
                    Add(Rules.LocationInvalid, null, null, path, $"Entry {i} of \"location\" is a JSON {JsonWord(item)}, not an object.", hint, PythonErrors.Texts.Subscript(item), true, item);
                    continue;
                }
                if (!entry.TryGetValue("id", out var id))
                {
                    Add(Rules.LocationInvalid, null, null, path, $"Entry {i} of \"location\" has no id.", hint, PythonErrors.Texts.MissingKey("id"), true, entry);
                    continue;
                }
                if (id is JsonArray || id is JsonObject)
                {
                    Add(Rules.LocationInvalid, null, null, JsonPath.Member(path, "id"), $"Entry {i} of \"location\" has an id that is a JSON {JsonWord(id)}.", hint, PythonErrors.Texts.Unhashable(id), true, id);
                    continue;
                }
                if (!(id is JsonString node) || index.Node(node.Value) == null) continue;
                if (!entry.TryGetValue("type", out var type))
                    Add(Rules.LocationInvalid, node.Value, null, path, $"The \"location\" entry of node '{node.Value}' has no type.", hint, PythonErrors.Texts.MissingKey("type"), true, entry);
                else if (!(type is JsonString t && DrawPipeline.IsWebType(t.Value)))
                    Add(Rules.LocationInvalid, node.Value, null, JsonPath.Member(path, "type"), $"The \"location\" entry of node '{node.Value}' has type {PythonRepr.Repr(type)}, which the canvas does not know.", hint,
                        PythonErrors.Texts.LookUp(type), true, type);
            }
        }

        private static bool IsBranch(string? type) =>
            type == Py.ExclusiveGateway || type == Py.ParallelGateway || type == Py.ConditionalParallelGateway;

        internal static string JsonWord(JsonNode? value)
        {
            switch (value?.Kind)
            {
                case JsonKind.Array: return "array";
                case JsonKind.String: return "string";
                case JsonKind.Number: return "number";
                case JsonKind.Boolean: return "boolean";
                case JsonKind.Object: return "object";
                default: return "null";
            }
        }

    }
}
