using System;
using System.Collections.Generic;
using System.Globalization;
using BkSops.Json;

namespace BkSops.Sandbox.Creation
{
    /// <summary>Why a tree's sub-processes cannot be unfolded: the answer bk-sops gives.</summary>
    public sealed class UnfoldFailure
    {
        internal UnfoldFailure(int status, string? message, string reason)
        {
            Status = status;
            Message = message;
            Reason = reason;
        }

        /// <summary>200 with <see cref="Message"/> (code 3599999), 500 (an uncaught exception) or 504 (the gateway gives up).</summary>
        public int Status { get; }

        /// <summary>The whole <c>message</c> of a 200 answer.</summary>
        public string? Message { get; }

        /// <summary>What happened, in plain English (for diagnosis; bk-sops only logs it).</summary>
        public string Reason { get; }
    }

    /// <summary>What <see cref="SubProcessUnfolder.Unfold"/> did: each SubProcess activity and the template it runs.</summary>
    public sealed class SubProcessUnfolding
    {
        internal readonly List<KeyValuePair<JsonObject, ProjectTemplate>> Activities = new List<KeyValuePair<JsonObject, ProjectTemplate>>();
        internal readonly List<JsonObject> Pipelines = new List<JsonObject>();
    }

    /// <summary>
    /// fast_create_task's sub-process work (spec 1.4 step 8; bk-sops <c>create_pipeline_instance</c>): each SubProcess
    /// activity's <c>template_id</c> becomes its pipeline template's id, the template's tree is copied into the activity
    /// as <c>pipeline</c> with the activity's <c>constants</c> merged into the template's (<c>unfold_subprocess</c>),
    /// nested activities get <c>template_node_id</c>, each SubProcess gets <c>template_source</c>,
    /// <c>original_template_id</c> and <c>original_template_version</c>, and every unfolded tree gets fresh ids with its
    /// <c>id</c> set to the SubProcess activity's. Iterative (explicit stack) in bk-sops' depth-first order, so the first
    /// failure is the server's. The sandbox has no common templates: <c>has_common_subprocess</c> or
    /// <c>template_source: common</c> on a SubProcess fails as bk-sops does for a template that does not exist (HTTP 500).
    /// </summary>
    public static class SubProcessUnfolder
    {
        /// <summary>bk-sops' <c>TEMPLATE_MAX_RECURSIVE_NUMBER</c> (default 200).</summary>
        public const int RecursiveLimit = 200;

        /// <summary>Past this many unfolded nodes the sandbox answers as the gateway does for a server that never answers.</summary>
        public const int MaxUnfoldedNodes = 200000;

        private sealed class Frame
        {
            public Frame(JsonObject pipeline, int level, bool commonModel)
            {
                Pipeline = pipeline;
                Level = level;
                CommonModel = commonModel;
                Keys = new List<string>();
                if (pipeline["activities"] is JsonObject activities)
                    foreach (var p in activities.Properties) Keys.Add(p.Name);
            }

            public readonly JsonObject Pipeline;
            public readonly int Level;
            public readonly bool CommonModel;
            public readonly List<string> Keys;
            public int Next;
        }

        /// <summary>Unfolds in place; null when the tree has nothing to unfold or it worked (then see <paramref name="unfolding"/>).</summary>
        public static UnfoldFailure? Unfold(JsonObject tree, ProjectTemplates templates, bool hasCommonSubprocess, out SubProcessUnfolding unfolding)
        {
            unfolding = new SubProcessUnfolding();
            if (!HasSubProcess(tree)) return null; // the usual tree: nothing to do, nothing allocated
            // replace_template_id on the task's tree: primary key → pipeline template id.
            var failure = ReplaceTemplateIds(tree, templates, hasCommonSubprocess);
            if (failure != null) return failure;
            long nodes = 0;
            var stack = new Stack<Frame>();
            stack.Push(new Frame(tree, 0, hasCommonSubprocess));
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                if (frame.Next >= frame.Keys.Count)
                {
                    stack.Pop();
                    continue;
                }
                var act = ((JsonObject)frame.Pipeline["activities"]!)[frame.Keys[frame.Next++]] as JsonObject;
                if (act == null || !IsSubProcess(act)) continue;
                if (frame.CommonModel || IsCommon(act)) return NoCommonTemplate(act);
                var template = act["template_id"] is JsonString pid ? templates.FindByPipelineId(pid.Value) : null;
                if (template == null) return ServerError("TaskTemplate matching query does not exist (template_id " + Show(act["template_id"]) + ")");
                bool latest = act["always_use_latest"]?.IsTruthyInPython == true;
                var version = latest ? null : act["version"];
                if (version?.IsTruthyInPython == true && !(version is JsonString v && v.Value == template.Version))
                    return ServerError("AttributeError: 'NoneType' object has no attribute 'data' (no snapshot has version " + Show(version) + ")");

                var data = (JsonObject)template.Tree.Clone();
                failure = MergeConstants(act, data, latest);
                if (failure != null) return failure;
                failure = ReplaceTemplateIds(data, templates, commonModel: false);
                if (failure != null) return failure;
                // The preview step (no excluded nodes) leaves the web lists in place, as lists.
                if (!(data["line"] is JsonArray)) data.Set("line", new JsonArray());
                if (!(data["location"] is JsonArray)) data.Set("location", new JsonArray());

                if (frame.Level + 1 >= RecursiveLimit)
                    return new UnfoldFailure(200, "[API] fast_create_task create pipeline error: Template recursive number exceeds limit.",
                        "SubProcess templates nest " + RecursiveLimit + " levels deep (does a template contain itself?)");
                nodes += CountNodes(data);
                if (nodes > MaxUnfoldedNodes)
                    return new UnfoldFailure(504, null, "unfolding the SubProcess templates gives more than " + MaxUnfoldedNodes + " nodes");
                data.Set("id", new JsonString(frame.Keys[frame.Next - 1]));
                act.Set("pipeline", data);
                unfolding.Activities.Add(new KeyValuePair<JsonObject, ProjectTemplate>(act, template));
                unfolding.Pipelines.Add(data);
                stack.Push(new Frame(data, frame.Level + 1, commonModel: false));
            }
            return null;
        }

        /// <summary>
        /// After the task tree's own <c>template_node_id</c>s: those of the unfolded trees (<c>inject_template_node_id</c>),
        /// then each SubProcess's template information (<c>inject_original_template_info</c>).
        /// </summary>
        public static void InjectTemplateInfo(SubProcessUnfolding unfolding)
        {
            foreach (var pipeline in unfolding.Pipelines)
                if (pipeline["activities"] is JsonObject activities)
                    foreach (var p in activities.Properties)
                        if (p.Value is JsonObject activity && !(activity["template_node_id"]?.IsTruthyInPython == true))
                            activity.Set("template_node_id", new JsonString(p.Name));
            foreach (var pair in unfolding.Activities)
            {
                pair.Key.Set("template_source", new JsonString("project"));
                pair.Key.Set("original_template_id", new JsonString(pair.Value.Id.ToString(CultureInfo.InvariantCulture)));
                pair.Key.Set("original_template_version", new JsonString(pair.Value.Version));
            }
        }

        /// <summary>
        /// After the task tree's ids were replaced: every unfolded tree gets fresh ids too (bamboo's
        /// <c>recursive_replace_id</c>), its <c>location</c>/<c>line</c> follow, and its <c>id</c> is its SubProcess's id.
        /// </summary>
        public static void ReplaceNestedIds(JsonObject tree)
        {
            var pending = new Stack<JsonObject>();
            pending.Push(tree);
            while (pending.Count > 0)
            {
                var pipeline = pending.Pop();
                if (!(pipeline["activities"] is JsonObject activities)) continue;
                foreach (var p in activities.Properties)
                {
                    if (!(p.Value is JsonObject act) || !(act["pipeline"] is JsonObject child) || !IsSubProcess(act)) continue;
                    var replacer = new IdReplacer();
                    replacer.Replace(child);
                    ReplaceFrontEndIds(child, replacer);
                    child.Set("id", new JsonString(p.Name));
                    pending.Push(child);
                }
            }
        }

        private static void ReplaceFrontEndIds(JsonObject pipeline, IdReplacer replacer)
        {
            if (pipeline["location"] is JsonArray locations)
                foreach (var item in locations.Items)
                    if (item is JsonObject location) Remap(location, "id", replacer.NodeMap);
            if (pipeline["line"] is JsonArray lines)
                foreach (var item in lines.Items)
                {
                    if (!(item is JsonObject line)) continue;
                    Remap(line, "id", replacer.FlowMap);
                    if (line["source"] is JsonObject source) Remap(source, "id", replacer.NodeMap);
                    if (line["target"] is JsonObject target) Remap(target, "id", replacer.NodeMap);
                }
        }

        private static void Remap(JsonObject o, string field, IReadOnlyDictionary<string, string> map)
        {
            if (o[field] is JsonString s && map.TryGetValue(s.Value, out var renamed)) o.Set(field, new JsonString(renamed));
        }

        /// <summary><c>replace_template_id</c>: a SubProcess's primary key becomes its pipeline template's id.</summary>
        private static UnfoldFailure? ReplaceTemplateIds(JsonObject pipeline, ProjectTemplates templates, bool commonModel)
        {
            if (!(pipeline["activities"] is JsonObject activities)) return ServerError("KeyError: 'activities'");
            foreach (var p in activities.Properties)
            {
                if (!(p.Value is JsonObject act) || !IsSubProcess(act)) continue;
                if (commonModel || IsCommon(act)) return NoCommonTemplate(act);
                if (!act.TryGetValue("template_id", out var id)) return ServerError("KeyError: 'template_id' (SubProcess " + p.Name + ")");
                var template = PrimaryKey(id) is long pk ? templates.Find(pk) : null;
                if (template == null) return ServerError("TaskTemplate matching query does not exist (template_id " + Show(id) + " of SubProcess " + p.Name + ")");
                act.Set("template_id", new JsonString(template.PipelineTemplateId));
            }
            return null;
        }

        /// <summary>The template's constants, with hidden meta values at their default, updated with the SubProcess's own <c>constants</c>.</summary>
        private static UnfoldFailure? MergeConstants(JsonObject act, JsonObject data, bool latest)
        {
            if (!(data["constants"] is JsonObject constants)) return null;
            foreach (var c in constants.Properties)
            {
                if (!(c.Value is JsonObject constant) || !(constant["is_meta"]?.IsTruthyInPython == true) || !(constant["show_type"] is JsonString st) || st.Value != "hide") continue;
                if (!(constant["value"] is JsonObject meta)) return ServerError("AttributeError: meta constant " + c.Name + " has no value object");
                constant.Set("value", meta["default"] ?? new JsonNull());
            }
            if (!act.TryGetValue("constants", out var given)) return ServerError("KeyError: 'constants' (a SubProcess needs its constants)");
            act.Remove("constants");
            if (!(given is JsonObject inputs)) return ServerError("AttributeError: the SubProcess's constants are not an object");
            foreach (var p in inputs.Properties)
            {
                if (latest && !constants.ContainsKey(p.Name)) continue;
                var info = p.Value;
                switch (info)
                {
                    case JsonObject o:
                        if (o.ContainsKey("form")) o.Remove("form");
                        if (latest)
                        {
                            if (!(constants[p.Name] is JsonObject current) || !current.TryGetValue("source_info", out var sourceInfo))
                                return ServerError("KeyError: 'source_info' (constant " + p.Name + " of the template)");
                            o.Set("source_info", sourceInfo);
                        }
                        break;
                    case JsonString s when s.Value.Contains("form"):
                    case JsonArray a when System.Linq.Enumerable.Any(a.Items, i => i is JsonString f && f.Value == "form"):
                        return ServerError("AttributeError: constant " + p.Name + " of the SubProcess is not an object");
                    case JsonString _:
                    case JsonArray _:
                        if (latest) return ServerError("TypeError: constant " + p.Name + " of the SubProcess is not an object");
                        break;
                    default:
                        return ServerError("TypeError: constant " + p.Name + " of the SubProcess is not an object");
                }
                constants.Set(p.Name, info);
            }
            return null;
        }

        private static bool HasSubProcess(JsonObject tree)
        {
            if (!(tree["activities"] is JsonObject activities)) return false;
            foreach (var p in activities.Properties)
                if (p.Value is JsonObject act && IsSubProcess(act)) return true;
            return false;
        }

        private static bool IsSubProcess(JsonObject act) => act["type"] is JsonString t && t.Value == "SubProcess";

        private static bool IsCommon(JsonObject act) => act["template_source"] is JsonString s && s.Value == "common";

        private static UnfoldFailure NoCommonTemplate(JsonObject act) =>
            ServerError("CommonTemplate matching query does not exist (the sandbox has no common templates; template_id " + Show(act["template_id"]) + ")");

        private static UnfoldFailure ServerError(string reason) => new UnfoldFailure(500, null, reason);

        /// <summary>A Django primary key lookup: whole numbers, and strings of digits.</summary>
        private static long? PrimaryKey(JsonNode id)
        {
            switch (id)
            {
                case JsonNumber n when n.TryGetInt64(out long v): return v;
                case JsonString s when long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v): return v;
                default: return null;
            }
        }

        private static long CountNodes(JsonObject tree)
        {
            long n = 2;
            foreach (var section in new[] { "activities", "gateways", "flows" })
                if (tree[section] is JsonObject o) n += o.Count;
            return n;
        }


        private static string Show(JsonNode? value) => value == null ? "(none)" : JsonWriter.Write(value, indented: false);
    }
}
