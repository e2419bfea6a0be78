using System;
using BkSops.Json;

namespace BkSops.Sandbox.Store
{
    /// <summary>A task as the sandbox keeps it: what fast_create_task stored, plus its execution state.</summary>
    public sealed class SandboxTask
    {
        private static readonly System.Text.UTF8Encoding Utf8Strict = new System.Text.UTF8Encoding(false, true);

        public long Id { get; internal set; }
        public long ProjectId { get; set; }
        public string Name { get; set; } = "";
        public string Creator { get; set; } = "";
        public DateTimeOffset CreateTime { get; set; }
        public string Description { get; set; } = "";
        public string Category { get; set; } = "Default";
        public string FlowType { get; set; } = "common";
        public string CurrentFlow { get; set; } = "execute_task";
        public string CreateMethod { get; set; } = "api";

        /// <summary>
        /// The tree as the task stores it (ids replaced): each read gives a fresh copy, which the caller may change.
        /// The task keeps it as its JSON text only: thousands of stored trees as object graphs made every garbage
        /// collection trace and copy them (most of a create's CPU under load).
        /// </summary>
        public JsonObject PipelineTree
        {
            get => JsonReader.Parse(Utf8Strict.GetString(TreeJson)) as JsonObject ?? throw new InvalidOperationException("The task has no pipeline tree.");
            set => TreeJson = TreeText.Bytes(value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>The stored tree as compact UTF-8 JSON.</summary>
        internal byte[] TreeJson { get; set; } = Array.Empty<byte>();

        /// <summary>The execution's saved state (null before the first start); restored after a restart.</summary>
        public JsonNode? ExecutionSnapshot { get; set; }

        /// <summary>Who started the task (bk-sops' <c>executor</c>); empty before the start.</summary>
        public string Executor { get; set; } = "";

        /// <summary>The live execution, when one exists in this process.</summary>
        internal Execution.TaskRun? Run { get; set; }

        /// <summary>1 while a write of this task's file is queued.</summary>
        internal int SaveQueued;

        /// <summary>Serialises writes of this task's file.</summary>
        internal object FileLock { get; } = new object();

        /// <summary>The task's fields except <c>pipeline_tree</c> and <c>execution</c>, which <see cref="TaskStore"/> appends.</summary>
        internal JsonObject HeaderJson()
        {
            var o = new JsonObject();
            o.Set("id", JsonNode.From(Id));
            o.Set("project_id", JsonNode.From(ProjectId));
            o.Set("name", new JsonString(Name ?? ""));
            o.Set("creator", new JsonString(Creator ?? ""));
            o.Set("create_time", new JsonString(CreateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture)));
            o.Set("description", new JsonString(Description ?? ""));
            o.Set("category", new JsonString(Category ?? ""));
            o.Set("flow_type", new JsonString(FlowType ?? ""));
            o.Set("current_flow", new JsonString(CurrentFlow ?? ""));
            o.Set("create_method", new JsonString(CreateMethod ?? ""));
            o.Set("executor", new JsonString(Executor ?? ""));
            return o;
        }

        internal static SandboxTask FromJson(JsonObject o)
        {
            string Text(string key) => (o[key] as JsonString)?.Value ?? throw new FormatException($"the task file has no string '{key}'");
            long Number(string key) => o[key] is JsonNumber n && n.TryGetInt64(out long v) ? v : throw new FormatException($"the task file has no integer '{key}'");
            return new SandboxTask
            {
                Id = Number("id"),
                ProjectId = Number("project_id"),
                Name = Text("name"),
                Creator = Text("creator"),
                CreateTime = DateTimeOffset.Parse(Text("create_time"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind),
                Description = Text("description"),
                Category = Text("category"),
                FlowType = Text("flow_type"),
                CurrentFlow = Text("current_flow"),
                CreateMethod = Text("create_method"),
                Executor = (o["executor"] as JsonString)?.Value ?? "",
                PipelineTree = o["pipeline_tree"] as JsonObject ?? throw new FormatException("the task file has no object 'pipeline_tree'"),
                ExecutionSnapshot = o["execution"] is JsonNull ? null : o["execution"] ?? throw new FormatException("the task file has no 'execution'"),
            };
        }
    }
}
