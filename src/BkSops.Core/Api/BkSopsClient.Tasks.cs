using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Model;
using Newtonsoft.Json.Linq;
using BkSops.Serialization;

namespace BkSops.Api
{
    /// <summary>The typed operations: create, start, operate, status, node detail, plugins, projects.</summary>
    public sealed partial class BkSopsClient
    {
        /// <summary>
        /// fast_create_task. <paramref name="treeJson"/> is the tree as sent (UTF-8 JSON); <paramref name="userTree"/>
        /// the tree as the user gave it (before repair), whose ids key the IdMap.
        /// </summary>
        public async Task<BkSopsTask> CreateTaskAsync(long projectId, string scope, string name, byte[] treeJson,
            PipelineTree? userTree, string? description, string? category, string? flowType, IApiLog log, CancellationToken cancel = default)
        {
            var call = ApiRoutes.CreateTask(projectId, scope, name, treeJson, description, category, flowType);
            ApiAnswer answer;
            try
            {
                answer = await SendAsync(call, log, cancel).ConfigureAwait(false);
            }
            catch (BkSopsApiException e) when (e.Kind == ApiErrorKind.Api && e.Explanation == null)
            {
                e.Explanation = ErrorExplainer.ForCreate(SentTree(treeJson), e.ServerMessage);
                throw;
            }
            var envelope = answer.Envelope;
            if (envelope == null || !(envelope.Data is JObject data)) throw Unexpected(call, "no data object");
            var task = new BkSopsTask
            {
                TaskId = ReadLong(data["task_id"]) ?? throw Unexpected(call, "no task_id"),
                TaskUrl = Text(data["task_url"]),
                ProjectId = projectId,
                Scope = scope,
                Name = name,
            };
            if (envelope.HasTree)
            {
                long id = task.TaskId;
                task.SetReturnedTree(() =>
                {
                    var tree = envelope.TreeText is string treeText ? ReturnedTree(treeText, id) : null;
                    var mapFrom = userTree ?? SentTree(treeJson);
                    return (tree, tree == null || mapFrom == null ? null : IdMapper.Map(mapFrom, tree));
                });
            }
            return task;
        }

        private static PipelineTree? SentTree(byte[] treeJson)
        {
            try { return PipelineReader.Parse(System.Text.Encoding.UTF8.GetString(treeJson), "the tree sent"); }
            catch (PipelineInputException) { return null; }
        }

        public Task<ApiAnswer> StartTaskAsync(BkSopsTask task, IApiLog log, CancellationToken cancel = default) =>
            SendAsync(ApiRoutes.Start(task.ProjectId, task.Scope, task.TaskId), log, cancel);

        public Task<ApiAnswer> OperateTaskAsync(BkSopsTask task, string action, IApiLog log, CancellationToken cancel = default) =>
            SendAsync(ApiRoutes.Operate(task.ProjectId, task.Scope, task.TaskId, action), log, cancel);

        /// <summary>get_task_status: a copy of the task with its state and nodes.</summary>
        public async Task<BkSopsTask> GetTaskStatusAsync(BkSopsTask task, IApiLog log, CancellationToken cancel = default)
        {
            var answer = await SendAsync(ApiRoutes.Status(task.ProjectId, task.Scope, task.TaskId), log, cancel).ConfigureAwait(false);
            var data = answer.Data as JObject ?? throw Unexpected(ApiRoutes.Status(task.ProjectId, task.Scope, task.TaskId), "no data object");
            var updated = task.Copy();
            updated.State = Text(data["state"]);
            updated.StartTime = Text(data["start_time"]);
            updated.FinishTime = Text(data["finish_time"]);
            updated.ElapsedTime = ReadLong(data["elapsed_time"]);
            if (updated.Name == null) updated.Name = Text(data["name"]);
            updated.Nodes = ReadNodes(data, task.IdMap);
            if (updated.PipelineTree != null) AddTypes(updated.Nodes, updated.PipelineTree.Root);
            return updated;
        }

        /// <summary>get_task_node_detail for one node: fills its inputs, outputs and message.</summary>
        public async Task GetNodeDetailAsync(BkSopsTask task, BkSopsTaskNode node, IApiLog log, CancellationToken cancel = default)
        {
            string? code = null;
            if (task.PipelineTree?.Root["activities"] is JsonObject activities && node.NodeId != null && activities[node.NodeId] is JsonObject activity &&
                activity["component"] is JsonObject component && component["code"] is JsonString s)
                code = s.Value;
            var answer = await SendAsync(ApiRoutes.NodeDetail(task.ProjectId, task.Scope, task.TaskId, node.NodeId, code), log, cancel).ConfigureAwait(false);
            if (!(answer.Data is JObject data)) return;
            node.Inputs = ToPlain(data["inputs"]);
            node.Outputs = ToPlain(data["outputs"]);
            string? ex = Text(data["ex_data"]);
            if (!string.IsNullOrEmpty(ex)) node.ErrorMessage = ex;
        }

        public async Task<IReadOnlyList<BkSopsPlugin>> GetPluginsAsync(long projectId, string scope, IApiLog log, CancellationToken cancel = default)
        {
            var answer = await SendAsync(ApiRoutes.Plugins(projectId, scope), log, cancel).ConfigureAwait(false);
            var list = new List<BkSopsPlugin>();
            if (answer.Data is JArray items)
                foreach (var item in items.OfType<JObject>())
                    list.Add(new BkSopsPlugin
                    {
                        Code = Text(item["code"]),
                        Name = Text(item["name"]),
                        GroupName = Text(item["group_name"]),
                        Version = Text(item["version"]),
                        Description = Text(item["desc"]),
                        ProjectId = projectId,
                        Inputs = (item["inputs"] as JArray)?.OfType<JObject>().Select(i => new BkSopsPluginInput
                        {
                            Key = Text(i["key"]),
                            Name = Text(i["name"]),
                            Type = Text(i["type"]),
                            Required = IsTrue(i["required"]),
                        }).ToList() ?? new List<BkSopsPluginInput>(),
                    });
            return list;
        }

        public async Task<IReadOnlyList<BkSopsProject>> GetProjectsAsync(IApiLog log, CancellationToken cancel = default)
        {
            var answer = await SendAsync(ApiRoutes.Projects(), log, cancel).ConfigureAwait(false);
            var list = new List<BkSopsProject>();
            if (answer.Data is JArray items)
                foreach (var item in items.OfType<JObject>())
                {
                    long? id = ReadLong(item["project_id"]) ?? ReadLong(item["id"]);
                    if (!id.HasValue) continue;
                    list.Add(new BkSopsProject
                    {
                        ProjectId = id.Value,
                        BkBizId = ReadLong(item["bk_biz_id"]),
                        Name = Text(item["name"]) ?? Text(item["project_name"]),
                        FromCmdb = item["from_cmdb"] is JValue { Type: JTokenType.Boolean, Value: bool fromCmdb } ? fromCmdb : (bool?)null,
                    });
                }
            return list;
        }

        /// <summary>Each node's type, from the tree the server returned at creation (sub-process children keep none).</summary>
        private static void AddTypes(IReadOnlyList<BkSopsTaskNode> nodes, JsonObject root)
        {
            var types = new Dictionary<string, string>();
            foreach (var section in new[] { "activities", "gateways" })
                if (root[section] is JsonObject entries)
                    foreach (var p in entries.Properties)
                        if (p.Value is JsonObject o && o["type"] is JsonString t) types[p.Name] = t.Value;
            foreach (var section in new[] { "start_event", "end_event" })
                if (root[section] is JsonObject e && e["id"] is JsonString id && e["type"] is JsonString t) types[id.Value] = t.Value;
            foreach (var node in nodes)
                if (node.NodeId != null && types.TryGetValue(node.NodeId, out var type)) node.Type = type;
        }

        /// <summary>The answer's data.pipeline_tree, read with our lossless reader; null when it is no JSON object.</summary>
        private static PipelineTree? ReturnedTree(string text, long taskId)
        {
            try
            {
                return JsonReader.Parse(text) is JsonObject tree ? PipelineReader.FromNode(tree, $"task {taskId}") : null;
            }
            catch (PipelineInputException)
            {
                return null;
            }
        }

        private static IReadOnlyList<BkSopsTaskNode> ReadNodes(JObject root, IReadOnlyDictionary<string, string>? idMap)
        {
            Dictionary<string, string>? serverToSent = null;
            if (idMap != null)
            {
                serverToSent = new Dictionary<string, string>();
                foreach (var pair in idMap) serverToSent[pair.Value] = pair.Key;
            }
            var exData = root["ex_data"] as JObject;
            var nodes = new List<BkSopsTaskNode>();
            // Depth-first, iteratively: children follow their parent in the list.
            var order = new Stack<(JProperty Property, string? Parent, int Depth)>();
            if (root["children"] is JObject top)
                foreach (var p in top.Properties().Reverse()) order.Push((p, null, 0));
            while (order.Count > 0)
            {
                var (property, parentId, level) = order.Pop();
                if (!(property.Value is JObject entry)) continue;
                var sub = entry["children"] as JObject;
                string id = Text(entry["id"]) ?? property.Name;
                var node = new BkSopsTaskNode
                {
                    NodeId = id,
                    ParentId = parentId,
                    Depth = level,
                    Name = Text(entry["name"]),
                    State = Text(entry["state"]),
                    Loop = ReadLong(entry["loop"]) ?? 1,
                    Retry = ReadLong(entry["retry"]) ?? 0,
                    Skip = IsTrue(entry["skip"]),
                    ErrorIgnored = IsTrue(entry["error_ignored"]),
                    StartTime = Text(entry["start_time"]),
                    FinishTime = Text(entry["finish_time"]),
                    ElapsedTime = ReadLong(entry["elapsed_time"]),
                    HasChildren = sub != null && sub.Count > 0,
                };
                if (serverToSent != null && serverToSent.TryGetValue(id, out var sent)) node.SentId = sent;
                if (exData?[id] is JToken ex && ex.Type != JTokenType.Null) node.ErrorMessage = Text(ex);
                nodes.Add(node);
                if (sub != null && node.HasChildren)
                    foreach (var p in sub.Properties().Reverse()) order.Push((p, id, level + 1));
            }
            return nodes;
        }

        private static BkSopsApiException Unexpected(ApiCall call, string what) =>
            new BkSopsApiException(ApiErrorKind.Http, "200", $"{call.Route}: the answer has {what}, unlike bk-sops' answers.", call.Route, 200);

        internal static long? ReadLong(JToken? token)
        {
            switch (token?.Type)
            {
                case JTokenType.Integer:
                    return ((JValue)token).Value is long whole ? whole : (long?)null;
                case JTokenType.Float:
                    double d = Convert.ToDouble(((JValue)token).Value, System.Globalization.CultureInfo.InvariantCulture);
                    return double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > long.MaxValue ? (long?)null : (long)Math.Round(d);
                case JTokenType.String:
                    return long.TryParse((string?)((JValue)token).Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long parsed) ? parsed : (long?)null;
                default:
                    return null;
            }
        }

        /// <summary>A string member's value; null when absent or of another kind.</summary>
        internal static string? StringValue(JToken? token) => token is JValue { Type: JTokenType.String, Value: string s } ? s : null;

        internal static bool IsTrue(JToken? token) => token is JValue { Type: JTokenType.Boolean, Value: true };

        internal static string? Text(JToken? token) =>
            token == null || token.Type == JTokenType.Null ? null
            : StringValue(token) ?? token.ToString(Newtonsoft.Json.Formatting.None);

        /// <summary>A JSON value as plain .NET objects PowerShell shows well: ordered dictionaries, arrays, scalars.</summary>
        internal static object? ToPlain(JToken? token)
        {
            if (token == null || token.Type == JTokenType.Null) return null;
            var root = new object?[1];
            var pending = new Stack<(JToken Source, Action<object?> Store)>();
            pending.Push((token, v => root[0] = v));
            while (pending.Count > 0)
            {
                var (source, store) = pending.Pop();
                switch (source)
                {
                    case JObject o:
                        var dict = new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal);
                        store(dict);
                        foreach (var p in o.Properties()) { dict[p.Name] = null; string key = p.Name; pending.Push((p.Value, v => dict[key] = v)); }
                        break;
                    case JArray a:
                        var items = new object?[a.Count];
                        store(items);
                        for (int i = 0; i < a.Count; i++) { int at = i; pending.Push((a[i], v => items[at] = v)); }
                        break;
                    case JValue v when v.Type == JTokenType.String || v.Type == JTokenType.Boolean:
                        store(v.Value);
                        break;
                    case JValue v when v.Type == JTokenType.Integer:
                        store(v.Value is long whole ? whole : v.Value is System.Numerics.BigInteger big ? (double)big : (object?)null);
                        break;
                    case JValue v when v.Type == JTokenType.Float:
                        store(Convert.ToDouble(v.Value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        store(null);
                        break;
                }
            }
            return root[0];
        }
    }
}
