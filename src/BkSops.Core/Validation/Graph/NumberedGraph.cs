using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// The graph of a well-formed tree (one that passed <see cref="Layout.DrawFastPath"/>'s checks), numbered once:
    /// nodes 0..NodeCount-1 in the tree's order (start, end, activities, gateways), flows 0..FlowCount-1 in the order
    /// of <c>flows</c> as given, and each node's incoming/outgoing as flow numbers in list order (as the layout leaves
    /// them, see <see cref="MoveToEnd(bool[])"/>). In such a tree node ids are unique, every flow is listed exactly once in its source's outgoing and once in its target's incoming
    /// (and nowhere else), there is no cycle, and every node is reached from the start event.
    /// </summary>
    internal sealed class NumberedGraph
    {
        public NumberedGraph(JsonObject root, int nodeCount, int flowCount)
        {
            Root = root;
            NodeIds = new string[nodeCount];
            NodeData = new JsonObject[nodeCount];
            NodeKinds = new GraphNodeKind[nodeCount];
            NodeTypes = new string[nodeCount];
            NodeNumbers = new Dictionary<string, int>(nodeCount);
            IncomingIsString = new bool[nodeCount];
            OutgoingIsString = new bool[nodeCount];
            ConvergeIds = new string?[nodeCount];
            HasTemplateId = new bool[nodeCount];
            OutStart = new int[nodeCount + 1];
            InStart = new int[nodeCount + 1];
            OutFlows = new int[flowCount];
            InFlows = new int[flowCount];
            FlowIds = new string[flowCount];
            FlowData = new JsonObject[flowCount];
            FlowSource = new int[flowCount];
            FlowTarget = new int[flowCount];
            FlowNumbers = new Dictionary<string, int>(flowCount);
        }

        /// <summary>The tree the node and flow objects belong to.</summary>
        public JsonObject Root { get; private set; }

        public int NodeCount => NodeIds.Length;
        public int FlowCount => FlowIds.Length;

        public readonly string[] NodeIds;
        public readonly JsonObject[] NodeData;
        public readonly GraphNodeKind[] NodeKinds;
        public readonly string[] NodeTypes;
        public readonly Dictionary<string, int> NodeNumbers;

        /// <summary>The node's incoming (outgoing) was one flow id as a string, not a list (as given, before the layout).</summary>
        public readonly bool[] IncomingIsString, OutgoingIsString;

        /// <summary>The node's <c>converge_gateway_id</c> when it is a string (any node may carry one); else null.</summary>
        public readonly string?[] ConvergeIds;

        /// <summary>The node has a <c>template_id</c> (read by the SubProcess checks of every activity).</summary>
        public readonly bool[] HasTemplateId;

        /// <summary>Node i's outgoing flows are <c>OutFlows[OutStart[i] .. OutStart[i + 1] - 1]</c>; likewise incoming.</summary>
        public readonly int[] OutStart, OutFlows, InStart, InFlows;

        public readonly string[] FlowIds;
        public readonly JsonObject[] FlowData;
        public readonly int[] FlowSource, FlowTarget;
        public readonly Dictionary<string, int> FlowNumbers;

        /// <summary>The flow numbers in the order of <c>flows</c> after the layout; null while it is the numbering order.</summary>
        public int[]? FlowOrder { get; private set; }

        public int StartNode => 0;
        public int EndNode => 1;

        /// <summary>
        /// Points the node and flow objects at <paramref name="copy"/>, a copy of <see cref="Root"/> (whole, or of some
        /// sections only): the same sections, nodes and flows in the same order.
        /// </summary>
        /// <summary>A section of the copy; a copy of a numbered tree has them all as dicts.</summary>
        private static JsonObject Section(JsonObject copy, string name) =>
            copy[name] as JsonObject ?? throw new System.InvalidOperationException($"The copy has no dict '{name}' to rebind to.");

        public void Rebind(JsonObject copy)
        {
            NodeData[StartNode] = Section(copy, "start_event");
            NodeData[EndNode] = Section(copy, "end_event");
            int at = 2;
            foreach (var section in new[] { "activities", "gateways" })
                foreach (var p in Section(copy, section).Properties) NodeData[at++] = (JsonObject)p.Value;
            var flows = Section(copy, "flows").Properties;
            for (int f = 0; f < flows.Count; f++) FlowData[f] = (JsonObject)flows[f].Value;
            Root = copy;
        }

        /// <summary>
        /// The layout's round trip of long flows: they move to the end of <c>flows</c> and to the end of their nodes'
        /// lists, in the order of <c>flows</c>. <paramref name="isLong"/> is indexed by flow number.
        /// </summary>
        [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(FlowOrder))]
        public void MoveToEnd(bool[] isLong)
        {
            var order = new int[FlowCount];
            int at = 0;
            for (int f = 0; f < FlowCount; f++) if (!isLong[f]) order[at++] = f;
            for (int f = 0; f < FlowCount; f++) if (isLong[f]) order[at++] = f;
            FlowOrder = order;
            var scratch = new List<int>();
            for (int n = 0; n < NodeCount; n++)
            {
                MoveToEnd(OutFlows, OutStart[n], OutStart[n + 1], isLong, scratch);
                MoveToEnd(InFlows, InStart[n], InStart[n + 1], isLong, scratch);
            }
        }

        /// <summary>Reorders one node's list: its other flows first, in list order, then its long flows by number.</summary>
        private static void MoveToEnd(int[] list, int from, int to, bool[] isLong, List<int> scratch)
        {
            scratch.Clear();
            int write = from;
            for (int i = from; i < to; i++)
            {
                if (isLong[list[i]]) scratch.Add(list[i]);
                else list[write++] = list[i];
            }
            scratch.Sort();
            foreach (int f in scratch) list[write++] = f;
        }
    }
}
