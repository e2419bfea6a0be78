using System;
using BkSops.Json;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// The one table that turns a Python exception of the emulated server code into a rule, a message and a hint:
    /// which exception (its class, and for bamboo's own exceptions its text, Chinese included) means what. One group
    /// of rows per kind of server code; in a group the first row that matches wins. The stages say where (node id,
    /// path, position) and add the server's answer. The other way round, <see cref="Texts"/> predicts the text the server
    /// raises on a value of the wrong shape, for the layout's structural findings (<see cref="LayoutFindings"/>).
    /// </summary>
    internal static class PythonErrors
    {
        /// <summary>What the messages name, as the stage that caught the exception knows it.</summary>
        internal sealed class Place
        {
            public Place(GraphIndex index) { Index = index; }

            public GraphIndex Index;
            /// <summary>The node or flow the failing step worked on, in words ("activity 'a1'", "flow 'l1'", "the tree").</summary>
            public string? Subject;
            /// <summary>The layout's phase, or the bamboo validator (validate_graph_connection, validate_gateways, validate_stream).</summary>
            public string? Step;
            /// <summary>validate_gateways: where the branches of the failing gateway lead, in words.</summary>
            public string? Targets;
            /// <summary>validate_gateways: the parallel gateway whose block the failing converge gateway belongs to.</summary>
            public string? BlockId;
            /// <summary>validate_gateways: one of the branches of the failing gateway reaches the end event.</summary>
            public bool ToEnd;
        }

        internal sealed class Explanation
        {
            public Explanation(Rule rule, string message, string hint)
            {
                Rule = rule;
                Message = message;
                Hint = hint;
            }

            public Rule Rule { get; }
            public string Message { get; }
            public string Hint { get; }
        }

        internal sealed class Row
        {
            public Row(Func<PythonException, Place, bool> matches, Rule rule, Func<PythonException, Place, string> message, string hint)
            {
                Matches = matches;
                Rule = rule;
                Message = message;
                Hint = hint;
            }

            public readonly Func<PythonException, Place, bool> Matches;
            public readonly Rule Rule;
            public readonly Func<PythonException, Place, string> Message;
            public readonly string Hint;
        }

        private static Func<PythonException, Place, bool> Is(PythonErrorKind kind) => (e, _) => e.Kind == kind;

        private static Func<PythonException, Place, bool> Says(string text) => (e, _) => e.Kind == PythonErrorKind.Pipeline && e.Text == text;

        private static bool NotInList(PythonException e) =>
            e.Kind == PythonErrorKind.ValueError && e.Text.EndsWith(Texts.NotInListEnd, StringComparison.Ordinal);

        private static readonly Func<PythonException, Place, bool> Any = (e, _) => true;

        // The rows that name the subject run only for places that have one.
        private static string Cap(string? text) =>
            MessageText.Capitalize(text ?? throw new InvalidOperationException("This explanation needs the place's subject."));

        /// <summary>bk-sops' automatic layout, <c>draw_pipeline</c> (spec 2.3).</summary>
        public static readonly Row[] Layout =
        {
            new Row(Is(PythonErrorKind.Hang), Rules.LayoutNeverEnds,
                (e, p) => $"bk-sops' automatic layout never finishes on this tree ({e.Text}): the request hangs until the gateway times out. This happens when flows in 'flows' and the nodes' incoming/outgoing lists disagree.",
                "Make every flow appear in the outgoing of its source and the incoming of its target, and nowhere else."),
            new Row(Is(PythonErrorKind.RecursionError), Rules.IncomingCycle,
                (e, p) => $"The incoming lists lead from {p.Subject} back to itself without passing the start event; bk-sops' layout follows incoming flows back to the start and recurses until Python gives up.",
                "Make the incoming lists agree with the flows: a node lists exactly the flows whose target it is."),
            new Row(Is(PythonErrorKind.ZeroDivisionError), Rules.LayoutDivisionByZero,
                (e, p) => $"bk-sops' automatic layout places {p.Subject} first on a new row at the same height as the other end of flow '{e.FlowId}' (a loop back or a self-loop) and divides by their height difference, 0. A bug of the layout code; the server rejects the tree.",
                "Change the shape slightly (add or remove an activity before the loop's target, or let the loop return to another node) so the loop does not end on the first node of a layout row."),
            new Row((e, p) => NotInList(e) && e.FlowId == null, Rules.UnreachableNode,
                (e, p) =>
                {
                    string neighbour = e.Text.Replace(Texts.NotInListEnd, "");
                    return neighbour.Contains("~dummy~")
                        ? $"{Cap(p.Subject)} is linked to a part of the graph that nothing leads to from the start event; bk-sops' layout cannot order it and fails (the server names one of its internal layout placeholders, a random id)."
                        : $"{Cap(p.Subject)} has a neighbour, {neighbour}, that nothing leads to from the start event; bk-sops' layout cannot order it and fails.";
                },
                "Every node except the start event needs an incoming flow from a node reachable from the start event."),
            new Row((e, p) => NotInList(e), Rules.OrphanFlow,
                (e, p) => $"The layout moves flow '{e.FlowId}' out of the {e.Operation ?? "incoming/outgoing"} list of {p.Subject}, but the flow is not there: 'flows' and the nodes' lists disagree.",
                "List every flow in the outgoing of its source and the incoming of its target, and nowhere else."),
            new Row(Is(PythonErrorKind.KeyError), Rules.DanglingReference,
                (e, p) => $"bk-sops' automatic layout (step {p.Step}) looks up {e.Text} for {p.Subject} and does not find it.",
                "Every id named in incoming/outgoing must be a key of 'flows', and every flow's source and target a node id."),
            new Row(Any, Rules.WrongType,
                (e, p) => $"bk-sops' automatic layout (step {p.Step}) fails on {p.Subject} with the Python error: {e.Text}. A value there has the wrong JSON type.",
                "Nodes and flows are objects; incoming/outgoing are strings or lists of flow id strings; ids are strings."),
        };

        /// <summary>bamboo's own exceptions of <c>validate_gateways</c> (spec 2.8), by their (Chinese) text; Subject is the failing gateway.</summary>
        public static readonly Row[] Gateways =
        {
            new Row(Says(BambooGateways.Unreachable), Rules.GatewayUnreachable,
                (e, p) => $"{Cap(p.Subject)} cannot be reached from the start event: every path into it comes round from itself or from nodes the start event does not lead to.",
                "Connect the gateway into the flow from the start event."),
            new Row(Says(BambooGateways.BranchInParallel), Rules.ExclusiveInParallelMustConverge,
                (e, p) => $"{Cap(p.Subject)} lies inside a branch of a parallel gateway, and one of its branches goes to the end event or back to a gateway outside its block. Inside a parallel block, every branch of a branch gateway must converge.",
                "Converge all branches of the gateway on one ConvergeGateway before the parallel block converges."),
            new Row(Says(BambooGateways.DifferentConverges), Rules.ConvergeMismatch,
                (e, p) => $"The branches of {p.Subject} reach different converge gateways first ({p.Targets}). All branches of an exclusive gateway must meet at the same ConvergeGateway.",
                "Route every branch to one ConvergeGateway (branches to the end event are allowed outside parallel blocks)."),
            new Row(Says(BambooGateways.ConvergeShared), Rules.ConvergeSharedByParallels,
                (e, p) => $"{Cap(p.Subject)} collects branches of more than one parallel gateway (the last one checked was {GraphText.Describe(p.Index, p.BlockId)}). A converge gateway may close only one parallel block.",
                "Give each parallel gateway its own ConvergeGateway."),
            new Row(Says(BambooGateways.ConvergeMissing), Rules.ConvergeMissingBranches,
                (e, p) => $"{Cap(p.Subject)} has fewer incoming flows than {GraphText.Describe(p.Index, p.BlockId)} has branches: some branch of the parallel block bypasses it.",
                "Lead every branch of the parallel gateway into its ConvergeGateway."),
            new Row((e, p) => InvalidBranches(e) && p.ToEnd, Rules.ParallelBranchToEnd,
                (e, p) => $"A branch of {p.Subject} goes to the end event instead of its converge gateway (branches reach: {p.Targets}). Every branch of a parallel gateway must reach the same ConvergeGateway.",
                "Lead every branch of the parallel gateway into one ConvergeGateway."),
            new Row((e, p) => InvalidBranches(e), Rules.InvalidGatewayBranches,
                (e, p) => $"The branches of {p.Subject} do not all reach one converge gateway (they reach: {p.Targets}). Every branch of a parallel gateway must reach the same ConvergeGateway, and may not loop back.",
                "Lead every branch of the parallel gateway into one ConvergeGateway."),
        };

        /// <summary>Any other exception of bamboo's validators (spec 2.6, 2.8, 2.9).</summary>
        public static readonly Row[] Validators =
        {
            new Row(Is(PythonErrorKind.Hang), Rules.ValidationNeverEnds,
                (e, p) => $"bamboo's {p.Step} never finishes on this tree ({e.Text}); the request hangs until the gateway times out.",
                "Put a gateway in every loop: a loop made only of activities never ends in the server's gateway check."),
            new Row(Is(PythonErrorKind.KeyError), Rules.DanglingReference,
                (e, p) => $"bamboo's {p.Step} fails on {p.Subject} with the Python error: {e.Text}.",
                ValidatorHint),
            new Row(Any, Rules.WrongType,
                (e, p) => $"bamboo's {p.Step} fails on {p.Subject} with the Python error: {e.Text}.",
                ValidatorHint),
        };

        private const string ValidatorHint = "Make incoming/outgoing name existing flows, flows name existing nodes, and every node carry id, type, incoming and outgoing of the right JSON types.";

        private static bool InvalidBranches(PythonException e) =>
            e.Kind == PythonErrorKind.Pipeline && e.Text.StartsWith(BambooGateways.InvalidBranches, StringComparison.Ordinal);

        /// <summary>
        /// The text (<c>str(exception)</c>) the server's code raises on a value of the wrong shape, predicted from the
        /// value: what a structural finding expects the layout to fail with, matched against the emulation's exception
        /// (LayoutStage). The emulation raises the same texts (<see cref="Py.Subscript"/>, <see cref="PythonException"/>'s
        /// factories); PythonErrorsTests checks that they agree.
        /// </summary>
        internal static class Texts
        {
            /// <summary>The KeyError of a missing key: its repr.</summary>
            public static string MissingKey(string key) => PythonRepr.ReprString(key);

            /// <summary><c>value[key]</c> when <paramref name="key"/> is a JSON value: a KeyError of its repr, or the TypeError of a list or dict, which Python cannot hash.</summary>
            public static string LookUp(JsonNode key) => key is JsonArray || key is JsonObject ? Unhashable(key) : PythonRepr.Repr(key);

            public static string Unhashable(JsonNode key) => "unhashable type: '" + key.PythonTypeName + "'";

            /// <summary><c>value["id"]</c> (any string index) on a value that is not a dict.</summary>
            public static string Subscript(JsonNode? value)
            {
                switch (value)
                {
                    case JsonString _: return StringIndices;
                    case JsonArray _: return "list indices must be integers or slices, not str";
                    default: return "'" + Py.TypeName(value) + "' object is not subscriptable";
                }
            }

            /// <summary><c>value["id"]</c> on a string, as when a loop over a dict or a string takes its items for dicts.</summary>
            public const string StringIndices = "string indices must be integers, not 'str'";

            /// <summary><c>value.items()</c> on a value that is not a dict.</summary>
            public static string NoItems(JsonNode value) => "'" + value.PythonTypeName + "' object has no attribute 'items'";

            /// <summary><c>for item in value</c> on a value that is not iterable.</summary>
            public static string NotIterable(JsonNode? value) => "'" + Py.TypeName(value) + "' object is not iterable";

            /// <summary><c>list.remove</c>/<c>list.index</c> of a flow id that is not in the list.</summary>
            public static string NotInList(string item) => PythonRepr.ReprString(item) + NotInListEnd;

            public const string NotInListEnd = " is not in list";

            public const string RecursionLimit = "maximum recursion depth exceeded";

            /// <summary>A subscript of what a lookup that found nothing gave (<c>None</c>).</summary>
            public static readonly string NoneNotSubscriptable = Subscript(null);
        }

        /// <summary>The first row of <paramref name="rows"/> that matches <paramref name="error"/>, or null.</summary>
        public static Explanation? Explain(Row[] rows, PythonException error, Place place)
        {
            foreach (var row in rows)
                if (row.Matches(error, place)) return new Explanation(row.Rule, row.Message(error, place), row.Hint);
            return null;
        }

        /// <summary>The finding for <paramref name="error"/>: the explanation, at the stage's node and path, with the server's answer (an endless loop gets none: HTTP 504 from the gateway).</summary>
        public static Diagnostic? Describe(Row[] rows, PythonException error, Place place, string? nodeId, string path)
        {
            var why = Explain(rows, error, place);
            if (why == null) return null;
            var d = new Diagnostic
            {
                RuleName = why.Rule.Name,
                Severity = Severity.Error,
                NodeId = nodeId,
                Path = path,
                Message = why.Message,
                Hint = why.Hint,
                ServerStatus = error.Kind == PythonErrorKind.Hang ? 504 : (int?)null,
            };
            return error.Kind == PythonErrorKind.Hang ? d : d.InvalidTree(error.Text);
        }
    }
}
