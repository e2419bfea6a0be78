using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using BkSops.Sandbox;

namespace BkSops.Commands.Sandbox
{
    /// <summary>
    /// A running sandbox as Start-BkSopsSandbox returns it (PSTypeName <c>BkSops.Sandbox</c>): where it listens, the
    /// credentials it accepts and its project. Its ToString() shows the URI only.
    /// </summary>
    public sealed class SandboxInfo
    {
        public const string TypeName = "BkSops.Sandbox";

        internal SandboxInfo(SandboxServer server, PSCredential credential, SecureString userToken)
        {
            Server = server;
            Credential = credential;
            UserToken = userToken;
            Project = new SandboxProjectInfo();
        }

        internal SandboxServer Server { get; }

        /// <summary>The API gateway base, API name included: <c>http://127.0.0.1:&lt;port&gt;/api/bk-sops</c>.</summary>
        public string Uri => Server.Uri;

        /// <summary>The ESB host for the legacy channel: <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
        public string EsbUri => Server.EsbUri;

        /// <summary>The gateway stage, <c>prod</c>.</summary>
        public string Stage => Server.Stage;

        public int Port => Server.Port;

        /// <summary>App code (user name) and app secret (password) the sandbox accepts.</summary>
        public PSCredential Credential { get; }

        /// <summary>A bk_username the sandbox accepts (any non-empty one is).</summary>
        public string UserName => SandboxDefaults.UserName;

        /// <summary>The bk_token the sandbox accepts.</summary>
        public SecureString UserToken { get; }

        /// <summary>The sandbox's project: ProjectId 1, BkBizId 2, Name Sandbox.</summary>
        public SandboxProjectInfo Project { get; }

        /// <summary>The data folder, or null when tasks are kept in memory.</summary>
        public string? DataPath => Server.DataPath;

        public double TimeScale => Server.TimeScale;

        public IReadOnlyCollection<string> FailPlugin => Server.FailPlugins;

        /// <summary>How many tasks the sandbox holds.</summary>
        public int TaskCount => Server.Tasks.Count;

        public bool IsRunning => Server.IsRunning;

        public override string ToString() => Uri;
    }

    /// <summary>The sandbox's project, usable where a project is piped in (it has ProjectId and BkBizId).</summary>
    public sealed class SandboxProjectInfo
    {
        public long ProjectId => SandboxDefaults.ProjectId;
        public long BkBizId => SandboxDefaults.BkBizId;
        public string Name => SandboxDefaults.ProjectName;
        public override string ToString() => $"{Name} (ProjectId {ProjectId}, BkBizId {BkBizId})";
    }

    /// <summary>Stops the sandboxes of a session when the module is removed (they also stop when the process exits).</summary>
    public sealed class SandboxModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => SandboxServer.StopAll();
    }
}
