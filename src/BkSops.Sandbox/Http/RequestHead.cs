using System;
using System.Collections.Generic;
using System.Text;

namespace BkSops.Sandbox.Http
{
    /// <summary>An HTTP/1.x request line and its headers, as <see cref="HttpConnection"/> read them.</summary>
    internal sealed class RequestHead
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly Encoding Latin1 = Encoding.GetEncoding("iso-8859-1");
        private readonly List<KeyValuePair<string, string>> headers = new List<KeyValuePair<string, string>>();

        public string Method { get; private set; } = "";

        /// <summary>The request target as sent (origin form <c>/path?query</c>, or absolute form).</summary>
        public string Target { get; private set; } = "";

        /// <summary>HTTP/1.1 or later (keep-alive unless the client says close).</summary>
        public bool Http11 { get; private set; }

        /// <summary>The value of a header (the last one when repeated), or null.</summary>
        public string? this[string name]
        {
            get
            {
                for (int i = headers.Count - 1; i >= 0; i--)
                    if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase)) return headers[i].Value;
                return null;
            }
        }

        /// <summary>Whether a comma-separated header (Connection, Transfer-Encoding) names <paramref name="token"/>.</summary>
        public bool HasToken(string name, string token)
        {
            foreach (var header in headers)
            {
                if (!string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var part in header.Value.Split(','))
                    if (string.Equals(part.Trim(), token, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>Reads a head (without its final blank line); null when it is not HTTP/1.x.</summary>
        public static RequestHead? Parse(byte[] buffer, int start, int length)
        {
            int end = start + length;
            int lineEnd = IndexOfLineEnd(buffer, start, end);
            if (lineEnd < 0) lineEnd = end;
            var head = new RequestHead();
            if (!head.ParseRequestLine(Ascii(buffer, start, TrimCr(buffer, start, lineEnd)))) return null;
            int at = lineEnd + 1;
            while (at < end)
            {
                int next = IndexOfLineEnd(buffer, at, end);
                if (next < 0) next = end;
                int stop = TrimCr(buffer, at, next);
                if (stop > at)
                {
                    // Obsolete line folding (a line starting with white space) is refused, as RFC 9112 allows.
                    if (buffer[at] == (byte)' ' || buffer[at] == (byte)'\t') return null;
                    int colon = Array.IndexOf(buffer, (byte)':', at, stop - at);
                    if (colon <= at) return null;
                    string name = Ascii(buffer, at, colon);
                    if (!IsToken(name)) return null;
                    head.headers.Add(new KeyValuePair<string, string>(name, Value(buffer, colon + 1, stop).Trim(' ', '\t')));
                }
                at = next + 1;
            }
            return head;
        }

        private bool ParseRequestLine(string line)
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0].Length == 0 || !IsToken(parts[0]) || parts[1].Length == 0) return false;
            if (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0") return false;
            foreach (char c in parts[1]) if (c <= ' ' || c >= 127) return false;
            Method = parts[0];
            Target = parts[1];
            Http11 = parts[2] == "HTTP/1.1";
            return true;
        }

        private static int IndexOfLineEnd(byte[] buffer, int start, int end) => Array.IndexOf(buffer, (byte)'\n', start, end - start);

        private static int TrimCr(byte[] buffer, int start, int lineEnd) => lineEnd > start && buffer[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;

        private static string Ascii(byte[] buffer, int start, int end) => Latin1.GetString(buffer, start, end - start);

        // Header values are read as UTF-8 when they are (JSON credentials with a non-ASCII user), else byte for byte.
        private static string Value(byte[] buffer, int start, int end)
        {
            bool ascii = true;
            for (int i = start; i < end && ascii; i++) ascii = buffer[i] < 128;
            if (ascii) return Latin1.GetString(buffer, start, end - start);
            try { return StrictUtf8.GetString(buffer, start, end - start); }
            catch (ArgumentException) { return Latin1.GetString(buffer, start, end - start); }
        }

        private static bool IsToken(string text)
        {
            if (text.Length == 0) return false;
            foreach (char c in text)
                if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0) return false;
            return true;
        }
    }
}
