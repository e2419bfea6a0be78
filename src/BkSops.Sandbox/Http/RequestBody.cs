using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>A request that is not HTTP (bad request line, headers, length or chunk framing): answered 400, then the connection closes.</summary>
    internal sealed class MalformedRequestException : Exception
    {
        public MalformedRequestException(string message) : base(message) { }
    }

    /// <summary>
    /// A request body as a read-only stream: <c>Content-Length</c> bytes or a chunked body, decoded. With
    /// <c>Expect: 100-continue</c> the interim answer goes out on the first read (Windows PowerShell 5.1 waits for it).
    /// </summary>
    internal sealed class RequestBody : Stream
    {
        private const int ChunkLineLimit = 4096;
        private static readonly byte[] Continue = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
        private readonly ConnectionInput input;
        private readonly bool chunked;
        private long remaining; // of the body (Content-Length) or of the current chunk
        private bool finished;

        public RequestBody(ConnectionInput input, long contentLength, bool chunked, bool expectContinue)
        {
            this.input = input;
            this.chunked = chunked;
            remaining = chunked ? 0 : contentLength;
            finished = !chunked && contentLength == 0;
            ContinuePending = expectContinue && !finished;
        }

        /// <summary>The announced length; -1 for a chunked body.</summary>
        public long DeclaredLength => chunked ? -1 : remaining;

        /// <summary>The client waits for <c>100 Continue</c> before it sends the body.</summary>
        public bool ContinuePending { get; private set; }

        /// <summary>The body was read to its end (the next request on the connection starts after it).</summary>
        public bool Completed => finished;

        // The connection's thread reads synchronously; the async form (which BodyReader uses) completes at once.
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (finished || count == 0) return 0;
            if (ContinuePending)
            {
                ContinuePending = false;
                input.Write(Continue, 0, Continue.Length);
            }
            if (chunked && remaining == 0)
            {
                if (!NextChunk()) return 0;
            }
            int n = input.Read(buffer, offset, (int)Math.Min(count, remaining));
            if (n == 0) throw new IOException("The client closed the connection before the end of the request body.");
            remaining -= n;
            if (remaining == 0 && !chunked) finished = true;
            if (remaining == 0 && chunked) ExpectLineEnd();
            return n;
        }

        // chunk = size [; extensions] CRLF data CRLF; the last chunk has size 0 and is followed by trailers and a blank line.
        private bool NextChunk()
        {
            string line = ReadLine();
            int semicolon = line.IndexOf(';');
            string size = (semicolon >= 0 ? line.Substring(0, semicolon) : line).Trim(' ', '\t');
            if (size.Length == 0 || size.Length > 15 || !long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long length))
                throw new MalformedRequestException("The chunk size is not a hexadecimal number.");
            if (length > 0)
            {
                remaining = length;
                return true;
            }
            int trailerBytes = 0;
            while (true)
            {
                string trailer = ReadLine();
                if (trailer.Length == 0) break;
                trailerBytes += trailer.Length;
                if (trailerBytes > HttpConnection.HeadLimit) throw new MalformedRequestException("The trailers are too large.");
            }
            finished = true;
            return false;
        }

        private void ExpectLineEnd()
        {
            if (ReadLine() != "") throw new MalformedRequestException("A chunk does not end with CRLF.");
        }

        private string ReadLine()
        {
            while (true)
            {
                int at = Array.IndexOf(input.Buffer, (byte)'\n', input.Start, input.Available);
                if (at >= 0)
                {
                    int end = at > input.Start && input.Buffer[at - 1] == (byte)'\r' ? at - 1 : at;
                    string line = Encoding.ASCII.GetString(input.Buffer, input.Start, end - input.Start);
                    input.Start = at + 1;
                    return line;
                }
                if (input.Available > ChunkLineLimit) throw new MalformedRequestException("A chunk line is too long.");
                int n = input.Fill(input.Buffer.Length);
                if (n == 0) throw new IOException("The client closed the connection inside a chunked body.");
                if (n < 0) throw new MalformedRequestException("A chunk line is too long.");
            }
        }


        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
