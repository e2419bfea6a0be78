namespace BkSops.Json
{
    /// <summary>
    /// One string instance per distinct short text read from a document. A pipeline tree repeats every id four times or
    /// more (node key, id field, incoming/outgoing lists, flow ends), and keys repeat in every node: sharing them makes
    /// the model smaller and lets equal ids compare by reference. Each lookup probes a bounded number of slots, so text
    /// crafted to collide costs extra strings, never quadratic time.
    /// </summary>
    internal sealed class StringPool
    {
        /// <summary>Longer texts are not pooled (they rarely repeat).</summary>
        public const int MaxLength = 64;
        private const int MaxProbes = 8;

        private string[] entries = new string[1024];
        private int[] hashes = new int[1024];
        private int count;

        /// <summary>The pooled string equal to <c>new string(text, start, length)</c>.</summary>
        public string Get(char[] text, int start, int length)
        {
            if (length > MaxLength) return new string(text, start, length);
            int hash = Hash(text, start, length);
            int mask = entries.Length - 1;
            int slot = hash & mask;
            for (int probe = 0; probe < MaxProbes; probe++, slot = (slot + 1) & mask)
            {
                var entry = entries[slot];
                if (entry == null) return Add(slot, hash, new string(text, start, length));
                if (hashes[slot] == hash && entry.Length == length && SameText(text, start, entry)) return entry;
            }
            return new string(text, start, length);
        }

        private static bool SameText(char[] text, int start, string entry)
        {
            for (int i = 0; i < entry.Length; i++)
                if (text[start + i] != entry[i]) return false;
            return true;
        }

        private string Add(int slot, int hash, string value)
        {
            // A key the code looks up by a literal ("incoming") becomes that literal: lookups then match by reference.
            value = string.IsInterned(value) ?? value;
            entries[slot] = value;
            hashes[slot] = hash;
            if (++count * 2 > entries.Length) Grow();
            return value;
        }

        private void Grow()
        {
            var oldEntries = entries;
            var oldHashes = hashes;
            entries = new string[oldEntries.Length * 2];
            hashes = new int[entries.Length];
            int mask = entries.Length - 1;
            for (int i = 0; i < oldEntries.Length; i++)
            {
                if (oldEntries[i] == null) continue;
                int slot = oldHashes[i] & mask;
                while (entries[slot] != null) slot = (slot + 1) & mask;
                entries[slot] = oldEntries[i];
                hashes[slot] = oldHashes[i];
            }
        }

        // FNV-1a over the UTF-16 code units, folded so that the low bits (the slot) depend on every character.
        private static int Hash(char[] text, int start, int length)
        {
            uint hash = 2166136261;
            for (int i = start; i < start + length; i++) hash = (hash ^ text[i]) * 16777619;
            return (int)(hash ^ (hash >> 15));
        }
    }
}
