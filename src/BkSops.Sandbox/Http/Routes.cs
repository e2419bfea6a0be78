using System;
using System.Collections.Generic;

namespace BkSops.Sandbox.Http
{
    /// <summary>One API of bk-sops the sandbox serves: its method and the ids of its gateway path, in order.</summary>
    public sealed class Route
    {
        internal Route(string name, string method, bool changesState, params string[] pathIds)
        {
            Name = name;
            Method = method;
            ChangesState = changesState;
            PathIds = pathIds;
        }

        public string Name { get; }
        public string Method { get; }

        /// <summary>The request changes something (faults Http500/Http502/Slow/Reset do the work first).</summary>
        public bool ChangesState { get; }

        /// <summary>The ids in the gateway path, e.g. <c>task_id</c>, <c>bk_biz_id</c> (operate_node has them the other way round).</summary>
        public IReadOnlyList<string> PathIds { get; }

        public bool ProjectScoped => Array.IndexOf((string[])PathIds, "bk_biz_id") >= 0;
    }

    /// <summary>The gateway resources of spec 1.8 the sandbox implements (S <c>api-resources.yml</c>).</summary>
    public static class Routes
    {
        private static readonly Dictionary<string, Route> ByName = new Dictionary<string, Route>(StringComparer.Ordinal);

        static Routes()
        {
            Add(new Route("fast_create_task", "POST", true, "bk_biz_id"));
            Add(new Route("start_task", "POST", true, "task_id", "bk_biz_id"));
            Add(new Route("operate_task", "POST", true, "task_id", "bk_biz_id"));
            Add(new Route("operate_node", "POST", true, "bk_biz_id", "task_id"));
            Add(new Route("node_callback", "POST", true, "task_id", "bk_biz_id"));
            Add(new Route("get_task_status", "GET", false, "task_id", "bk_biz_id"));
            Add(new Route("get_task_detail", "GET", false, "task_id", "bk_biz_id"));
            Add(new Route("get_task_node_detail", "GET", false, "task_id", "bk_biz_id"));
            Add(new Route("get_tasks_status", "POST", false, "bk_biz_id"));
            Add(new Route("get_task_list", "GET", false, "bk_biz_id"));
            Add(new Route("get_plugin_list", "GET", false, "bk_biz_id"));
            Add(new Route("get_user_project_list", "GET", false));
            Add(new Route("get_user_project_detail", "GET", false, "bk_biz_id"));
        }

        private static void Add(Route route) => ByName.Add(route.Name, route);

        public static IEnumerable<Route> All => ByName.Values;

        public static Route? Find(string? name) => name != null && ByName.TryGetValue(name, out var route) ? route : null;
    }
}
