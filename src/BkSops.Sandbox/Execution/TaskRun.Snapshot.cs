using System;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    // Persistence across a restart (contracts.md section 5).
    public sealed partial class TaskRun
    {
        /// <summary>Everything needed to bring the task back after a restart, as one JSON object.</summary>
        public JsonObject Snapshot()
        {
            throw new NotImplementedException("TaskRun.Snapshot is not written yet (h-engine).");
        }

        /// <summary>
        /// A task from <see cref="Snapshot"/>: finished nodes stay finished, a running task runs on (a node that was running
        /// starts again), a suspended one stays suspended.
        /// </summary>
        public static TaskRun Restore(JsonObject snapshot, ExecutionOptions options)
        {
            throw new NotImplementedException("TaskRun.Restore is not written yet (h-engine).");
        }
    }
}
