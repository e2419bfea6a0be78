using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Building
{
    /// <summary>
    /// Puts a tree into server-safe form without changing what it means: list <c>incoming</c>, string single
    /// <c>outgoing</c>, list branch-gateway <c>outgoing</c>, standardised names, the server's defaults for missing optional
    /// fields, constants completed with every field the task start needs (spec 2.12), and node labels in the form task
    /// creation takes. Shared by Repair-BkSopsPipeline and the builder. Changes the given document in place and returns what it changed.
    /// </summary>
    public sealed class TreeNormalizer
    {
        private static readonly string[] BranchGatewayTypes = { "ParallelGateway", "ExclusiveGateway", "ConditionalParallelGateway" };

        private readonly bool describe;
        private List<TreeChange>? changes;

        /// <param name="describe">
        /// False when only the normalised tree is wanted (a bulk submission without Verbose): the same changes are made,
        /// but none is described, so no path or before/after text is written for them and <see cref="Normalize"/> returns
        /// an empty list.
        /// </param>
        public TreeNormalizer(bool describe) { this.describe = describe; }

        /// <summary>A normaliser that describes every change it makes (what Repair-BkSopsPipeline reports).</summary>
        public TreeNormalizer() : this(describe: true) { }

        public IReadOnlyList<TreeChange> Normalize(JsonObject root)
        {
            changes = describe ? new List<TreeChange>() : null;
            EnsureDefault(root, JsonPath.Root, "gateways", new JsonObject(), "the API's default");
            EnsureDefault(root, JsonPath.Root, "constants", new JsonObject(), "the API's default");
            EnsureDefault(root, JsonPath.Root, "outputs", new JsonArray(), "the API's default");

            if (root["start_event"] is JsonObject start) NormalizeStartEvent(start);
            if (root["end_event"] is JsonObject end) NormalizeEndEvent(end);
            ForEachEntry(root, "activities", (key, path, activity) => NormalizeActivity(path, activity));
            ForEachEntry(root, "gateways", (key, path, gateway) => NormalizeGateway(path, gateway));
            new LabelsNormalizer(changes).Normalize(root);
            ForEachEntry(root, "flows", (key, path, flow) => EnsureDefault(flow, path, "is_default", JsonBoolean.False(), "flows are not default flows unless marked"));
            int index = 0;
            ForEachEntry(root, "constants", (key, path, constant) => CompleteConstant(key, path, constant, index++));
            StandardizeNames(root);
            return (IReadOnlyList<TreeChange>?)changes ?? System.Array.Empty<TreeChange>();
        }

        /// <summary>A member's path, written only when changes are described (it is only ever used in a change's description).</summary>
        private string KeyPath(string parent, string name) => describe ? JsonPath.Key(parent, name) : parent;

        private void NormalizeStartEvent(JsonObject start)
        {
            const string path = "$.start_event";
            EnsureDefault(start, path, "name", new JsonString(""), "the layout step needs it");
            EnsureDefault(start, path, "incoming", new JsonString(""), "the layout step reads it");
            SingleOutgoingAsString(start, path);
        }

        private void NormalizeEndEvent(JsonObject end)
        {
            const string path = "$.end_event";
            EnsureDefault(end, path, "name", new JsonString(""), "the layout step needs it");
            EnsureDefault(end, path, "outgoing", new JsonString(""), "the layout step reads it");
            IncomingAsList(end, path, EndIncomingReason);
        }

        private void NormalizeActivity(string path, JsonObject activity)
        {
            IncomingAsList(activity, path);
            SingleOutgoingAsString(activity, path);
            EnsureDefault(activity, path, "error_ignorable", JsonBoolean.False(), "the task start needs it");
            EnsureDefault(activity, path, "retryable", JsonBoolean.True(), "the task start needs it");
            EnsureDefault(activity, path, "skippable", JsonBoolean.True(), "the task start needs it");
            if (activity["component"] is JsonObject component && component["data"] is JsonObject data)
            {
                string dataPath = describe ? JsonPath.Member(JsonPath.Member(path, "component"), "data") : path;
                foreach (var input in data.Properties)
                    if (input.Value is JsonObject item)
                        EnsureDefault(item, KeyPath(dataPath, input.Name), "hook", JsonBoolean.False(),
                            "an input is not a task parameter unless hooked");
            }
        }

        private void NormalizeGateway(string path, JsonObject gateway)
        {
            IncomingAsList(gateway, path);
            string? type = (gateway["type"] as JsonString)?.Value;
            if (type == "ConvergeGateway") SingleOutgoingAsString(gateway, path);
            else if (System.Array.IndexOf(BranchGatewayTypes, type) >= 0 && gateway["outgoing"] is JsonString s && s.Value.Length > 0)
                Replace(gateway, path, "outgoing", new JsonArray(new JsonNode[] { new JsonString(s.Value) }),
                    "a branch gateway's outgoing must be a list");
            EnsureDefault(gateway, path, "name", new JsonString(""), "the schema needs it");
        }

        private void CompleteConstant(string key, string path, JsonObject constant, int position)
        {
            string bareName = key.StartsWith("${") && key.EndsWith("}") ? key.Substring(2, key.Length - 3) : key;
            const string why = "the task start needs every constant field";
            EnsureDefault(constant, path, "key", new JsonString(key), "must equal the constant's key");
            EnsureDefault(constant, path, "name", new JsonString(bareName), why);
            EnsureDefault(constant, path, "index", JsonNode.From(position), why);
            EnsureDefault(constant, path, "desc", new JsonString(""), why);
            EnsureDefault(constant, path, "source_type", new JsonString("custom"), why);
            bool custom = (constant["source_type"] as JsonString)?.Value == "custom";
            EnsureDefault(constant, path, "custom_type", new JsonString(custom ? "input" : ""), why);
            EnsureDefault(constant, path, "source_tag", new JsonString(""), why);
            EnsureDefault(constant, path, "source_info", new JsonObject(), why);
            EnsureDefault(constant, path, "value", new JsonString(""), why);
            EnsureDefault(constant, path, "show_type", new JsonString("show"), why);
            EnsureDefault(constant, path, "validation", new JsonString(""), why);
        }

        private void StandardizeNames(JsonObject root)
        {
            foreach (var top in root.Properties)
            {
                string topPath = describe ? JsonPath.Member(JsonPath.Root, top.Name) : JsonPath.Root;
                if (top.Value is JsonObject single) StandardizeName(single, topPath);
                if (top.Value is JsonObject dict)
                    foreach (var entry in dict.Properties)
                        if (entry.Value is JsonObject o) StandardizeName(o, KeyPath(topPath, entry.Name));
                if (top.Value is JsonArray list)
                    for (int i = 0; i < list.Count; i++)
                        if (list[i] is JsonObject o) StandardizeName(o, describe ? JsonPath.Index(topPath, i) : topPath);
            }
        }

        private void StandardizeName(JsonObject owner, string path)
        {
            if (!(owner["name"] is JsonString name)) return;
            string standard = NameStandardizer.Standardize(name.Value);
            if (standard != name.Value)
                Replace(owner, path, "name", new JsonString(standard), describe ? DescribeStandardizing(name.Value) : "");
        }

        private static string DescribeStandardizing(string name)
        {
            string stripped = NameStandardizer.Strip(name);
            bool strips = stripped != name;
            bool cuts = PythonText.Length(stripped) > NameStandardizer.NodeNameMaxLength;
            string limit = $"cuts names to {NameStandardizer.NodeNameMaxLength} characters";
            if (strips && cuts) return $"the server removes the characters {NameStandardizer.RemovedCharacters} and {limit}";
            if (strips) return $"the server removes the characters {NameStandardizer.RemovedCharacters} from names";
            return "the server " + limit;
        }

        internal const string IncomingReason = "incoming must be a list (the server's layout step iterates it)";

        /// <summary>For a node whose string incoming the layout does not iterate where the node stands (Repair checks).</summary>
        internal const string AcceptedIncomingReason = "incoming written as a list (normalising only: the server accepts the string where this node stands, but not before a branch gateway)";

        // The server accepts the end event's string incoming (its layout never iterates it): the change only normalises.
        private const string EndIncomingReason = "incoming written as a list, as the web canvas does (normalising only: the server accepts a string here)";

        private void IncomingAsList(JsonObject node, string path, string why = IncomingReason)
        {
            if (node["incoming"] is JsonString s)
            {
                // Sized exactly, as a read list is: the checks that follow then read its items without a view each time.
                var list = s.Value.Length > 0 ? new JsonArray(new JsonNode[] { new JsonString(s.Value) }) : new JsonArray();
                Replace(node, path, "incoming", list, why);
            }
        }

        private void SingleOutgoingAsString(JsonObject node, string path)
        {
            if (node["outgoing"] is JsonArray a && a.Count == 1 && a[0] is JsonString s)
                Replace(node, path, "outgoing", new JsonString(s.Value), "a single outgoing flow must be a string (a list makes the server answer HTTP 500)");
        }

        private void EnsureDefault(JsonObject owner, string path, string field, JsonNode value, string why)
        {
            if (owner.ContainsKey(field)) return;
            owner.Set(field, value);
            changes?.Add(new TreeChange(JsonPath.Member(path, field), $"added the default value ({why})", null, JsonWriter.Write(value, false)));
        }

        private void Replace(JsonObject owner, string path, string field, JsonNode value, string why)
        {
            if (changes == null)
            {
                owner.Set(field, value);
                return;
            }
            var old = owner[field];
            string? before = old == null ? null : JsonWriter.Write(old, false);
            owner.Set(field, value);
            changes.Add(new TreeChange(JsonPath.Member(path, field), why, before, JsonWriter.Write(value, false)));
        }

        private void ForEachEntry(JsonObject root, string collection, System.Action<string, string, JsonObject> action)
        {
            if (!(root[collection] is JsonObject dict)) return;
            string basePath = describe ? JsonPath.Member(JsonPath.Root, collection) : JsonPath.Root;
            foreach (var entry in dict.Properties)
                if (entry.Value is JsonObject o) action(entry.Name, KeyPath(basePath, entry.Name), o);
        }
    }
}
