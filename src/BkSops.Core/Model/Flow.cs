using BkSops.Json;

namespace BkSops.Model
{
    /// <summary>A flow (edge) between two nodes.</summary>
    public sealed class Flow : PipelineElement
    {
        public Flow(string key, JsonObject data) : base(key, data) { }

        public string? Source => StringOf("source");
        public string? Target => StringOf("target");
        public bool IsDefault => BoolOf("is_default") ?? false;

        public override string ToString() => $"{Key}: {Source} -> {Target}";
    }
}
