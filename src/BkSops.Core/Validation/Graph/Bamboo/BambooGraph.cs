using System.Collections.Generic;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    /// <summary>The node types of bamboo's NODE_RULES.</summary>
    internal enum BambooType : byte
    {
        StartEvent, EndEvent, ServiceActivity, SubProcess, ExclusiveGateway, ParallelGateway, ConditionalParallelGateway, ConvergeGateway,
    }

    /// <summary>
    /// bamboo's <c>get_nodes_dict</c> of a well-formed tree, numbered: nodes 0..Count-1 in the dict's order (start
    /// event, end event, activities, gateways) and the ends of their flows as node numbers. <see cref="Read"/> builds it
    /// only for a tree on which every step of <c>validate_graph_connection</c>, <c>validate_gateways</c> and
    /// <c>validate_stream</c> reads what it expects (so only the graph's shape can make them fail); for any other tree
    /// it returns null and the stages run the full emulation, which also finds the exact error.
    /// </summary>
    internal sealed partial class BambooGraph
    {
        public const int StartNode = 0;
        public const int EndNode = 1;

        /// <summary>Node keys (equal to the nodes' <c>id</c> fields), unique and non-empty.</summary>
        public string[] Keys;
        public BambooType[] Types;

        /// <summary>Activities are the nodes 2..FirstGateway-1, gateways FirstGateway..Count-1 (the orders of their dicts).</summary>
        public int FirstGateway;

        /// <summary>Node n's incoming flows come from <c>InSources[InStart[n] .. InStart[n + 1] - 1]</c>, in list order.</summary>
        public int[] InStart, InSources;

        /// <summary>Node n's outgoing flows lead to <c>OutTargets[OutStart[n] .. OutStart[n + 1] - 1]</c>, in list order.</summary>
        public int[] OutStart, OutTargets;

        /// <summary>For an activity whose <c>outgoing</c> is one flow id (a string), that flow's target; else -1.</summary>
        public int[] ActivityNext;

        /// <summary>The node a <c>converge_gateway_id</c> string names as given in the tree; -1 when absent or no node.</summary>
        public int[] ConvergeField;

        /// <summary>Some incoming of an activity, gateway or the end event is a string, which <c>format_pipeline_tree_io_to_list</c> makes a list.</summary>
        public bool IncomingNeedsLists;

        public int Count => Keys.Length;

        public int InCount(int node) => InStart[node + 1] - InStart[node];

        public int OutCount(int node) => OutStart[node + 1] - OutStart[node];

        public bool IsActivity(int node) => node >= 2 && node < FirstGateway;

        public bool IsBranchGateway(int node) => node >= FirstGateway && Types[node] != BambooType.ConvergeGateway;

        public bool IsConverge(int node) => Types[node] == BambooType.ConvergeGateway;

        public bool IsParallel(int node) => Types[node] == BambooType.ParallelGateway || Types[node] == BambooType.ConditionalParallelGateway;

        private BambooGraph(int count)
        {
            Keys = new string[count];
            Types = new BambooType[count];
            InStart = new int[count + 1];
            OutStart = new int[count + 1];
            // Read and FromLayout set both once the flows are counted.
            InSources = System.Array.Empty<int>();
            OutTargets = System.Array.Empty<int>();
            ActivityNext = new int[count];
            ConvergeField = new int[count];
        }

        /// <summary>A new array of <paramref name="count"/> times <paramref name="value"/>.</summary>
        public static int[] Filled(int count, int value)
        {
            var array = new int[count];
            for (int i = 0; i < count; i++) array[i] = value;
            return array;
        }

        /// <summary>The type names, indexed by <see cref="BambooType"/>.</summary>
        public static readonly string[] TypeNames =
        {
            Py.StartEvent, Py.EndEvent, Py.ServiceActivity, Py.SubProcess,
            Py.ExclusiveGateway, Py.ParallelGateway, Py.ConditionalParallelGateway, Py.ConvergeGateway,
        };

        private static readonly Dictionary<string, BambooType> TypesByName = ByName();

        private static Dictionary<string, BambooType> ByName()
        {
            var types = new Dictionary<string, BambooType>(System.StringComparer.Ordinal);
            for (int t = 0; t < TypeNames.Length; t++) types[TypeNames[t]] = (BambooType)t;
            return types;
        }
    }
}
