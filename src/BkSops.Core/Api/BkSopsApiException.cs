using System;

namespace BkSops.Api
{
    /// <summary>
    /// A request that did not succeed. The message and <see cref="Exception.Data"/> carry what the server said
    /// (HTTP status, code, message, request and trace ids) and never any credential.
    /// </summary>
    public sealed class BkSopsApiException : Exception
    {
        public BkSopsApiException(ApiErrorKind kind, string reason, string message, string? route = null,
            int? httpStatus = null, long? code = null, string? serverMessage = null, string? requestId = null,
            string? traceId = null, string? explanation = null, bool mayHaveReachedServer = false)
            : base(message)
        {
            Kind = kind;
            Reason = reason;
            Route = route;
            HttpStatus = httpStatus;
            Code = code;
            ServerMessage = serverMessage;
            RequestId = requestId;
            TraceId = traceId;
            Explanation = explanation;
            MayHaveReachedServer = mayHaveReachedServer;
            if (httpStatus.HasValue) Data["HttpStatus"] = httpStatus.Value;
            if (code.HasValue) Data["Code"] = code.Value;
            if (serverMessage != null) Data["Message"] = serverMessage;
            if (requestId != null) Data["RequestId"] = requestId;
            if (traceId != null) Data["TraceId"] = traceId;
            if (route != null) Data["Route"] = route;
            if (explanation != null) Data["Explanation"] = explanation;
        }

        public ApiErrorKind Kind { get; }
        /// <summary>The last part of the error id: the server or gateway code, the HTTP status, or a connection reason.</summary>
        public string Reason { get; }
        /// <summary>The route called, e.g. <c>fast_create_task</c>.</summary>
        public string? Route { get; }
        public int? HttpStatus { get; }
        public long? Code { get; }
        public string? ServerMessage { get; }
        /// <summary>The <c>X-Bkapi-Request-Id</c> header (or the ESB's <c>request_id</c>).</summary>
        public string? RequestId { get; }
        public string? TraceId { get; }
        /// <summary>Plain English for a cryptic server message, when the validator knows what it means.</summary>
        public string? Explanation { get; set; }
        /// <summary>True when the request may have been carried out although no answer says so (no duplicate may be sent).</summary>
        public bool MayHaveReachedServer { get; }

        /// <summary>The stable error id, e.g. <c>BkSops.Api.3540000</c> or <c>BkSops.Connection.Timeout</c>.</summary>
        public string ErrorId => "BkSops." + Kind + "." + Reason;
    }
}
