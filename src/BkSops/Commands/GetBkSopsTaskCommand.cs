using System;
using System.Linq;
using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Get, "BkSopsTask", DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class GetBkSopsTaskCommand : TaskCommandBase
    {
        /// <summary>Also read each reached node's inputs, outputs and message (get_task_node_detail).</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            var (task, connection) = Target();
            try
            {
                var updated = Log.Await(connection.Client.GetTaskStatusAsync(task, Log, Cancel));
                if (Detailed.IsPresent)
                    foreach (var node in updated.Nodes.Where(n => !n.HasChildren && IsActivity(updated, n)))
                        Log.Await(connection.Client.GetNodeDetailAsync(updated, node, Log, Cancel));
                WriteTask(updated);
            }
            catch (Exception e) when (e is BkSopsApiException || e is OperationCanceledException)
            {
                WriteError(ToErrorRecord(e, task));
            }
        }

        private static bool IsActivity(BkSopsTask task, BkSopsTaskNode node) =>
            task.PipelineTree == null ? !string.IsNullOrEmpty(node.Name)
            : task.PipelineTree.Root["activities"] is Json.JsonObject activities && node.NodeId != null && activities.ContainsKey(node.NodeId);
    }
}
