using System;
using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Formatting;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Get, "BkSopsConnection")]
    [OutputType(typeof(BkSopsConnection))]
    public sealed class GetBkSopsConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = BkSopsConnection.Current;
            if (current == null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException("Not connected to bk-sops: run Connect-BkSops first."),
                    "BkSops.Connection.NotConnected", ErrorCategory.ObjectNotFound, null));
                return;
            }
            var pso = PSObject.AsPSObject(current);
            if (pso.TypeNames[0] != ConnectBkSopsCommand.TypeName) pso.TypeNames.Insert(0, ConnectBkSopsCommand.TypeName);
            this.WriteViewed(pso);
        }
    }
}
