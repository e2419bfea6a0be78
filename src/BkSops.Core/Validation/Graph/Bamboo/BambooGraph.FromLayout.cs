
namespace BkSops.Validation.Graph.Bamboo
{
    internal sealed partial class BambooGraph
    {
        /// <summary>
        /// <see cref="Read"/> of a tree the layout found well-formed and left as it was, taken from the layout's numbered
        /// graph instead of a second read of every node. The numbering is the same (start, end, activities, gateways in
        /// their orders), and so are the lists and their ends: the layout proved that each flow is listed once by its
        /// source, once by its target and nowhere else. <paramref name="depthHolds"/> tells whether the tree's JSON nests
        /// within <see cref="DataDepth.Limit"/>, which Read measures on its way (and returns null when it does not).
        /// Keys Read refuses are left to Read.
        /// </summary>
        public static BambooGraph? FromLayout(NumberedGraph layout, bool depthHolds)
        {
            if (!depthHolds) return null;
            if (!KeysReadable(layout)) return Read(layout.Root);
            int count = layout.NodeCount;
            var g = new BambooGraph(count);
            g.FirstGateway = count;
            for (int n = 0; n < count; n++)
            {
                g.Keys[n] = layout.NodeIds[n];
                g.Types[n] = TypesByName[layout.NodeTypes[n]];
                if (n != StartNode && layout.IncomingIsString[n]) g.IncomingNeedsLists = true;
                if (layout.NodeKinds[n] == GraphNodeKind.Gateway && n < g.FirstGateway) g.FirstGateway = n;
            }
            System.Array.Copy(layout.InStart, g.InStart, count + 1);
            System.Array.Copy(layout.OutStart, g.OutStart, count + 1);
            var inSources = g.InSources = new int[layout.FlowCount];
            var outTargets = g.OutTargets = new int[layout.FlowCount];
            for (int i = 0; i < inSources.Length; i++) inSources[i] = layout.FlowSource[layout.InFlows[i]];
            for (int i = 0; i < outTargets.Length; i++) outTargets[i] = layout.FlowTarget[layout.OutFlows[i]];
            for (int n = 0; n < count; n++)
            {
                g.ActivityNext[n] = g.IsActivity(n) && layout.OutgoingIsString[n] ? outTargets[g.OutStart[n]] : -1;
                string? converge = layout.ConvergeIds[n];
                g.ConvergeField[n] = converge != null && layout.NodeNumbers.TryGetValue(converge, out int named) ? named : -1;
            }
            return g;
        }

        /// <summary>No node key is empty or starts with '\0' (PyKeys' mark of a non-str key), and no flow id starts with '\0'.</summary>
        private static bool KeysReadable(NumberedGraph layout)
        {
            foreach (var key in layout.NodeIds)
                if (key.Length == 0 || key[0] == '\u0000') return false;
            foreach (var id in layout.FlowIds)
                if (id.Length > 0 && id[0] == '\u0000') return false;
            return true;
        }
    }
}
