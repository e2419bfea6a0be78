using BkSops.Json;

namespace BkSops.Model
{
    /// <summary>A constant (task parameter) keyed <c>${name}</c>.</summary>
    public sealed class Constant : PipelineElement
    {
        public Constant(string key, JsonObject data) : base(key, data) { }

        public string? SourceType => StringOf("source_type");
        public string? CustomType => StringOf("custom_type");
        public string? ShowType => StringOf("show_type");

        /// <summary>The value as JSON text when it is not a string; the string itself otherwise.</summary>
        public string? Value => Data["value"] is JsonString s ? s.Value : Data["value"] is JsonNode n ? JsonWriter.Write(n, false) : null;

        public override string ToString() => $"{Key} = {Value}";
    }
}
