using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Model
{
    /// <summary>A ParallelGateway, ExclusiveGateway, ConditionalParallelGateway or ConvergeGateway.</summary>
    public sealed class Gateway : PipelineNode
    {
        public Gateway(string key, JsonObject data) : base(key, data) { }

        /// <summary>Outgoing flow id to its <c>evaluate</c> expression.</summary>
        public IReadOnlyDictionary<string, string> Conditions
        {
            get
            {
                var map = new Dictionary<string, string>();
                if (Data["conditions"] is JsonObject c)
                    foreach (var p in c.Properties)
                        if (p.Value is JsonObject o && o["evaluate"] is JsonString e) map[p.Name] = e.Value;
                return map;
            }
        }

        /// <summary>The flow taken when no condition holds (<c>default_condition.flow_id</c>).</summary>
        public string? DefaultFlowId => Data["default_condition"] is JsonObject d && d["flow_id"] is JsonString s ? s.Value : null;

        public string? ConvergeGatewayId => StringOf("converge_gateway_id");
    }
}
