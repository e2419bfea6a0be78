using System;
using System.Collections.Generic;
using System.Text;

namespace BkSops.Api
{
    /// <summary>An HTTP request as it is (or, redacted, as it would be) sent: method, URL, headers and body.</summary>
    public sealed class PreparedRequest
    {
        internal PreparedRequest(string method, string url, string pathForLog, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
        {
            Method = method;
            Url = url;
            PathForLog = pathForLog;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string Url { get; }
        /// <summary>The URL path without the query string (what Verbose shows).</summary>
        public string PathForLog { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
        /// <summary>The JSON body; null for GET.</summary>
        public string Body { get; }

        /// <summary>The request as text: request line, headers, blank line, body.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(Method).Append(' ').Append(Url).Append('\n');
            foreach (var h in Headers) text.Append(h.Key).Append(": ").Append(h.Value).Append('\n');
            if (Body != null) text.Append('\n').Append(Body);
            return text.ToString();
        }
    }
}
