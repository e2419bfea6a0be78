using System;
using System.Collections.Specialized;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Sandbox.Api;
using BkSops.Sandbox.Faults;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// What happens to every request, in the order the real pair does it: the gateway (or ESB) reads the body up to
    /// its limit, finds the resource, checks the credentials and its rate limit, then bk-sops answers (its own 25 MiB
    /// limit, its URL patterns, the view). Armed faults come in between. Any exception ends as HTTP 500; the server
    /// keeps serving.
    /// </summary>
    internal sealed class RequestPipeline
    {
        private const string GatewayPrefix = "/api/" + SandboxDefaults.ApiName + "/";
        private const string EsbPrefix = "/api/c/compapi/v2/sops/";
        private readonly SandboxServer server;
        private readonly Credentials credentials;
        private readonly Backend backend;

        public RequestPipeline(SandboxServer server, Credentials credentials)
        {
            this.server = server;
            this.credentials = credentials;
            backend = new Backend(server);
        }

        /// <summary>The answer to one request (a <see cref="MalformedRequestException"/> from its body is left to the connection).</summary>
        public async Task<Answer> HandleAsync(RequestHead head, RequestBody body)
        {
            string requestId = Creation.RandomBytes.Uuid4Hex();
            Channel channel = Channel.ApiGateway;
            Answer answer;
            try
            {
                string path = PathOf(head.Target, out string query);
                if (path.StartsWith(EsbPrefix, StringComparison.Ordinal)) channel = Channel.Esb;
                answer = await ProcessAsync(head, body, path, query, channel).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is MalformedRequestException))
            {
                server.LastError = e;
                answer = Answer.Text(500, "Server Error (500)");
            }
            if (answer.Abort) return answer;
            if (channel == Channel.Esb && answer.Json != null)
            {
                answer.Json.Set("request_id", new JsonString(requestId));
                answer.Rewrite();
            }
            if (channel == Channel.ApiGateway) answer.Headers.Insert(0, new System.Collections.Generic.KeyValuePair<string, string>("X-Bkapi-Request-Id", requestId));
            return answer;
        }

        private async Task<Answer> ProcessAsync(RequestHead head, RequestBody input, string path, string query, Channel channel)
        {
            var (body, drained) = await BodyReader.ReadAsync(input, SandboxDefaults.GatewayBodyLimit, server.Stopping).ConfigureAwait(false);
            if (body == null)
            {
                var tooLarge = GatewayErrors.TooLarge();
                tooLarge.CloseConnection = !drained; // the rest of the body is still coming: answer, then hang up
                return tooLarge;
            }

            var request = new SandboxRequest
            {
                Channel = channel,
                Method = head.Method,
                Body = body,
                Query = ParseQuery(query),
                AcceptLanguage = head["Accept-Language"],
            };
            var refused = channel == Channel.Esb ? RouteEsb(request, path) : RouteGateway(request, path, head["X-Bkapi-Authorization"]);
            if (refused != null) return refused;

            var fault = server.Faults.Take(request.Route.Name);
            if (fault == null) return backend.Handle(request);
            switch (fault.Kind)
            {
                case SandboxFaultKind.Http429: return GatewayErrors.RateLimited(fault.RetryAfterSeconds);
                case SandboxFaultKind.NotJson: return Answer.Text(200, "<html><body><h1>Sandbox fault NotJson</h1></body></html>", "text/html; charset=utf-8");
                case SandboxFaultKind.ResultFalse: return ApiJson.Answer(ApiJson.Fail("sandbox fault ResultFalse: the request was not carried out", ApiJson.UnknownError));
            }
            Answer? done = fault.DoesWorkFirst(request.Route.ChangesState) ? backend.Handle(request) : null;
            switch (fault.Kind)
            {
                case SandboxFaultKind.Http500: return Answer.Text(500, "Server Error (500)");
                case SandboxFaultKind.Http502: return GatewayErrors.BadGateway();
                case SandboxFaultKind.Reset: return new Answer { Abort = true };
                default:
                    await Task.Delay(TimeSpan.FromSeconds(fault.DelaySeconds), server.Stopping).ConfigureAwait(false);
                    return done ?? Answer.Text(500, "Server Error (500)");
            }
        }

        private Answer? RouteGateway(SandboxRequest request, string path, string? authorization)
        {
            if (!path.StartsWith(GatewayPrefix, StringComparison.Ordinal)) return GatewayErrors.NotFound(request.Method, path);
            string rest = path.Substring(GatewayPrefix.Length);
            if (rest.EndsWith("/", StringComparison.Ordinal)) rest = rest.Substring(0, rest.Length - 1);
            var segments = rest.Split('/');
            var route = segments.Length >= 2 && segments[0] == server.Stage ? Routes.Find(segments[1]) : null;
            if (route == null || route.Method != request.Method || segments.Length != 2 + route.PathIds.Count)
                return GatewayErrors.NotFound(request.Method, path);
            for (int i = 0; i < route.PathIds.Count; i++)
            {
                if (segments[2 + i].Length == 0) return GatewayErrors.NotFound(request.Method, path);
                request.Ids[route.PathIds[i]] = Uri.UnescapeDataString(segments[2 + i]);
            }
            request.Route = route;
            string? user = credentials.CheckGateway(authorization, out string reason);
            if (user == null) return GatewayErrors.InvalidArgs(reason);
            request.UserName = user;
            return null;
        }

        private Answer? RouteEsb(SandboxRequest request, string path)
        {
            string name = path.Substring(EsbPrefix.Length).TrimEnd('/');
            var route = Routes.Find(name);
            if (route == null)
                return Status(EsbErrors.Refuse($"The ESB has no component sops.{name} [path=\"{path}\"]."), 404);
            if (route.Method != request.Method)
                return Status(EsbErrors.Refuse($"The ESB component sops.{name} takes {route.Method} requests, not {request.Method}."), 405);
            request.Route = route;
            if (request.Method != "GET" && !request.BodyIsEmpty && !(request.BodyJson is JsonObject))
                return EsbErrors.Refuse("The request body is not a JSON object; the ESB reads bk_app_code, bk_app_secret and bk_token or bk_username from it.");
            string? user = credentials.CheckEsb(request, out string reason);
            if (user == null) return EsbErrors.Refuse(reason);
            request.UserName = user;
            foreach (var id in route.PathIds)
            {
                string? value = EsbField(request, id) ?? (id == "bk_biz_id" ? EsbField(request, "project_id") : null);
                if (value == null || value.Length == 0) return EsbErrors.Refuse($"The ESB component sops.{name} needs the parameter {id}.");
                request.Ids[id] = value;
            }
            return null;
        }

        private static string? EsbField(SandboxRequest request, string name)
        {
            if (request.Method == "GET") return request.Query[name];
            switch (request.BodyField(name))
            {
                case JsonString s: return s.Value;
                case JsonNumber n: return n.RawText;
                default: return null;
            }
        }

        private static Answer Status(Answer answer, int status)
        {
            answer.Status = status;
            return answer;
        }

        private static string PathOf(string target, out string query)
        {
            int q = target.IndexOf('?');
            string path = q >= 0 ? target.Substring(0, q) : target;
            query = q >= 0 ? target.Substring(q + 1) : "";
            // An absolute-form request target: keep only the path.
            if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && System.Uri.TryCreate(path, UriKind.Absolute, out var absolute))
                path = absolute.AbsolutePath;
            return path;
        }

        private static NameValueCollection ParseQuery(string query)
        {
            var result = new NameValueCollection();
            if (string.IsNullOrEmpty(query)) return result;
            foreach (var pair in query.TrimStart('?').Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=');
                string key = Decode(eq >= 0 ? pair.Substring(0, eq) : pair);
                string value = eq >= 0 ? Decode(pair.Substring(eq + 1)) : "";
                // Django's QueryDict.get gives the last value of a repeated key.
                result.Set(key, value);
            }
            return result;
        }

        private static string Decode(string text)
        {
            try { return Uri.UnescapeDataString(text.Replace('+', ' ')); }
            catch (UriFormatException) { return text; }
        }
    }
}
