using System.Collections.Generic;
using System.Text;

namespace BkSops.Api
{
    /// <summary>An HTTP request as it is (or, redacted, as it would be) sent: method, URL, headers and body.</summary>
    public sealed class PreparedRequest
    {
        private string? body;

        internal PreparedRequest(string method, string url, string pathForLog, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? bodyBytes)
        {
            Method = method;
            Url = url;
            PathForLog = pathForLog;
            Headers = headers;
            BodyBytes = bodyBytes;
        }

        public string Method { get; }
        public string Url { get; }
        /// <summary>The URL path without the query string (what Verbose shows).</summary>
        public string PathForLog { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
        /// <summary>The body as sent (UTF-8 JSON); null for GET.</summary>
        internal byte[]? BodyBytes { get; }
        /// <summary>The JSON body; null for GET.</summary>
        public string? Body => body ?? (BodyBytes == null ? null : body = Encoding.UTF8.GetString(BodyBytes));

        /// <summary>The request as text: request line, headers, blank line, body.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(Method).Append(' ').Append(Url).Append('\n');
            foreach (var h in Headers) text.Append(h.Key).Append(": ").Append(h.Value).Append('\n');
            if (BodyBytes != null) text.Append('\n').Append(Body);
            return text.ToString();
        }
    }
}
