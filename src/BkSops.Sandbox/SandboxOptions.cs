using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Sandbox
{
    /// <summary>How a sandbox is started (contracts.md section 5). Holds the app secret: never print it.</summary>
    public sealed class SandboxOptions
    {
        /// <summary>The loopback port; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>A folder for the task files (kept across restarts); null keeps tasks in memory.</summary>
        public string? DataPath { get; set; }

        /// <summary>The app code the sandbox accepts.</summary>
        public string AppCode { get; set; } = SandboxDefaults.AppCode;

        /// <summary>The app secret the sandbox accepts; null makes a random one.</summary>
        public string? AppSecret { get; set; }

        /// <summary>The bk_token the sandbox accepts; null makes a random one.</summary>
        public string? UserToken { get; set; }

        /// <summary>Simulated waits (sleep_timer) take this factor of their real time: 0.01 makes 100 s last 1 s.</summary>
        public double TimeScale { get; set; } = 1.0;

        /// <summary>Plugin codes whose nodes fail.</summary>
        public ICollection<string> FailPlugins { get; set; } = new List<string>();

        /// <summary>Project templates for SubProcess nodes: template id → pipeline tree.</summary>
        public IDictionary<long, JsonObject> Templates { get; set; } = new Dictionary<long, JsonObject>();

        public override string ToString() => $"SandboxOptions: port {Port}, data {DataPath ?? "(memory)"}, app {AppCode}";
    }

    /// <summary>The fixed facts of every sandbox (contracts.md section 5).</summary>
    public static class SandboxDefaults
    {
        public const string AppCode = "bksops-sandbox";
        public const string UserName = "admin";
        public const string Stage = "prod";
        public const string ApiName = "bk-sops";
        public const long ProjectId = 1;
        public const long BkBizId = 2;
        public const string ProjectName = "Sandbox";

        /// <summary>The gateway's body limit (nginx <c>client_max_body_size 40m</c>: 40 MiB).</summary>
        public const long GatewayBodyLimit = 40L * 1024 * 1024;

        /// <summary>bk-sops' own limit, Django's <c>DATA_UPLOAD_MAX_MEMORY_SIZE = 26214400</c>.</summary>
        public const long BkSopsBodyLimit = 26214400;
    }
}
