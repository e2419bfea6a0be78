namespace BkSops.Api
{
    /// <summary>The bk-sops routes the client uses (spec sections 1.1 and 1.8), with the gateway's path order.</summary>
    public static class ApiRoutes
    {
        public const string FastCreateTask = "fast_create_task";
        public const string StartTask = "start_task";
        public const string OperateTask = "operate_task";
        public const string GetTaskStatus = "get_task_status";
        public const string GetTaskNodeDetail = "get_task_node_detail";
        public const string GetPluginList = "get_plugin_list";
        public const string GetUserProjectList = "get_user_project_list";
        public const string GetTaskList = "get_task_list";

        public static ApiCall CreateTask(long projectId, string? scope, string name, byte[] treeJson,
            string? description = null, string? category = null, string? flowType = null) =>
            new ApiCall(FastCreateTask, isPost: true, changesState: true) { TreeJson = treeJson }
                .Id("bk_biz_id", projectId)
                .Field("scope", scope).Field("name", name).Field("description", description)
                .Field("category", category).Field("flow_type", flowType);

        public static ApiCall Start(long projectId, string? scope, long taskId) =>
            new ApiCall(StartTask, true, true).Id("task_id", taskId).Id("bk_biz_id", projectId).Field("scope", scope);

        /// <summary><c>operate_task</c> with <c>pause</c>, <c>resume</c> or <c>revoke</c>.</summary>
        public static ApiCall Operate(long projectId, string? scope, long taskId, string action) =>
            new ApiCall(OperateTask, true, true).Id("task_id", taskId).Id("bk_biz_id", projectId)
                .Field("scope", scope).Field("action", action);

        public static ApiCall Status(long projectId, string? scope, long taskId) =>
            new ApiCall(GetTaskStatus, false, false).Id("task_id", taskId).Id("bk_biz_id", projectId)
                .Field("scope", scope).Field("with_ex_data", "1");

        public static ApiCall NodeDetail(long projectId, string? scope, long taskId, string? nodeId, string? componentCode) =>
            new ApiCall(GetTaskNodeDetail, false, false).Id("task_id", taskId).Id("bk_biz_id", projectId)
                .Field("scope", scope).Field("node_id", nodeId).Field("component_code", componentCode);

        public static ApiCall Plugins(long projectId, string scope) =>
            new ApiCall(GetPluginList, false, false).Id("bk_biz_id", projectId).Field("scope", scope);

        public static ApiCall Projects() => new ApiCall(GetUserProjectList, false, false);

        public static ApiCall TaskList(long projectId, string? scope, string? keyword) =>
            new ApiCall(GetTaskList, false, false).Id("bk_biz_id", projectId).Field("scope", scope).Field("keyword", keyword);
    }
}
