using System.Collections.Generic;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// A model of CPython 3.11's <c>set</c> hash table (open addressing, 9 linear probes, perturbed re-probing, growth
    /// at 3/5 full), so that the iteration order of a set of numbers, and of <c>a - b</c>, is the server's. Only
    /// usable when every element has a deterministic hash (<see cref="PythonScalar.Hash"/>).
    /// </summary>
    public sealed class PythonSet : IEnumerable<PythonScalar>
    {
        private const int LinearProbes = 9;
        private const int PerturbShift = 5;
        private const int MinSize = 8;

        private struct Entry
        {
            public PythonScalar Key;
            public long Hash;
        }

        private Entry[] table = new Entry[MinSize];
        private int fill;

        public int Count { get; private set; }

        /// <summary><c>set.add(key)</c>; the first of equal values (1, 1.0, True) is the one kept.</summary>
        public void Add(PythonScalar key)
        {
            long hash = key.Hash ?? throw new System.ArgumentException("The value has no deterministic hash.", nameof(key));
            ulong mask = (ulong)table.Length - 1;
            ulong i = (ulong)hash & mask;
            ulong perturb = (ulong)hash;
            while (true)
            {
                int probes = i + LinearProbes <= mask ? LinearProbes : 0;
                ulong j = i;
                for (int p = 0; p <= probes; p++, j++)
                {
                    var entry = table[j];
                    if (entry.Key == null)
                    {
                        table[j] = new Entry { Key = key, Hash = hash };
                        fill++;
                        Count++;
                        if ((ulong)fill * 5 >= mask * 3) Resize(Count > 50000 ? Count * 2 : Count * 4);
                        return;
                    }
                    if (entry.Hash == hash && entry.Key.PythonEquals(key)) return;
                }
                perturb >>= PerturbShift;
                i = (i * 5 + 1 + perturb) & mask;
            }
        }

        /// <summary><c>key in set</c>.</summary>
        public bool Contains(PythonScalar key)
        {
            foreach (var item in this) if (item.PythonEquals(key)) return true;
            return false;
        }

        /// <summary>Iteration order (table slot order).</summary>
        public IEnumerator<PythonScalar> GetEnumerator()
        {
            foreach (var e in table) if (e.Key != null) yield return e.Key;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>
        /// <c>this - other</c> where other is a set of <paramref name="otherCount"/> elements
        /// tested with <paramref name="otherContains"/>: CPython copies-then-discards when this set is more than four
        /// times larger, else builds a new set from the survivors in slot order.
        /// </summary>
        public List<PythonScalar> DifferenceInOrder(System.Func<PythonScalar, bool> otherContains, int otherCount)
        {
            var result = new List<PythonScalar>();
            if (Count == 0) return result;
            if ((Count >> 2) > otherCount)
            {
                var copy = Copy();
                foreach (var item in copy) if (!otherContains(item)) result.Add(item);
                return result;
            }
            var fresh = new PythonSet();
            foreach (var item in this) if (!otherContains(item)) fresh.Add(item);
            foreach (var item in fresh) result.Add(item);
            return result;
        }

        // set(self): a merge into an empty set, which pre-sizes once and copies slot by slot when the sizes agree.
        private PythonSet Copy()
        {
            var copy = new PythonSet();
            if ((ulong)Count * 5 >= (ulong)(copy.table.Length - 1) * 3) copy.ResizeTable(Count * 2);
            if (copy.table.Length == table.Length)
            {
                System.Array.Copy(table, copy.table, table.Length);
            }
            else
            {
                foreach (var e in table) if (e.Key != null) InsertClean(copy.table, e.Key, e.Hash);
            }
            copy.fill = Count;
            copy.Count = Count;
            return copy;
        }

        private void Resize(int minUsed)
        {
            var old = table;
            ResizeTable(minUsed);
            foreach (var e in old) if (e.Key != null) InsertClean(table, e.Key, e.Hash);
            fill = Count;
        }

        private void ResizeTable(int minUsed)
        {
            int size = MinSize;
            while (size <= minUsed) size <<= 1;
            table = new Entry[size];
        }

        private static void InsertClean(Entry[] table, PythonScalar key, long hash)
        {
            ulong mask = (ulong)table.Length - 1;
            ulong i = (ulong)hash & mask;
            ulong perturb = (ulong)hash;
            while (true)
            {
                if (table[i].Key == null)
                {
                    table[i] = new Entry { Key = key, Hash = hash };
                    return;
                }
                if (i + LinearProbes <= mask)
                {
                    for (ulong j = i + 1; j <= i + LinearProbes; j++)
                    {
                        if (table[j].Key == null)
                        {
                            table[j] = new Entry { Key = key, Hash = hash };
                            return;
                        }
                    }
                }
                perturb >>= PerturbShift;
                i = (i * 5 + 1 + perturb) & mask;
            }
        }
    }
}
