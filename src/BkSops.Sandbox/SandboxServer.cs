using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using BkSops.Sandbox.Api;
using BkSops.Sandbox.Creation;
using BkSops.Sandbox.Faults;
using BkSops.Sandbox.Http;
using BkSops.Sandbox.Store;

namespace BkSops.Sandbox
{
    /// <summary>
    /// A local bk-sops-compatible server on loopback: the API gateway routes under <see cref="Uri"/>
    /// (<c>/api/bk-sops/prod/&lt;route&gt;/&lt;ids&gt;/</c>) and the legacy ESB form under <see cref="EsbUri"/>
    /// (<c>/api/c/compapi/v2/sops/&lt;route&gt;/</c>). It stops with <see cref="Stop"/> or when the process exits.
    /// </summary>
    public sealed class SandboxServer : IDisposable
    {
        private static readonly List<SandboxServer> Running = new List<SandboxServer>();
        private LoopbackHttpServer? http;
        private readonly SandboxOptions options;
        private readonly Credentials credentials;
        private readonly RequestPipeline pipeline;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private int stopped;

        static SandboxServer()
        {
            AppDomain.CurrentDomain.ProcessExit += (s, e) => StopAll();
        }

        private SandboxServer(SandboxOptions options, string appSecret, string userToken)
        {
            this.options = options;
            credentials = new Credentials(options.AppCode, appSecret, userToken);
            Tasks = new TaskStore(options.DataPath);
            Faults = new FaultInjector();
            Creator = new TaskCreator(new HashSet<long>(options.Templates.Keys), new ProjectTemplates(options.Templates));
            Runs = new ExecutionRoutes(this, options);
            pipeline = new RequestPipeline(this, credentials);
        }

        /// <summary>Starts a sandbox; throws <see cref="SandboxStartException"/> when the port cannot be used.</summary>
        public static SandboxServer Start(SandboxOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            string? appSecret = options.AppSecret, userToken = options.UserToken;
            if (appSecret == null || appSecret.Length == 0) throw new ArgumentException("The sandbox needs an app secret.", nameof(options));
            if (userToken == null || userToken.Length == 0) throw new ArgumentException("The sandbox needs a user token.", nameof(options));
            var server = new SandboxServer(options, appSecret, userToken);
            try
            {
                // Port 0: the system picks a free one.
                server.http = new LoopbackHttpServer(options.Port, server.pipeline.HandleAsync);
            }
            catch (SocketException e)
            {
                throw new SandboxStartException($"The sandbox cannot listen on {LoopbackHost}:{options.Port}: {e.Message}", e);
            }
            server.Port = server.http.Port;
            server.Runs.RestoreAll();
            lock (Running) Running.Add(server);
            server.http.Serve();
            return server;
        }

        private const string LoopbackHost = "127.0.0.1";

        public int Port { get; private set; }

        /// <summary><c>127.0.0.1</c>: the sandbox listens on the loopback interface only.</summary>
        public string Host => LoopbackHost;

        /// <summary>The gateway base including the API name: <c>http://127.0.0.1:&lt;port&gt;/api/bk-sops</c>.</summary>
        public string Uri => $"http://{Host}:{Port}/api/{SandboxDefaults.ApiName}";

        /// <summary>The ESB host: <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
        public string EsbUri => $"http://{Host}:{Port}";

        public string Stage => SandboxDefaults.Stage;
        public string AppCode => options.AppCode;
        public double TimeScale => options.TimeScale;
        public IReadOnlyCollection<string> FailPlugins => options.FailPlugins.ToList();
        public IDictionary<long, BkSops.Json.JsonObject> Templates => options.Templates;
        public string? DataPath => options.DataPath;

        /// <summary>bk-sops' <c>APP_HOST</c> for task URLs.</summary>
        public string AppHost => $"http://{Host}:{Port}/o/bk_sops/";

        public bool IsRunning => Volatile.Read(ref stopped) == 0;

        public TaskStore Tasks { get; }
        public FaultInjector Faults { get; }
        internal TaskCreator Creator { get; }
        internal ExecutionRoutes Runs { get; }
        internal CancellationToken Stopping => stopping.Token;

        /// <summary>Tasks whose run could not be brought back from their file (they start over as CREATED).</summary>
        public IReadOnlyList<string> RestoreProblems { get { lock (Runs.RestoreProblems) return Runs.RestoreProblems.ToList(); } }

        /// <summary>The last exception a request ended in (answered with HTTP 500), for diagnosis.</summary>
        public Exception? LastError { get; internal set; }

        /// <summary>bk-sops' task URL: <c>&lt;APP_HOST&gt;taskflow/execute/&lt;project id&gt;/?instance_id=&lt;task id&gt;</c>.</summary>
        public string TaskUrl(long taskId) => $"{AppHost}taskflow/execute/{SandboxDefaults.ProjectId}/?instance_id={taskId}";

        /// <summary>Stops listening and ends the task runs; tasks in a data folder stay there.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0) return;
            stopping.Cancel();
            http?.Dispose();
            Runs.StopAll();
            lock (Running) Running.Remove(this);
        }

        public void Dispose() => Stop();

        /// <summary>Stops every sandbox of this process (process exit, module removal).</summary>
        public static void StopAll()
        {
            SandboxServer[] all;
            lock (Running) all = Running.ToArray();
            foreach (var server in all) server.Stop();
        }

        public override string ToString() => $"bk-sops sandbox at {Uri}" + (IsRunning ? "" : " (stopped)");
    }

    /// <summary>The sandbox could not start (port in use, no permission to listen).</summary>
    public sealed class SandboxStartException : Exception
    {
        public SandboxStartException(string message, Exception inner) : base(message, inner) { }
    }
}
