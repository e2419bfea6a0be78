using BkSops.Json;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// The API gateway's own answers (spec section 4): shape <c>{code_name, data, code, message, result}</c>, with
    /// <c>X-Bkapi-Error-Code</c> and <c>X-Bkapi-Error-Message</c> headers. Such answers never reached bk-sops.
    /// </summary>
    public static class GatewayErrors
    {
        public const int InvalidArgsCode = 1640001, NoPermissionCode = 1640301, NotFoundCode = 1640401, TooLargeCode = 1641301;
        public const int RateLimitCode = 1642902, BadGatewayCode = 1650200, TimeoutCode = 1650401;

        public static Answer InvalidArgs(string reason) => Make(400, InvalidArgsCode, "INVALID_ARGS", $"Parameters error [reason=\"{reason}\"]");

        public static Answer NotFound(string method, string path) =>
            Make(404, NotFoundCode, "API_NOT_FOUND", $"API not found [method=\"{method}\" path=\"{path}\"]");

        public static Answer TooLarge() => Make(413, TooLargeCode, "BODY_SIZE_LIMIT_EXCEED", "Request body size too large.");

        public static Answer RateLimited(int retryAfterSeconds)
        {
            var answer = Make(429, RateLimitCode, "RATE_LIMIT_RESTRICTION", "API rate limit exceeded by stage strategy");
            string seconds = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return answer.WithHeader("X-Bkapi-RateLimit-Limit", "100")
                .WithHeader("X-Bkapi-RateLimit-Remaining", "0")
                .WithHeader("X-Bkapi-RateLimit-Reset", seconds)
                .WithHeader("X-Bkapi-RateLimit-Plugin", "bk-rate-limit")
                .WithHeader("Retry-After", seconds);
        }

        public static Answer BadGateway() =>
            Make(502, BadGatewayCode, "BAD_GATEWAY", "Bad Gateway [upstream_error=\"cannot read header from upstream\"]");

        public static Answer BackendTimeout() =>
            Make(504, TimeoutCode, "REQUEST_BACKEND_TIMEOUT", "Request backend service timeout [upstream_error=\"cannot read header from upstream\"]");

        private static Answer Make(int status, int code, string codeName, string message)
        {
            var o = new JsonObject();
            o.Set("code_name", new JsonString(codeName));
            o.Set("data", new JsonNull());
            o.Set("code", JsonNode.From(code));
            o.Set("message", new JsonString(message));
            o.Set("result", JsonNode.From(false));
            return Answer.FromJson(o, status)
                .WithHeader("X-Bkapi-Error-Code", code.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithHeader("X-Bkapi-Error-Message", message);
        }
    }
}
