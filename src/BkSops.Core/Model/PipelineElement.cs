using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Model
{
    /// <summary>A view over one JSON object of the tree (a node, a flow or a constant), keyed as in its parent.</summary>
    public abstract class PipelineElement
    {
        protected PipelineElement(string key, JsonObject data)
        {
            Key = key;
            Data = data;
        }

        /// <summary>The key of the entry in its parent dictionary (the id that counts on the server).</summary>
        public string Key { get; }

        /// <summary>The JSON object behind this view.</summary>
        public JsonObject Data { get; }

        /// <summary>The entry's own <c>id</c> field (may differ from <see cref="Key"/>).</summary>
        public string? Id => StringOf("id");

        public string? Name => StringOf("name");

        protected string? StringOf(string field) => Data[field] is JsonString s ? s.Value : null;

        protected bool? BoolOf(string field) => Data[field] is JsonBoolean b ? b.Value : (bool?)null;

        /// <summary>A string or list-of-strings field as a list (a string becomes one item, "" none).</summary>
        protected IReadOnlyList<string> FlowIdsOf(string field)
        {
            var list = new List<string>();
            switch (Data[field])
            {
                case JsonString s when s.Value.Length > 0: list.Add(s.Value); break;
                case JsonArray a:
                    foreach (var item in a.Items) if (item is JsonString v) list.Add(v.Value);
                    break;
            }
            return list;
        }
    }

    /// <summary>A node of the graph: start or end event, activity or gateway.</summary>
    public abstract class PipelineNode : PipelineElement
    {
        protected PipelineNode(string key, JsonObject data) : base(key, data) { }

        public string? Type => StringOf("type");
        public IReadOnlyList<string> Incoming => FlowIdsOf("incoming");
        public IReadOnlyList<string> Outgoing => FlowIdsOf("outgoing");

        /// <summary>True when <c>incoming</c> is written as a JSON array (the form the server needs for activities and gateways).</summary>
        public bool IncomingIsList => Data["incoming"] is JsonArray;
        public bool OutgoingIsList => Data["outgoing"] is JsonArray;

        public override string ToString() => $"{Type} {Key}" + (string.IsNullOrEmpty(Name) ? "" : $" '{Name}'");
    }

    public sealed class StartEvent : PipelineNode { public StartEvent(string key, JsonObject data) : base(key, data) { } }

    public sealed class EndEvent : PipelineNode { public EndEvent(string key, JsonObject data) : base(key, data) { } }
}
