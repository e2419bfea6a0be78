using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    /// <summary>
    /// An emulation of bk-sops' <c>draw_pipeline</c> (pipeline_web/drawing_new: normalize, acyclic, rank, dummy,
    /// order, position) on the validator's working copy. The layout itself is of no interest; what matters is every
    /// exception the Python code raises on a malformed tree, in the order it raises them, and the changes it leaves
    /// in the tree (order of incoming/outgoing lists and of flows, <c>location</c>, <c>line</c>). Recursion of the
    /// Python code is replaced by explicit stacks, and its repeated work by memoisation where the result is provably
    /// the same; an endless recursion in Python (a cycle in the incoming lists) becomes a RecursionError here.
    /// Fast twin: <see cref="DrawFastPath"/> (both must agree; DrawFastPathTests runs both on the same trees).
    /// </summary>
    internal sealed partial class DrawPipeline
    {
        private const string Incoming = "incoming";
        private const string Outgoing = "outgoing";

        private readonly System.Func<JsonObject>? makeWritable;
        private readonly System.Func<DrawFastPath.Plan, JsonObject>? makeFastPathWritable;
        private JsonObject root;
        private readonly PyKeys keys = new PyKeys();
        private readonly ChangeJournal journal = new ChangeJournal();
        private readonly Dictionary<JsonNode, EmNode> wrappers = new Dictionary<JsonNode, EmNode>();
        private int dummyCounter;

        // The emulation's state, made by the step that first needs it (none of it on the fast path). Each is read
        // through its property, which fails loudly if a step runs before the one that makes it.
        private PyDict<EmNode>? allNodes;        // normalize
        private PyDict<EmFlow>? flows;           // normalize
        private PyDict<EmFlow>? selfEdges;       // remove_self_edges
        private PyDict<JsonObject>? reversedFlows; // acyclic_run
        private PyDict<EmFlow>? realFlowsChain;  // replace_long_path_with_dummy
        private PyDict<long>? ranks;             // tight_tree
        private Orders? orders;                  // ordering (skipped when Reduced)
        private PyDict<long>? fillNumbers;       // compute_nodes_fill_num
        private PyDict<Location>? locations;     // position (skipped when Reduced)
        private PyDict<Line>? lines;             // position (skipped when Reduced)

        private PyDict<EmNode> AllNodes => allNodes ?? NotYetMade<PyDict<EmNode>>(nameof(allNodes));
        private PyDict<EmFlow> Flows => flows ?? NotYetMade<PyDict<EmFlow>>(nameof(flows));
        private PyDict<EmFlow> SelfEdges => selfEdges ?? NotYetMade<PyDict<EmFlow>>(nameof(selfEdges));
        private PyDict<JsonObject> ReversedFlows => reversedFlows ?? NotYetMade<PyDict<JsonObject>>(nameof(reversedFlows));
        private PyDict<EmFlow> RealFlowsChain => realFlowsChain ?? NotYetMade<PyDict<EmFlow>>(nameof(realFlowsChain));
        private PyDict<long> Ranks => ranks ?? NotYetMade<PyDict<long>>(nameof(ranks));
        private Orders Orders => orders ?? NotYetMade<Orders>(nameof(orders));
        private PyDict<long> FillNumbers => fillNumbers ?? NotYetMade<PyDict<long>>(nameof(fillNumbers));
        private PyDict<Location> Locations => locations ?? NotYetMade<PyDict<Location>>(nameof(locations));
        private PyDict<Line> Lines => lines ?? NotYetMade<PyDict<Line>>(nameof(lines));

        /// <summary>Kept apart from the properties above so that they stay small enough to inline.</summary>
        private static T NotYetMade<T>(string state) =>
            throw new System.InvalidOperationException($"The layout emulation read its {state} before the step that makes it.");

        /// <param name="root">The tree to lay out.</param>
        /// <param name="makeWritable">
        /// Gives the tree to change when the layout changes it (a copy of <paramref name="root"/> made on demand);
        /// null when <paramref name="root"/> may be changed itself.
        /// </param>
        /// <param name="makeFastPathWritable">
        /// Gives the tree for <see cref="DrawFastPath.Apply"/> when cheaper than <paramref name="makeWritable"/>: a copy
        /// of <paramref name="root"/> in which the root and the entries of the sections the plan edits are its own.
        /// </param>
        public DrawPipeline(JsonObject root, System.Func<JsonObject>? makeWritable = null, System.Func<DrawFastPath.Plan, JsonObject>? makeFastPathWritable = null)
        {
            this.root = root;
            this.makeWritable = makeWritable;
            this.makeFastPathWritable = makeFastPathWritable;
        }

        private void UseWritableRoot()
        {
            if (makeWritable != null) root = makeWritable();
        }

        /// <summary>
        /// Above this many dummy nodes (the sum of the slack of all long edges) the ordering and positioning steps
        /// are not emulated (the server itself could not lay such a tree out in any reasonable time).
        /// </summary>
        public int DummyBudget { get; set; } = 300000;

        /// <summary>The step running (or that failed): the name of the Python function; empty before <see cref="Run"/>.</summary>
        public string Phase { get; private set; } = "";

        /// <summary>
        /// The work of the server's <c>crossing_count</c> (nodes in the layers times flows, per call): its quadratic
        /// list scans dominate the server's time on large layouts (about 150 ns per unit, measured).
        /// </summary>
        public double CrossingWork { get; private set; }

        /// <summary>Try <see cref="DrawFastPath"/> first (on by default; tests turn it off to compare both).</summary>
        public bool AllowFastPath { get; set; } = true;

        /// <summary>Gives <see cref="DrawFastPath.TryPlan"/> of the tree to lay out (the layout stage may have it computed ahead).</summary>
        public System.Func<JsonObject, DrawFastPath.Plan?> PlanFastPath { get; set; } = DrawFastPath.TryPlan;

        /// <summary>After the fast path: the nodes on the longest path from the start event (start and end included), and its last node.</summary>
        public int LongestPathNodes { get; private set; }

        public string? DeepestNode { get; private set; }

        /// <summary>True when the tree took <see cref="DrawFastPath"/>.</summary>
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Graph))]
        public bool UsedFastPath => Graph != null;

        /// <summary>After the fast path: the numbered graph of the tree as the layout leaves it; else null.</summary>
        public NumberedGraph? Graph { get; private set; }

        /// <summary>True when ordering and positioning were skipped (see <see cref="DummyBudget"/>).</summary>
        public bool Reduced { get; private set; }

        /// <summary>Runs the emulation. On failure the working copy is restored and the exception returned.</summary>
        public PythonException? Run()
        {
            var plan = AllowFastPath && !WriteLayout ? PlanFastPath(root) : null;
            if (plan != null)
            {
                if (plan.ChangesTree)
                {
                    if (makeFastPathWritable != null) root = makeFastPathWritable(plan);
                    else UseWritableRoot();
                    DrawFastPath.Apply(plan, root);
                }
                CrossingWork = plan.CrossingWork;
                LongestPathNodes = plan.LongestPath;
                DeepestNode = plan.Deepest;
                Graph = plan.Graph;
                Phase = "draw_pipeline";
                return null;
            }
            UseWritableRoot();
            try
            {
                Normalize();
                RemoveSelfEdges();
                Acyclic();
                Rank();
                long dummies = CountDummyNodes();
                Reduced = dummies > DummyBudget;
                if (Reduced) CrossingWork = 2.0 * (AllNodes.Count + dummies) * (Flows.Count + dummies);
                ReplaceLongPathsWithDummies(materialise: !Reduced);
                if (!Reduced) orders = Ordering();
                ComputeFillNumbers();
                InsertSelfEdges();
                if (Reduced) CheckPositionTypes();
                else Position();
                RemoveDummies();
                AcyclicUndo();
                Commit();
                return null;
            }
            catch (PythonException e)
            {
                journal.Restore();
                return e;
            }
        }

        // ---- dict access with Python's exceptions ----

        private JsonNode RootGet(string key) => Py.Subscript(root, key);

        private EmNode NodeAt(JsonNode id) => AllNodes.Get(keys.Of(id), keys);

        private EmFlow FlowAt(JsonNode id)
        {
            string key = keys.Of(id);
            if (Flows.TryGetValue(key, out var flow)) return flow;
            throw PythonException.KeyError(Py.Repr(id)).At(flowId: key);
        }

        private long RankOf(JsonNode id) => Ranks.Get(keys.Of(id), keys);

        /// <summary><c>slack(ranks, flow)</c> = ranks[target] - ranks[source] - 1.</summary>
        private long Slack(EmFlow flow)
        {
            long target = RankOf(flow.Get("target"));
            long source = RankOf(flow.Get("source"));
            return target - source - 1;
        }

        private EmNode Wrap(JsonNode value, string key)
        {
            if (wrappers.TryGetValue(value, out var node)) return node;
            node = new EmNode(value, key);
            wrappers[value] = node;
            return node;
        }

        private string NewDummyNodeId() => "~dummy~n" + (++dummyCounter);

        private string NewDummyFlowId() => "~dummy~l" + (++dummyCounter);

        // ---- pipeline_web.drawing_new.utils ----

        /// <summary><c>delete_flow_id_from_node_io</c>.</summary>
        private void DeleteIo(EmNode node, string flowId, string io)
        {
            if (node.IsDummy) return; // dummies' lists are never edited by the layout
            try
            {
                NodeIo.Delete(node.Real, flowId, io, journal);
            }
            catch (PythonException e)
            {
                throw e.At(node.Key, flowId, io);
            }
        }

        /// <summary><c>add_flow_id_to_node_io</c>.</summary>
        private void AddIo(EmNode node, string flowId, string io)
        {
            if (node.IsDummy) return;
            NodeIo.Add(node.Real, flowId, io, journal);
        }

        private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static PythonException KeyErrorInt(long value) => PythonException.KeyError(Text(value));

        private string ReprKey(string key) => keys.Repr(key);

        private static string ReprStr(string text) => PythonRepr.ReprString(text);
    }
}
