using System;
using System.Collections.Specialized;
using System.Net;
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

        public async Task HandleAsync(HttpListenerContext context)
        {
            string requestId = Guid.NewGuid().ToString("N");
            Channel channel = Channel.ApiGateway;
            Answer answer;
            try
            {
                string path = PathOf(context.Request.RawUrl);
                if (path.StartsWith(EsbPrefix, StringComparison.Ordinal)) channel = Channel.Esb;
                answer = await ProcessAsync(context, path, channel).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                server.LastError = e;
                answer = Answer.Text(500, "Server Error (500)");
            }
            Write(context, answer, requestId, channel);
        }

        private async Task<Answer> ProcessAsync(HttpListenerContext context, string path, Channel channel)
        {
            var http = context.Request;
            var (body, drained) = await BodyReader.ReadAsync(http.InputStream, http.ContentLength64, SandboxDefaults.GatewayBodyLimit, server.Stopping).ConfigureAwait(false);
            if (body == null)
            {
                var tooLarge = GatewayErrors.TooLarge();
                tooLarge.CloseConnection = !drained; // the rest of the body is still coming: answer, then hang up
                return tooLarge;
            }

            var request = new SandboxRequest
            {
                Channel = channel,
                Method = http.HttpMethod,
                Body = body,
                Query = ParseQuery(http.Url.Query),
                AcceptLanguage = http.Headers["Accept-Language"],
            };
            var refused = channel == Channel.Esb ? RouteEsb(request, path) : RouteGateway(request, path, http.Headers["X-Bkapi-Authorization"]);
            if (refused != null) return refused;

            var fault = server.Faults.Take(request.Route.Name);
            if (fault == null) return backend.Handle(request);
            switch (fault.Kind)
            {
                case SandboxFaultKind.Http429: return GatewayErrors.RateLimited(fault.RetryAfterSeconds);
                case SandboxFaultKind.NotJson: return Answer.Text(200, "<html><body><h1>Sandbox fault NotJson</h1></body></html>", "text/html; charset=utf-8");
                case SandboxFaultKind.ResultFalse: return ApiJson.Answer(ApiJson.Fail("sandbox fault ResultFalse: the request was not carried out", ApiJson.UnknownError));
            }
            Answer done = fault.DoesWorkFirst(request.Route.ChangesState) ? backend.Handle(request) : null;
            switch (fault.Kind)
            {
                case SandboxFaultKind.Http500: return Answer.Text(500, "Server Error (500)");
                case SandboxFaultKind.Http502: return GatewayErrors.BadGateway();
                case SandboxFaultKind.Reset: return new Answer { Abort = true };
                default:
                    await Task.Delay(TimeSpan.FromSeconds(fault.DelaySeconds), server.Stopping).ConfigureAwait(false);
                    return done;
            }
        }

        private Answer RouteGateway(SandboxRequest request, string path, string authorization)
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
            request.UserName = credentials.CheckGateway(authorization, out string reason);
            return request.UserName == null ? GatewayErrors.InvalidArgs(reason) : null;
        }

        private Answer RouteEsb(SandboxRequest request, string path)
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
            request.UserName = credentials.CheckEsb(request, out string reason);
            if (request.UserName == null) return EsbErrors.Refuse(reason);
            foreach (var id in route.PathIds)
            {
                string value = EsbField(request, id) ?? (id == "bk_biz_id" ? EsbField(request, "project_id") : null);
                if (string.IsNullOrEmpty(value)) return EsbErrors.Refuse($"The ESB component sops.{name} needs the parameter {id}.");
                request.Ids[id] = value;
            }
            return null;
        }

        private static string EsbField(SandboxRequest request, string name)
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

        private static string PathOf(string rawUrl)
        {
            int q = rawUrl.IndexOf('?');
            string path = q >= 0 ? rawUrl.Substring(0, q) : rawUrl;
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

        private void Write(HttpListenerContext context, Answer answer, string requestId, Channel channel)
        {
            var response = context.Response;
            try
            {
                if (answer.Abort)
                {
                    // HttpListener cannot drop a connection before the status line (on Unix Abort still sends one), so the
                    // answer announces a body and ends after its first byte: the client sees the connection end mid-answer.
                    response.StatusCode = 200;
                    response.ContentType = "application/json";
                    response.ContentLength64 = 4096;
                    response.OutputStream.Write(new[] { (byte)'{' }, 0, 1);
                    response.OutputStream.Flush();
                    response.Abort();
                    return;
                }
                if (channel == Channel.Esb && answer.Json != null)
                {
                    answer.Json.Set("request_id", new JsonString(requestId));
                    answer.Rewrite();
                }
                response.StatusCode = answer.Status;
                if (answer.CloseConnection) response.KeepAlive = false;
                response.ContentType = answer.ContentType;
                if (channel == Channel.ApiGateway) response.Headers["X-Bkapi-Request-Id"] = requestId;
                foreach (var header in answer.Headers) response.Headers[header.Key] = header.Value;
                response.ContentLength64 = answer.Body.Length;
                response.OutputStream.Write(answer.Body, 0, answer.Body.Length);
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException || e is System.IO.IOException)
            {
                try { response.Abort(); } catch (ObjectDisposedException) { }
            }
        }
    }
}
