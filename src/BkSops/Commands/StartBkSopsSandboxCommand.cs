using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using BkSops.Commands.Formatting;
using BkSops.Commands.Input;
using BkSops.Commands.Sandbox;
using BkSops.Json;
using BkSops.Sandbox;
using BkSops.Serialization;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Start, "BkSopsSandbox", SupportsShouldProcess = true)]
    [OutputType(SandboxInfo.TypeName)]
    public sealed class StartBkSopsSandboxCommand : PSCmdlet
    {
        /// <summary>The loopback port; default: a free one.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>A folder for the tasks; they survive a restart. Default: tasks are kept in memory.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DataPath { get; set; }

        /// <summary>The app code (user name) and app secret (password) the sandbox accepts; default: bksops-sandbox and a random secret.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Factor for simulated waits: 0.01 makes a sleep_timer of 100 seconds last one second.</summary>
        [Parameter]
        [ValidateRange(0.0, 1000.0)]
        public double TimeScale { get; set; } = 1.0;

        /// <summary>Plugin codes whose nodes fail.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? FailPlugin { get; set; }

        /// <summary>Project templates for SubProcess nodes: @{ &lt;template id&gt; = &lt;tree&gt; }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Template { get; set; }

        protected override void EndProcessing()
        {
            var templates = ReadTemplates();
            string appCode = SandboxDefaults.AppCode;
            string? secret = null;
            if (Credential != null && Credential != PSCredential.Empty)
            {
                appCode = Credential.UserName;
                secret = Credential.GetNetworkCredential().Password;
                if (string.IsNullOrEmpty(appCode) || string.IsNullOrEmpty(secret))
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Credential needs an app code (user name) and an app secret (password)."),
                        "BkSops.Input.EmptyCredential", ErrorCategory.InvalidArgument, null));
            }
            secret = secret ?? RandomText();
            string token = RandomText();
            string? dataPath = DataPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DataPath);
            var options = new SandboxOptions
            {
                Port = Port,
                DataPath = dataPath,
                AppCode = appCode,
                AppSecret = secret,
                UserToken = token,
                TimeScale = TimeScale,
                FailPlugins = new List<string>(FailPlugin ?? new string[0]),
                Templates = templates,
            };
            if (!ShouldProcess(Port == 0 ? "a free loopback port" : $"loopback port {Port}", "Start a bk-sops sandbox")) return;

            SandboxServer server;
            try
            {
                server = SandboxServer.Start(options);
            }
            catch (SandboxStartException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "BkSops.Connection.ListenFailed", ErrorCategory.ResourceUnavailable, Port));
                return; // not reached: ThrowTerminatingError throws
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(new System.IO.IOException($"The sandbox cannot use the data folder '{dataPath}': {e.Message}", e),
                    "BkSops.Input.DataPathUnusable", ErrorCategory.WriteError, DataPath));
                return;
            }
            foreach (var problem in server.Tasks.LoadProblems) WriteWarning($"The sandbox could not read the task file {problem}; it is left in place.");
            foreach (var problem in server.RestoreProblems) WriteWarning($"The sandbox could not bring back the run of {problem}; the task starts over as CREATED.");
            WriteVerbose($"The bk-sops sandbox listens at {server.Uri} (ESB at {server.EsbUri}), {server.Tasks.Count} tasks.");
            var info = new SandboxInfo(server, new PSCredential(appCode, Secure(secret)), Secure(token));
            var output = new PSObject(info);
            output.TypeNames.Insert(0, SandboxInfo.TypeName);
            this.WriteViewed(output);
        }

        private Dictionary<long, JsonObject> ReadTemplates()
        {
            var templates = new Dictionary<long, JsonObject>();
            if (Template == null) return templates;
            foreach (DictionaryEntry entry in Template)
            {
                object key = entry.Key is PSObject pk ? pk.BaseObject : entry.Key;
                if (!long.TryParse(Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out long id) || id <= 0)
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Template: the key '{key}' is not a template id (a positive whole number)."),
                        "BkSops.Input.TemplateId", ErrorCategory.InvalidArgument, key));
                try
                {
                    templates[id] = TreeInput.From(entry.Value, SessionState.Path, InputFileLimit.MaxBytes(this), $"template {id}").Root;
                }
                catch (PipelineInputException e)
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Template {id}: {e.Message}", e), "BkSops.Input." + e.Reason,
                        ErrorCategory.InvalidData, entry.Value));
                }
            }
            return templates;
        }

        private static string RandomText()
        {
            var bytes = new byte[24];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
