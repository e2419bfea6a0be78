using System.Management.Automation;
using BkSops.Commands.Sandbox;
using BkSops.Sandbox.Faults;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Set, "BkSopsSandboxFault", SupportsShouldProcess = true)]
    [OutputType(typeof(SandboxFault))]
    public sealed class SetBkSopsSandboxFaultCommand : PSCmdlet
    {
        /// <summary>The sandbox, as Start-BkSopsSandbox returned it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SandboxTransformation]
        public SandboxInfo? Sandbox { get; set; }

        /// <summary>The route (API name) that fails, e.g. fast_create_task.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("fast_create_task", "start_task", "operate_task", "operate_node", "node_callback", "get_task_status",
            "get_task_detail", "get_task_node_detail", "get_tasks_status", "get_task_list", "get_plugin_list",
            "get_user_project_list", "get_user_project_detail")]
        public string Route { get; set; } = "";

        /// <summary>What the route answers: Http500, Http502, Http429, Slow, Reset, NotJson or ResultFalse.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        public SandboxFaultKind Fault { get => faultBox is SandboxFaultKind k ? k : default(SandboxFaultKind); set => faultBox = value; }

        // Boxed: an enum-typed field from another of our assemblies would make Import-Module load it while it reads
        // the cmdlets, before ModuleAssemblyLoader picks the BkSops.Core build (ModuleLoading.Tests.ps1 checks this).
        private object? faultBox;

        /// <summary>For how many calls; 0 removes the route's fault.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Count { get; set; } = 1;

        /// <summary>Http429: the Retry-After seconds (default 1).</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int RetryAfter { get; set; } = 1;

        /// <summary>Slow: how many seconds the answer is held back (default 5).</summary>
        [Parameter]
        [ValidateRange(0.0, 3600.0)]
        public double Delay { get; set; } = 5;

        /// <summary>Return the armed fault.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var fault = new SandboxFault(Route, Fault, Count, RetryAfter, Delay);
            string what = Count == 0 ? $"Remove the fault of {Route}" : $"Answer {Fault} to the next {Count} {Route} calls";
            var sandbox = Sandbox ?? throw new PSArgumentNullException(nameof(Sandbox)); // mandatory: PowerShell binds it
            if (!ShouldProcess(sandbox.Uri, what)) return;
            sandbox.Server.Faults.Set(fault);
            WriteVerbose(what + $" at {sandbox.Uri}.");
            if (PassThru.IsPresent) WriteObject(fault);
        }
    }
}
