using System.Collections.Generic;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Graph.BambooFast;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph
{
    /// <summary>
    /// What the graph stages hand to the ones after them (<see cref="ValidationContext.Graph"/>), grouped by the stage
    /// that sets each fact, in the server's order. The stages after a failed one do not run on the server, so each
    /// stage first asks whether the one before it succeeded.
    /// </summary>
    internal sealed class GraphFacts
    {
        // ---- LayoutStage ----

        /// <summary>The nodes and flows by id; built from the working copy by <see cref="GraphIndex.Of(ValidationContext)"/> when the layout did not run.</summary>
        public Fact<GraphIndex> Index { get; } = new Fact<GraphIndex>();

        /// <summary>True when draw_pipeline succeeds (the bamboo validators run only then).</summary>
        public Fact<bool> LayoutSucceeded { get; } = new Fact<bool>();

        /// <summary>The graph the layout's fast path numbered (well-formed trees only); see <see cref="LayoutStage.GraphOfTreeAsGiven"/>.</summary>
        public Fact<NumberedGraph> LayoutGraph { get; } = new Fact<NumberedGraph>();

        // ---- ConnectionStage ----

        /// <summary>True when validate_graph_connection passes.</summary>
        public Fact<bool> ConnectionSucceeded { get; } = new Fact<bool>();

        /// <summary>The numbered node dict of a well-formed tree, for the fast gateway and stream checks.</summary>
        public Fact<BambooGraph> NumberedNodes { get; } = new Fact<BambooGraph>();

        /// <summary>bamboo's node dict of the full emulation, reused by the stream stage (the server builds the same one again).</summary>
        public Fact<PyDict<BambooNode>> BambooNodes { get; } = new Fact<PyDict<BambooNode>>();

        // ---- GatewayStage ----

        /// <summary>True when validate_gateways passes.</summary>
        public Fact<bool> GatewaysSucceeded { get; } = new Fact<bool>();

        /// <summary>The deepest nesting of gateway blocks the matching met.</summary>
        public Fact<int> GatewayNesting { get; } = new Fact<int>();

        /// <summary>Branch gateway id -> its converge gateway id.</summary>
        public Fact<Dictionary<string, string>> Converges { get; } = new Fact<Dictionary<string, string>>();

        /// <summary>The matches of the numbered path (<see cref="FastGateways"/>), for the fast stream check.</summary>
        public Fact<FastGateways.Result> FastGateways { get; } = new Fact<FastGateways.Result>();

        // ---- StreamStage ----

        /// <summary>True when validate_stream passes.</summary>
        public Fact<bool> StreamsSucceeded { get; } = new Fact<bool>();

        /// <summary>Node id -> the stream (branch) it runs in.</summary>
        public Fact<IReadOnlyDictionary<string, string>> Streams { get; } = new Fact<IReadOnlyDictionary<string, string>>();
    }
}
