using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Creation;

namespace BkSops.Building
{
    /// <summary>
    /// Puts node <c>labels</c> into the one form task creation takes everywhere (see <see cref="NodeLabelsReplay"/>):
    /// on activities, absent or a list of objects with <c>label</c> and <c>group</c>; on gateways, events and the node
    /// whose id is <c>subprocess_detail</c>, absent (or an empty list). Labels are canvas tags: no change here alters
    /// what the task does.
    /// </summary>
    internal sealed class LabelsNormalizer
    {
        private readonly List<TreeChange>? changes;

        /// <param name="changes">Where each change is described; null to make the changes without describing them.</param>
        public LabelsNormalizer(List<TreeChange>? changes) { this.changes = changes; }

        public void Normalize(JsonObject root)
        {
            if (root["activities"] is JsonObject activities)
                foreach (var p in activities.Properties)
                    if (p.Value is JsonObject activity)
                    {
                        string path = changes == null ? "" : JsonPath.Key("$.activities", p.Name);
                        if (p.Name == NodeLabelsReplay.SubprocessDetailKey) RemoveFromOtherNode(activity, path, ReservedIdReason);
                        else NormalizeActivity(activity, path);
                    }
            if (root["gateways"] is JsonObject gateways)
                foreach (var p in gateways.Properties)
                    if (p.Value is JsonObject gateway) RemoveFromOtherNode(gateway, changes == null ? "" : JsonPath.Key("$.gateways", p.Name), NotOnActivityReason);
            foreach (var ev in new[] { "start_event", "end_event" })
                if (root[ev] is JsonObject node) RemoveFromOtherNode(node, "$." + ev, NotOnActivityReason);
        }

        private const string NotOnActivityReason =
            "bk-sops keeps labels on activities only: creating the task fails (HTTP 500) on labels of a gateway or event";

        private const string ReservedIdReason =
            "bk-sops files SubProcess details under the id 'subprocess_detail': creating the task fails (HTTP 500) on labels of a node with that id";

        private void RemoveFromOtherNode(JsonObject node, string path, string why)
        {
            if (!node.TryGetValue("labels", out var labels) || (labels is JsonArray a && a.Count == 0)) return;
            Remove(node, path, why);
        }

        private void NormalizeActivity(JsonObject activity, string path)
        {
            if (!activity.TryGetValue("labels", out var labels) || IsWellFormed(labels)) return;
            if (labels is JsonObject single && IsLabel(single))
            {
                Replace(activity, path, new JsonArray(new JsonNode[] { single.Clone() }), "labels must be a list of {label, group} objects (creating the task fails with HTTP 500 otherwise)");
                return;
            }
            var kept = new JsonArray();
            if (labels is JsonArray list)
                foreach (var item in list.Items)
                    if (item is JsonObject entry && IsLabel(entry)) kept.Add(entry.Clone());
            if (kept.Count > 0)
                Replace(activity, path, kept, "dropped the entries that are not {label, group} objects (creating the task fails with HTTP 500 on them)");
            else
                Remove(activity, path, "labels names no {label, group} object (creating the task fails with HTTP 500 on it)");
        }

        private static bool IsWellFormed(JsonNode labels)
        {
            if (!(labels is JsonArray list)) return false;
            foreach (var item in list.Items)
                if (!(item is JsonObject entry) || !IsLabel(entry)) return false;
            return true;
        }

        private static bool IsLabel(JsonObject entry) => entry.ContainsKey("label") && entry.ContainsKey("group");

        private void Replace(JsonObject node, string path, JsonNode value, string why)
        {
            string? before = changes == null ? null : Written(node["labels"]);
            node.Set("labels", value);
            changes?.Add(new TreeChange(JsonPath.Member(path, "labels"), why, before, JsonWriter.Write(value, false)));
        }

        private void Remove(JsonObject node, string path, string why)
        {
            string? before = changes == null ? null : Written(node["labels"]);
            node.Remove("labels");
            changes?.Add(new TreeChange(JsonPath.Member(path, "labels"), "removed: " + why, before, null));
        }

        private static string? Written(JsonNode? value) => value == null ? null : JsonWriter.Write(value, false);
    }
}
