using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    /// <summary>
    /// draw_pipeline's <c>orders</c>: rank -> the node keys of that layer in drawing order. Its keys are the distinct
    /// rank values (iterated in ascending order, as CPython iterates a set of small non-negative ints).
    /// </summary>
    internal sealed class Orders
    {
        // The layers by rank, and the ranks in ascending order (not a SortedDictionary: see StableOrder).
        private readonly Dictionary<long, List<string>> layers = new Dictionary<long, List<string>>();
        private readonly List<long> ranks = new List<long>();
        private readonly Dictionary<List<string>, Dictionary<string, int>> positions = new Dictionary<List<string>, Dictionary<string, int>>();

        /// <summary>The ranks in ascending order (do not change the orders while walking them).</summary>
        public IReadOnlyList<long> Ranks => ranks;

        public long MinRank => ranks.Count > 0 ? ranks[0] : 0;

        public long MaxRank => ranks.Count > 0 ? ranks[ranks.Count - 1] : 0;

        public void Add(long rank, List<string> layer) => Put(rank, layer);

        /// <summary><c>orders[rank] = layer</c> for an existing rank.</summary>
        public void Replace(long rank, List<string> layer)
        {
            if (layers.TryGetValue(rank, out var old)) positions.Remove(old);
            Put(rank, layer);
        }

        private void Put(long rank, List<string> layer)
        {
            int at = StableOrder.Find(ranks, rank, out bool known);
            if (!known) ranks.Insert(at, rank);
            layers[rank] = layer;
        }

        /// <summary><c>orders[rank]</c>: KeyError with the int's repr when there is no such layer.</summary>
        public List<string> Layer(long rank)
        {
            if (layers.TryGetValue(rank, out var layer)) return layer;
            throw PythonException.KeyError(rank.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public bool TryLayer(long rank, [NotNullWhen(true)] out List<string>? layer) => layers.TryGetValue(rank, out layer);

        /// <summary>The first index of <paramref name="key"/> in <paramref name="layer"/>, or -1.</summary>
        public int IndexIn(List<string> layer, string key)
        {
            if (!positions.TryGetValue(layer, out var map))
            {
                map = new Dictionary<string, int>(layer.Count);
                for (int i = 0; i < layer.Count; i++)
                    if (!map.ContainsKey(layer[i])) map[layer[i]] = i;
                positions[layer] = map;
            }
            return map.TryGetValue(key, out int at) ? at : -1;
        }

        /// <summary><c>copy.deepcopy(orders)</c> (the layers are lists of str).</summary>
        public Orders Copy()
        {
            var copy = new Orders();
            foreach (long rank in ranks) copy.Put(rank, new List<string>(layers[rank]));
            return copy;
        }

        /// <summary>Every layer a key appears in, with its first index there.</summary>
        public Dictionary<string, List<KeyValuePair<long, int>>> Membership()
        {
            var map = new Dictionary<string, List<KeyValuePair<long, int>>>();
            foreach (long rank in ranks)
            {
                var layer = layers[rank];
                for (int i = 0; i < layer.Count; i++)
                {
                    if (!map.TryGetValue(layer[i], out var list)) map[layer[i]] = list = new List<KeyValuePair<long, int>>(1);
                    if (list.Count == 0 || list[list.Count - 1].Key != rank) list.Add(new KeyValuePair<long, int>(rank, i));
                }
            }
            return map;
        }
    }
}
