using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    // Persistence across a restart (contracts.md section 5): the tree, the sub-process trees it unfolded (with their ids),
    // every state row with its execution data and histories, the variables written, and the processes.
    public sealed partial class TaskRun
    {
        private const int SnapshotFormat = 1;

        /// <summary>Everything needed to bring the task back after a restart, as one JSON object (a copy: the caller owns it).</summary>
        public JsonObject Snapshot()
        {
            lock (gate)
            {
                var o = new JsonObject();
                o.Set("format", JsonNode.From(SnapshotFormat));
                o.Set("task_id", JsonNode.From(TaskId));
                o.Set("name", JsonNode.From(Name));
                o.Set("pipeline_id", JsonNode.From(PipelineId));
                o.Set("tree", tree.Clone());
                o.Set("started", JsonNode.From(started));
                o.Set("start_queued", JsonNode.From(startQueued));
                o.Set("current_flow", JsonNode.From(currentFlow));
                o.Set("start_error", startError == null ? (JsonNode)new JsonNull() : JsonNode.From(startError));
                o.Set("next_sequence", JsonNode.From(nextSequence));
                o.Set("next_history_id", JsonNode.From(nextHistoryId));
                o.Set("next_process_id", JsonNode.From(nextProcessId));
                var scopeList = new JsonArray();
                foreach (var scope in scopes)
                {
                    var s = new JsonObject();
                    s.Set("id", JsonNode.From(scope.Id));
                    // A tree fast_create_task unfolded is part of the task's tree; one read from the registry is kept here.
                    if (scope.Owner != null && scope.IdMap != null)
                    {
                        s.Set("tree", scope.Tree.Clone());
                        var map = new JsonObject();
                        if (scope.IdMap != null) foreach (var p in scope.IdMap) map.Set(p.Key, JsonNode.From(p.Value));
                        s.Set("id_map", map);
                    }
                    var values = new JsonObject();
                    foreach (var p in scope.RunTimeValues) values.Set(p.Key, p.Value.Clone());
                    s.Set("values", values);
                    scopeList.Add(s);
                }
                o.Set("scopes", scopeList);
                var stateList = new JsonArray();
                foreach (var st in states.Values.OrderBy(x => x.Sequence)) stateList.Add(WriteState(st));
                o.Set("states", stateList);
                var processList = new JsonArray();
                foreach (var p in processes.Values) processList.Add(WriteProcess(p));
                o.Set("processes", processList);
                return o;
            }
        }

        /// <summary>
        /// A task from <see cref="Snapshot"/>: finished nodes stay finished; a running task runs on (a sleep that was under way
        /// starts again, a node waiting for a callback keeps waiting); a suspended one stays suspended.
        /// </summary>
        /// <exception cref="FormatException">The snapshot is not one this version wrote.</exception>
        public static TaskRun Restore(JsonObject snapshot, ExecutionOptions options)
        {
            if (snapshot == null) throw new ArgumentNullException(nameof(snapshot));
            if (options == null) throw new ArgumentNullException(nameof(options));
            try
            {
                return RestoreOrThrow(snapshot, options);
            }
            catch (Exception e) when (e is InvalidCastException || e is NullReferenceException || e is KeyNotFoundException || e is ArgumentException || e is OverflowException)
            {
                throw new FormatException("The task snapshot is damaged or from another version: " + e.Message, e);
            }
        }

        private static TaskRun RestoreOrThrow(JsonObject o, ExecutionOptions options)
        {
            if (Long(o["format"]) != SnapshotFormat) throw new FormatException("The task snapshot has format " + JsonWriter.Write(o["format"] ?? new JsonNull(), false) + "; this version reads format " + SnapshotFormat + ".");
            var run = new TaskRun(Long(o["task_id"]), Str(o["name"]), Obj(o["tree"]), options);
            lock (run.gate)
            {
                run.started = Bool(o["started"]);
                run.currentFlow = Str(o["current_flow"]);
                run.startError = o["start_error"] is JsonString e ? e.Value : null;
                run.nextSequence = Long(o["next_sequence"]);
                run.nextHistoryId = Long(o["next_history_id"]);
                run.nextProcessId = (int)Long(o["next_process_id"]);
                if (!run.started)
                {
                    // A start answered OK but not yet run is still due (as bk-sops' queued job would still run).
                    if (o["start_queued"] is JsonBoolean queued && queued.Value)
                    {
                        run.startQueued = true;
                        run.scheduler.Post(run.RunStart);
                    }
                    return run;
                }

                var saved = new Dictionary<string, (JsonObject, Dictionary<string, string>)>(StringComparer.Ordinal);
                var scopeValues = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
                foreach (var item in Arr(o["scopes"]).Items)
                {
                    var s = (JsonObject)item;
                    string id = Str(s["id"]);
                    scopeValues[id] = Obj(s["values"]);
                    if (s["tree"] is JsonObject subTree)
                    {
                        var map = new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var p in Obj(s["id_map"]).Properties) map[p.Name] = Str(p.Value);
                        saved[id] = (subTree, map);
                    }
                }
                var built = new GraphBuilder(options, NewNodeId).Build(run.tree, run.PipelineId, saved, out string? error);
                if (built == null) throw new FormatException("The task snapshot's trees no longer read: " + error);
                run.scopes = built;
                foreach (var scope in built)
                {
                    foreach (var node in scope.Nodes.Values) run.nodes[node.Id] = node;
                    if (scopeValues.TryGetValue(scope.Id, out var values))
                        foreach (var p in values.Properties) scope.RunTimeValues[p.Name] = p.Value;
                }
                foreach (var item in Arr(o["states"]).Items)
                {
                    var st = ReadState((JsonObject)item);
                    run.states[st.NodeId] = st;
                }
                foreach (var item in Arr(o["processes"]).Items)
                {
                    var p = ReadProcess((JsonObject)item);
                    run.processes[p.Id] = p;
                }
                foreach (var p in run.processes.Values.ToList()) run.Revive(p);
            }
            return run;
        }

        /// <summary>What a restart does to a process: ready ones run, a sleep under way starts again, the rest wait as before.</summary>
        private void Revive(ProcessToken p)
        {
            if (p.Status == ProcessStatus.Ready)
            {
                Enqueue(p);
                return;
            }
            if (p.Status != ProcessStatus.Sleeping && p.Status != ProcessStatus.Scheduled) return;
            // Only a damaged snapshot has a process asleep at no node: Restore reports the ArgumentException as such.
            string at = p.CurrentNode ?? throw new ArgumentException("process " + p.Id + " waits at no node");
            if (p.Status == ProcessStatus.Sleeping && states.TryGetValue(at, out var failed) && failed.AutoRetryDue != null)
            {
                // A pending automatic retry waits its whole interval again.
                ScheduleAutoRetry(nodes[at], failed);
                return;
            }
            if (p.Status != ProcessStatus.Scheduled || !states.TryGetValue(at, out var st) || st.Schedule != ScheduleKind.Poll) return;
            double seconds = TryReadSeconds(st.Inputs?["bk_timing"], out double s, out _) ? s : 0;
            st.Started = Now;
            WaitOnTimer(p, nodes[at], st, Now + TimeSpan.FromSeconds(Math.Min(seconds * options.TimeScale, TimeSpan.MaxValue.TotalSeconds / 2)));
        }

        private static JsonObject WriteState(NodeState st)
        {
            var o = new JsonObject();
            o.Set("node_id", JsonNode.From(st.NodeId));
            o.Set("parent_id", JsonNode.From(st.ParentId));
            o.Set("state", JsonNode.From(st.State));
            o.Set("version", JsonNode.From(st.Version));
            o.Set("loop", JsonNode.From(st.Loop));
            o.Set("inner_loop", JsonNode.From(st.InnerLoop));
            o.Set("retry", JsonNode.From(st.Retry));
            o.Set("skip", JsonNode.From(st.Skip));
            o.Set("error_ignored", JsonNode.From(st.ErrorIgnored));
            o.Set("created", Time(st.Created));
            o.Set("started", Time(st.Started));
            o.Set("archived", Time(st.Archived));
            o.Set("sequence", JsonNode.From(st.Sequence));
            o.Set("inputs", Copy(st.Inputs));
            o.Set("outputs", Copy(st.Outputs));
            o.Set("retry_inputs", Copy(st.RetryInputs));
            o.Set("schedule", JsonNode.From(st.Schedule.ToString()));
            o.Set("schedule_versions", new JsonArray(st.ScheduleVersions.Select(v => (JsonNode)JsonNode.From(v))));
            o.Set("schedule_due", Time(st.ScheduleDue));
            o.Set("auto_retry_times", JsonNode.From(st.AutoRetryTimes));
            o.Set("auto_retry_due", Time(st.AutoRetryDue));
            var histories = new JsonArray();
            foreach (var h in st.Histories)
            {
                var r = new JsonObject();
                r.Set("id", JsonNode.From(h.Id));
                r.Set("loop", JsonNode.From(h.Loop));
                r.Set("skip", JsonNode.From(h.Skip));
                r.Set("version", JsonNode.From(h.Version));
                r.Set("inputs", Copy(h.Inputs));
                r.Set("outputs", Copy(h.Outputs));
                r.Set("started", Time(h.Started));
                r.Set("archived", Time(h.Archived));
                histories.Add(r);
            }
            o.Set("histories", histories);
            return o;
        }

        private static NodeState ReadState(JsonObject o)
        {
            var st = new NodeState(Str(o["node_id"]), Str(o["parent_id"]), Str(o["state"]), Str(o["version"]))
            {
                Loop = (int)Long(o["loop"]),
                InnerLoop = (int)Long(o["inner_loop"]),
                Retry = (int)Long(o["retry"]),
                Skip = Bool(o["skip"]),
                ErrorIgnored = Bool(o["error_ignored"]),
                Created = Time(o["created"]) ?? DateTimeOffset.MinValue,
                Started = Time(o["started"]),
                Archived = Time(o["archived"]),
                Sequence = Long(o["sequence"]),
                Inputs = o["inputs"] as JsonObject,
                Outputs = o["outputs"] as JsonObject,
                RetryInputs = o["retry_inputs"] as JsonObject,
                Schedule = (ScheduleKind)Enum.Parse(typeof(ScheduleKind), Str(o["schedule"])),
                ScheduleDue = Time(o["schedule_due"]),
                AutoRetryTimes = (int)Long(o["auto_retry_times"]),
                AutoRetryDue = Time(o["auto_retry_due"]),
            };
            foreach (var v in Arr(o["schedule_versions"]).Items) st.ScheduleVersions.Add(Str(v));
            foreach (var item in Arr(o["histories"]).Items)
            {
                var r = (JsonObject)item;
                st.Histories.Add(new HistoryRow
                {
                    Id = Long(r["id"]),
                    Loop = (int)Long(r["loop"]),
                    Skip = Bool(r["skip"]),
                    Version = Str(r["version"]),
                    Inputs = r["inputs"] as JsonObject,
                    Outputs = r["outputs"] as JsonObject,
                    Started = Time(r["started"]),
                    Archived = Time(r["archived"]),
                });
            }
            return st;
        }

        private static JsonObject WriteProcess(ProcessToken p)
        {
            var o = new JsonObject();
            o.Set("id", JsonNode.From(p.Id));
            o.Set("parent_id", JsonNode.From(p.ParentId));
            o.Set("stack", new JsonArray(p.Stack.Select(s => (JsonNode)JsonNode.From(s))));
            o.Set("current", p.CurrentNode == null ? (JsonNode)new JsonNull() : JsonNode.From(p.CurrentNode));
            o.Set("status", JsonNode.From(p.Status.ToString()));
            o.Set("destination", p.Destination == null ? (JsonNode)new JsonNull() : JsonNode.From(p.Destination));
            o.Set("pending", JsonNode.From(p.PendingChildren));
            o.Set("parked_by", p.ParkedBy == null ? (JsonNode)new JsonNull() : JsonNode.From(p.ParkedBy));
            return o;
        }

        private static ProcessToken ReadProcess(JsonObject o) => new ProcessToken
        {
            Id = (int)Long(o["id"]),
            ParentId = (int)Long(o["parent_id"]),
            Stack = Arr(o["stack"]).Items.Select(Str).ToList(),
            CurrentNode = o["current"] is JsonString c ? c.Value : null,
            Status = (ProcessStatus)Enum.Parse(typeof(ProcessStatus), Str(o["status"])),
            Destination = o["destination"] is JsonString d ? d.Value : null,
            PendingChildren = (int)Long(o["pending"]),
            ParkedBy = o["parked_by"] is JsonString b ? b.Value : null,
        };

        private static JsonNode Copy(JsonObject? value) => value == null ? (JsonNode)new JsonNull() : value.Clone();

        private static JsonNode Time(DateTimeOffset? t) =>
            t.HasValue ? (JsonNode)JsonNode.From(t.Value.ToString("o", CultureInfo.InvariantCulture)) : new JsonNull();

        private static DateTimeOffset? Time(JsonNode? node) =>
            node is JsonString s ? DateTimeOffset.Parse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : (DateTimeOffset?)null;

        private static long Long(JsonNode? node) =>
            node is JsonNumber n && n.TryGetInt64(out long v) ? v : throw new FormatException("expected a whole number, found " + (node == null ? "nothing" : JsonWriter.Write(node, false)));

        private static string Str(JsonNode? node) =>
            node is JsonString s ? s.Value : throw new FormatException("expected a string, found " + (node == null ? "nothing" : JsonWriter.Write(node, false)));

        // The casts a damaged snapshot fails: Restore reports them as a FormatException, as it did the plain casts.
        private static bool Bool(JsonNode? node) =>
            node is JsonBoolean b ? b.Value : throw new InvalidCastException("expected true or false, found " + (node == null ? "nothing" : JsonWriter.Write(node, false)));

        private static JsonObject Obj(JsonNode? node) =>
            node as JsonObject ?? throw new InvalidCastException("expected an object, found " + (node == null ? "nothing" : JsonWriter.Write(node, false)));

        private static JsonArray Arr(JsonNode? node) =>
            node as JsonArray ?? throw new InvalidCastException("expected an array, found " + (node == null ? "nothing" : JsonWriter.Write(node, false)));
    }
}
