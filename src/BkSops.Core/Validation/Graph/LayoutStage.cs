using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Graph.Layout;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// Spec 2.3: bk-sops runs its automatic layout (<c>draw_pipeline</c>) before any validator, so its implicit
    /// requirements come first and its failures surface as raw Python exception texts. This stage emulates the
    /// layout on the working copy (leaving the same changes the server's copy gets), reports the first exception
    /// exactly as the server answers it, explains it in words, and adds further independent problems. Also:
    /// TreeTooDeep (contracts.md section 2) and warnings for shapes the server accepts but handles badly.
    /// Sets <see cref="GraphFacts.Index"/>, <see cref="GraphFacts.LayoutSucceeded"/> and, for a well-formed tree,
    /// <see cref="GraphFacts.LayoutGraph"/> for later stages.
    /// </summary>
    public sealed class LayoutStage : IValidationStage
    {
        /// <summary>
        /// The layout's <see cref="NumberedGraph"/> of the tree as given while the working copy still equals that tree
        /// (the layout found it well-formed and changed nothing), apart from the fields in <paramref name="apartFrom"/>,
        /// which the caller does not read from the graph; else null.
        /// </summary>
        internal static NumberedGraph? GraphOfTreeAsGiven(ValidationContext context, params string[] apartFrom) =>
            context.DiffersFromTreeOnlyIn(apartFrom) && context.Graph.LayoutGraph.Value is NumberedGraph graph && context.TreeAsGiven.IsViewOf(graph.Root)
                ? graph
                : null;

        /// <summary>Lets well-formed trees take <see cref="DrawFastPath"/> (tests turn it off to compare both paths).</summary>
        internal bool AllowFastPath { get; set; } = true;

        public void Run(ValidationContext context)
        {
            // The fast path's changes need less than a whole copy: the root (flows, all_nodes) and the sections whose entries it edits.
            var draw = new DrawPipeline(context.Work.ForReading, context.WritableWork, plan => context.WritableSections(plan.EditedSections()))
            {
                AllowFastPath = AllowFastPath,
                PlanFastPath = _ => context.Read(TreeReads.LayoutPlan),
            };
            var error = draw.Run();
            var work = context.Work.ForReading;
            var index = draw.UsedFastPath ? GraphIndex.Of(draw.Graph) : GraphIndex.Build(work);
            context.Graph.Index.Set(index);
            context.Graph.LayoutSucceeded.Set(error == null);
            if (draw.UsedFastPath) context.Graph.LayoutGraph.Set(draw.Graph);

            string? deepest = draw.DeepestNode;
            int pathNodes = draw.UsedFastPath ? draw.LongestPathNodes : TreeDepth.LongestPath(index, out deepest);
            int depth = RecursionFrames.Of(pathNodes);
            bool tooDeep = depth > context.Options.MaxDepth;
            if (!tooDeep && depth > context.Options.DepthWarning) ReportNearDepthLimit(context, index, depth, deepest);
            if (draw.UsedFastPath)
            {
                // A well-formed tree has no shared ids and no incoming strings: nothing to find but its depth and cost.
                if (tooDeep) ReportTooDeep(context, index, depth, deepest);
                SlowLayoutWarning.Check(context, index, draw);
                return;
            }
            bool early = error != null && (draw.Phase == "normalize_run" || draw.Phase == "remove_self_edges");
            var findings = error != null ? LayoutFindings.Scan(work, index) : LayoutFindings.DuplicatesOnly(work, index);

            LayoutFinding? used = null;
            if (early && error != null) used = ReportFailure(context, index, error, findings, draw.Phase);
            if (tooDeep) ReportTooDeep(context, index, depth, deepest);
            if (error != null && !early) used = ReportFailure(context, index, error, findings, draw.Phase);

            if (error != null) ReportMore(context, findings, used);
            else ReportAcceptedOddities(context, index, findings);
            SlowLayoutWarning.Check(context, index, draw);
        }

        private static LayoutFinding? ReportFailure(ValidationContext context, GraphIndex index, PythonException error, List<LayoutFinding> findings, string phase)
        {
            if (error.Kind == PythonErrorKind.Hang)
            {
                var hang = PythonErrors.Describe(PythonErrors.Layout, error, new PythonErrors.Place(index),
                    error.NodeId ?? error.FlowId, error.FlowId != null ? GraphText.FlowPath(error.FlowId) : GraphText.NodePath(index, error.NodeId))
                    ?? throw new System.InvalidOperationException(LayoutTableMatchesAll);
                context.Report(hang, GraphText.FlowJson(index, error.FlowId) ?? GraphText.NodeJson(index, error.NodeId));
                return null;
            }
            var match = Pick(findings, error);
            Diagnostic? d;
            if (match != null)
            {
                d = match.ToDiagnostic(error.Text);
                context.Report(d, match.At);
                return match;
            }
            d = Explain(index, error, phase);
            context.Report(d, GraphText.NodeJson(index, error.NodeId) ?? GraphText.FlowJson(index, error.FlowId));
            return null;
        }

        private static LayoutFinding? Pick(List<LayoutFinding> findings, PythonException error)
        {
            var picked = PickByText(findings, error);
            if (picked != null && picked.Rule == Rules.OrphanFlow)
                foreach (var f in findings)
                    if (f.Rule == Rules.DuplicateNodeId) return f; // the shared id is why the flow is missing from the lists
            return picked;
        }

        private static LayoutFinding? PickByText(List<LayoutFinding> findings, PythonException error)
        {
            LayoutFinding? any = null;
            foreach (var f in findings)
            {
                if (f.ServerText != error.Text) continue;
                if (f.IsAbout(error.NodeId, error.FlowId)) return f;
                if (any == null) any = f;
            }
            if (any != null) return any;
            // Texts that depend on more than one finding. Two nodes sharing an id leave one of them with flows that
            // point at the other: lists that disagree with the flows, or incoming lists that go round in a circle.
            bool inconsistent = error.Kind == PythonErrorKind.ValueError || error.Kind == PythonErrorKind.RecursionError || error.Kind == PythonErrorKind.KeyError;
            if (!inconsistent) return null;
            foreach (var f in findings)
                if ((f.Rule == Rules.OrphanFlow || f.Rule == Rules.DuplicateNodeId) && f.IsAbout(error.NodeId, error.FlowId)) return f;
            foreach (var f in findings)
                if (f.Rule == Rules.DuplicateNodeId) return f;
            if (error.Kind == PythonErrorKind.ValueError)
                foreach (var f in findings)
                    if (f.Rule == Rules.OrphanFlow && f.FlowId != null && error.Text == PythonErrors.Texts.NotInList(f.FlowId)) return f;
            return null;
        }

        /// <summary>A failure no structural finding explains: described from the exception and the step it came from.</summary>
        private static Diagnostic Explain(GraphIndex index, PythonException error, string phase) =>
            PythonErrors.Describe(PythonErrors.Layout, error, new PythonErrors.Place(index) { Subject = GraphFailure.Subject(index, error), Step = phase },
                error.NodeId ?? error.FlowId, GraphFailure.PathOf(index, error))
            ?? throw new System.InvalidOperationException(LayoutTableMatchesAll);

        private const string LayoutTableMatchesAll = "PythonErrors.Layout ends with a row that matches every error.";

        private static void ReportTooDeep(ValidationContext context, GraphIndex index, int depth, string? deepest)
        {
            var d = new Diagnostic
            {
                RuleName = Rules.TreeTooDeep.Name,
                Severity = Severity.Error,
                NodeId = deepest,
                Path = GraphText.NodePath(index, deepest),
                Message = $"The longest path from the start event has {depth} nodes (start and end included). bk-sops' layout and validation code recurse along it, one Python frame per node, and fail with Python's recursion limit beyond {context.Options.MaxDepth} nodes even with nothing else on the server's stack.",
                Hint = "Shorten the longest path: move parts into SubProcess templates, or split the work into several tasks.",
            }.InvalidTree("maximum recursion depth exceeded");
            context.Report(d, GraphText.NodeJson(index, deepest));
        }

        private static void ReportNearDepthLimit(ValidationContext context, GraphIndex index, int depth, string? deepest)
        {
            context.Report(new Diagnostic
            {
                RuleName = Rules.TreeNearDepthLimit.Name,
                Severity = Severity.Warning,
                NodeId = deepest,
                Path = GraphText.NodePath(index, deepest),
                Message = $"The longest path from the start event has {depth} nodes (start and end included). bk-sops' layout and validation code recurse along it, one Python frame per node; the server's code alone takes paths of up to {context.Options.MaxDepth} nodes, but the real server's web framework, middleware and decorators take some of Python's 1,000 frames, so above {context.Options.DepthWarning} it may fail with 'maximum recursion depth exceeded'.",
                Hint = "Keep the longest path at 900 nodes or fewer: move parts into SubProcess templates, or split the work into several tasks.",
            }, GraphText.NodeJson(index, deepest));
        }

        /// <summary>Further problems besides the first: Errors when the server rejects the tree for each alone, else Warnings.</summary>
        private static void ReportMore(ValidationContext context, List<LayoutFinding> findings, LayoutFinding? used)
        {
            var seen = new HashSet<string>();
            if (used != null) seen.Add(Key(used));
            foreach (var f in findings)
            {
                if (f == used || !seen.Add(Key(f))) continue;
                if (f.Certain)
                {
                    context.Report(f.ToDiagnostic(), f.At);
                    continue;
                }
                context.Report(new Diagnostic
                {
                    RuleName = f.Rule.Name, Severity = Severity.Warning, NodeId = f.NodeId ?? f.FlowId, Path = f.Path,
                    Message = f.Message + " (Whether the server fails on this depends on the rest of the tree.)", Hint = f.Hint,
                }, f.At);
            }
        }

        private static string Key(LayoutFinding f) => f.Rule.Name + "|" + f.NodeId + "|" + f.FlowId + "|" + f.Path;

        /// <summary>The server accepts the tree; say so for shapes that only pass by luck.</summary>
        private static void ReportAcceptedOddities(ValidationContext context, GraphIndex index, List<LayoutFinding> findings)
        {
            foreach (var f in findings)
            {
                if (f.Rule != Rules.DuplicateNodeId) continue;
                context.Report(new Diagnostic
                {
                    RuleName = f.Rule.Name, Severity = Severity.Warning, NodeId = f.NodeId, Path = f.Path,
                    Message = f.Message.Replace(" and the layout fails", "") + " The server happens to accept this tree.",
                    Hint = f.Hint,
                }, f.At);
            }
            foreach (var node in index.NodeList)
            {
                if (node.Kind != GraphNodeKind.Activity && node.Kind != GraphNodeKind.Gateway) continue;
                if (!(node.Data["incoming"] is JsonString s) || s.Value.Length == 0) continue;
                context.Report(new Diagnostic
                {
                    RuleName = Rules.IncomingNotList.Name,
                    Severity = Severity.Warning,
                    NodeId = node.Id,
                    Path = JsonPath.Member(node.Path, "incoming"),
                    Message = $"{MessageText.Capitalize(GraphText.Describe(index, node.Id))} has \"incoming\" as a string. The server accepts it in this position, but its layout iterates the incoming of activities before a branch gateway character by character, so a small change elsewhere makes the tree fail with '{s.Value.Substring(0, 1)}'.",
                    Hint = $"Write \"incoming\": [\"{s.Value}\"] (a JSON array).",
                }, s);
            }
        }

    }
}
