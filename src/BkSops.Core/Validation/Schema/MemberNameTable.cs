using System;
using BkSops.Json;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// A fixed set of member names (a schema's properties or required names). A member is looked up by its
    /// <see cref="JsonProperty.Tag"/> in a small table without collisions, so most members cost one compare.
    /// </summary>
    internal sealed class MemberNameTable
    {
        private const int MaxSlots = 1024;
        private readonly string[] names;
        private readonly int[] tags;
        // slots[tag & mask] is the index of the only name with that slot, or -1; null when no table size separates them.
        private readonly int[]? slots;
        private readonly int mask;

        public MemberNameTable(string[] names)
        {
            this.names = names;
            tags = Array.ConvertAll(names, JsonProperty.TagOf);
            for (int size = 1; size <= MaxSlots && slots == null; size *= 2)
            {
                var table = new int[size];
                for (int i = 0; i < size; i++) table[i] = -1;
                bool separated = true;
                for (int i = 0; i < tags.Length && separated; i++)
                {
                    int slot = tags[i] & (size - 1);
                    if (table[slot] >= 0) separated = false;
                    else table[slot] = i;
                }
                if (!separated) continue;
                slots = table;
                mask = size - 1;
            }
        }

        /// <summary>The index of the member's name, or -1.</summary>
        public int IndexOf(JsonProperty member)
        {
            int tag = member.Tag;
            if (slots != null)
            {
                int i = slots[tag & mask];
                return i >= 0 && tags[i] == tag && string.Equals(names[i], member.Name, StringComparison.Ordinal) ? i : -1;
            }
            for (int i = 0; i < tags.Length; i++)
                if (tags[i] == tag && string.Equals(names[i], member.Name, StringComparison.Ordinal)) return i;
            return -1;
        }
    }
}
