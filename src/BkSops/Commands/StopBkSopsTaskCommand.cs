using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsLifecycle.Stop, "BkSopsTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class StopBkSopsTaskCommand : TaskOperationCommandBase
    {
        /// <summary>Revoke without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Revoke (cannot be undone)";

        protected override bool Confirm(BkSopsTask task)
        {
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && LanguagePrimitives.IsTrue(w);
            if (Force.IsPresent && !whatIf) return true;
            return ShouldProcess(Describe(task), Action);
        }

        protected override void Operate(BkSopsTask task, BkSopsConnection connection) =>
            Log.Await(connection.Client.OperateTaskAsync(task, "revoke", Log, Cancel));
    }
}
