using System.Collections.Generic;
using System.Globalization;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    /// <summary>
    /// bamboo's <c>validate_stream</c>: a breadth-first flow of "streams" from the start event. The start is
    /// <c>main</c>; branch i of a Parallel/ConditionalParallel gateway P is <c>P_i</c>; P's converge gets P's stream;
    /// a branch flowing into its own parallel's converge does not pass its stream on. Any node left with other than
    /// exactly one stream raises StreamValidateError, whose text is empty.
    /// Fast twin: <see cref="BambooFast.FastStream"/> (both must agree; BambooFastPathTests runs both on the same trees).
    /// </summary>
    internal sealed class BambooStream
    {
        private const string MainStream = "main";
        private readonly JsonObject root;
        private readonly PyKeys keys;
                private readonly Dictionary<string, HashSet<string>> parallelStreams = new Dictionary<string, HashSet<string>>();

        public BambooStream(JsonObject root, PyKeys keys)
        {
            this.root = root;
            this.keys = keys;
        }

        /// <summary>The node StreamValidateError was raised for.</summary>
        public string? FailedNode { get; private set; }

        /// <summary>The streams the failed node ended up with.</summary>
        public List<string>? FailedStreams { get; private set; }

        /// <summary>Node key -> its stream after a successful run.</summary>
        public Dictionary<string, string> Streams { get; } = new Dictionary<string, string>();

        /// <param name="sameNodes">get_nodes_dict as built for the connection check (the server builds it again; the result is the same).</param>
        public void Run(PyDict<BambooNode>? sameNodes = null)
        {
            string startKey = keys.Of(Py.Subscript(Py.Subscript(root, "start_event"), "id"));
            string endKey = keys.Of(Py.Subscript(Py.Subscript(root, "end_event"), "id"));
            var nodes = sameNodes ?? BambooNodes.NodesDict(root, keys);
            foreach (var node in nodes.Values())
            {
                node.Stream.Clear();
                node.Parallel = null;
            }
            nodes.Get(startKey, keys).Stream.Add(MainStream);
            nodes.Get(endKey, keys).Stream.Add(MainStream);
            foreach (var entry in nodes.Live())
            {
                var node = entry.Value;
                if (!IsParallel(node)) continue;
                var converge = Py.Subscript(node.Raw, "converge_gateway_id");
                var streams = new HashSet<string>();
                for (int i = 0; i < node.Targets.Count; i++) streams.Add(StreamName(node, i));
                parallelStreams[keys.Of(converge)] = streams;
            }

            var queue = new Queue<BambooNode>();
            var visited = new HashSet<string>();
            queue.Enqueue(nodes.Get(startKey, keys));
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                string idKey = keys.Of(Py.Subscript(node.Raw, "id"));
                if (!visited.Contains(idKey))
                {
                    foreach (var targetId in node.Targets) queue.Enqueue(nodes.Get(keys.Of(targetId), keys));
                    visited.Add(idKey);
                }
                Flowing(nodes, node);
            }
            foreach (var entry in nodes.Live())
            {
                if (entry.Value.Stream.Count != 1) throw Invalid(nodes, entry.Key);
                foreach (var s in entry.Value.Stream) Streams[entry.Key] = s;
            }
        }

        private bool IsParallel(BambooNode node)
        {
            if (node.Parallel.HasValue) return node.Parallel.Value;
            var type = Py.Subscript(node.Raw, "type");
            keys.Of(type); // `type in PARALLEL_GATEWAYS` hashes it
            node.Parallel = Py.InStrings(type, Py.ParallelGateway, Py.ConditionalParallelGateway);
            return node.Parallel.Value;
        }

        private string StreamName(BambooNode node, int index) =>
            Py.Str(Py.Subscript(node.Raw, "id")) + "_" + index.ToString(CultureInfo.InvariantCulture);

        /// <summary><c>flowing(where, to, parallel_converges)</c>.</summary>
        private void Flowing(PyDict<BambooNode> nodes, BambooNode where)
        {
            bool parallel = IsParallel(where);
            string? stream = null;
            if (parallel)
            {
                var converge = nodes.Get(keys.Of(Py.Subscript(where.Raw, "converge_gateway_id")), keys);
                Blend(where, converge, null);
                if (converge.Stream.Count > 1) throw Invalid(nodes, converge.Key);
            }
            for (int i = 0; i < where.Targets.Count; i++)
            {
                var targetId = where.Targets[i];
                string targetKey = keys.Of(targetId);
                var target = nodes.Get(targetKey, keys);
                bool fake = false;
                if (parallel) stream = StreamName(where, i);
                if (parallelStreams.TryGetValue(targetKey, out var allowed))
                {
                    bool validBranch = where.Stream.IsSubsetOf(allowed);
                    bool direct = Py.Equal(Py.Get(where.Raw, "converge_gateway_id"), targetId);
                    if (validBranch || direct) fake = true;
                }
                if (!fake) Blend(where, target, stream);
                if (target.Stream.Count != 1) throw Invalid(nodes, targetKey);
            }
        }

        private void Blend(BambooNode source, BambooNode target, string? custom)
        {
            if (custom != null && custom.Length > 0)
            {
                target.Stream.Add(custom);
                return;
            }
            if (source.Stream.Count == 0)
                throw PythonException.Pipeline("stream validation error, node(" + Py.Str(Py.Subscript(source.Raw, "id")) + ") stream is empty").At(source.Key);
            foreach (var s in source.Stream) target.Stream.Add(s);
        }

        private PythonException Invalid(PyDict<BambooNode> nodes, string nodeKey)
        {
            FailedNode = nodeKey;
            if (nodes.TryGetValue(nodeKey, out var node)) FailedStreams = new List<string>(node.Stream);
            return PythonException.Pipeline("").At(nodeKey);
        }
    }
}
