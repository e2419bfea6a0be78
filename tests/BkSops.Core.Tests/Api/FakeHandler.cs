using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Api;

namespace BkSops.Core.Tests.Api
{
    /// <summary>An HttpMessageHandler that answers from a script and records every request (no network).</summary>
    internal sealed class FakeHandler : HttpMessageHandler
    {
        private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> script = new Queue<Func<HttpRequestMessage, HttpResponseMessage>>();

        public sealed class Seen
        {
            public string Method, Url, Body;
            public Dictionary<string, string> Headers = new Dictionary<string, string>();
        }

        public List<Seen> Requests { get; } = new List<Seen>();

        public FakeHandler Then(Func<HttpRequestMessage, HttpResponseMessage> answer) { script.Enqueue(answer); return this; }

        public FakeHandler ThenJson(string json, int status = 200, params (string, string)[] headers) => Then(_ => Json(json, status, headers));

        public FakeHandler ThenThrow(Exception e) => Then(_ => throw e);

        /// <summary>Answers after a delay, unless the client gives up first (as a slow server does).</summary>
        public FakeHandler ThenSlow(int milliseconds, string json) => Then(_ => new SlowAnswer(milliseconds, json));

        private sealed class SlowAnswer : HttpResponseMessage
        {
            public SlowAnswer(int ms, string json) { Milliseconds = ms; Json = json; }
            public int Milliseconds { get; }
            public string Json { get; }
        }

        public static HttpResponseMessage Json(string json, int status = 200, params (string, string)[] headers)
        {
            var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            foreach (var (k, v) in headers) r.Headers.TryAddWithoutValidation(k, v);
            return r;
        }

        public static Exception Refused() => new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        public static Exception Reset() => new HttpRequestException("Error while copying content", new System.IO.IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var seen = new Seen { Method = request.Method.Method, Url = request.RequestUri.ToString() };
            foreach (var h in request.Headers) seen.Headers[h.Key] = string.Join(",", h.Value);
            if (request.Content != null) seen.Body = await request.Content.ReadAsStringAsync();
            Requests.Add(seen);
            if (script.Count == 0) throw new InvalidOperationException("No more scripted answers: an unexpected request was sent.");
            var answer = script.Dequeue()(request);
            if (answer is SlowAnswer slow)
            {
                await Task.Delay(slow.Milliseconds, cancel);
                return Json(slow.Json);
            }
            return answer;
        }
    }

    internal static class TestClients
    {
        public const string Secret = "s3cr3t-APP-secret-value";
        public const string Token = "t0ken-USER-bk-token-value";

        public static ConnectionSettings Gateway(bool token = false) => new ConnectionSettings
        {
            Uri = new Uri("https://bkapi.example.com/api/bk-sops"),
            AppCode = "my-app",
            AppSecret = SecretText.Protect(Secret),
            UserName = token ? null : "admin",
            UserToken = token ? SecretText.Protect(Token) : null,
            MaxRetry = 3,
        };

        public static ConnectionSettings Esb(bool token = false)
        {
            var s = Gateway(token);
            s.Channel = ApiChannel.Esb;
            s.Uri = new Uri("https://paas.example.com");
            return s;
        }

        public static (BkSopsClient Client, FakeHandler Handler, List<TimeSpan> Delays) Make(ConnectionSettings settings)
        {
            var handler = new FakeHandler();
            var client = new BkSopsClient(settings, handler);
            var delays = new List<TimeSpan>();
            client.Delay = (t, c) => { delays.Add(t); return Task.CompletedTask; };
            return (client, handler, delays);
        }

        public const string CreatedAnswer = "{\"result\": true, \"data\": {\"task_id\": 7, \"task_url\": \"http://x/taskflow/execute/1/?instance_id=7\", \"pipeline_tree\": {\"id\": \"n1\"}}, \"code\": 0}";
    }

    /// <summary>Records what the client reports.</summary>
    internal sealed class RecordingLog : IApiLog
    {
        public List<string> Lines { get; } = new List<string>();
        public bool IsVerboseEnabled => true;
        public bool IsDebugEnabled => true;
        public void Verbose(string message) { lock (Lines) Lines.Add("V " + message); }
        public void Debug(string message) { lock (Lines) Lines.Add("D " + message); }
        public void Warning(string message) { lock (Lines) Lines.Add("W " + message); }
        public IEnumerable<string> Warnings => Lines.Where(l => l.StartsWith("W ", StringComparison.Ordinal));
    }
}
