using System.Linq;
using BkSops.Json;
using BkSops.Validation.Python;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Validation.Names
{
    /// <summary>
    /// Spec 2.2 and 1.4 step 4: <c>standardize_pipeline_node_name</c> on the working copy, then the API's defaults
    /// (<c>gateways</c> {}, <c>constants</c> {}, <c>outputs</c> []). Names the server changes get a Warning; a name
    /// that is not a string stops the server with Python's TypeError text.
    /// </summary>
    public sealed class NameStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            if (context.HasError) return;
            // Most trees need no change: walk the tree as given, and only when a name must change (or a default be
            // added) copy it and walk the copy from the start. Nothing is reported before the first change.
            if (!context.WorkIsCopy && Walk(context, context.Work.ForReading, readOnly: true) != Outcome.NeedsCopy) return;
            Walk(context, context.WritableWork(), readOnly: false);
        }

        private enum Outcome { Done, Stopped, NeedsCopy }

        private static Outcome Walk(ValidationContext context, JsonObject tree, bool readOnly)
        {
            // The server walks a snapshot of the top-level values: dicts (their dict values, then their own name) and lists.
            foreach (var top in tree.Properties.ToList())
            {
                if (top.Value is JsonObject dict)
                {
                    // Only values are replaced below, so the members can be walked in place.
                    for (int i = 0; i < dict.Count; i++)
                    {
                        if (!(dict.PropertyAt(i).Value is JsonObject info)) continue;
                        var outcome = Standardize(context, info, top.Name, dict.PropertyAt(i).Name, readOnly);
                        if (outcome != Outcome.Done) return outcome;
                    }
                    var own = Standardize(context, dict, top.Name, null, readOnly);
                    if (own != Outcome.Done) return own;
                }
                else if (top.Value is JsonArray list)
                {
                    for (int i = 0; i < list.Count; i++)
                    {
                        if (!(list[i] is JsonObject item) || !item.ContainsKey("name")) continue;
                        var outcome = StandardizeListItem(context, item, top.Name, i, readOnly);
                        if (outcome != Outcome.Done) return outcome;
                    }
                }
            }
            if (readOnly) return tree.ContainsKey("gateways") && tree.ContainsKey("constants") && tree.ContainsKey("outputs") ? Outcome.Done : Outcome.NeedsCopy;
            tree.SetDefault("gateways", new JsonObject());
            tree.SetDefault("constants", new JsonObject());
            tree.SetDefault("outputs", new JsonArray());
            return Outcome.Done;
        }

        /// <summary>Standardises the owner's name, if it has one; Stopped when the server stops there.</summary>
        private static Outcome Standardize(ValidationContext context, JsonObject owner, string topKey, string? entryKey, bool readOnly)
        {
            var nameNode = owner["name"];
            if (nameNode == null || (nameNode is JsonString name && IsStandard(name.Value))) return Outcome.Done;
            if (readOnly && nameNode is JsonString) return Outcome.NeedsCopy;
            bool entryKeyedName = entryKey == null && topKey != "start_event" && topKey != "end_event";
            return Apply(context, owner, new Place(context.Work, topKey, entryKey), warn: true, entryKeyedName) ? Outcome.Done : Outcome.Stopped;
        }

        // location/line items are rebuilt by the server's layout step, so a changed name there is not worth a warning.
        private static Outcome StandardizeListItem(ValidationContext context, JsonObject item, string topKey, int index, bool readOnly)
        {
            var name = item["name"] as JsonString;
            if (name != null && IsStandard(name.Value)) return Outcome.Done;
            if (readOnly && name != null) return Outcome.NeedsCopy;
            return Apply(context, item, new Place(topKey, index, item), warn: false) ? Outcome.Done : Outcome.Stopped;
        }

        private static bool IsStandard(string name) =>
            name.Length <= NameStandardizer.NodeNameMaxLength && !NameStandardizer.HasRemovedCharacters(name);

        private static bool Apply(ValidationContext context, JsonObject owner, Place place, bool warn, bool entryKeyedName = false)
        {
            var nameNode = owner["name"];
            if (!(nameNode is JsonString name))
            {
                // both callers checked that owner has a "name" member (JSON null is a JsonNull, not null)
                context.Report(NameRules.NotString(nameNode!, place.Description, place.Path, place.NodeId, entryKeyedName), nameNode);
                return false;
            }
            string stripped = NameStandardizer.Strip(name.Value);
            string result = PythonText.Prefix(stripped, NameStandardizer.NodeNameMaxLength);
            if (result == name.Value) return true;
            var replacement = new JsonString(result) { Line = name.Line, Column = name.Column };
            owner.Set("name", replacement);
            if (!warn) return true;
            if (stripped != name.Value) context.Report(NameRules.WillBeStripped(name.Value, stripped, place.Description, place.Path, place.NodeId), name);
            if (result != stripped) context.Report(NameRules.WillBeTruncated(stripped, result, place.Description, place.Path, place.NodeId), name);
            return true;
        }

        /// <summary>Where a name is, spelled out only for names that need a diagnostic.</summary>
        private struct Place
        {
            public readonly string Description, Path;
            public readonly string? NodeId;

            public Place(ReadOnlyJsonObject tree, string topKey, string? entryKey)
            {
                Path = JsonPath.Member(TreePlaces.PathOf(topKey, entryKey), "name");
                Description = TreePlaces.Describe(topKey, entryKey);
                NodeId = TreePlaces.NodeIdOf(tree.ForReading, topKey, entryKey);
            }

            public Place(string topKey, int index, JsonObject item)
            {
                Path = JsonPath.Member(JsonPath.Index(TreePlaces.PathOf(topKey), index), "name");
                Description = $"item {index} of '{topKey}'";
                NodeId = item["id"] is JsonString id ? id.Value : null;
            }
        }
    }
}
