namespace BkSops.Api
{
    /// <summary>A bk-sops project (get_user_project_list): its own id and the CMDB business it belongs to.</summary>
    public sealed class BkSopsProject
    {
        public long ProjectId { get; set; }
        public long? BkBizId { get; set; }
        public string? Name { get; set; }
        public bool? FromCmdb { get; set; }
        public BkSopsConnection? Connection { get; set; }

        public override string ToString() => $"{ProjectId} {Name}";
    }

    /// <summary>A plugin (get_plugin_list): its code, version and inputs.</summary>
    public sealed class BkSopsPlugin
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? GroupName { get; set; }
        public string? Version { get; set; }
        public string? Description { get; set; }
        public System.Collections.Generic.IReadOnlyList<BkSopsPluginInput> Inputs { get; set; } = System.Array.Empty<BkSopsPluginInput>();
        public long ProjectId { get; set; }

        public override string ToString() => Code ?? "";
    }

    /// <summary>One input a plugin takes.</summary>
    public sealed class BkSopsPluginInput
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public string? Type { get; set; }
        public bool Required { get; set; }

        public override string ToString() => Key ?? "";
    }
}
