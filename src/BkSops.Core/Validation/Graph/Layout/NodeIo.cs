using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    /// <summary>
    /// bk-sops' <c>delete_flow_id_from_node_io</c> and <c>add_flow_id_to_node_io</c> (pipeline_web/drawing_new/utils.py)
    /// on a node of the tree: they keep a single id as a string where the node type wants one, which is why a
    /// one-element list can come back from the layout as a string and vice versa.
    /// </summary>
    internal static class NodeIo
    {
        public static void Delete(JsonNode node, string flowId, string io, ChangeJournal? journal)
        {
            if (Py.EqualsString(Py.Subscript(node, io), flowId))
            {
                Set(node, io, new JsonString(""), journal);
                return;
            }
            if (!(Py.Subscript(node, io) is JsonArray list)) return;
            if (list.Count == 1 && Py.EqualsString(list[0], flowId))
            {
                bool branch = Py.IsBranchGatewayType(Py.Subscript(node, "type"));
                Set(node, io, branch ? (JsonNode)new JsonArray() : new JsonString(""), journal);
                return;
            }
            int at = Py.IndexOfString(list, flowId);
            journal?.TouchNode((JsonObject)node);
            list.RemoveAt(at);
            if (list.Count == 1 && io == "outgoing" && Py.InStrings(Py.Subscript(node, "type"), Py.StartEvent, Py.ServiceActivity, Py.ConvergeGateway))
                Set(node, io, list[0], journal);
        }

        public static void Add(JsonNode node, string flowId, string io, ChangeJournal? journal)
        {
            var current = Py.Subscript(node, io);
            if (current is JsonArray list)
            {
                journal?.TouchNode((JsonObject)node);
                list.Add(new JsonString(flowId));
            }
            else if (Py.Truthy(current))
            {
                Set(node, io, new JsonArray(new[] { current, new JsonString(flowId) }), journal);
            }
            else
            {
                Set(node, io, new JsonString(flowId), journal);
            }
        }

        /// <summary>Replaces a list in <paramref name="io"/> by a copy (same items and position), so that editing it changes no other tree.</summary>
        public static void OwnList(JsonObject node, string io)
        {
            if (!(node[io] is JsonArray list)) return;
            var copy = (JsonArray)list.ShallowCopy();
            foreach (var item in list.Items) copy.Add(item);
            node.Set(io, copy);
        }

        private static void Set(JsonNode node, string io, JsonNode value, ChangeJournal? journal)
        {
            var obj = (JsonObject)node; // reading node[io] succeeded, so it is a dict
            journal?.TouchNode(obj);
            obj.Set(io, value);
        }
    }
}
