using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>Plain-English names and JSONPaths of nodes and flows for the graph stages' messages.</summary>
    internal static class GraphText
    {
        public static string Describe(GraphIndex index, string? nodeId)
        {
            var node = index.Node(nodeId);
            if (node == null) return $"node '{nodeId}'";
            switch (node.Kind)
            {
                case GraphNodeKind.StartEvent: return $"the start event '{nodeId}'";
                case GraphNodeKind.EndEvent: return $"the end event '{nodeId}'";
                case GraphNodeKind.Activity: return $"activity '{nodeId}'";
                default: return $"{GatewayWord(node.Type)} '{nodeId}'";
            }
        }

        public static string GatewayWord(string? type)
        {
            switch (type)
            {
                case "ExclusiveGateway": return "exclusive gateway";
                case "ParallelGateway": return "parallel gateway";
                case "ConditionalParallelGateway": return "conditional parallel gateway";
                case "ConvergeGateway": return "converge gateway";
                default: return "gateway";
            }
        }

        public static string NodePath(GraphIndex index, string? nodeId, string? field = null)
        {
            var node = index.Node(nodeId);
            string path = node != null ? node.Path : "$";
            return field == null ? path : JsonPath.Member(path, field);
        }

        public static string FlowPath(string flowId, string? field = null)
        {
            string path = JsonPath.Key("$.flows", flowId);
            return field == null ? path : JsonPath.Member(path, field);
        }

        /// <summary>Finds a node object in the tree (for Line/Column) by id.</summary>
        public static JsonNode? NodeJson(GraphIndex index, string? nodeId) => index.Node(nodeId)?.Data;

        public static JsonNode? FlowJson(GraphIndex index, string? flowId) => index.Flow(flowId)?.Data;
    }
}
