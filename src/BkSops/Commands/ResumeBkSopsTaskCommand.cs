using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Resume, "BkSopsTask", SupportsShouldProcess = true, DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class ResumeBkSopsTaskCommand : TaskOperationCommandBase
    {
        protected override string Action => "Resume";

        protected override void Operate(BkSopsTask task, BkSopsConnection connection) =>
            Log.Await(connection.Client.OperateTaskAsync(task, "resume", Log, Cancel));
    }
}
