using System.Collections.Generic;

namespace BkSops.Api
{
    /// <summary>
    /// One bk-sops API request, independent of the channel: the route, the ids of its path (in the gateway's
    /// order), query and body fields. <see cref="RequestBuilder"/> turns it into HTTP for a channel.
    /// </summary>
    public sealed class ApiCall
    {
        public ApiCall(string route, bool isPost, bool changesState)
        {
            Route = route;
            IsPost = isPost;
            ChangesState = changesState;
        }

        /// <summary>The route name, e.g. <c>fast_create_task</c>.</summary>
        public string Route { get; }
        public bool IsPost { get; }
        /// <summary>True for creates and operations: retried only when nothing can have reached bk-sops (contracts.md section 7).</summary>
        public bool ChangesState { get; }
        /// <summary>Path ids in the gateway's order, e.g. task_id then bk_biz_id. On the ESB they go into the body or query.</summary>
        public List<KeyValuePair<string, string>> PathIds { get; } = new List<KeyValuePair<string, string>>();
        /// <summary>Query fields (GET) or body fields (POST); values are strings, numbers or booleans.</summary>
        public List<KeyValuePair<string, object>> Fields { get; } = new List<KeyValuePair<string, object>>();
        /// <summary>The pipeline_tree as UTF-8 JSON, written into the body as it is (our lossless model wrote it once).</summary>
        public byte[]? TreeJson { get; set; }

        public ApiCall Id(string name, object value)
        {
            PathIds.Add(new KeyValuePair<string, string>(name, System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            return this;
        }

        public ApiCall Field(string name, object? value)
        {
            if (value != null) Fields.Add(new KeyValuePair<string, object>(name, value));
            return this;
        }
    }
}
