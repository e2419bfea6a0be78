using System.Collections.Generic;
using System.Globalization;
using BkSops.Validation.Graph.Bamboo;

namespace BkSops.Validation.Graph.BambooFast
{
    /// <summary>
    /// <see cref="BambooStream"/> on a <see cref="BambooGraph"/> after <see cref="FastGateways"/>. Every blend is
    /// followed by upstream's check that the target holds exactly one stream (a parallel's converge: at most one), so
    /// while validate_stream has not raised each node holds at most one stream: a number here (0 is <c>main</c>, the
    /// branches of each parallel gateway get consecutive numbers). Answers only when validate_stream succeeds.
    /// Full emulation it is the twin of: <see cref="Bamboo.BambooStream"/> (both must agree; BambooFastPathTests runs both on the same trees).
    /// </summary>
    internal sealed class FastStream
    {
        private const int MainStream = 0;
        private readonly BambooGraph g;
        private readonly int[] converge;      // converge_gateway_id as the stream step reads it, -1 when none
        private readonly int[] stream;        // -1: no stream yet
        private readonly int[] branchBase;    // a parallel gateway's first branch stream
        private readonly int[] streamOwner;   // stream -> its parallel gateway (-1 for main)
        private readonly int[] convergeOwner; // parallel_converges: converge -> the (last) parallel gateway naming it

        private FastStream(BambooGraph graph, int[] matches)
        {
            g = graph;
            int count = g.Count;
            converge = new int[count];
            stream = new int[count];
            branchBase = new int[count];
            convergeOwner = new int[count];
            int streams = 1;
            for (int n = 0; n < count; n++)
            {
                converge[n] = g.IsBranchGateway(n) && matches[n] >= 0 ? matches[n] : g.ConvergeField[n];
                stream[n] = convergeOwner[n] = -1;
                if (g.IsParallel(n))
                {
                    branchBase[n] = streams;
                    streams += g.OutCount(n);
                }
            }
            streamOwner = new int[streams];
            streamOwner[MainStream] = -1;
            for (int n = 0; n < count; n++)
                if (g.IsParallel(n))
                    for (int i = 0; i < g.OutCount(n); i++) streamOwner[branchBase[n] + i] = n;
        }

        /// <summary>Node key -> stream name as validate_stream leaves them, or null when it raises (or this path cannot tell).</summary>
        public static IReadOnlyDictionary<string, string>? Run(BambooGraph graph, int[] matches) => new FastStream(graph, matches).Run();

        private IReadOnlyDictionary<string, string>? Run()
        {
            stream[BambooGraph.StartNode] = MainStream;
            stream[BambooGraph.EndNode] = MainStream;
            for (int n = 0; n < g.Count; n++)
            {
                if (!g.IsParallel(n)) continue;
                if (converge[n] < 0) return null; // KeyError (or a converge id that is no node: KeyError when it flows)
                convergeOwner[converge[n]] = n;
            }
            var queue = new int[g.OutTargets.Length + 1];
            var visited = new bool[g.Count];
            int head = 0, tail = 0;
            queue[tail++] = BambooGraph.StartNode;
            while (head < tail)
            {
                int node = queue[head++];
                if (!visited[node])
                {
                    for (int i = g.OutStart[node]; i < g.OutStart[node + 1]; i++) queue[tail++] = g.OutTargets[i];
                    visited[node] = true;
                }
                if (!Flowing(node)) return null;
            }
            for (int n = 0; n < g.Count; n++)
                if (stream[n] < 0) return null;
            return new StreamNames(NameEveryNode);
        }

        private Dictionary<string, string> NameEveryNode()
        {
            var streams = new Dictionary<string, string>(g.Count);
            var names = new string[streamOwner.Length];
            for (int n = 0; n < g.Count; n++)
            {
                int s = stream[n];
                streams[g.Keys[n]] = names[s] ?? (names[s] = Name(s));
            }
            return streams;
        }

        private string Name(int s) =>
            s == MainStream ? "main" : g.Keys[streamOwner[s]] + "_" + (s - branchBase[streamOwner[s]]).ToString(CultureInfo.InvariantCulture);

        /// <summary><c>flowing(where, to, parallel_converges)</c>; false when it raises.</summary>
        private bool Flowing(int where)
        {
            bool parallel = g.IsParallel(where);
            int own = stream[where];
            if (parallel && (own < 0 || !Add(converge[where], own))) return false;
            for (int i = g.OutStart[where]; i < g.OutStart[where + 1]; i++)
            {
                int t = g.OutTargets[i];
                int owner = convergeOwner[t];
                bool fake = owner >= 0 && (own < 0 || streamOwner[own] == owner || converge[where] == t);
                if (!fake)
                {
                    int s = parallel ? branchBase[where] + i - g.OutStart[where] : own;
                    if (s < 0 || !Add(t, s)) return false;
                }
                if (stream[t] < 0) return false;
            }
            return true;
        }

        /// <summary>Adds a stream to a node's set: false when the set would then hold two.</summary>
        private bool Add(int node, int s)
        {
            if (stream[node] < 0) stream[node] = s;
            return stream[node] == s;
        }
    }
}
