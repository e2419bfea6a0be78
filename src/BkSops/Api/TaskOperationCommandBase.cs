using System;
using System.Management.Automation;
using BkSops.Api;

namespace BkSops.Commands.Api
{
    /// <summary>Start, Suspend, Resume and Stop: one request per task, the task written only with -PassThru.</summary>
    public abstract class TaskOperationCommandBase : TaskCommandBase
    {
        /// <summary>Write the task object after the operation (as -PassThru does on PowerShell's own cmdlets).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>What ShouldProcess shows, e.g. "Start".</summary>
        protected abstract string Action { get; }

        /// <summary>Sends the operation; throws <see cref="BkSopsApiException"/>.</summary>
        protected abstract void Operate(BkSopsTask task, BkSopsConnection connection);

        /// <summary>Whether to go ahead for this task (Stop adds -Force).</summary>
        protected virtual bool Confirm(BkSopsTask task) => ShouldProcess(Describe(task), Action);

        protected override void ProcessRecord()
        {
            var (task, connection) = Target();
            if (!Confirm(task)) return;
            try
            {
                Operate(task, connection);
            }
            catch (Exception e) when (e is BkSopsApiException || e is OperationCanceledException)
            {
                WriteError(ToErrorRecord(e, task));
                return;
            }
            WriteVerbose($"{Action}: {Describe(task)} done.");
            if (PassThru.IsPresent) WriteTask(task);
        }
    }
}
