namespace BkSops.Validation.Graph
{
    /// <summary>
    /// How many Python frames bk-sops' validation path stacks up on a tree (contracts.md section 2). Its deepest
    /// recursions all walk the longest path from the start event one node per frame: draw_pipeline's cycle search
    /// (<c>Graph._has_cycle</c>, via <c>validate_graph_without_circle</c> in <c>acyclic_run</c>), its ranking
    /// (<c>longest_path_ranker.dfs</c> over incoming flows, <c>tight_tree.dfs</c>), and bamboo's
    /// <c>distance_from</c> in <c>validate_gateways</c>. Every node costs one frame there whatever its shape: an
    /// activity, a parallel or exclusive gateway and a converge gateway alike (a branch's other nodes return before
    /// the walk goes on, so they never add up), and no call on these paths goes through C code or a generator that
    /// would add frames. The rest of task creation (PipelineWebTreeCleaner's deepcopy, replace_all_id, the json
    /// snapshot) recurses only as deep as the JSON nests. Measured by running the whole fast_create_task path of the
    /// pinned server code under CPython 3.11.7 (tests/data/server-depth.json): a chain of n activities needs n + 2 + 12
    /// frames, 250 and 300 blocks of a 4-way parallel gateway 752 + 12 and 902 + 12 (also with every section of the
    /// tree reversed or shuffled), where 12 frames are the caller and the server code above the recursion. So 300
    /// blocks pass the pinned code, although spec section 5 lists them as rejected: the rule follows the code.
    /// </summary>
    public static class RecursionFrames
    {
        /// <summary>
        /// The most nodes on the longest path the server takes when nothing else is on its stack: a chain of 986
        /// activities (988 nodes) passes, 987 fail (Python's limit of 1,000 frames, 12 of them taken by the caller
        /// and the server code above the recursion).
        /// </summary>
        public const int ServerLimit = 988;

        /// <summary>Above this many frames the real server may fail: its web framework, middleware and decorators take some of Python's 1,000.</summary>
        public const int WarningLimit = 900;

        /// <summary>The frames the recursion walking <paramref name="longestPathNodes"/> nodes takes (one per node).</summary>
        public static int Of(int longestPathNodes) => longestPathNodes;
    }
}
