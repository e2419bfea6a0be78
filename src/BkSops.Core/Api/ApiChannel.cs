namespace BkSops.Api
{
    /// <summary>How requests reach bk-sops: through the BlueKing API gateway (current) or the legacy ESB.</summary>
    public enum ApiChannel { ApiGateway, Esb }

    /// <summary>How the server reads the project id in a request path (the request's <c>scope</c> field).</summary>
    public static class ProjectScope
    {
        /// <summary>The id is a CMDB business id (the server's default).</summary>
        public const string CmdbBiz = "cmdb_biz";
        /// <summary>The id is a bk-sops project id.</summary>
        public const string Project = "project";

        public static bool IsKnown(string scope) => scope == CmdbBiz || scope == Project;
    }
}
