using System;
using System.Linq;
using System.Management.Automation;
using BkSops.Api;
using BkSops.Commands.Api;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.Get, "BkSopsProject")]
    [OutputType(typeof(BkSopsProject))]
    public sealed class GetBkSopsProjectCommand : ApiCommandBase
    {
        internal const string TypeName = "BkSops.Project";

        /// <summary>Only these projects (bk-sops project ids).</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public long[]? ProjectId { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            try
            {
                var projects = Log.Await(connection.Client.GetProjectsAsync(Log, Cancel));
                foreach (var p in projects) p.Connection = connection;
                connection.ProjectCache = projects;
                foreach (var project in projects)
                    if (ProjectId == null || ProjectId.Contains(project.ProjectId))
                        WriteTyped(project, TypeName);
                if (ProjectId != null)
                    foreach (long id in ProjectId.Where(id => projects.All(p => p.ProjectId != id)))
                        WriteError(new ErrorRecord(new ItemNotFoundException($"No project {id} among the {projects.Count} projects the user can see."),
                            "BkSops.Api.ProjectNotFound", ErrorCategory.ObjectNotFound, id));
            }
            catch (Exception e) when (e is BkSopsApiException || e is OperationCanceledException)
            {
                WriteError(ToErrorRecord(e, null));
            }
        }
    }
}
