using System;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    // get_task_node_detail (spec 2.15.5).
    public sealed partial class TaskRun
    {
        /// <summary>
        /// get_task_node_detail. <paramref name="subprocessStack"/> is the query's JSON text (null: <c>[]</c>);
        /// <paramref name="loop"/> null means the current loop.
        /// </summary>
        public ExecutionAnswer GetNodeDetail(string nodeId, string componentCode = null, int? loop = null, string subprocessStack = null)
        {
            throw new NotImplementedException("TaskRun.GetNodeDetail is not written yet (h-engine).");
        }
    }
}
