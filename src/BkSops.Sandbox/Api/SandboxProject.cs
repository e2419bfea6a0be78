using BkSops.Json;
using BkSops.Sandbox.Http;

namespace BkSops.Sandbox.Api
{
    /// <summary>The sandbox's one project (ProjectId 1, BkBizId 2, "Sandbox", from CMDB) and bk-sops' lookup of it.</summary>
    public static class SandboxProject
    {
        /// <summary>
        /// bk-sops' <c>project_inject</c> (S <c>gcloud/apigw/decorators.py</c>): the scope comes from the JSON body (POST)
        /// or the query (GET); <c>cmdb_biz</c> (the default) reads the path id as the business id, any other scope as
        /// the project id. Null when the project exists, else the answer.
        /// </summary>
        public static JsonObject? Inject(SandboxRequest request)
        {
            if (request.Method != "GET" && !request.BodyIsEmpty && !(request.BodyJson is JsonObject))
                return ApiJson.Fail("invalid param format", ApiJson.ParamInvalid);
            string scope = request.Scope ?? "cmdb_biz";
            string? id = request.Ids["bk_biz_id"];
            bool found = long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long number) &&
                         number == (scope == "cmdb_biz" ? SandboxDefaults.BkBizId : SandboxDefaults.ProjectId);
            return found ? null : ApiJson.Fail($"project({id}) with scope({scope}) does not exist.", ApiJson.ContentNotExist);
        }

        /// <summary>get_user_project_list's entry.</summary>
        public static JsonObject ListEntry()
        {
            var o = new JsonObject();
            o.Set("project_id", JsonNode.From(SandboxDefaults.ProjectId));
            o.Set("bk_biz_id", JsonNode.From(SandboxDefaults.BkBizId));
            o.Set("name", new JsonString(SandboxDefaults.ProjectName));
            return o;
        }

        /// <summary>get_user_project_detail's data.</summary>
        public static JsonObject Detail(string user)
        {
            var o = new JsonObject();
            o.Set("project_id", JsonNode.From(SandboxDefaults.ProjectId));
            o.Set("project_name", new JsonString(SandboxDefaults.ProjectName));
            o.Set("from_cmdb", JsonNode.From(true));
            o.Set("bk_biz_id", JsonNode.From(SandboxDefaults.BkBizId));
            o.Set("bk_biz_name", new JsonString(SandboxDefaults.ProjectName));
            foreach (var role in new[] { "bk_biz_developer", "bk_biz_maintainer", "bk_biz_tester", "bk_biz_productor" })
                o.Set(role, new JsonString(user));
            var actions = new JsonArray();
            foreach (var action in new[] { "project_view", "project_edit", "project_fast_create_task" }) actions.Add(new JsonString(action));
            o.Set("auth_actions", actions);
            return o;
        }
    }
}
