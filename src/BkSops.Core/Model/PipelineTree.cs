using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Model
{
    /// <summary>
    /// A bk-sops web pipeline_tree. The JSON document is the single source of truth (lossless: unknown fields,
    /// key order and number text are kept); the typed members are views over it.
    /// </summary>
    public sealed class PipelineTree
    {
        public PipelineTree(JsonObject root, string? source = null, IReadOnlyList<JsonReadWarning>? readWarnings = null)
        {
            Root = root ?? throw new ArgumentNullException(nameof(root));
            Source = source;
            ReadWarnings = readWarnings ?? Array.Empty<JsonReadWarning>();
        }

        /// <summary>The JSON document of the tree.</summary>
        public JsonObject Root { get; }

        /// <summary>Where the tree came from: a file path, or a short description.</summary>
        public string? Source { get; set; }

        /// <summary>The tree's name when it was built (ConvertTo-BkSopsPipeline -Name), else null.</summary>
        public string? Name { get; set; }

        /// <summary>
        /// The node (activity, gateway, start or end event) whose name is <paramref name="name"/> (ordinal comparison),
        /// or null. Users name steps, never ids: this finds a step's id, e.g. <c>$tree.FindNode('Deploy').Key</c>.
        /// </summary>
        public PipelineNode? FindNode(string? name)
        {
            if (name == null) return null;
            foreach (var activity in Activities) if (activity.Name == name) return activity;
            foreach (var gateway in Gateways) if (gateway.Name == name) return gateway;
            var start = StartEvent;
            if (start?.Name == name) return start;
            var end = EndEvent;
            return end?.Name == name ? end : null;
        }

        /// <summary>True when the tree was read from text, so its nodes carry line and column numbers.</summary>
        public bool HasPositions => Root.Line > 0;

        /// <summary>Warnings from reading the text (repeated keys).</summary>
        public IReadOnlyList<JsonReadWarning> ReadWarnings { get; }

        public StartEvent? StartEvent => Root["start_event"] is JsonObject o ? new StartEvent("start_event", o) : null;
        public EndEvent? EndEvent => Root["end_event"] is JsonObject o ? new EndEvent("end_event", o) : null;

        public IReadOnlyList<Activity> Activities => Entries(Root, "activities", (k, o) => new Activity(k, o));
        public IReadOnlyList<Gateway> Gateways => Entries(Root, "gateways", (k, o) => new Gateway(k, o));
        public IReadOnlyList<Flow> Flows => Entries(Root, "flows", (k, o) => new Flow(k, o));
        public IReadOnlyList<Constant> Constants => Entries(Root, "constants", (k, o) => new Constant(k, o));

        public IReadOnlyList<string> Outputs
        {
            get
            {
                var list = new List<string>();
                if (Root["outputs"] is JsonArray a)
                    foreach (var item in a.Items) if (item is JsonString s) list.Add(s.Value);
                return list;
            }
        }

        public int ActivityCount => CountOf("activities");
        public int GatewayCount => CountOf("gateways");
        public int FlowCount => CountOf("flows");
        public int ConstantCount => CountOf("constants");

        /// <summary>The tree as JSON text.</summary>
        public string ToJson(bool indented = true) => JsonWriter.Write(Root, indented);

        /// <summary>A deep copy (positions and source included).</summary>
        public PipelineTree Clone() => new PipelineTree((JsonObject)Root.Clone(), Source, ReadWarnings) { Name = Name };

        public override string ToString() =>
            $"PipelineTree: {ActivityCount} activities, {GatewayCount} gateways, {FlowCount} flows, {ConstantCount} constants";

        private int CountOf(string key) => Root[key] is JsonObject o ? o.Count : 0;

        private static IReadOnlyList<T> Entries<T>(JsonObject root, string key, Func<string, JsonObject, T> make)
        {
            var list = new List<T>();
            if (root[key] is JsonObject dict)
                foreach (var p in dict.Properties)
                    if (p.Value is JsonObject o) list.Add(make(p.Name, o));
            return list;
        }
    }
}
