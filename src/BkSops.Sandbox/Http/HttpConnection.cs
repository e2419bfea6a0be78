using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// One client connection of <see cref="LoopbackHttpServer"/>, served on its own thread: HTTP/1.1 requests one
    /// after another (keep-alive), bodies by <c>Content-Length</c> or chunked, each answered by the handler. A request
    /// that is not HTTP gets 400 and the connection closes; the server goes on.
    /// </summary>
    internal sealed class HttpConnection
    {
        /// <summary>Request line and headers together (nginx's default header buffers hold 4 x 8 KiB).</summary>
        public const int HeadLimit = 32 * 1024;
        private const int BufferSize = 16 * 1024;
        private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(120), IoTimeout = TimeSpan.FromSeconds(30);
        private static readonly Encoding Latin1 = Encoding.GetEncoding("iso-8859-1");
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private static readonly byte[] AbortedAnswer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{");
        private readonly Socket socket;
        private readonly Func<RequestHead, RequestBody, Task<Answer>> handler;
        private readonly Action<HttpConnection> closed;
        private int closing;

        public HttpConnection(Socket socket, Func<RequestHead, RequestBody, Task<Answer>> handler, Action<HttpConnection> closed)
        {
            this.socket = socket;
            this.handler = handler;
            this.closed = closed;
            Input = new ConnectionInput(socket, BufferSize);
        }

        public ConnectionInput Input { get; }

        public void Run()
        {
            try
            {
                while (ServeOne()) { }
            }
            catch (Exception)
            {
                // The client went away or was too slow (IOException), or a request broke something the handler does not
                // catch: this connection ends; an exception leaving the thread would end the whole process.
            }
            finally
            {
                DrainUnread();
                Close(abort: false);
            }
        }

        /// <summary>
        /// Reads, for a moment at most, what the client still sends after its answer (a body the handler did not need,
        /// say for a route that does not exist): closing a socket with unread data resets the connection, and a client
        /// still writing its body would then lose the answer it was sent.
        /// </summary>
        private void DrainUnread()
        {
            if (System.Threading.Volatile.Read(ref closing) != 0) return;
            try { socket.Shutdown(SocketShutdown.Send); }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            try
            {
                socket.ReceiveTimeout = 500;
                var scratch = new byte[BufferSize];
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(2);
                long drained = 0;
                while (DateTime.UtcNow < until && drained < 64L * 1024 * 1024)
                {
                    int n = socket.Receive(scratch);
                    if (n <= 0) break;
                    drained += n;
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
        }

        /// <summary>Serves one request; false when the connection is to close.</summary>
        private bool ServeOne()
        {
            Input.Timeout = IdleTimeout;
            int headLength = ReadHead();
            if (headLength == 0) return false; // the client closed between requests
            if (headLength < 0)
            {
                Write(Answer.Text(400, "Request Header Or Cookie Too Large"), head: null, keepAlive: false);
                return false;
            }
            var head = RequestHead.Parse(Input.Buffer, Input.Start, headLength - 4 >= 0 ? headLength - 4 : 0);
            Input.Start += headLength;
            Input.Timeout = IoTimeout;
            var body = head == null ? null : BodyOf(head);
            if (head == null || body == null)
            {
                Write(Answer.Text(400, "Bad Request"), head: null, keepAlive: false);
                return false;
            }

            Answer answer;
            try
            {
                // The handler completes at once but for a Slow fault, which holds this connection's thread only.
                answer = handler(head, body).GetAwaiter().GetResult();
            }
            catch (MalformedRequestException)
            {
                Write(Answer.Text(400, "Bad Request"), head: null, keepAlive: false);
                return false;
            }
            if (answer.Abort)
            {
                // The answer announces a body and the connection is reset after its first byte. A reset before any byte
                // would let HttpClient resend the request unseen on a kept-alive connection (it retries those).
                Input.Write(AbortedAnswer, 0, AbortedAnswer.Length);
                Close(abort: true);
                return false;
            }
            bool keepAlive = !answer.CloseConnection && body.Completed
                && (head.Http11 ? !head.HasToken("Connection", "close") : head.HasToken("Connection", "keep-alive"));
            Write(answer, head, keepAlive);
            return keepAlive;
        }

        /// <summary>Reads until the blank line after the headers; its length including that line, 0 at a clean end of input, -1 when over <see cref="HeadLimit"/>.</summary>
        private int ReadHead()
        {
            int scanned = 0;
            var began = new System.Diagnostics.Stopwatch();
            while (true)
            {
                var buffer = Input.Buffer;
                // Blank lines before a request line are allowed (RFC 9112 2.2).
                while (scanned == 0 && Input.Available >= 2 && buffer[Input.Start] == (byte)'\r' && buffer[Input.Start + 1] == (byte)'\n') Input.Start += 2;
                for (int i = Input.Start + Math.Max(0, scanned - 3); i + 3 < Input.End; i++)
                    if (buffer[i] == (byte)'\r' && buffer[i + 1] == (byte)'\n' && buffer[i + 2] == (byte)'\r' && buffer[i + 3] == (byte)'\n')
                        return i + 4 - Input.Start;
                scanned = Input.Available;
                if (scanned > HeadLimit) return -1;
                if (scanned > 0 && began.Elapsed > IoTimeout) throw new IOException("The request head took too long.");
                int n = Input.Fill(HeadLimit + 4);
                if (n < 0) return -1;
                if (n == 0)
                {
                    if (Input.Available == 0) return 0;
                    throw new IOException("The client closed the connection inside a request head.");
                }
                Input.Timeout = IoTimeout; // once a request has begun, its head must keep coming
                if (!began.IsRunning) began.Start();
            }
        }

        private RequestBody? BodyOf(RequestHead head)
        {
            bool expect = string.Equals(head["Expect"], "100-continue", StringComparison.OrdinalIgnoreCase);
            string? encoding = head["Transfer-Encoding"];
            if (encoding != null)
            {
                // Only "chunked" is understood; a body framed otherwise cannot be found (RFC 9112 6.1).
                if (!string.Equals(encoding.Trim(), "chunked", StringComparison.OrdinalIgnoreCase)) return null;
                return new RequestBody(Input, -1, chunked: true, expect);
            }
            string? length = head["Content-Length"];
            if (length == null) return new RequestBody(Input, 0, chunked: false, expectContinue: false);
            if (length.Length == 0 || length.Length > 18) return null;
            foreach (char c in length) if (c < '0' || c > '9') return null;
            return new RequestBody(Input, long.Parse(length, CultureInfo.InvariantCulture), chunked: false, expect);
        }

        private void Write(Answer answer, RequestHead? head, bool keepAlive)
        {
            var text = new StringBuilder(256);
            text.Append("HTTP/1.1 ").Append(answer.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(answer.Status)).Append("\r\n");
            text.Append("Date: ").Append(HttpDate.Now).Append("\r\n");
            text.Append("Content-Type: ").Append(answer.ContentType).Append("\r\n");
            text.Append("Content-Length: ").Append(answer.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            foreach (var header in answer.Headers) text.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            if (!keepAlive) text.Append("Connection: close\r\n");
            else if (head != null && !head.Http11) text.Append("Connection: keep-alive\r\n");
            text.Append("\r\n");
            bool withBody = head == null || head.Method != "HEAD";
            // The head and the body go out in one call, without copying the body behind the head.
            Input.Write(Utf8.GetBytes(text.ToString()), withBody ? answer.Body : Array.Empty<byte>());
            if (!keepAlive)
            {
                try { socket.Shutdown(SocketShutdown.Send); }
                catch (SocketException) { }
            }
        }

        private static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 413: return "Request Entity Too Large";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "Unknown";
            }
        }

        /// <summary>Closes the socket; <paramref name="abort"/> resets it (the client sees the connection dropped, no answer).</summary>
        public void Close(bool abort)
        {
            if (System.Threading.Interlocked.Exchange(ref closing, 1) != 0) return;
            try
            {
                if (abort) socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            closed(this);
        }
    }

    /// <summary>The <c>Date</c> header's value, made once a second.</summary>
    internal static class HttpDate
    {
        private static string text = "";
        private static long second = -1;

        public static string Now
        {
            get
            {
                var now = DateTime.UtcNow;
                long s = now.Ticks / TimeSpan.TicksPerSecond;
                if (s != System.Threading.Volatile.Read(ref second))
                {
                    text = now.ToString("r", CultureInfo.InvariantCulture);
                    System.Threading.Volatile.Write(ref second, s);
                }
                return text;
            }
        }
    }
}
