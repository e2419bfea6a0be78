using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace BkSops.Building
{
    /// <summary>
    /// New ids in the bk-sops canvas format: <c>node</c> or <c>line</c> followed by 28 lowercase hex digits, unique
    /// among every id this generator gave. Random bytes come from a cryptographic source, or, with a seed, from a
    /// seeded <see cref="Random"/> (whose sequence .NET keeps stable for a given seed) so that tests and diffs can
    /// reproduce a tree.
    /// </summary>
    public sealed class IdGenerator : IDisposable
    {
        public const string NodePrefix = "node";
        public const string FlowPrefix = "line";
        public const int HexDigits = 28;
        private static readonly char[] Hex = "0123456789abcdef".ToCharArray();

        private readonly RandomNumberGenerator? secure;
        private readonly Random? seeded;
        private readonly HashSet<string> issued = new HashSet<string>(StringComparer.Ordinal);
        // Random bytes are drawn a block at a time: one call per id costs more than the id.
        private readonly byte[] pool = new byte[(HexDigits / 2) * 256];
        private int used;
        private bool filled;

        /// <summary>Ids from a cryptographic random source.</summary>
        public IdGenerator() { secure = RandomNumberGenerator.Create(); }

        /// <summary>Reproducible ids: the same seed gives the same sequence.</summary>
        public IdGenerator(int seed) { seeded = new Random(seed); }

        /// <summary>An id generator for an optional seed.</summary>
        public static IdGenerator Create(int? seed) => seed.HasValue ? new IdGenerator(seed.Value) : new IdGenerator();

        public string NewNodeId() => NewId(NodePrefix);

        public string NewFlowId() => NewId(FlowPrefix);

        /// <summary>True when <paramref name="id"/> has the canvas format (prefix and 28 lowercase hex digits).</summary>
        public static bool IsCanvasId(string id)
        {
            if (id == null || id.Length != 4 + HexDigits || !(id.StartsWith(NodePrefix, StringComparison.Ordinal) || id.StartsWith(FlowPrefix, StringComparison.Ordinal))) return false;
            for (int i = 4; i < id.Length; i++)
                if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f'))) return false;
            return true;
        }

        private string NewId(string prefix)
        {
            while (true)
            {
                if (!filled || used + HexDigits / 2 > pool.Length)
                {
                    filled = true;
                    if (secure != null) secure.GetBytes(pool);
                    else if (seeded != null) seeded.NextBytes(pool);
                    used = 0;
                }
                var chars = new char[4 + HexDigits];
                prefix.CopyTo(0, chars, 0, 4);
                for (int i = 0; i < HexDigits / 2; i++)
                {
                    byte b = pool[used + i];
                    chars[4 + 2 * i] = Hex[b >> 4];
                    chars[5 + 2 * i] = Hex[b & 15];
                }
                used += HexDigits / 2;
                var id = new string(chars);
                if (issued.Add(id)) return id;
            }
        }

        public void Dispose() => secure?.Dispose();
    }
}
