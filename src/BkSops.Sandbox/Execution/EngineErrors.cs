namespace BkSops.Sandbox.Execution
{
    /// <summary>The last lines of the engine's tracebacks (bamboo_engine/engine.py) and bk-sops' texts, in one place.</summary>
    internal static class EngineErrors
    {
        private const string InvalidOperation = "bamboo_engine.exceptions.InvalidOperationError: ";
        public const string StateDoesNotExist = "State matching query does not exist.";
        public const string ScheduleDoesNotExist = "Schedule matching query does not exist.";
        public const string NodeDoesNotExist = "Node matching query does not exist.";

        public static string Invalid(string text) => InvalidOperation + text;
        public static string StateMissing => "pipeline.eri.models.State.DoesNotExist: " + StateDoesNotExist;
        public static string ScheduleMissing => "pipeline.eri.models.Schedule.DoesNotExist: " + ScheduleDoesNotExist;
        public static string NodeMissing => "pipeline.eri.models.Node.DoesNotExist: " + NodeDoesNotExist;
        public static string Transit(string id, string from, string to) => "RuntimeError: can't not transit node(" + id + ") state from " + from + " to " + to;
        public static string KeyError(string key) => "KeyError: '" + key + "'";

        public static string NotFailed(string nodeId, string actual) => Invalid(nodeId + " state is not FAILED, actual " + actual);
        public static string NoSleepProcess(string nodeId) => Invalid("can not find sleep process with current node id: " + nodeId);
        public static string CannotRetry(string nodeId) => Invalid("can not retry node(" + nodeId + ") with can_retry(False)");
        public static string CannotSkip => Invalid("can not skip this node");
        public static string SkipType(string type) => Invalid("can not use skip_node api for NodeType." + type);
        public static string NotExclusive(string nodeId, string type) => Invalid(nodeId + " is not exclusive gateway, actual: " + type);
        public static string VersionMissing(string version) => Invalid("node version " + version + " not exist");
        public static string ScheduleFinished => Invalid("schedule is already finished");
        public static string PipelineState(string id, string state) => Invalid("pipeline(" + id + ") state is: " + state);
        public static string PauseSubProcess(string type) => Invalid("can not use pause_node_appoint api for NodeType." + type);

        public static string NodeNotInTask(long taskId, string nodeId) =>
            "节点状态请求失败: 任务[ID: " + taskId + "]中未找到节点[ID: " + nodeId + "]. 请重试. 如持续失败可联系管理员处理 | nodes_action";

        public static string NodeActionFailed(long taskId, string nodeId, string error) =>
            "节点操作失败: 节点[ID: " + nodeId + "], 任务[ID: " + taskId + "]操作失败: " + error + ", 请重试. 如持续失败可联系管理员处理 | nodes_action";

        public static string NodeDetailNotFound(long taskId, string nodeId) =>
            "节点状态请求失败: 任务[ID: " + taskId + "]中未找到节点[ID: " + nodeId + "]. 请重试. 如持续失败可联系管理员处理 | get_node_detail";
    }
}
