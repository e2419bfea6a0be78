using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// A Python dict keyed by <see cref="PyKeys"/> keys: insertion order, assignment to an existing key keeps its
    /// place, <c>pop</c> then re-insertion moves the key to the end. All operations O(1).
    /// </summary>
    internal sealed class PyDict<T>
    {
        private readonly List<string> keys;
        private readonly List<T> values;
        private readonly List<bool> alive;
        private readonly Dictionary<string, int> index;

        public PyDict() : this(0) { }

        public PyDict(int capacity)
        {
            keys = new List<string>(capacity);
            values = new List<T>(capacity);
            alive = new List<bool>(capacity);
            index = new Dictionary<string, int>(capacity);
        }

        public int Count => index.Count;

        public bool ContainsKey(string key) => index.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
        {
            if (index.TryGetValue(key, out int i))
            {
                value = values[i];
                return true;
            }
            value = default(T);
            return false;
        }

        /// <summary><c>d[key]</c>: KeyError with the key's repr when absent.</summary>
        public T Get(string key, PyKeys keyNames)
        {
            if (index.TryGetValue(key, out int i)) return values[i];
            throw PythonException.KeyError(keyNames.Repr(key));
        }

        public void Set(string key, T value)
        {
            if (index.TryGetValue(key, out int i))
            {
                values[i] = value;
                return;
            }
            index[key] = keys.Count;
            keys.Add(key);
            values.Add(value);
            alive.Add(true);
        }

        public bool Remove(string key)
        {
            if (!index.TryGetValue(key, out int i)) return false;
            index.Remove(key);
            alive[i] = false;
            values[i] = default(T)!; // a dead slot (alive[i] is false): never read again
            return true;
        }

        /// <summary>The entries in order (a snapshot, safe to change the dict while walking it).</summary>
        public List<KeyValuePair<string, T>> Items()
        {
            var list = new List<KeyValuePair<string, T>>(index.Count);
            for (int i = 0; i < keys.Count; i++)
                if (alive[i]) list.Add(new KeyValuePair<string, T>(keys[i], values[i]));
            return list;
        }

        /// <summary>The entries in order, live (do not change the dict while walking it).</summary>
        public IEnumerable<KeyValuePair<string, T>> Live()
        {
            for (int i = 0; i < keys.Count; i++)
                if (alive[i]) yield return new KeyValuePair<string, T>(keys[i], values[i]);
        }

        public IEnumerable<T> Values()
        {
            for (int i = 0; i < keys.Count; i++)
                if (alive[i]) yield return values[i];
        }
    }
}
