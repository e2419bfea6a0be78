using System;
using System.Collections.Generic;

namespace BkSops.Validation
{
    /// <summary>
    /// Stable sorting for the orderings every check runs, as this assembly's own code. LINQ's OrderBy and the sorted
    /// collections over value types (tuples, key-value pairs, long) are framework generics that the ReadyToRun image
    /// cannot hold, so each of them was JIT-compiled on the first check of a process (issue #8, "Starting quickly").
    /// </summary>
    internal static class StableOrder
    {
        /// <summary>The positions 0..count-1 sorted by <paramref name="compare"/>; equal ones keep their order (a merge sort).</summary>
        public static int[] Of(int count, Comparison<int> compare)
        {
            var order = new int[count];
            for (int i = 0; i < count; i++) order[i] = i;
            if (count < 2) return order;
            var buffer = new int[count];
            for (int width = 1; width < count; width *= 2)
            {
                for (int lo = 0; lo < count; lo += 2 * width)
                {
                    int mid = Math.Min(lo + width, count), hi = Math.Min(lo + 2 * width, count);
                    int left = lo, right = mid, to = lo;
                    while (left < mid && right < hi)
                        buffer[to++] = compare(order[right], order[left]) < 0 ? order[right++] : order[left++];
                    while (left < mid) buffer[to++] = order[left++];
                    while (right < hi) buffer[to++] = order[right++];
                }
                var swap = order;
                order = buffer;
                buffer = swap;
            }
            return order;
        }

        /// <summary>The distinct values in ascending order.</summary>
        public static List<long> Distinct(IEnumerable<long> values)
        {
            var all = new List<long>();
            foreach (long v in values) all.Add(v);
            var order = Of(all.Count, (a, b) => all[a].CompareTo(all[b]));
            var result = new List<long>(all.Count);
            foreach (int i in order)
                if (result.Count == 0 || result[result.Count - 1] != all[i]) result.Add(all[i]);
            return result;
        }

        /// <summary>Where <paramref name="value"/> goes in the ascending <paramref name="sorted"/>, and whether it is there already.</summary>
        public static int Find(List<long> sorted, long value, out bool found)
        {
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                int mid = lo + (hi - lo) / 2;
                if (sorted[mid] < value) lo = mid + 1;
                else hi = mid;
            }
            found = lo < sorted.Count && sorted[lo] == value;
            return lo;
        }
    }
}
