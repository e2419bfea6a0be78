using Newtonsoft.Json.Linq;

namespace BkSops.Api
{
    /// <summary>A successful answer (<c>result: true</c>): its envelope, read with Newtonsoft.Json (kept internal).</summary>
    public sealed class ApiAnswer
    {
        internal ApiAnswer(int status, AnswerEnvelope? envelope, string? requestId, int attempts)
        {
            HttpStatus = status;
            Envelope = envelope;
            RequestId = requestId;
            Attempts = attempts;
        }

        public int HttpStatus { get; }
        internal AnswerEnvelope? Envelope { get; }
        public string? RequestId { get; }
        /// <summary>How many requests it took (1 without retries).</summary>
        public int Attempts { get; }

        /// <summary>The answer's <c>data</c> (null when absent).</summary>
        internal JToken? Data => Envelope?.Data;
        public string? TraceId => BkSopsClient.StringValue(Envelope?["trace_id"]);
        public string? Message => BkSopsClient.StringValue(Envelope?["message"]);
    }
}
