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

        private readonly TreeRepairer repairer = new TreeRepairer();
        private readonly List<Pending> inFlight = new List<Pending>();
        private readonly List<(BkSopsTask, BkSopsConnection)> toWait = new List<(BkSopsTask, BkSopsConnection)>();

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
        public string Name { get; set; }

        /// <summary>The tree: a tree object, JSON text, a ConvertFrom-Json object or a hashtable.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PipelineTree", "Tree")]
        [TaskTreeTransformation]
        public PipelineTree Pipeline { get; set; }

        /// <summary>The task description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        /// <summary>The task category (bk-sops ignores other values).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("OpsTools", "MonitorAlarm", "ConfManage", "DevTools", "EnterpriseIT", "OfficeApp", "Other", "Default")]
        public string Category { get; set; }

        /// <summary>common (default) or common_func (the task must be claimed before it runs).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("common", "common_func")]
        public string FlowType { get; set; }

        /// <summary>How the server reads -ProjectId: cmdb_biz or project. Default: the connection's scope (a piped project: project).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(ProjectScope.CmdbBiz, ProjectScope.Project)]
        public string Scope { get; set; }

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

        private sealed class Pending
        {
            public Task<BkSopsTask> Work;
            public object Target;
            public BkSopsConnection Connection;
        }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var (projectId, scope) = ProjectAndScope(connection);
            var userTree = Pipeline;
            PipelineTree sent = userTree;
            string label = $"task '{Name}' in project {projectId} (scope {scope})";
            if (!SkipValidation.IsPresent)
            {
                var repair = repairer.Repair(userTree);
                foreach (var change in repair.Changes) WriteVerbose($"{label}: repaired {change}");
                foreach (var d in repair.Validation.Diagnostics.Where(d => d.Severity != Validation.Severity.Error))
                    WriteVerbose($"{label}: {d.Severity} {d.RuleName}: {d.Message}");
                if (!repair.IsRepaired)
                {
                    WriteRejected(userTree, repair, label);
                    return;
                }
                sent = repair.Tree;
            }
            // Only -WhatIf shows the whole request (redacted); Verbose keeps to one line per request.
            string description = WhatIfRequested()
                ? $"Create {label} with this request:\n" + connection.Client.Preview(ApiRoutes.CreateTask(projectId, scope, Name, sent.ToJson(indented: false), Description, Category, FlowType))
                : $"Create {label}";
            if (!ShouldProcess(description, $"Create {label}?", "New-BkSopsTask"))
                return;
            bool start = Start.IsPresent || Wait.IsPresent;
            string name = Name, taskDescription = Description, category = Category, flowType = FlowType;
            var log = Log;
            var cancel = Cancel;
            var work = Task.Run(async () =>
            {
                var task = await connection.Client.CreateTaskAsync(projectId, scope, name, sent, userTree, taskDescription, category, flowType, log, cancel).ConfigureAwait(false);
                task.Connection = connection;
                if (start)
                {
                    await connection.Client.StartTaskAsync(task, log, cancel).ConfigureAwait(false);
                    task.StartRequestedAt = DateTimeOffset.Now;
                }
                return task;
            });
            inFlight.Add(new Pending { Work = work, Target = userTree, Connection = connection });
            EmitReady(ThrottleLimit - 1);
        }

        private bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)) return LanguagePrimitives.IsTrue(w);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
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
                var running = inFlight.Where(p => !p.Work.IsCompleted).Select(p => (Task)p.Work).ToArray();
                if (inFlight[0].Work.IsCompleted) { Emit(inFlight[0]); inFlight.RemoveAt(0); continue; }
                if (running.Length <= maxRunning) { Log.Drain(); return; }
                Log.WaitAny(running, TimeSpan.FromSeconds(1));
            }
            Log.Drain();
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

        private void WriteRejected(PipelineTree tree, RepairResult repair, string label)
        {
            var first = repair.Validation.ServerVerdict;
            var errors = repair.Validation.Diagnostics.Where(d => d.Severity == Validation.Severity.Error).ToList();
            string where = first.NodeId != null ? $" at {first.NodeId}" : "";
            string message = $"Not sent: bk-sops would refuse {label}: [{first.RuleName}{where}] {first.Message}" +
                (errors.Count > 1 ? $" ({errors.Count - 1} more errors; the exception's Data['Diagnostics'] holds them all.)" : "") +
                " Run Test-BkSopsPipeline -Detailed for every finding.";
            var e = new InvalidOperationException(message);
            e.Data["ServerMessage"] = first.ServerMessage;
            e.Data["ServerCode"] = first.ServerCode;
            e.Data["Diagnostics"] = repair.Validation.Diagnostics.ToArray();
            var record = new ErrorRecord(e, "BkSops.Validation." + first.RuleName, ErrorCategory.InvalidData, tree)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = first.Hint },
            };
            WriteError(record);
        }
    }
}
