using System;
using System.Security.Cryptography;

namespace BkSops.Sandbox.Creation
{
    /// <summary>
    /// Cryptographically random bytes drawn from a per-thread block: one call into the system's generator gives 64
    /// ids (Guid.NewGuid asks the kernel once per id, and a create needs one per node and flow).
    /// </summary>
    internal static class RandomBytes
    {
        private const int BlockSize = 16 * 64;
        private static readonly RandomNumberGenerator Generator = RandomNumberGenerator.Create();

        [ThreadStatic] private static byte[]? block;
        [ThreadStatic] private static int used;

        /// <summary>Copies 16 fresh random bytes into <paramref name="target"/>.</summary>
        public static void Next16(byte[] target)
        {
            var bytes = block;
            if (bytes == null || used == BlockSize)
            {
                bytes = block ??= new byte[BlockSize];
                Generator.GetBytes(bytes);
                used = 0;
            }
            Buffer.BlockCopy(bytes, used, target, 0, 16);
            used += 16; // each byte is handed out once
        }

        /// <summary>A random (version 4) UUID as 32 lowercase hex characters, as <c>uuid.uuid4().hex</c> writes it.</summary>
        public static string Uuid4Hex()
        {
            var bytes = new byte[16];
            Next16(bytes);
            var chars = Hex(bytes);
            chars[12] = '4';
            chars[16] = HexDigits[8 + (bytes[8] & 3)];
            return new string(chars);
        }

        internal const string HexDigits = "0123456789abcdef";

        internal static char[] Hex(byte[] bytes)
        {
            var chars = new char[32];
            for (int i = 0; i < 16; i++)
            {
                chars[2 * i] = HexDigits[bytes[i] >> 4];
                chars[2 * i + 1] = HexDigits[bytes[i] & 15];
            }
            return chars;
        }
    }
}
