using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace BkSops.Api
{
    /// <summary>
    /// Talks to one bk-sops (one HttpClient per connection, so connections are reused). Retries exactly as
    /// contracts.md section 7 says and turns every failure into a <see cref="BkSopsApiException"/> with a stable id.
    /// Thread-safe: many requests may be in flight at once.
    /// </summary>
    public sealed partial class BkSopsClient : IDisposable
    {
        private const int DebugBodyLimit = 100_000;
        private readonly HttpClient http;
        private readonly Random random = new Random();  // used under its own lock: Random is not thread-safe

        public BkSopsClient(ConnectionSettings settings, HttpMessageHandler? handler = null)
        {
            settings.Check();
            Settings = settings;
            http = new HttpClient(handler ?? CreateHandler(settings)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.ExpectContinue = false;
            http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        }

        public ConnectionSettings Settings { get; }

        /// <summary>How retries wait (tests replace it so they need not sleep).</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (t, c) => Task.Delay(t, c);

        private static HttpMessageHandler CreateHandler(ConnectionSettings settings)
        {
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;  // Windows PowerShell 5.1 defaults may lack TLS 1.2
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = 256,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (settings.SkipCertificateCheck)
                handler.ServerCertificateCustomValidationCallback = (request, cert, chain, errors) => true;
            return handler;
        }

        /// <summary>The request as it would be sent, with every secret redacted (for -WhatIf).</summary>
        public PreparedRequest Preview(ApiCall call) => RequestBuilder.Build(Settings, call, redact: true);

        /// <summary>Sends a call, retrying where contracts.md section 7 allows; throws <see cref="BkSopsApiException"/>.</summary>
        public async Task<ApiAnswer> SendAsync(ApiCall call, IApiLog? log = null, CancellationToken cancel = default)
        {
            log = log ?? NullApiLog.Instance;
            for (int attempt = 1; ; attempt++)
            {
                var outcome = await AttemptAsync(call, log, attempt, cancel).ConfigureAwait(false);
                if (outcome.Answer != null) return outcome.Answer;
                var error = outcome.Error ?? throw new InvalidOperationException($"{call.Route}: an attempt ended with neither an answer nor an error.");
                // A retried start that finds the task started: the first try did it (contracts.md section 7).
                if (attempt > 1 && call.Route == ApiRoutes.StartTask && error.Kind == ApiErrorKind.Api && error.Code == 3545000)
                    return new ApiAnswer(error.HttpStatus ?? 200, null, error.RequestId, attempt);
                bool retry = attempt <= Settings.MaxRetry && RetryPolicy.IsRetryable(call.ChangesState, outcome.Failure, error.HttpStatus);
                if (!retry) throw error;
                TimeSpan wait;
                lock (random) wait = RetryPolicy.Delay(attempt, outcome.RetryAfter, outcome.RateLimitReset, DateTimeOffset.UtcNow, random);
                log.Warning($"{call.Route}: {ShortReason(error)}; retry {attempt} of {Settings.MaxRetry} in {wait.TotalSeconds:0.#} s.");
                await Delay(wait, cancel).ConfigureAwait(false);
            }
        }

        private sealed class Outcome
        {
            public ApiAnswer? Answer;
            public BkSopsApiException? Error;
            public AttemptFailure Failure;
            public string? RetryAfter;
            public string? RateLimitReset;
        }

        private async Task<Outcome> AttemptAsync(ApiCall call, IApiLog log, int attempt, CancellationToken cancel)
        {
            var prepared = RequestBuilder.Build(Settings, call, redact: false);
            if (log.IsDebugEnabled)
                log.Debug("Request:\n" + Truncate(RequestBuilder.Build(Settings, call, redact: true).ToString()));
            var watch = Stopwatch.StartNew();
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            using (var request = ToMessage(prepared))
            {
                timeout.CancelAfter(Settings.Timeout);
                HttpResponseMessage response;
                byte[] body;
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (e is OperationCanceledException || e is HttpRequestException || e is IOException || e is SocketException || e is WebException)
                {
                    if (log.IsVerboseEnabled) log.Verbose($"{prepared.Method} {prepared.PathForLog} -> no answer ({watch.ElapsedMilliseconds} ms)");
                    return TransportFailure(call, e, attempt);
                }
                using (response)
                {
                    if (log.IsVerboseEnabled) log.Verbose($"{prepared.Method} {prepared.PathForLog} -> {(int)response.StatusCode} ({watch.ElapsedMilliseconds} ms)");
                    if (log.IsDebugEnabled) log.Debug($"Answer {(int)response.StatusCode}:\n" + Truncate(Scrub(Text(body))));
                    return Classify(call, response, body, attempt);
                }
            }
        }

        private static HttpRequestMessage ToMessage(PreparedRequest prepared)
        {
            var message = new HttpRequestMessage(prepared.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, prepared.Url);
            foreach (var h in prepared.Headers)
                if (h.Key != "Content-Type") message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            if (prepared.BodyBytes != null)
            {
                message.Content = new ByteArrayContent(prepared.BodyBytes);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            }
            return message;
        }

        private static string Text(byte[] body) => body == null ? "" : Encoding.UTF8.GetString(body);

        private Outcome TransportFailure(ApiCall call, Exception e, int attempt)
        {
            AttemptFailure failure;
            string reason;
            string what;
            if (e is OperationCanceledException)
            {
                failure = AttemptFailure.Timeout; reason = "Timeout";
                what = $"no answer within {Settings.Timeout.TotalSeconds:0.#} s";
            }
            else if (IsNotSent(e, out string? notSentReason) && notSentReason != null)
            {
                failure = AttemptFailure.NotSent; reason = notSentReason;
                what = notSentReason == "DnsFailure" ? $"the host name '{Settings.CheckedUri.Host}' does not resolve" : $"connection refused by {Settings.CheckedUri.Host}:{Settings.CheckedUri.Port}";
            }
            else
            {
                failure = AttemptFailure.Reset; reason = "Reset";
                what = "the connection dropped before an answer came";
            }
            bool mayHaveReached = failure != AttemptFailure.NotSent && call.ChangesState;
            string message = $"{call.Route}: {what}" + (attempt > 1 ? $" (after {attempt} attempts)." : ".");
            if (mayHaveReached) message += " " + MayHaveHappened(call);
            return new Outcome
            {
                Failure = failure,
                Error = new BkSopsApiException(ApiErrorKind.Connection, reason, message, call.Route, mayHaveReachedServer: mayHaveReached),
            };
        }

        private static bool IsNotSent(Exception e, out string? reason)
        {
            for (var x = e; x != null; x = x.InnerException)
            {
                if (x is SocketException s)
                {
                    if (s.SocketErrorCode == SocketError.ConnectionRefused) { reason = "Refused"; return true; }
                    if (s.SocketErrorCode == SocketError.HostNotFound || s.SocketErrorCode == SocketError.NoData || s.SocketErrorCode == SocketError.TryAgain)
                    { reason = "DnsFailure"; return true; }
                }
                if (x is WebException w)
                {
                    if (w.Status == WebExceptionStatus.ConnectFailure) { reason = "Refused"; return true; }
                    if (w.Status == WebExceptionStatus.NameResolutionFailure) { reason = "DnsFailure"; return true; }
                }
            }
            reason = null;
            return false;
        }

        /// <summary>What the user should know when a create or operation may have happened without an answer.</summary>
        private static string MayHaveHappened(ApiCall call)
        {
            if (call.Route == ApiRoutes.FastCreateTask)
            {
                string? name = call.Fields.FirstOrDefault(f => f.Key == "name").Value as string;
                string? project = call.PathIds.FirstOrDefault(p => p.Key == "bk_biz_id").Value;
                return $"The request may have reached bk-sops, so the task may exist: it was not sent again, to avoid a duplicate. " +
                       $"Look for it before submitting again: get_task_list on project {project} with keyword '{name}' (or the task list in the bk-sops web UI).";
            }
            return "The request may have reached bk-sops and been carried out: it was not sent again. Check the task's state with Get-BkSopsTask before repeating it.";
        }

        private Outcome Classify(ApiCall call, HttpResponseMessage response, byte[] bytes, int attempt)
        {
            int status = (int)response.StatusCode;
            string? requestId = Header(response, "X-Bkapi-Request-Id");
            var envelope = AnswerEnvelope.TryRead(bytes);
            long? code = envelope?["code"] is JValue { Type: JTokenType.Integer, Value: long c } ? c : (long?)null;
            if (status >= 200 && status <= 299 && envelope?["result"] is JValue { Type: JTokenType.Boolean, Value: true })
                return new Outcome { Answer = new ApiAnswer(status, envelope, requestId ?? StringValue(envelope["request_id"]), attempt) };

            string? retryAfter = response.Headers.RetryAfter != null
                ? (response.Headers.RetryAfter.Delta.HasValue ? response.Headers.RetryAfter.Delta.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
                   : response.Headers.RetryAfter.Date?.ToString("r", System.Globalization.CultureInfo.InvariantCulture))
                : null;
            string? reset = Header(response, "X-Bkapi-RateLimit-Reset");
            if (envelope != null && requestId == null) requestId = StringValue(envelope["request_id"]);
            string? traceId = StringValue(envelope?["trace_id"]);
            string? messageText = Text(envelope?["message"]);
            string? serverMessage = messageText == null ? null : Scrub(messageText);
            var outcome = new Outcome { RetryAfter = retryAfter, RateLimitReset = reset };
            string after = attempt > 1 ? $" (after {attempt} attempts)" : "";

            bool gatewayShape = envelope?["code_name"] != null && code.HasValue && code.Value >= 1_600_000 && code.Value < 1_700_000;
            if (code.HasValue && (gatewayShape || (status >= 400 && code.Value >= 1_600_000 && code.Value < 1_700_000)))
            {
                bool rateLimit = status == 429 && code.Value / 100 == 16429;
                outcome.Failure = rateLimit ? AttemptFailure.GatewayRateLimit : AttemptFailure.HttpStatus;
                bool mayHave = call.ChangesState && (status == 502 || status == 504);
                string message = $"{call.Route}: the API gateway answered HTTP {status}, code {code}: {serverMessage}{after}.";
                string? explanation = ErrorExplainer.ForGateway(code.Value, serverMessage);
                if (mayHave) message += " " + MayHaveHappened(call);
                outcome.Error = new BkSopsApiException(ApiErrorKind.Gateway, code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    message, call.Route, status, code, serverMessage, requestId, traceId, explanation, mayHave);
                return outcome;
            }
            if (status < 200 || status > 299)
            {
                outcome.Failure = AttemptFailure.HttpStatus;
                bool mayHave = call.ChangesState && status >= 500;
                string? shown = serverMessage ?? FirstLine(Scrub(Text(bytes)));
                string message = $"{call.Route}: HTTP {status} {response.ReasonPhrase}" + (string.IsNullOrEmpty(shown) ? "" : $": {shown}") + after + ".";
                if (mayHave) message += " " + MayHaveHappened(call);
                outcome.Error = new BkSopsApiException(ApiErrorKind.Http, status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    message, call.Route, status, code, serverMessage, requestId, traceId, ErrorExplainer.ForHttp(status, call.Route), mayHave);
                return outcome;
            }
            if (envelope?["result"]?.Type != JTokenType.Boolean)
            {
                outcome.Failure = AttemptFailure.Answered;
                bool mayHave = call.ChangesState;
                string message = $"{call.Route}: HTTP {status}, but the answer is not bk-sops JSON: '{FirstLine(Scrub(Text(bytes)))}'{after}.";
                if (mayHave) message += " " + MayHaveHappened(call);
                outcome.Error = new BkSopsApiException(ApiErrorKind.Http, status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    message, call.Route, status, null, null, requestId, traceId,
                    "A proxy or an error page may have answered instead of bk-sops; check the address (-Uri) and the channel.", mayHave);
                return outcome;
            }
            outcome.Failure = AttemptFailure.Answered;
            string reason = code.HasValue ? code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NoCode";
            string refused = $"{call.Route}: bk-sops refused: {serverMessage} (code {(code.HasValue ? code.ToString() : "none")}){after}.";
            outcome.Error = new BkSopsApiException(ApiErrorKind.Api, reason, refused, call.Route, status, code, serverMessage,
                requestId, traceId, ErrorExplainer.ForApi(call.Route, code, serverMessage));
            return outcome;
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private static string FirstLine(string text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            string line = text.Trim().Split('\n')[0].Trim();
            return line.Length > 200 ? line.Substring(0, 200) + "…" : line;
        }

        private static string Truncate(string text) =>
            text.Length > DebugBodyLimit ? text.Substring(0, DebugBodyLimit) + $"… ({text.Length} characters)" : text;

        private static string ShortReason(BkSopsApiException e) =>
            e.HttpStatus.HasValue ? $"HTTP {e.HttpStatus}" + (e.Code.HasValue ? $" (code {e.Code})" : "") : e.Reason;

        /// <summary>Removes the app secret and the user token from text the server sent back.</summary>
        internal string Scrub(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (var secure in new[] { Settings.AppSecret, Settings.UserToken })
            {
                if (secure == null || secure.Length < 1) continue;
                string? plain = SecretText.Reveal(secure);
                if (plain != null && plain.Length > 0 && text.IndexOf(plain, StringComparison.Ordinal) >= 0)
                    text = text.Replace(plain, SecretText.Redacted);
            }
            return text;
        }

        public void Dispose() => http.Dispose();
    }
}
