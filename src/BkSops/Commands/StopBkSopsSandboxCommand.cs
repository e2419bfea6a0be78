using System.Management.Automation;
using BkSops.Commands.Sandbox;
using BkSops.Sandbox;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Stop, "BkSopsSandbox", SupportsShouldProcess = true, DefaultParameterSetName = SandboxSet)]
    [OutputType(typeof(void))]
    public sealed class StopBkSopsSandboxCommand : PSCmdlet
    {
        private const string SandboxSet = "Sandbox", AllSet = "All";

        /// <summary>The sandbox(es) to stop, as Start-BkSopsSandbox returned them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SandboxSet)]
        [SandboxTransformation]
        public SandboxInfo[]? Sandbox { get; set; }

        /// <summary>Stop every sandbox of this PowerShell process.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            if (All.IsPresent)
            {
                if (ShouldProcess("every bk-sops sandbox of this process", "Stop")) SandboxServer.StopAll();
                return;
            }
            foreach (var sandbox in Sandbox ?? new SandboxInfo[0])
            {
                if (sandbox == null || !ShouldProcess(sandbox.Uri, "Stop the bk-sops sandbox")) continue;
                sandbox.Server.Stop();
                WriteVerbose($"Stopped the bk-sops sandbox at {sandbox.Uri}.");
            }
        }
    }
}
