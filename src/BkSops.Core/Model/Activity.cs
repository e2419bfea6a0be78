using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Model
{
    /// <summary>A ServiceActivity (plugin node) or SubProcess.</summary>
    public sealed class Activity : PipelineNode
    {
        public Activity(string key, JsonObject data) : base(key, data) { }

        private JsonObject? Component => Data["component"] as JsonObject;

        /// <summary>The plugin code (<c>component.code</c>).</summary>
        public string? Code => Component?["code"] is JsonString s ? s.Value : null;

        /// <summary>The plugin version (<c>component.version</c>), when given.</summary>
        public string? Version => Component?["version"] is JsonString s ? s.Value : null;

        public string? StageName => StringOf("stage_name");
        public bool? ErrorIgnorable => BoolOf("error_ignorable");
        public bool? Retryable => BoolOf("retryable");
        public bool? Skippable => BoolOf("skippable");

        /// <summary>The names of the plugin inputs (<c>component.data</c> keys).</summary>
        public IReadOnlyList<string> InputNames
        {
            get
            {
                var list = new List<string>();
                if (Component?["data"] is JsonObject data) list.AddRange(data.Keys);
                return list;
            }
        }
    }
}
