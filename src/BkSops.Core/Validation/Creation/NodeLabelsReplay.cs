using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>
    /// Replays what task creation does with the per-node web attribute <c>labels</c> around the id replacement
    /// (bk-sops <c>create_pipeline_instance</c>): <c>PipelineWebTreeCleaner.clean</c> pops every node's labels (nodes
    /// looked up through <c>get_all_nodes</c>: activities, then gateways, then the two events, a later one hiding an
    /// earlier one with the same id) and keeps the truthy ones by node id; after <c>replace_all_id</c>,
    /// <c>replace_id</c> maps each kept id through the ACTIVITY id map (KeyError for any other node) and
    /// <c>to_web</c> puts them back; <c>create_nodes_in_instance</c> then reads every node's <c>type</c>, and the label
    /// signal handler iterates every node's labels and reads <c>label_info['label']</c> and
    /// <c>label_info['group']</c>. Every exception there is an HTTP 500. Runs on a tree whose id replacement completes.
    /// Not replayed: labels inside SubProcess templates (the server's database; the verdict assumes the template is
    /// sound, as for its id).
    /// </summary>
    internal static class NodeLabelsReplay
    {
        /// <summary>The key <c>clean</c> and <c>replace_id</c> use for SubProcess details, beside node ids in one dict.</summary>
        public const string SubprocessDetailKey = "subprocess_detail";

        private sealed class Node
        {
            public required string Key;
            public required JsonObject Raw;
            public required string Where, Path;
            public bool IsActivity;
        }

        /// <summary>True when no node carries <c>labels</c> and every node has a <c>type</c>: nothing here can fail.</summary>
        public static bool CannotFail(JsonObject tree)
        {
            // Reads the node objects only: the descriptions and paths Nodes spells out are for failures alone.
            return EachHasTypeAndNoLabels(Section(tree, "activities")) && EachHasTypeAndNoLabels(Section(tree, "gateways"))
                && HasTypeAndNoLabels(Section(tree, "start_event")) && HasTypeAndNoLabels(Section(tree, "end_event"));
        }

        private static bool EachHasTypeAndNoLabels(JsonObject section)
        {
            foreach (var p in section.Properties)
                if (!HasTypeAndNoLabels((JsonObject)p.Value)) return false;
            return true;
        }

        private static bool HasTypeAndNoLabels(JsonObject node) => !node.ContainsKey("labels") && node.ContainsKey("type");

        /// <summary>Every failure in the server's order (each alone makes creation fail); empty when creation completes.</summary>
        public static List<LabelFailure> Run(JsonObject tree)
        {
            var failures = new List<LabelFailure>();
            var activities = Section(tree, "activities");
            var nodes = Nodes(tree);

            // get_all_nodes: a dict update per section, so a later node with the same id takes the earlier one's place.
            var visible = new Dictionary<string, Node>(System.StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var node in nodes)
            {
                if (!visible.ContainsKey(node.Key)) order.Add(node.Key);
                visible[node.Key] = node;
            }

            // clean: pop the labels of every visible node, keep the truthy ones by id.
            var kept = new Dictionary<string, Node>(System.StringComparer.Ordinal);
            foreach (var key in order)
            {
                var node = visible[key];
                if (node.Raw.TryGetValue("labels", out var labels) && IdReplacementSimulator.Truthy(labels)) kept[key] = node;
            }

            // replace_id: every kept id but the subprocess_detail entry goes through the activity id map.
            foreach (var key in order)
            {
                if (!kept.TryGetValue(key, out var node) || !(node.Raw["labels"] is JsonNode labels)) continue; // kept nodes have labels
                if (key == SubprocessDetailKey)
                    failures.Add(ReservedId(node, labels, activities));
                else if (!activities.ContainsKey(key))
                    failures.Add(new LabelFailure(LabelFailureKind.NotOnActivity, node.Key, LabelsPath(node), node.Where, "KeyError", PythonRepr.ReprString(key), labels) { Value = labels });
            }

            // create_nodes_in_instance reads every node's type (only a node hidden behind another's id can lack one
            // here: the layout and the schema checked the others), then the label handler reads every node's labels as
            // to_web left them.
            foreach (var node in nodes)
                if (!node.Raw.ContainsKey("type"))
                    failures.Add(new LabelFailure(LabelFailureKind.NoType, node.Key, node.Path, node.Where, "KeyError", "'type'", node.Raw));
            foreach (var node in nodes)
            {
                var source = FinalLabelsSource(node, visible, kept);
                if (source == null || !(source.Raw["labels"] is JsonNode value)) continue; // a source has labels
                string? problem = IterationProblem(value, out string pythonType, out JsonNode? at);
                if (problem != null)
                    failures.Add(new LabelFailure(LabelFailureKind.Malformed, source.Key, LabelsPath(source), source.Where, pythonType, problem, at ?? value)
                    {
                        Target = source == node ? null : node.Where,
                        Value = value,
                    });
            }
            return failures;
        }

        /// <summary>The node whose labels this node holds once to_web has run, or null when it holds none.</summary>
        private static Node? FinalLabelsSource(Node node, Dictionary<string, Node> visible, Dictionary<string, Node> kept)
        {
            // to_web puts the labels kept under an activity's id back on that activity, whichever node they came from.
            if (node.IsActivity && node.Key != SubprocessDetailKey && kept.TryGetValue(node.Key, out var from)) return from;
            // A visible node lost its labels in clean; a node hidden behind another with its id still has its own.
            if (visible[node.Key] == node) return null;
            return node.Raw.ContainsKey("labels") ? node : null;
        }

        // for label_info in node.get('labels', []): label_info['label'], label_info['group']
        private static string? IterationProblem(JsonNode labels, out string pythonType, out JsonNode? at)
        {
            pythonType = "TypeError";
            at = null;
            switch (labels)
            {
                case JsonString s: return s.Value.Length == 0 ? null : "string indices must be integers, not 'str'";
                case JsonObject o: return o.Count == 0 ? null : "string indices must be integers, not 'str'";
                case JsonArray list:
                    foreach (var item in list.Items)
                    {
                        at = item;
                        switch (item)
                        {
                            case JsonObject entry:
                                if (!entry.ContainsKey("label")) { pythonType = "KeyError"; return "'label'"; }
                                if (!entry.ContainsKey("group")) { pythonType = "KeyError"; return "'group'"; }
                                break;
                            case JsonString _: return "string indices must be integers, not 'str'";
                            case JsonArray _: return "list indices must be integers or slices, not str";
                            default: return $"'{item.PythonTypeName}' object is not subscriptable";
                        }
                    }
                    return null;
                default: return $"'{labels.PythonTypeName}' object is not iterable";
            }
        }

        // replace_id pops this entry as the SubProcess details and looks each of its keys ('labels' first) up as the
        // id of a SubProcess activity. Only a dict keyed by the sub-flow's own node ids, under an activity called
        // 'labels' that is a SubProcess, could pass; that is not a labels value, so it is reported as the failure it is
        // for every other tree.
        private static LabelFailure ReservedId(Node node, JsonNode labels, JsonObject activities)
        {
            string? text = activities.ContainsKey("labels") ? null : "'labels'";
            return new LabelFailure(LabelFailureKind.ReservedId, node.Key, LabelsPath(node), node.Where, "KeyError", text, labels) { Value = labels };
        }

        private static string LabelsPath(Node node) => JsonPath.Member(node.Path, "labels");

        /// <summary>Every node object: activities, gateways, the start event, the end event (ids as the server keys them).</summary>
        private static List<Node> Nodes(JsonObject tree)
        {
            var nodes = new List<Node>();
            foreach (var p in Section(tree, "activities").Properties)
                nodes.Add(new Node { Key = p.Name, Raw = (JsonObject)p.Value, IsActivity = true, Where = TreePlaces.Describe("activities", p.Name), Path = TreePlaces.PathOf("activities", p.Name) });
            foreach (var p in Section(tree, "gateways").Properties)
                nodes.Add(new Node { Key = p.Name, Raw = (JsonObject)p.Value, Where = TreePlaces.Describe("gateways", p.Name), Path = TreePlaces.PathOf("gateways", p.Name) });
            foreach (var ev in new[] { "start_event", "end_event" })
            {
                var raw = Section(tree, ev);
                // The schema makes event ids strings; anything else stays apart from every string key, as in Python.
                string key = raw["id"] is JsonString id ? id.Value : "\u0001" + Py.Repr(raw["id"]);
                nodes.Add(new Node { Key = key, Raw = raw, Where = TreePlaces.Describe(ev, null), Path = TreePlaces.PathOf(ev) });
            }
            return nodes;
        }

        /// <summary>A top-level dict of a tree whose id replacement completes (the schema and the layout saw to that).</summary>
        private static JsonObject Section(JsonObject tree, string name) =>
            tree[name] as JsonObject ?? throw new System.InvalidOperationException($"The labels are replayed on a tree without a '{name}' dict.");
    }

    internal enum LabelFailureKind
    {
        /// <summary>Truthy labels on a gateway or event whose id is no activity's: KeyError in replace_id.</summary>
        NotOnActivity,
        /// <summary>Truthy labels on the node whose id is <c>subprocess_detail</c>.</summary>
        ReservedId,
        /// <summary>Labels that reach the label handler and are not a list of objects with label and group.</summary>
        Malformed,
        /// <summary>A node without <c>type</c> (create_nodes_in_instance reads it).</summary>
        NoType,
    }

    /// <summary>One way task creation fails on labels (always an HTTP 500).</summary>
    internal sealed class LabelFailure
    {
        public LabelFailure(LabelFailureKind kind, string nodeId, string path, string where, string pythonType, string? text, JsonNode at)
        {
            Kind = kind;
            NodeId = nodeId;
            Path = path;
            Where = where;
            PythonType = pythonType;
            Text = text;
            At = at;
        }

        public LabelFailureKind Kind { get; }
        public string NodeId { get; }
        public string Path { get; }
        /// <summary>The node the labels were written on, e.g. "gateway 'g1'".</summary>
        public string Where { get; }
        public string PythonType { get; }
        /// <summary><c>str(exception)</c>; null when it names an id the server generates.</summary>
        public string? Text { get; }
        public JsonNode At { get; }
        /// <summary>The labels value as written (null for a node without a type).</summary>
        public JsonNode? Value { get; set; }
        /// <summary>The exception text, null when it depends on what the server generates (a new id).</summary>
        public string ExceptionText => Text == null ? PythonType : PythonType + ": " + Text;
        /// <summary>For labels moved onto another node (an activity sharing the id): that node; else null.</summary>
        public string? Target { get; set; }
    }
}
