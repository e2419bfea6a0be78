using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        private const int MaxOrderingLoop = 24;

        /// <summary>
        /// <c>ordering</c>: initial layers, then up to 24 weighted-median sweeps. Upstream keeps the first
        /// improvement by reference (<c>best = orders</c>) and never updates <c>best_count</c>, so the result is
        /// either the initial layers or the layers after the last sweep that ran.
        /// </summary>
        private Orders Ordering()
        {
            Phase = "ordering";
            var current = InitOrder();
            var initial = current.Copy();
            long bestCount = CrossingCount(initial);
            bool aliased = false;
            for (int loop = 0; loop < MaxOrderingLoop; loop++)
            {
                WeightedMedian(current, loop);
                if (CrossingCount(current) < bestCount) aliased = true;
                else if (loop % 2 == 0) break;
            }
            return aliased ? current : initial;
        }

        /// <summary><c>init_order</c>: layer min = the nodes of the lowest rank; each next layer = targets of the previous one.</summary>
        private Orders InitOrder()
        {
            var result = new Orders();
            var distinct = StableOrder.Distinct(Ranks.Values());
            foreach (long rank in distinct) result.Add(rank, new List<string>());
            long rk = distinct[0], max = distinct[distinct.Count - 1];
            var lowest = new List<string>();
            foreach (var e in Ranks.Live())
                if (e.Value == rk) lowest.Add(e.Key);
            result.Add(rk, lowest);
            while (rk < max)
            {
                long next = rk + 1;
                var layer = result.Layer(rk);
                HashSet<string>? seen = null;
                foreach (var nodeId in layer)
                {
                    var node = AllNodes.Get(nodeId, keys);
                    foreach (var flowId in Py.FormatToList(node.Get(Outgoing)))
                    {
                        var flow = FlowAtFrom(flowId, node);
                        var target = flow.Get("target");
                        var nextLayer = result.Layer(next);
                        if (seen == null) seen = new HashSet<string>(nextLayer);
                        string key = keys.Of(target);
                        if (seen.Add(key)) nextLayer.Add(key);
                    }
                }
                rk = next;
            }
            return result;
        }

        private EmFlow FlowAtFrom(JsonNode flowId, EmNode node)
        {
            try
            {
                return FlowAt(flowId);
            }
            catch (PythonException e)
            {
                throw e.At(node.Key);
            }
        }

        /// <summary>
        /// <c>crossing_count</c>: for each pair of adjacent layers, the pairs of flows between them whose ends are in
        /// opposite orders (counted with a Fenwick tree instead of Python's quadratic loop; same number).
        /// </summary>
        private long CrossingCount(Orders layers)
        {
            long min = layers.MinRank, max = layers.MaxRank;
            for (long rk = min; rk < max; rk++)
            {
                layers.Layer(rk);
                layers.Layer(rk + 1);
            }
            long placed = 0;
            var ranked = layers.Ranks;
            for (int i = 0; i < ranked.Count; i++) placed += layers.Layer(ranked[i]).Count;
            CrossingWork += (double)placed * Flows.Count;
            var membership = layers.Membership();
            var pairs = new Dictionary<long, List<KeyValuePair<int, int>>>();
            foreach (var flow in Flows.Values())
            {
                if (!membership.TryGetValue(keys.Of(flow.Get("source")), out var sourceLayers)) continue;
                string target = keys.Of(flow.Get("target"));
                foreach (var at in sourceLayers)
                {
                    if (at.Key >= max) continue;
                    int targetIndex = layers.IndexIn(layers.Layer(at.Key + 1), target);
                    if (targetIndex < 0) continue;
                    if (!pairs.TryGetValue(at.Key, out var list)) pairs[at.Key] = list = new List<KeyValuePair<int, int>>();
                    list.Add(new KeyValuePair<int, int>(at.Value, targetIndex));
                }
            }
            long count = 0;
            foreach (var pair in pairs) count += Discordant(pair.Value, layers.Layer(pair.Key + 1).Count);
            return count;
        }

        /// <summary>Pairs (i, j) with (s_i - s_j) * (t_i - t_j) &lt; 0.</summary>
        private static long Discordant(List<KeyValuePair<int, int>> points, int targetRange)
        {
            if (points.Count < 2) return 0;
            var order = StableOrder.Of(points.Count, (a, b) => points[a].Key.CompareTo(points[b].Key));
            var sorted = new List<KeyValuePair<int, int>>(order.Length);
            foreach (int at in order) sorted.Add(points[at]);
            var tree = new long[targetRange + 1];
            long inserted = 0, count = 0;
            int i = 0;
            while (i < sorted.Count)
            {
                int j = i;
                while (j < sorted.Count && sorted[j].Key == sorted[i].Key) j++;
                for (int k = i; k < j; k++) count += inserted - Prefix(tree, sorted[k].Value);
                for (int k = i; k < j; k++)
                {
                    for (int x = sorted[k].Value + 1; x <= targetRange; x += x & -x) tree[x]++;
                    inserted++;
                }
                i = j;
            }
            return count;
        }

        // Number of inserted targets with index <= t.
        private static long Prefix(long[] tree, int t)
        {
            long sum = 0;
            for (int x = t + 1; x > 0; x -= x & -x) sum += tree[x];
            return sum;
        }

        /// <summary><c>wmedian</c>: re-sort each layer by the median position of its neighbours in the previous (even sweeps) or next layer.</summary>
        private void WeightedMedian(Orders layers, int loop)
        {
            long min = long.MaxValue, max = long.MinValue;
            foreach (var value in Ranks.Values())
            {
                if (value < min) min = value;
                if (value > max) max = value;
            }
            bool down = loop % 2 == 0;
            if (down)
            {
                for (long r = min + 1; r < max + 1; r++) SortByMedian(layers, r, r - 1, Incoming);
            }
            else
            {
                for (long r = max - 1; r > min - 1; r--) SortByMedian(layers, r, r + 1, Outgoing);
            }
        }

        private void SortByMedian(Orders layers, long rank, long referRank, string io)
        {
            var layer = layers.Layer(rank);
            var weights = new List<double>(layer.Count);
            foreach (var nodeId in layer)
            {
                var refers = ReferNodeIds(nodeId, io);
                var referLayer = layers.Layer(referRank);
                weights.Add(Median(layers, refers, referLayer, nodeId));
            }
            layers.Replace(rank, SortLayer(layer, weights));
        }

        /// <summary><c>refer_node_ids</c>: the other ends of a node's incoming (sources) or outgoing (targets) flows.</summary>
        private List<JsonNode> ReferNodeIds(string nodeId, string io)
        {
            var node = AllNodes.Get(nodeId, keys);
            var refers = new List<JsonNode>();
            string direction = io == Incoming ? "source" : "target";
            foreach (var flowId in Py.FormatToList(node.Get(io)))
                refers.Add(FlowAtFrom(flowId, node).Get(direction));
            return refers;
        }

        /// <summary><c>median_value</c>; a neighbour missing from the layer is <c>list.index</c>'s ValueError.</summary>
        private double Median(Orders layers, List<JsonNode> refers, List<string> referLayer, string nodeId)
        {
            var indexes = new List<int>(refers.Count);
            foreach (var refer in refers)
            {
                int at = layers.IndexIn(referLayer, keys.Of(refer));
                if (at < 0) throw PythonException.NotInList(Py.Repr(refer)).At(nodeId);
                indexes.Add(at);
            }
            indexes.Sort();
            int n = indexes.Count;
            if (n == 0) return -1;
            if (n % 2 == 1) return indexes[n / 2];
            return (indexes[n / 2 - 1] + indexes[n / 2]) / 2.0;
        }

        /// <summary><c>sort_layer</c>: stable sort by weight; items of weight -1 go back to their old index.</summary>
        private static List<string> SortLayer(List<string> layer, List<double> weights)
        {
            var toSort = new List<KeyValuePair<string, double>>();
            var persist = new List<KeyValuePair<string, int>>();
            for (int i = 0; i < layer.Count; i++)
            {
                if (weights[i] == -1) persist.Add(new KeyValuePair<string, int>(layer[i], i));
                else toSort.Add(new KeyValuePair<string, double>(layer[i], weights[i]));
            }
            var order = StableOrder.Of(toSort.Count, (a, b) => toSort[a].Value.CompareTo(toSort[b].Value));
            var sorted = new List<string>(layer.Count);
            foreach (int at in order) sorted.Add(toSort[at].Key);
            foreach (var item in persist) sorted.Insert(System.Math.Min(item.Value, sorted.Count), item.Key);
            return sorted;
        }
    }
}
