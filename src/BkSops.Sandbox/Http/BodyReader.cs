using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>Reads a request body up to a limit; a longer one is read to its end and thrown away (so the client gets the answer, not a reset).</summary>
    internal static class BodyReader
    {
        // Past this much, the rest of an oversized body is not read: the connection is dropped.
        private const long DrainLimit = 1L << 30;

        /// <summary>The body, or null when it is longer than <paramref name="limit"/> (then Drained says whether the rest was read to its end).</summary>
        public static async Task<(byte[] Body, bool Drained)> ReadAsync(Stream input, long contentLength, long limit, CancellationToken cancel)
        {
            var buffer = new byte[64 * 1024];
            if (contentLength > limit) return (null, await DrainAsync(input, buffer, 0, cancel).ConfigureAwait(false));
            var body = new MemoryStream(contentLength > 0 ? (int)contentLength : 0);
            while (true)
            {
                int n = await input.ReadAsync(buffer, 0, buffer.Length, cancel).ConfigureAwait(false);
                if (n == 0) return (body.ToArray(), true);
                if (body.Length + n > limit) return (null, await DrainAsync(input, buffer, body.Length + n, cancel).ConfigureAwait(false));
                body.Write(buffer, 0, n);
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
