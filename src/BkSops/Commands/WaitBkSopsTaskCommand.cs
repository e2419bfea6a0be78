using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Wait, "BkSopsTask", DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class WaitBkSopsTaskCommand : TaskCommandBase
    {
        private readonly List<(BkSopsTask, BkSopsConnection)> tasks = new List<(BkSopsTask, BkSopsConnection)>();

        /// <summary>Seconds to wait at most (default: no limit, like Wait-Job).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Timeout { get; set; } = -1;

        /// <summary>Seconds between polls (default: from 0.5 s growing to 5 s).</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double PollInterval { get; set; }

        protected override void ProcessRecord() => tasks.Add(Target());

        protected override void EndProcessing()
        {
            new TaskWaiter(this, Log, Cancel).Wait(tasks,
                Timeout >= 0 ? (int?)Timeout : null,
                MyInvocation.BoundParameters.ContainsKey(nameof(PollInterval)) ? (double?)PollInterval : null);
        }
    }
}
