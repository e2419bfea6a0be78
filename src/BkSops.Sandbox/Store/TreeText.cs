using System;
using System.IO;
using System.Text;
using BkSops.Json;

namespace BkSops.Sandbox.Store
{
    /// <summary>JSON as compact UTF-8 bytes, the form the sandbox keeps stored trees in and splices into answers and files.</summary>
    internal static class TreeText
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        // Kept by a thread between calls while it stays this small (a sandbox answers thousands of trees of a few KB).
        private const int KeptCapacity = 256 * 1024;

        [ThreadStatic] private static StreamWriter? threadWriter;

        public static byte[] Bytes(JsonNode node)
        {
            // The thread's writer and its buffers are reused: written afresh per call they were most of the garbage of
            // a create. Taken while in use, so a nested call (none today) would make its own.
            var writer = threadWriter ?? new StreamWriter(new MemoryStream(8 * 1024), Utf8, 1024);
            threadWriter = null;
            var bytes = (MemoryStream)writer.BaseStream;
            JsonWriter.Write(node, writer, indented: false);
            writer.Flush();
            var result = bytes.ToArray();
            if (bytes.Capacity <= KeptCapacity)
            {
                bytes.SetLength(0);
                threadWriter = writer;
            }
            return result;
        }

        /// <summary>A JSON string literal (quoted and escaped as <see cref="JsonWriter"/> writes it).</summary>
        public static string Quote(string text)
        {
            var sb = new StringBuilder(text.Length + 2);
            JsonWriter.WriteString(text, new StringWriter(sb));
            return sb.ToString();
        }
    }
}
