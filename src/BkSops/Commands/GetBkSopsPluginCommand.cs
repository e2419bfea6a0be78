using System;
using System.Linq;
using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Get, "BkSopsPlugin")]
    [OutputType(typeof(BkSopsPlugin))]
    public sealed class GetBkSopsPluginCommand : ApiCommandBase
    {
        internal const string TypeName = "BkSops.Plugin";

        /// <summary>The project id (read according to -Scope).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(0, long.MaxValue)]
        public long ProjectId { get; set; }

        /// <summary>Only plugins whose code matches (wildcards allowed).</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(PluginCodeCompleter))]
        public string[]? Code { get; set; }

        /// <summary>How the server reads -ProjectId: cmdb_biz or project. Default: the connection's scope.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(ProjectScope.CmdbBiz, ProjectScope.Project)]
        public string? Scope { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            string scope = Scope ?? connection.Scope;
            try
            {
                var plugins = Log.Await(connection.Client.GetPluginsAsync(ProjectId, scope, Log, Cancel));
                connection.PluginCodeCache[PluginCodeCompleter.Key(ProjectId, scope)] = plugins.Select(p => p.Code ?? "").Where(c => c.Length > 0).ToList();
                var patterns = Code?.Select(c => WildcardPattern.Get(c, WildcardOptions.IgnoreCase)).ToList();
                foreach (var plugin in plugins)
                    if (patterns == null || patterns.Any(p => p.IsMatch(plugin.Code ?? "")))
                        WriteTyped(plugin, TypeName);
            }
            catch (Exception e) when (e is BkSopsApiException || e is OperationCanceledException)
            {
                WriteError(ToErrorRecord(e, ProjectId));
            }
        }
    }
}
