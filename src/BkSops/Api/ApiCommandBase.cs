using System;
using System.Management.Automation;
using System.Threading;
using BkSops.Api;
using BkSops.Commands.Formatting;

namespace BkSops.Commands.Api
{
    /// <summary>
    /// What every cmdlet that calls bk-sops shares: <c>-Connection</c> (else the current connection, else one made
    /// from the BKSOPS_* environment variables), reports written from the pipeline thread, Ctrl+C cancelling the
    /// request, and ErrorRecords with the ids of contracts.md section 6.
    /// </summary>
    public abstract class ApiCommandBase : PSCmdlet
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        internal CmdletApiLog Log { get; private set; } = CmdletApiLog.Silent;

        /// <summary>The connection to use instead of the current one.</summary>
        [Parameter]
        [ValidateNotNull]
        public BkSopsConnection? Connection { get; set; }

        protected CancellationToken Cancel => stopping.Token;

        protected override void BeginProcessing()
        {
            Log = new CmdletApiLog(this, VerboseEnabled(), DebugEnabled());
        }

        protected override void StopProcessing() => stopping.Cancel();

        private bool DebugEnabled() => StreamEnabled("Debug", "DebugPreference");

        /// <summary>True when Verbose is shown or captured: -Verbose, or $VerbosePreference other than SilentlyContinue and Ignore.</summary>
        protected bool VerboseEnabled() => StreamEnabled("Verbose", "VerbosePreference");

        private bool StreamEnabled(string switchName, string preferenceName)
        {
            if (MyInvocation.BoundParameters.TryGetValue(switchName, out var value))
                return value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);
            return LanguagePrimitives.TryConvertTo(GetVariableValue(preferenceName), out ActionPreference p) &&
                   p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        /// <summary>The connection for a call: -Connection, else <paramref name="carried"/> (an input's own), else the current one, else the environment's.</summary>
        protected BkSopsConnection ResolveConnection(BkSopsConnection? carried = null)
        {
            if (Connection != null) return Usable(Connection);
            if (carried != null && carried.IsOpen) return carried;
            var current = BkSopsConnection.Current;
            if (current != null) return current;
            ConnectionSettings? settings;
            try
            {
                settings = ConnectionSettings.FromEnvironment();
                if (settings != null)
                {
                    var made = new BkSopsConnection(settings);
                    BkSopsConnection.Current = made;
                    WriteVerbose($"Connected from the BKSOPS_* environment variables: {made}");
                    return made;
                }
            }
            catch (BkSopsApiException e)
            {
                ThrowTerminatingError(ToErrorRecord(e, null));
            }
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("Not connected to bk-sops: run Connect-BkSops first (or set BKSOPS_URI, BKSOPS_APP_CODE, BKSOPS_APP_SECRET and BKSOPS_USERNAME or BKSOPS_TOKEN)."),
                "BkSops.Connection.NotConnected", ErrorCategory.ConnectionError, null));
            throw new InvalidOperationException("ThrowTerminatingError returned.");  // never reached: it throws
        }

        private BkSopsConnection Usable(BkSopsConnection connection)
        {
            if (!connection.IsOpen)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"The connection {connection.Id} was closed by Disconnect-BkSops; connect again."),
                    "BkSops.Connection.Closed", ErrorCategory.ConnectionError, connection));
            return connection;
        }

        /// <summary>The ErrorRecord for a failed request: stable id, fitting category, server details, English explanation.</summary>
        internal static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerException;
            if (!(exception is BkSopsApiException e))
            {
                if (exception is OperationCanceledException)
                    return new ErrorRecord(exception, "BkSops.Connection.Cancelled", ErrorCategory.OperationStopped, target);
                return new ErrorRecord(exception, "BkSops.Connection.Failed", ErrorCategory.NotSpecified, target);
            }
            var record = new ErrorRecord(e, e.ErrorId, Category(e), target);
            // The explanation is shown once, as the recommendation under the message.
            string ids = (e.RequestId != null ? $" Request id: {e.RequestId}." : "") + (e.TraceId != null ? $" Trace id: {e.TraceId}." : "");
            record.ErrorDetails = new ErrorDetails(e.Message + ids) { RecommendedAction = e.Explanation };
            return record;
        }

        private static ErrorCategory Category(BkSopsApiException e)
        {
            switch (e.Kind)
            {
                case ApiErrorKind.Gateway:
                    if (e.Code == 1640001) return ErrorCategory.AuthenticationError;
                    if (e.Code == 1640301) return ErrorCategory.PermissionDenied;
                    if (e.HttpStatus == 429 || e.Code == 1641301) return ErrorCategory.LimitsExceeded;
                    if (e.Code == 1640401) return ErrorCategory.ObjectNotFound;
                    return ErrorCategory.ConnectionError;
                case ApiErrorKind.Api:
                    if (e.Code == 3540400) return ErrorCategory.ObjectNotFound;
                    if (e.Code == 3545000) return ErrorCategory.InvalidOperation;
                    if (e.Code == 3540100) return ErrorCategory.PermissionDenied;
                    return ErrorCategory.InvalidData;
                case ApiErrorKind.Http:
                    if (e.HttpStatus == 401 || e.HttpStatus == 403) return ErrorCategory.PermissionDenied;
                    if (e.HttpStatus == 404) return ErrorCategory.ObjectNotFound;
                    if (e.HttpStatus == 429) return ErrorCategory.LimitsExceeded;
                    return ErrorCategory.InvalidResult;
                default:
                    switch (e.Reason)
                    {
                        case "Timeout": return ErrorCategory.OperationTimeout;
                        case "Unencrypted": return ErrorCategory.SecurityError;
                        case "MissingCredential":
                        case "MissingUser": return ErrorCategory.AuthenticationError;
                        case "Refused":
                        case "DnsFailure":
                        case "Reset": return ErrorCategory.ConnectionError;
                        default: return ErrorCategory.InvalidArgument;
                    }
            }
        }

        /// <summary>Writes an object with the PowerShell type name users see first (contracts.md section 1).</summary>
        protected void WriteTyped(object value, string typeName)
        {
            var pso = PSObject.AsPSObject(value);
            if (pso.TypeNames.Count == 0 || pso.TypeNames[0] != typeName) pso.TypeNames.Insert(0, typeName);
            this.WriteViewed(pso);
        }
    }
}
