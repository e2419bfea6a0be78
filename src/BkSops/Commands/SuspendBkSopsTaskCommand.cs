using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Suspend, "BkSopsTask", SupportsShouldProcess = true, DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class SuspendBkSopsTaskCommand : TaskOperationCommandBase
    {
        protected override string Action => "Suspend";

        protected override void Operate(BkSopsTask task, BkSopsConnection connection) =>
            Log.Await(connection.Client.OperateTaskAsync(task, "pause", Log, Cancel));
    }
}
