using System.Management.Automation;
using BkSops.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommunications.Disconnect, "BkSops")]
    [OutputType(typeof(void))]
    public sealed class DisconnectBkSopsCommand : PSCmdlet
    {
        /// <summary>The connection to close; default: the current one.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public BkSopsConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? BkSopsConnection.Current;
            if (connection == null)
            {
                WriteVerbose("Not connected; nothing to close.");
                return;
            }
            connection.Dispose();
            WriteVerbose($"Closed: {connection}.");
        }
    }
}
