using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Graph.Layout;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    internal sealed partial class BambooGraph
    {
        /// <summary>
        /// The numbered node dict of <paramref name="root"/>, or null when the tree is not well-formed for the bamboo
        /// validators (see the class summary) or its JSON nests deeper than <see cref="DataDepth.Limit"/>. Reads the
        /// tree once, measuring its depth on the way; changes nothing.
        /// </summary>
        public static BambooGraph? Read(JsonObject root) => Reader.Read(root);

        /// <summary>Reads the nodes, then the flows; the members are told apart by their tags (without reading every name).</summary>
        private sealed class Reader
        {
            private static readonly int IdTag = JsonProperty.TagOf("id"), TypeTag = JsonProperty.TagOf("type"),
                IncomingTag = JsonProperty.TagOf("incoming"), OutgoingTag = JsonProperty.TagOf("outgoing"),
                ConvergeTag = JsonProperty.TagOf("converge_gateway_id"),
                SourceTag = JsonProperty.TagOf("source"), TargetTag = JsonProperty.TagOf("target");

            private readonly DepthWalker walker;
            private readonly List<string> inFlows = new List<string>();
            private readonly List<string> outFlows = new List<string>();
            private readonly BambooGraph g;
            private readonly Dictionary<string, int> numbers;
            /// <summary>Flow id -> entry number, made only when some listed id is not found in its node's lists.</summary>
            private Dictionary<string, int>? flowNumbers;
            private readonly string?[] converges;
            private readonly bool[] singleOutgoing;
            private int nodes, deepest;

            private Reader(DepthWalker walker, int deepest, int count)
            {
                this.walker = walker;
                this.deepest = deepest;
                g = new BambooGraph(count);
                numbers = new Dictionary<string, int>(count, System.StringComparer.Ordinal);
                converges = new string?[count];
                singleOutgoing = new bool[count];
            }

            public static BambooGraph? Read(JsonObject root)
            {
                var walker = new DepthWalker();
                int deepest = 1;
                JsonObject? start = null, end = null, activities = null, gateways = null, flows = null;
                for (int i = 0; i < root.Count; i++)
                {
                    var value = root.PropertyAt(i).Value;
                    switch (root.PropertyAt(i).Name)
                    {
                        case "start_event": start = value as JsonObject; break;
                        case "end_event": end = value as JsonObject; break;
                        case "activities": activities = value as JsonObject; break;
                        case "gateways": gateways = value as JsonObject; break;
                        case "flows": flows = value as JsonObject; break;
                        default:
                            if (!Deeper(walker, ref deepest, value, 2)) return null;
                            break;
                    }
                }
                if (start == null || end == null || activities == null || gateways == null || flows == null) return null;
                if (!(start["id"] is JsonString startId) || !(end["id"] is JsonString endId)) return null;

                int count = 2 + activities.Count + gateways.Count;
                return new Reader(walker, deepest, count).ReadNodes(startId, start, endId, end, activities, gateways, flows);
            }

            private BambooGraph? ReadNodes(JsonString startId, JsonObject start, JsonString endId, JsonObject end,
                JsonObject activities, JsonObject gateways, JsonObject flows)
            {
                int count = g.Count;
                // The levels walked here (at most 3: root, section, entry) are far below the limit; values below them are measured.
                if (!AddNode(startId.Value, start, 2, GraphNodeKind.StartEvent)) return null;
                if (!AddNode(endId.Value, end, 2, GraphNodeKind.EndEvent)) return null;
                if (!AddSection(activities, GraphNodeKind.Activity)) return null;
                g.FirstGateway = nodes;
                if (!AddSection(gateways, GraphNodeKind.Gateway)) return null;
                if (!ReadFlows(flows)) return null;
                for (int n = 0; n < count; n++)
                {
                    g.ActivityNext[n] = singleOutgoing[n] ? g.OutTargets[g.OutStart[n]] : -1;
                    var converge = converges[n];
                    g.ConvergeField[n] = converge != null && numbers.TryGetValue(converge, out int named) ? named : -1;
                }
                return g;
            }

            /// <summary>Measures a value at <paramref name="level"/>; false once the tree is too deep.</summary>
            private bool Deeper(JsonNode? value, int level) => Deeper(walker, ref deepest, value, level);

            private static bool Deeper(DepthWalker walker, ref int deepest, JsonNode? value, int level)
            {
                if (!(value is JsonObject) && !(value is JsonArray)) return true;
                int depth = walker.Deepest(value, level, DataDepth.Limit);
                if (depth > deepest) deepest = depth;
                return deepest <= DataDepth.Limit;
            }

            private bool AddSection(JsonObject section, GraphNodeKind kind)
            {
                for (int i = 0; i < section.Count; i++)
                {
                    var entry = section.PropertyAt(i);
                    if (!(entry.Value is JsonObject node) || !AddNode(entry.Name, node, 3, kind)) return false;
                }
                return true;
            }

            /// <summary>One node (an object at <paramref name="level"/>) with a type its section may hold.</summary>
            private bool AddNode(string key, JsonObject node, int level, GraphNodeKind kind)
            {
                if (key.Length == 0 || key[0] == '\u0000') return false; // empty ids are falsy; '\0' marks PyKeys' non-str keys
                int n = nodes++;
                numbers[key] = n;
                if (numbers.Count != nodes) return false; // the key was there already
                g.Keys[n] = key;
                JsonNode? id = null, type = null, incoming = null, outgoing = null;
                for (int i = 0; i < node.Count; i++)
                {
                    var member = node.PropertyAt(i);
                    var value = member.Value;
                    int tag = member.Tag;
                    if (tag == IdTag && member.Name == "id") id = value;
                    else if (tag == TypeTag && member.Name == "type") type = value;
                    else if (tag == IncomingTag && member.Name == "incoming") incoming = value;
                    else if (tag == OutgoingTag && member.Name == "outgoing") outgoing = value;
                    else if (tag == ConvergeTag && member.Name == "converge_gateway_id") converges[n] = (value as JsonString)?.Value;
                    if (!Deeper(value, level + 1)) return false;
                }
                if (!(id is JsonString idText) || idText.Value != key) return false;
                if (!(type is JsonString typeName) || !TypesByName.TryGetValue(typeName.Value, out var bambooType)) return false;
                if (KindOf(bambooType) != kind) return false;
                g.Types[n] = bambooType;

                if (kind != GraphNodeKind.StartEvent && incoming is JsonString) g.IncomingNeedsLists = true;
                // validate_gateways reads a gateway's "" outgoing as the flow id "" (not as no flow).
                if (kind == GraphNodeKind.Gateway && outgoing is JsonString none && none.Value.Length == 0) return false;
                g.InStart[n] = inFlows.Count;
                if (!AddFlowIds(incoming, inFlows)) return false;
                g.InStart[n + 1] = inFlows.Count;
                g.OutStart[n] = outFlows.Count;
                if (!AddFlowIds(outgoing, outFlows)) return false;
                g.OutStart[n + 1] = outFlows.Count;
                singleOutgoing[n] = kind == GraphNodeKind.Activity && outgoing is JsonString single && single.Value.Length > 0;
                return true;
            }

            private static GraphNodeKind KindOf(BambooType type)
            {
                switch (type)
                {
                    case BambooType.StartEvent: return GraphNodeKind.StartEvent;
                    case BambooType.EndEvent: return GraphNodeKind.EndEvent;
                    case BambooType.ServiceActivity:
                    case BambooType.SubProcess: return GraphNodeKind.Activity;
                    default: return GraphNodeKind.Gateway;
                }
            }

            /// <summary>A list of flow ids, or one id as a string (bamboo's <c>format_to_list</c>: "" is no flow).</summary>
            private static bool AddFlowIds(JsonNode? value, List<string> ids)
            {
                if (value is JsonArray list)
                {
                    var items = list.Items;
                    for (int i = 0; i < items.Count; i++)
                    {
                        if (!(items[i] is JsonString item) || (item.Value.Length > 0 && item.Value[0] == '\u0000')) return false;
                        ids.Add(item.Value);
                    }
                    return true;
                }
                if (!(value is JsonString text)) return false;
                if (text.Value.Length == 0) return true;
                if (text.Value[0] == '\u0000') return false;
                ids.Add(text.Value);
                return true;
            }

            /// <summary>
            /// Resolves every listed flow id to the node at its other end. A flow normally appears in the outgoing of its
            /// source and the incoming of its target, so each flow is first looked for in those two lists (no dictionary
            /// of flow ids); ids left over (listed by another node, or in very long lists) are looked up by name.
            /// </summary>
            private bool ReadFlows(JsonObject flows)
            {
                var entries = flows.Properties;
                var sources = new int[entries.Count];
                var targets = new int[entries.Count];
                var inSources = g.InSources = Filled(inFlows.Count, -1);
                var outTargets = g.OutTargets = Filled(outFlows.Count, -1);
                int budget = 4 * (inFlows.Count + outFlows.Count) + 64;
                for (int f = 0; f < entries.Count; f++)
                {
                    sources[f] = targets[f] = -1;
                    if (!(entries[f].Value is JsonObject flow))
                    {
                        if (!Deeper(entries[f].Value, 3)) return false;
                        continue;
                    }
                    for (int i = 0; i < flow.Count; i++)
                    {
                        var member = flow.PropertyAt(i);
                        var value = member.Value;
                        if (member.Tag == SourceTag && member.Name == "source") sources[f] = NodeNamed(value);
                        else if (member.Tag == TargetTag && member.Name == "target") targets[f] = NodeNamed(value);
                        if (!Deeper(value, 4)) return false;
                    }
                    int source = sources[f], target = targets[f];
                    if (budget <= 0 || source < 0 || target < 0) continue;
                    string id = entries[f].Name;
                    budget -= Place(id, outFlows, g.OutStart[source], g.OutStart[source + 1], outTargets, target);
                    budget -= Place(id, inFlows, g.InStart[target], g.InStart[target + 1], inSources, source);
                }
                return ResolveLeftOvers(entries, inFlows, inSources, sources) && ResolveLeftOvers(entries, outFlows, outTargets, targets);
            }

            /// <summary>Sets <paramref name="end"/> at every place of <paramref name="id"/> in a node's list; returns the places compared.</summary>
            private static int Place(string id, List<string> ids, int from, int to, int[] ends, int end)
            {
                for (int i = from; i < to; i++)
                    if (ends[i] < 0 && string.Equals(ids[i], id)) ends[i] = end;
                return to - from;
            }

            private bool ResolveLeftOvers(IReadOnlyList<JsonProperty> entries, List<string> ids, int[] ends, int[] endOfFlow)
            {
                for (int i = 0; i < ends.Length; i++)
                {
                    if (ends[i] >= 0) continue;
                    if (flowNumbers == null)
                    {
                        flowNumbers = new Dictionary<string, int>(entries.Count, System.StringComparer.Ordinal);
                        for (int f = 0; f < entries.Count; f++) flowNumbers[entries[f].Name] = f;
                    }
                    if (!flowNumbers.TryGetValue(ids[i], out int flow) || endOfFlow[flow] < 0) return false;
                    ends[i] = endOfFlow[flow];
                }
                return true;
            }

            private int NodeNamed(JsonNode? value) => value is JsonString s && numbers.TryGetValue(s.Value, out int n) ? n : -1;
        }
    }
}
