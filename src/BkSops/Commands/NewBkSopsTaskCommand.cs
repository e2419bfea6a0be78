using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using BkSops.Api;
using BkSops.Building;
using BkSops.Commands.Api;
using BkSops.Commands.Input;
using BkSops.Model;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.New, "BkSopsTask", SupportsShouldProcess = true)]
    [OutputType(typeof(BkSopsTask))]
    public sealed class NewBkSopsTaskCommand : ApiCommandBase
    {
        internal static readonly string[] Categories = { "OpsTools", "MonitorAlarm", "ConfManage", "DevTools", "EnterpriseIT", "OfficeApp", "Other", "Default" };

        private readonly Queue<Pending> inFlight = new Queue<Pending>();  // in input order
        private readonly List<(BkSopsTask, BkSopsConnection)> toWait = new List<(BkSopsTask, BkSopsConnection)>();
        private bool whatIf;

        /// <summary>The project id in the request path, read according to -Scope.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, long.MaxValue)]
        public long ProjectId { get; set; }

        /// <summary>The CMDB business id of a piped project object (used with -Scope cmdb_biz).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public long? BkBizId { get; set; }

        /// <summary>The task name (bk-sops removes &lt;&gt;$&amp;'" and cuts it to 100 characters).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The tree: a tree object, JSON text, a ConvertFrom-Json object or a hashtable.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PipelineTree", "Tree")]
        [TaskTreeTransformation]
        public PipelineTree? Pipeline { get; set; }

        /// <summary>The task description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>The task category (bk-sops ignores other values).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("OpsTools", "MonitorAlarm", "ConfManage", "DevTools", "EnterpriseIT", "OfficeApp", "Other", "Default")]
        public string? Category { get; set; }

        /// <summary>common (default) or common_func (the task must be claimed before it runs).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("common", "common_func")]
        public string? FlowType { get; set; }

        /// <summary>How the server reads -ProjectId: cmdb_biz or project. Default: the connection's scope (a piped project: project).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(ProjectScope.CmdbBiz, ProjectScope.Project)]
        public string? Scope { get; set; }

        /// <summary>Send the tree exactly as given: no repair, no offline check.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <summary>Start each task once it is created.</summary>
        [Parameter]
        public SwitchParameter Start { get; set; }

        /// <summary>Start each task and wait until all have ended (as Wait-BkSopsTask).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How many requests may run at once (default 1). Tasks are written in input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>This record's task fields (parameters bound by property name change with every record).</summary>
        private sealed class TaskRequest
        {
            public TaskRequest(long projectId, string scope, string name, string? description, string? category, string? flowType)
            {
                ProjectId = projectId; Scope = scope; Name = name; Description = description; Category = category; FlowType = flowType;
            }
            public long ProjectId { get; }
            public string Scope { get; }
            public string Name { get; }
            public string? Description { get; }
            public string? Category { get; }
            public string? FlowType { get; }
        }

        private sealed class Pending
        {
            public Pending(Task<BkSopsTask> work, object target, BkSopsConnection connection)
            {
                Work = work;
                Target = target;
                Connection = connection;
            }

            public Task<BkSopsTask> Work { get; }
            public object Target { get; }
            public BkSopsConnection Connection { get; }
        }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
                ? LanguagePrimitives.IsTrue(w)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var (projectId, scope) = ProjectAndScope(connection);
            var userTree = Pipeline ?? throw new PSArgumentNullException(nameof(Pipeline));  // mandatory: bound before ProcessRecord
            TreeSubmission submission;
            if (SkipValidation.IsPresent)
                submission = SubmissionCache.AsGiven(userTree);
            else
            {
                // Repaired and checked once per tree content; Verbose says what repair changed.
                submission = SubmissionCache.Prepare(userTree, describe: Log.IsVerboseEnabled);
                if (submission.Notes != null)
                    foreach (var note in submission.Notes) WriteVerbose($"{Label(projectId, scope)}: {note}");
                if (submission.Rejection is Validation.ValidationResult rejection)
                {
                    WriteRejected(userTree, rejection, Label(projectId, scope));
                    return;
                }
            }
            byte[] treeJson = submission.TreeJson ?? throw new InvalidOperationException("An accepted tree always has JSON to send.");
            // Only -WhatIf shows the whole request (redacted); Verbose keeps to one line per request.
            string label = Label(projectId, scope);
            string description = whatIf
                ? $"Create {label} with this request:\n" + connection.Client.Preview(ApiRoutes.CreateTask(projectId, scope, Name, treeJson, Description, Category, FlowType))
                : "Create " + label;
            if (!ShouldProcess(description, $"Create {label}?", "New-BkSopsTask"))
                return;
            var work = CreateAsync(connection, new TaskRequest(projectId, scope, Name, Description, Category, FlowType), treeJson, userTree, Start.IsPresent || Wait.IsPresent);
            // Wake the pipeline thread only once the task counts as completed: a wake from inside CreateAsync comes
            // before that, and EmitReady would then sleep its full second on a request that had already ended.
            var log = Log;
            work.ContinueWith(_ => log.Wake(), TaskContinuationOptions.ExecuteSynchronously);
            inFlight.Enqueue(new Pending(work, userTree, connection));
            EmitReady(ThrottleLimit - 1);
        }

        private string Label(long projectId, string scope) => $"task '{Name}' in project {projectId} (scope {scope})";

        /// <summary>Sends the create (and the start) without a thread of its own.</summary>
        private async Task<BkSopsTask> CreateAsync(BkSopsConnection connection, TaskRequest r, byte[] treeJson, PipelineTree userTree, bool start)
        {
            var log = Log;
            var task = await connection.Client.CreateTaskAsync(r.ProjectId, r.Scope, r.Name, treeJson, userTree, r.Description, r.Category, r.FlowType, log, Cancel).ConfigureAwait(false);
            task.Connection = connection;
            if (start)
            {
                await connection.Client.StartTaskAsync(task, log, Cancel).ConfigureAwait(false);
                task.StartRequestedAt = DateTimeOffset.Now;
            }
            return task;
        }

        protected override void EndProcessing()
        {
            EmitReady(0);
            if (Wait.IsPresent) new TaskWaiter(this, Log, Cancel).Wait(toWait, null, null);
        }

        /// <summary>Writes finished work in input order until at most <paramref name="maxRunning"/> requests run.</summary>
        private void EmitReady(int maxRunning)
        {
            while (inFlight.Count > 0)
            {
                var head = inFlight.Peek();
                if (head.Work.IsCompleted)
                {
                    inFlight.Dequeue();
                    Emit(head);
                    continue;
                }
                if (Running() <= maxRunning) break;
                Log.WaitForSignal(TimeSpan.FromSeconds(1));
            }
            Log.Drain();
        }

        private int Running()
        {
            int running = 0;
            foreach (var pending in inFlight) if (!pending.Work.IsCompleted) running++;
            return running;
        }

        private void Emit(Pending pending)
        {
            Log.Drain();
            BkSopsTask task;
            try
            {
                task = pending.Work.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is BkSopsApiException || e is OperationCanceledException)
            {
                WriteError(ToErrorRecord(e, pending.Target));
                return;
            }
            if (Log.IsVerboseEnabled)
                WriteVerbose($"Created task {task.TaskId} '{task.Name}'" + (task.StartRequestedAt.HasValue ? " and started it." : "."));
            if (Wait.IsPresent) toWait.Add((task, pending.Connection));
            else WriteTyped(task, TaskCommandBase.TaskTypeName);
        }

        /// <summary>
        /// A piped project object (it has ProjectId and BkBizId) is sent with its ProjectId and scope project, unless
        /// -Scope cmdb_biz is given (then its BkBizId); otherwise -ProjectId as given, with -Scope or the connection's.
        /// </summary>
        private (long, string) ProjectAndScope(BkSopsConnection connection)
        {
            if (BkBizId.HasValue)
            {
                if (Scope == ProjectScope.CmdbBiz) return (BkBizId.Value, ProjectScope.CmdbBiz);
                return (ProjectId, ProjectScope.Project);
            }
            return (ProjectId, Scope ?? connection.Scope);
        }

        private void WriteRejected(PipelineTree tree, Validation.ValidationResult verdict, string label)
        {
            var first = verdict.ServerVerdict!; // a rejection is an invalid result: it has an Error
            var errors = verdict.Diagnostics.Where(d => d.Severity == Validation.Severity.Error).ToList();
            string where = first.NodeId != null ? $" at {first.NodeId}" : "";
            string message = $"Not sent: bk-sops would refuse {label}: [{first.RuleName}{where}] {first.Message}" +
                (errors.Count > 1 ? $" ({errors.Count - 1} more errors; the exception's Data['Diagnostics'] holds them all.)" : "") +
                " Run Test-BkSopsPipeline -Detailed for every finding.";
            var e = new InvalidOperationException(message);
            e.Data["ServerMessage"] = first.ServerMessage;
            e.Data["ServerCode"] = first.ServerCode;
            e.Data["Diagnostics"] = verdict.Diagnostics.ToArray();
            var record = new ErrorRecord(e, "BkSops.Validation." + first.RuleName, ErrorCategory.InvalidData, tree)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = first.Hint },
            };
            WriteError(record);
        }
    }
}
