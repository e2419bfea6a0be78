using System;
using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Start, "BkSopsTask", SupportsShouldProcess = true, DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class StartBkSopsTaskCommand : TaskOperationCommandBase
    {
        protected override string Action => "Start";

        protected override void Operate(BkSopsTask task, BkSopsConnection connection)
        {
            Log.Await(connection.Client.StartTaskAsync(task, Log, Cancel));
            task.StartRequestedAt = DateTimeOffset.Now;
        }
    }
}
