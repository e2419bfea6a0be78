using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>Reads a request body up to a limit; a longer one is read to its end and thrown away (so the client gets the answer, not a reset).</summary>
    internal static class BodyReader
    {
        // Past this much, the rest of an oversized body is not read: the connection is closed after the answer.
        private const long DrainLimit = 1L << 30;

        /// <summary>The body, or null when it is longer than <paramref name="limit"/> (then Drained says whether the rest was read to its end).</summary>
        public static async Task<(byte[]? Body, bool Drained)> ReadAsync(RequestBody input, long limit, CancellationToken cancel)
        {
            long contentLength = input.DeclaredLength;
            if (contentLength == 0) return ((byte[]?)Array.Empty<byte>(), true);
            if (contentLength > limit)
            {
                // A client waiting for 100 Continue has sent nothing yet: it gets the answer instead, and the connection closes.
                if (input.ContinuePending) return ((byte[]?)null, false);
                return ((byte[]?)null, await DrainAsync(input, new byte[64 * 1024], 0, cancel).ConfigureAwait(false));
            }
            if (contentLength > 0)
            {
                // The usual case: the length is known, so the body is read straight into its array.
                var body = new byte[contentLength];
                int read = 0;
                while (read < body.Length)
                {
                    int n = await input.ReadAsync(body, read, body.Length - read, cancel).ConfigureAwait(false);
                    if (n == 0) break;
                    read += n;
                }
                if (read < body.Length) Array.Resize(ref body, read);
                return ((byte[]?)body, true);
            }
            var buffer = new byte[64 * 1024];
            var chunks = new MemoryStream();
            while (true)
            {
                int n = await input.ReadAsync(buffer, 0, buffer.Length, cancel).ConfigureAwait(false);
                if (n == 0) return ((byte[]?)chunks.ToArray(), true);
                if (chunks.Length + n > limit) return ((byte[]?)null, await DrainAsync(input, buffer, chunks.Length + n, cancel).ConfigureAwait(false));
                chunks.Write(buffer, 0, n);
            }
        }

        private static async Task<bool> DrainAsync(Stream input, byte[] buffer, long read, CancellationToken cancel)
        {
            while (read < DrainLimit)
            {
                int n = await input.ReadAsync(buffer, 0, buffer.Length, cancel).ConfigureAwait(false);
                if (n == 0) return true;
                read += n;
            }
            return false;
        }
    }
}
