#nullable enable
using System.IO;
using System.Text;
using BkSops.Json;

namespace BkSops.Sandbox.Store
{
    /// <summary>JSON as compact UTF-8 bytes, the form the sandbox keeps stored trees in and splices into answers and files.</summary>
    internal static class TreeText
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        public static byte[] Bytes(JsonNode node)
        {
            // Small writer buffers: a 16 K one costs ~80 KB of garbage per call, more than the text itself.
            var bytes = new MemoryStream(8 * 1024);
            using (var writer = new StreamWriter(bytes, Utf8, 1024)) JsonWriter.Write(node, writer, indented: false);
            return bytes.ToArray();
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
