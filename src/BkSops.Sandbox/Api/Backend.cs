using System;
using BkSops.Json;
using BkSops.Sandbox.Http;

namespace BkSops.Sandbox.Api
{
    /// <summary>bk-sops behind the gateway: its body limit, its URL patterns (ids are <c>\d+</c>), then the view of each route.</summary>
    internal sealed class Backend
    {
        private readonly SandboxServer server;
        private readonly FastCreateTaskRoute fastCreate;
        private readonly TaskListRoute taskList;

        public Backend(SandboxServer server)
        {
            this.server = server;
            fastCreate = new FastCreateTaskRoute(server, server.Creator);
            taskList = new TaskListRoute(server);
        }

        public Answer Handle(SandboxRequest request)
        {
            // Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig: HTTP 400).
            if (request.Method != "GET" && request.Body.Length > SandboxDefaults.BkSopsBodyLimit) return Answer.DjangoPage(400, "Bad Request (400)");
            foreach (var id in request.Route.PathIds)
                if (!IsDigits(request.Ids[id]))
                    return Answer.DjangoPage(404, "Not Found", "The requested resource was not found on this server.");

            if (request.Route.ProjectScoped)
            {
                var missing = SandboxProject.Inject(request);
                if (missing != null) return ApiJson.Answer(missing);
            }
            switch (request.Route.Name)
            {
                case "fast_create_task": return fastCreate.Handle(request);
                case "get_task_list": return taskList.Handle(request);
                case "get_plugin_list": return ApiJson.Answer(ApiJson.Ok(PluginCatalog.List(server.FailPlugins)));
                case "get_user_project_list": return ApiJson.Answer(ApiJson.Ok(new JsonArray(new JsonNode[] { SandboxProject.ListEntry() })));
                case "get_user_project_detail": return ApiJson.Answer(ApiJson.Ok(SandboxProject.Detail(request.UserName)));
                default: return server.Runs.Handle(request);
            }
        }

        private static bool IsDigits(string text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            foreach (char c in text) if (c < '0' || c > '9') return false;
            return true;
        }
    }
}
