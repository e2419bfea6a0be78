using System;
using System.Management.Automation;
using System.Security;
using BkSops.Api;
using BkSops.Commands.Api;
using BkSops.Commands.Formatting;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "BkSops", DefaultParameterSetName = UriSet)]
    [OutputType(typeof(BkSopsConnection))]
    public sealed class ConnectBkSopsCommand : PSCmdlet
    {
        private const string UriSet = "Uri";
        private const string SandboxSet = "Sandbox";
        internal const string TypeName = "BkSops.Connection";

        /// <summary>The API gateway base including the API name, or the ESB host. Default: BKSOPS_URI.</summary>
        [Parameter(Position = 0, ParameterSetName = UriSet)]
        [ValidateNotNullOrEmpty]
        public string? Uri { get; set; }

        /// <summary>App code (user name) and app secret (password). Default: BKSOPS_APP_CODE and BKSOPS_APP_SECRET.</summary>
        [Parameter(Position = 1, ParameterSetName = UriSet)]
        [Parameter(ParameterSetName = SandboxSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The bk_username to act as.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>The bk_token to act with (instead of -UserName).</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? UserToken { get; set; }

        /// <summary>The gateway stage (API gateway channel only). Default: BKSOPS_STAGE, else prod.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Stage { get; set; }

        /// <summary>ApiGateway (default) or Esb. Default: BKSOPS_CHANNEL, else ApiGateway.</summary>
        [Parameter]
        public ApiChannel Channel { get => channelBox is ApiChannel c ? c : default(ApiChannel); set => channelBox = value; }

        // Boxed: an enum-typed field from another of our assemblies would make Import-Module load it while it reads
        // the cmdlets, before ModuleAssemblyLoader picks the BkSops.Core build (ModuleLoading.Tests.ps1 checks this).
        private object? channelBox;

        /// <summary>How the server reads project ids: cmdb_biz (default) or project. Default: BKSOPS_SCOPE, else cmdb_biz.</summary>
        [Parameter]
        [ValidateSet(ProjectScope.CmdbBiz, ProjectScope.Project)]
        public string? Scope { get; set; }

        /// <summary>Accept any TLS certificate (test systems only).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Seconds to wait for each answer (default 100).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Retries of a request that may be retried (default 3; contracts.md section 7).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetry { get; set; } = 3;

        /// <summary>Allow plain http to a host that is not this machine.</summary>
        [Parameter]
        public SwitchParameter AllowUnencrypted { get; set; }

        /// <summary>A sandbox from Start-BkSopsSandbox: its address, credentials and user.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SandboxSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? Sandbox { get; set; }

        protected override void ProcessRecord()
        {
            if (UserName != null && UserToken != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -UserName or -UserToken, not both."),
                    "BkSops.Connection.UserAmbiguous", ErrorCategory.InvalidArgument, null));
            ConnectionSettings settings;
            try
            {
                settings = ParameterSetName == SandboxSet ? FromSandbox() : FromParametersAndEnvironment();
                ApplyCommon(settings);
                settings.Check();
            }
            catch (BkSopsApiException e)
            {
                ThrowTerminatingError(ApiCommandBase.ToErrorRecord(e, Uri));
                return;
            }
            var connection = new BkSopsConnection(settings);
            BkSopsConnection.Current = connection;
            WriteVerbose($"Connected: {connection}; user by {connection.UserIdentity}; scope {connection.Scope}.");
            var pso = PSObject.AsPSObject(connection);
            pso.TypeNames.Insert(0, TypeName);
            this.WriteViewed(pso);
        }

        private ConnectionSettings FromParametersAndEnvironment()
        {
            var env = ConnectionSettings.FromEnvironment() ?? new ConnectionSettings();
            if (Uri != null) env.Uri = ConnectionSettings.ParseUri(Uri);
            if (Credential != null)
            {
                env.AppCode = Credential.UserName?.TrimStart('\\');
                env.AppSecret = Credential.Password;
            }
            return env;
        }

        private ConnectionSettings FromSandbox()
        {
            var settings = new ConnectionSettings();
            var channel = MyInvocation.BoundParameters.ContainsKey(nameof(Channel)) ? Channel : ApiChannel.ApiGateway;
            object? uri = Property(channel == ApiChannel.Esb ? "EsbUri" : "Uri");
            settings.Uri = ConnectionSettings.ParseUri(Convert.ToString(uri, System.Globalization.CultureInfo.InvariantCulture), "The sandbox's Uri");
            if (Property("Stage") is object stage) settings.Stage = stage.ToString();
            var credential = Credential ?? Unwrap(Property("Credential")) as PSCredential;
            if (credential != null)
            {
                settings.AppCode = credential.UserName?.TrimStart('\\');
                settings.AppSecret = credential.Password;
            }
            if (UserName == null && UserToken == null)
                settings.UserName = Property("UserName")?.ToString();
            return settings;
        }

        private void ApplyCommon(ConnectionSettings settings)
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(Channel))) settings.Channel = Channel;
            if (Stage != null) settings.Stage = Stage;
            if (Scope != null) settings.Scope = Scope;
            if (UserName != null) { settings.UserName = UserName; settings.UserToken = null; }
            if (UserToken != null) { settings.UserToken = UserToken; settings.UserName = null; }
            settings.SkipCertificateCheck = SkipCertificateCheck.IsPresent;
            settings.AllowUnencrypted = AllowUnencrypted.IsPresent;
            settings.Timeout = TimeSpan.FromSeconds(TimeoutSec);
            settings.MaxRetry = MaxRetry;
        }

        private object? Property(string name) => Unwrap(Sandbox?.Properties[name]?.Value);

        private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;
    }
}
