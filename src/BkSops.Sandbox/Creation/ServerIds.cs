using System;
using System.Text;

namespace BkSops.Sandbox.Creation
{
    /// <summary>
    /// Ids in the format bk-sops gives them (spec 1.6): a uuid3 as 32 lowercase hex characters with the first replaced
    /// by <c>n</c> (nodes, the pipeline) or <c>l</c> (flows); character 13 is <c>3</c>, character 17 one of <c>89ab</c>.
    /// </summary>
    public static class ServerIds
    {
        private const string Hex = "0123456789abcdef";

        public static string NewNodeId() => Make('n');

        public static string NewFlowId() => Make('l');

        private static string Make(char first)
        {
            var bytes = new byte[16];
            RandomBytes.Next16(bytes);
            var chars = RandomBytes.Hex(bytes);
            chars[0] = first;
            chars[12] = '3';
            chars[16] = Hex[8 + (bytes[8] & 3)];
            return new string(chars);
        }

        /// <summary>True for an id of the server's format.</summary>
        public static bool IsServerId(string id, char first)
        {
            if (id == null || id.Length != 32 || id[0] != first || id[12] != '3' || "89ab".IndexOf(id[16]) < 0) return false;
            for (int i = 1; i < 32; i++) if (Hex.IndexOf(id[i]) < 0) return false;
            return true;
        }
    }
}
