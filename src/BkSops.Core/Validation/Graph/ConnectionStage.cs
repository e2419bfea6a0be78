using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Graph.BambooFast;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// Spec 2.6: <c>format_pipeline_tree_io_to_list</c> (incoming of activities, gateways and the end event become
    /// lists in the working copy) and bamboo's <c>validate_graph_connection</c>, with its exact dict-repr message.
    /// Runs only when the layout succeeded (the server never gets here otherwise). Sets
    /// <see cref="GraphFacts.ConnectionSucceeded"/>. A well-formed tree is checked on its numbered node
    /// dict (<see cref="BambooGraph"/>, read in one pass that also measures the JSON depth), which the gateway and
    /// stream stages reuse; any other tree, or one that breaks a rule, runs the full emulation, which finds the exact
    /// errors and messages.
    /// </summary>
    public sealed class ConnectionStage : IValidationStage
    {
        /// <summary>Lets well-formed trees take the numbered path (tests turn it off to compare both paths).</summary>
        internal bool AllowFastPath { get; set; } = true;

        /// <summary>The numbered node dict, from the layout's graph when the tree is still as given (see <see cref="BambooGraph.FromLayout"/>).</summary>
        private static BambooGraph? NumberedNodes(ValidationContext context)
        {
            var layout = LayoutStage.GraphOfTreeAsGiven(context);
            return layout != null ? BambooGraph.FromLayout(layout, context.Read(TreeReads.DepthHolds)) : BambooGraph.Read(context.Work.ForReading);
        }

        public void Run(ValidationContext context)
        {
            var facts = context.Graph;
            if (!facts.LayoutSucceeded.Value) return;
            var index = GraphIndex.Of(context);
            var graph = AllowFastPath ? NumberedNodes(context) : null;
            if (graph != null)
            {
                if (graph.IncomingNeedsLists) FormatIncomingInSectionCopies(context);
                if (FastConnection.Passes(graph))
                {
                    facts.ConnectionSucceeded.Set(true);
                    facts.NumberedNodes.Set(graph);
                    return;
                }
            }
            var keys = new PyKeys();
            PyDict<BambooNode> nodes;
            BambooConnection.Failure? failure;
            try
            {
                if (!BambooNodes.IoAlreadyLists(context.Work.ForReading)) BambooNodes.FormatIoToList(context.WritableWork());
                if (TooDeep(context, index)) return;
                // The gateway stage writes converge_gateway_id, which the stream stage reads through these nodes: copy first.
                var tree = context.Work["gateways"] is JsonObject gateways && gateways.Count > 0 ? context.WritableSections("gateways") : context.Work.ForReading;
                nodes = BambooNodes.NodesDict(tree, keys);
                failure = BambooConnection.Validate(tree, keys, nodes);
            }
            catch (PythonException e)
            {
                context.Report(GraphFailure.Describe(index, e, "validate_graph_connection"), GraphText.NodeJson(index, e.NodeId));
                return;
            }
            if (failure == null)
            {
                facts.ConnectionSucceeded.Set(true);
                facts.BambooNodes.Set(nodes);
                return;
            }
            Report(context, index, failure);
            // Every other node with a wrong connection is an independent reason for rejection.
            var next = failure;
            while (true)
            {
                try
                {
                    next = BambooConnection.Validate(context.Work.ForReading, keys, nodes, after: next.NodeKey);
                }
                catch (PythonException)
                {
                    break;
                }
                if (next == null) break;
                Report(context, index, next);
            }
        }

        /// <summary>
        /// <c>format_pipeline_tree_io_to_list</c> on a tree whose activities, gateways and end event are known to be
        /// dicts (of dicts): only the sections that change are copied, not the whole tree.
        /// </summary>
        private static void FormatIncomingInSectionCopies(ValidationContext context)
        {
            var changed = new List<string>();
            foreach (var section in new[] { "activities", "gateways" })
                if (!BambooNodes.IncomingAllLists(KnownObject(context, section))) changed.Add(section);
            if (!(KnownObject(context, "end_event")["incoming"] is JsonArray)) changed.Add("end_event");
            if (changed.Count > 0) BambooNodes.FormatIoToList(context.WritableSections(changed));
        }

        /// <summary>A section the numbered path has already found to be a dict.</summary>
        private static JsonObject KnownObject(ValidationContext context, string section) =>
            context.Work[section] as JsonObject ?? throw new System.InvalidOperationException($"'{section}' is not a dict on the numbered path.");

        /// <summary>get_nodes_dict deep-copies the whole tree: data nested too deeply exhausts Python's recursion limit.</summary>
        private static bool TooDeep(ValidationContext context, GraphIndex index)
        {
            int depth = DataDepth.Of(context.Work.ForReading, out string path);
            if (depth <= DataDepth.Limit) return false;
            var d = new Diagnostic
            {
                RuleName = Rules.DataTooDeep.Name,
                Severity = Severity.Error,
                Path = path,
                Message = $"The tree's JSON nests {depth} levels deep (around {path}). bamboo copies the whole tree recursively before checking connections and fails with Python's recursion limit beyond roughly {DataDepth.Limit} levels.",
                Hint = "Flatten the deeply nested value (store it as a JSON string, for example).",
            }.InvalidTree("maximum recursion depth exceeded while calling a Python object");
            context.Report(d);
            return true;
        }

        private static void Report(ValidationContext context, GraphIndex index, BambooConnection.Failure failure)
        {
            string id = failure.NodeKey;
            string who = GraphText.Describe(index, id);
            string type = failure.Type is JsonString s ? s.Value : "?";
            var rule = failure.Rule;
            var parts = new List<string>();
            string? ruleName = null, hint = null; string path = GraphText.NodePath(index, id);
            if (failure.WrongTarget)
            {
                ruleName = Rules.ConnectionNotAllowed.Name;
                var bad = string.Join(", ", failure.BadTargets.ConvertAll(t => GraphText.Describe(index, t)));
                parts.Add(type == Py.StartEvent
                    ? $"{MessageText.Capitalize(who)} leads straight to {bad}; the start event may only lead to an activity or a gateway"
                    : $"{MessageText.Capitalize(who)} leads to {bad}, which a {type} may not connect to (nothing may flow into the start event)");
                hint = type == Py.StartEvent ? "Put at least one activity between the start event and the end event." : "Remove the flow into the start event.";
                path = GraphText.NodePath(index, id, "outgoing");
            }
            if (failure.WrongIn)
            {
                ruleName = ruleName ?? Rules.InDegree.Name;
                parts.Add(rule.MaxIn == 0
                    ? $"{MessageText.Capitalize(who)} has {failure.In} incoming flow(s); it must have none"
                    : $"{MessageText.Capitalize(who)} has {failure.In} incoming flows; it needs between {rule.MinIn} and {rule.MaxIn}");
                hint = hint ?? (failure.In < rule.MinIn ? "Connect a flow into the node (every node but the start event needs one), or remove the node." : "Remove the extra incoming flows.");
                if (ruleName == Rules.InDegree.Name) path = GraphText.NodePath(index, id, "incoming");
            }
            if (failure.WrongOut)
            {
                ruleName = ruleName ?? Rules.OutDegree.Name;
                parts.Add(rule.MaxOut == rule.MinOut
                    ? $"{MessageText.Capitalize(who)} has {failure.Out} outgoing flows; it must have exactly {rule.MinOut}"
                    : $"{MessageText.Capitalize(who)} has {failure.Out} outgoing flows; it needs between {rule.MinOut} and {rule.MaxOut}");
                hint = hint ?? "Give the node exactly one outgoing flow; branch with a gateway instead.";
                if (ruleName == Rules.OutDegree.Name) path = GraphText.NodePath(index, id, "outgoing");
            }
            var d = new Diagnostic
            {
                RuleName = ruleName ?? throw new InvalidOperationException("bamboo's connection check failed a node for no reason."),
                Severity = Severity.Error,
                NodeId = id,
                Path = path,
                Message = string.Join("; ", parts) + ".",
                Hint = hint,
            }.InvalidTree(failure.Message);
            context.Report(d, GraphText.NodeJson(index, id));
        }

    }
}
