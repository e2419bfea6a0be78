using System.Management.Automation;
using BkSops.Api;

namespace BkSops.Commands.Api
{
    /// <summary>
    /// The inputs of the cmdlets that act on existing tasks: task objects from the pipeline (they carry their
    /// project, scope and connection), or <c>-ProjectId</c> and <c>-TaskId</c>.
    /// </summary>
    public abstract class TaskCommandBase : ApiCommandBase
    {
        protected const string TaskSet = "Task";
        protected const string IdSet = "Id";

        /// <summary>Task objects from New-, Get- or Start-BkSopsTask.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public BkSopsTask? InputObject { get; set; }

        /// <summary>The project id of the task (read according to -Scope).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, long.MaxValue)]
        public long ProjectId { get; set; }

        /// <summary>The task id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, long.MaxValue)]
        public long TaskId { get; set; }

        /// <summary>How the server reads -ProjectId: cmdb_biz or project. Default: the connection's scope.</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(ProjectScope.CmdbBiz, ProjectScope.Project)]
        public string? Scope { get; set; }

        /// <summary>The task this record is about, and the connection to reach it.</summary>
        protected (BkSopsTask Task, BkSopsConnection Connection) Target()
        {
            if (ParameterSetName == TaskSet && InputObject != null)
                return (InputObject, ResolveConnection(InputObject.Connection));
            var connection = ResolveConnection();
            var task = new BkSopsTask { ProjectId = ProjectId, TaskId = TaskId, Scope = Scope ?? connection.Scope, Connection = connection };
            return (task, connection);
        }

        protected static string Describe(BkSopsTask task) =>
            $"task {task.TaskId}" + (task.Name != null ? $" '{task.Name}'" : "") + $" (project {task.ProjectId}, scope {task.Scope})";

        internal const string TaskTypeName = "BkSops.Task";

        protected void WriteTask(BkSopsTask task) => WriteTyped(task, TaskTypeName);
    }
}
