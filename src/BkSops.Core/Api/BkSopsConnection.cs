using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace BkSops.Api
{
    /// <summary>
    /// A connection to one bk-sops: its settings (no secret is readable from it) and its client. The current
    /// connection is process-wide, so runspaces of ThreadJob and ForEach-Object -Parallel see it.
    /// </summary>
    public sealed class BkSopsConnection : IDisposable
    {
        private static int lastId;
        private static BkSopsConnection? current;

        public BkSopsConnection(ConnectionSettings settings, System.Net.Http.HttpMessageHandler? handler = null)
        {
            Client = new BkSopsClient(settings, handler);
            Id = Interlocked.Increment(ref lastId);
            ConnectedAt = DateTimeOffset.Now;
        }

        /// <summary>The connection cmdlets use when no -Connection is given (null before Connect-BkSops).</summary>
        public static BkSopsConnection? Current
        {
            get => Volatile.Read(ref current);
            set => Volatile.Write(ref current, value);
        }

        public int Id { get; }
        public Uri Uri => Client.Settings.CheckedUri;
        public ApiChannel Channel => Client.Settings.Channel;
        public string? Stage => Client.Settings.Channel == ApiChannel.ApiGateway ? Client.Settings.Stage : null;
        public string AppCode => Client.Settings.AppCode ?? "";
        public string? UserName => Client.Settings.UserName;
        /// <summary>How the user is identified: <c>bk_token</c> or <c>bk_username</c> (the token itself is never shown).</summary>
        public string UserIdentity => Client.Settings.UserToken != null && Client.Settings.UserToken.Length > 0 ? "bk_token" : "bk_username";
        public string Scope => Client.Settings.Scope;
        public int TimeoutSec => (int)Math.Ceiling(Client.Settings.Timeout.TotalSeconds);
        public int MaxRetry => Client.Settings.MaxRetry;
        public bool SkipCertificateCheck => Client.Settings.SkipCertificateCheck;
        public DateTimeOffset ConnectedAt { get; }
        /// <summary>False after Disconnect-BkSops.</summary>
        public bool IsOpen { get; private set; } = true;

        public BkSopsClient Client { get; }

        /// <summary>Plugin codes per project (filled by Get-BkSopsPlugin, read by tab completion).</summary>
        public ConcurrentDictionary<string, IReadOnlyList<string>> PluginCodeCache { get; } = new ConcurrentDictionary<string, IReadOnlyList<string>>();
        /// <summary>Projects seen (filled by Get-BkSopsProject, read by tab completion).</summary>
        public IReadOnlyList<BkSopsProject>? ProjectCache { get; set; }

        public void Dispose()
        {
            IsOpen = false;
            Client.Dispose();
            Interlocked.CompareExchange(ref current, null, this);
        }

        public override string ToString() =>
            $"bk-sops {Channel} {Uri}" + (Stage != null ? $" stage {Stage}" : "") + $" as app {AppCode}";
    }
}
