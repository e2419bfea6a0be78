using System;
using System.Collections.Generic;
using System.Security;

namespace BkSops.Api
{
    /// <summary>
    /// Everything needed to reach bk-sops (contracts.md section 4). Secrets are held as SecureString only.
    /// <see cref="Check"/> refuses incomplete or unsafe settings before any connection is made.
    /// </summary>
    public sealed class ConnectionSettings
    {
        public Uri? Uri { get; set; }

        /// <summary>The address, once <see cref="Check"/> has passed (a client is only made from checked settings).</summary>
        internal Uri CheckedUri => Uri ?? throw Invalid("MissingUri", "No bk-sops address: give -Uri (or set BKSOPS_URI).");
        public ApiChannel Channel { get; set; } = ApiChannel.ApiGateway;
        public string Stage { get; set; } = "prod";
        public string? AppCode { get; set; }
        public SecureString? AppSecret { get; set; }
        public string? UserName { get; set; }
        public SecureString? UserToken { get; set; }
        public string Scope { get; set; } = ProjectScope.CmdbBiz;
        public bool SkipCertificateCheck { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
        public int MaxRetry { get; set; } = 3;
        public bool AllowUnencrypted { get; set; }

        /// <summary>The environment variables a runbook sets instead of parameters.</summary>
        public static readonly IReadOnlyList<string> EnvironmentVariables = new[]
        {
            "BKSOPS_URI", "BKSOPS_CHANNEL", "BKSOPS_STAGE", "BKSOPS_APP_CODE", "BKSOPS_APP_SECRET",
            "BKSOPS_USERNAME", "BKSOPS_TOKEN", "BKSOPS_SCOPE",
        };

        /// <summary>Settings from the BKSOPS_* environment variables (null when BKSOPS_URI is not set).</summary>
        public static ConnectionSettings? FromEnvironment(Func<string, string?>? read = null)
        {
            read = read ?? Environment.GetEnvironmentVariable;
            string? uri = read("BKSOPS_URI");
            if (uri == null || string.IsNullOrWhiteSpace(uri)) return null;
            var settings = new ConnectionSettings { Uri = ParseUri(uri, "BKSOPS_URI") };
            string? channel = read("BKSOPS_CHANNEL");
            if (channel != null && !string.IsNullOrWhiteSpace(channel))
            {
                if (!Enum.TryParse(channel.Trim(), true, out ApiChannel parsed) || !Enum.IsDefined(typeof(ApiChannel), parsed))
                    throw Invalid("InvalidChannel", $"BKSOPS_CHANNEL is '{channel}'; use ApiGateway or Esb.");
                settings.Channel = parsed;
            }
            string? stage = read("BKSOPS_STAGE");
            if (stage != null && !string.IsNullOrWhiteSpace(stage)) settings.Stage = stage.Trim();
            settings.AppCode = NullIfEmpty(read("BKSOPS_APP_CODE"));
            string? secret = read("BKSOPS_APP_SECRET");
            if (secret != null && secret.Length > 0) settings.AppSecret = SecretText.Protect(secret);
            settings.UserName = NullIfEmpty(read("BKSOPS_USERNAME"));
            string? token = read("BKSOPS_TOKEN");
            if (token != null && token.Length > 0) settings.UserToken = SecretText.Protect(token);
            string? scope = read("BKSOPS_SCOPE");
            if (scope != null && !string.IsNullOrWhiteSpace(scope)) settings.Scope = scope.Trim();
            return settings;
        }

        public static Uri ParseUri(string text, string what = "-Uri")
        {
            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw Invalid("InvalidUri", $"{what} '{text}' is not an absolute http or https address.");
            return uri;
        }

        /// <summary>Throws a <see cref="BkSopsApiException"/> (kind Connection) naming what is missing or unsafe.</summary>
        public void Check()
        {
            if (Uri == null) throw Invalid("MissingUri", "No bk-sops address: give -Uri (or set BKSOPS_URI).");
            if (!Uri.IsAbsoluteUri || (Uri.Scheme != "http" && Uri.Scheme != "https"))
                throw Invalid("InvalidUri", $"'{Uri}' is not an absolute http or https address.");
            if (Uri.Scheme == "http" && !Uri.IsLoopback && !AllowUnencrypted)
                throw Invalid("Unencrypted",
                    $"'{Uri.GetLeftPart(UriPartial.Authority)}' is plain http to another machine: the app secret would travel unencrypted. " +
                    "Use https, or say -AllowUnencrypted if the network is trusted.");
            if (string.IsNullOrEmpty(AppCode) || AppSecret == null || AppSecret.Length == 0)
                throw Invalid("MissingCredential", "No app credential: give -Credential (user name = app code, password = app secret), or set BKSOPS_APP_CODE and BKSOPS_APP_SECRET.");
            if (string.IsNullOrEmpty(UserName) && (UserToken == null || UserToken.Length == 0))
                throw Invalid("MissingUser", "No user: give -UserName (bk_username) or -UserToken (bk_token), or set BKSOPS_USERNAME or BKSOPS_TOKEN.");
            if (!ProjectScope.IsKnown(Scope))
                throw Invalid("InvalidScope", $"Scope '{Scope}' is not one of cmdb_biz, project.");
            if (Channel == ApiChannel.ApiGateway && string.IsNullOrWhiteSpace(Stage))
                throw Invalid("MissingStage", "The API gateway channel needs a stage (-Stage, default prod).");
            if (MaxRetry < 0) throw Invalid("InvalidMaxRetry", "-MaxRetry cannot be negative.");
            if (Timeout <= TimeSpan.Zero) throw Invalid("InvalidTimeout", "-TimeoutSec must be positive.");
        }

        private static BkSopsApiException Invalid(string reason, string message) =>
            new BkSopsApiException(ApiErrorKind.Connection, reason, message);

        private static string? NullIfEmpty(string? s) => s == null || string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
