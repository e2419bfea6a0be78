using Newtonsoft.Json.Linq;

namespace BkSops.Api
{
    /// <summary>A successful answer (<c>result: true</c>): its envelope, read with Newtonsoft.Json (internal only).</summary>
    public sealed class ApiAnswer
    {
        internal ApiAnswer(int status, JObject body, string bodyText, string requestId, int attempts)
        {
            HttpStatus = status;
            Body = body;
            BodyText = bodyText;
            RequestId = requestId;
            Attempts = attempts;
        }

        public int HttpStatus { get; }
        internal JObject Body { get; }
        /// <summary>The answer as received.</summary>
        internal string BodyText { get; }
        public string RequestId { get; }
        /// <summary>How many requests it took (1 without retries).</summary>
        public int Attempts { get; }

        internal JToken Data => Body["data"];
        public string TraceId => (string)Body["trace_id"];
        public string Message => Body["message"]?.Type == JTokenType.String ? (string)Body["message"] : null;
    }
}
