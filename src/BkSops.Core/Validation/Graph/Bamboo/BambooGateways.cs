using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    /// <summary>
    /// bamboo's <c>validate_gateways</c> (pipeline/validators/gateway.py): targets of every gateway, distance from
    /// the start event, then <c>match_converge</c> gateway by gateway in order of distance; writes
    /// <c>converge_gateway_id</c> into the tree. The recursion of <c>distance_from</c> and <c>match_converge</c> runs
    /// on explicit stacks; the set scans that make upstream quadratic are kept as indexes with the same answers.
    /// Fast twin: <see cref="BambooFast.FastGateways"/> (both must agree; BambooFastPathTests runs both on the same trees).
    /// </summary>
    internal sealed partial class BambooGateways
    {
        public const string Unreachable = "无法获取该网关距离开始节点的距离";
        public const string BranchInParallel = "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关";
        public const string DifferentConverges = "分支网关的所有分支第一个遇到的汇聚网关必须是同一个";
        public const string ConvergeShared = "汇聚网关只能汇聚来自同一个并行网关的分支";
        public const string ConvergeMissing = "汇聚网关没有汇聚其对应的并行网关的所有分支";
        /// <summary>The start of the text for a parallel gateway whose branches do not all reach one converge gateway.</summary>
        public const string InvalidBranches = "非法网关, 请检查其分支是否符合规则";

        private const string NoneKey = PyKeys.None;

        internal sealed class Gw
        {
            public required string Key;
            public required JsonNode Raw;
            public required IReadOnlyList<JsonNode> Incoming;
            public required IReadOnlyList<JsonNode> Outgoing;
            public required JsonNode Type;
            public required JsonNode Id;
            public required string IdKey;
            /// <summary>The branch targets; null for None (a branch matched in another block, or one that loops back).</summary>
            public required List<string?> Target;
            /// <summary>The converge gateway it matched; null (None) until then or when there is none.</summary>
            public string? Match;
            public bool Share;
            public bool ConvergeEnd;
            public bool IsParallel;
            public bool TypeUnhashable;
        }

        private readonly JsonObject root;
        private readonly PyKeys keys;
        private readonly PyDict<Gw> converges = new PyDict<Gw>();
        private readonly PyDict<Gw> gateways = new PyDict<Gw>();
        private readonly PyDict<Gw> all = new PyDict<Gw>();
        private readonly Dictionary<string, long> distances = new Dictionary<string, long>();
        private readonly Dictionary<string, long> convergePositiveIn = new Dictionary<string, long>();
        private readonly Dictionary<string, List<string>> converged = new Dictionary<string, List<string>>();
        private readonly Dictionary<string, HashSet<string>> blocksOf = new Dictionary<string, HashSet<string>>();
        private readonly JsonNode activitiesDict, gatewaysDict, startEvent, endEvent, flowsDict;

        /// <summary>
        /// Reads the tree's five sections; they are there (the layout read each of them to succeed, and only runs that
        /// passed it get here), and no step replaces them, so they are read once.
        /// </summary>
        public BambooGateways(JsonObject root, PyKeys keys)
        {
            this.root = root;
            this.keys = keys;
            activitiesDict = Py.Subscript(root, "activities");
            gatewaysDict = Py.Subscript(root, "gateways");
            startEvent = Py.Subscript(root, "start_event");
            endEvent = Py.Subscript(root, "end_event");
            flowsDict = Py.Subscript(root, "flows");
        }

        /// <summary>The gateway the failure was raised for (<c>ConvergeMatchError.gateway_id</c>), when known.</summary>
        public string? FailedGateway { get; private set; }

        /// <summary>The resolved branch targets of the failed gateway (None as null), when the failure is about them.</summary>
        public List<string?>? FailedTargets { get; private set; }

        /// <summary>The gateway whose matching raised a converge-level error (the parallel gateway that owns the converge).</summary>
        public string? FailedBlock { get; private set; }

        /// <summary>The deepest nesting of branch gateways met while matching.</summary>
        public int MaxNesting { get; private set; }

        /// <summary>Branch gateway key -> the converge gateway it matched (only those with one).</summary>
        public Dictionary<string, string> Matches { get; } = new Dictionary<string, string>();

        public IEnumerable<Gw> AllGateways => all.Values();

        public void Run()
        {
            Prepare();
            CountPositiveIncoming();
            var order = SortedByDistance();
            string endKey = keys.Of(Py.Subscript(endEvent, "id"));
            var visited = new HashSet<string>();
            foreach (var gw in order)
            {
                if (visited.Contains(gw) || gw.Contains("match")) continue;
                visited.Add(gw);
                blockNodes[gw] = new HashSet<string>();
                MatchConverge(gw, gw, endKey);
            }
            foreach (var entry in gateways.Live())
            {
                var gw = entry.Value;
                if (!Truthy(gw.Match)) continue;
                ((JsonObject)Py.Subscript(gatewaysDict, entry.Key)).Set("converge_gateway_id", keys.Value(gw.Match));
                Matches[entry.Key] = gw.Match;
            }
        }

        /// <summary>The data preparation loop: io as lists, targets (activities skipped), distance from the start.</summary>
        private void Prepare()
        {
            var items = gatewaysDict as JsonObject;
            if (items == null) throw new PythonException(PythonErrorKind.AttributeError, "'" + Py.TypeName(gatewaysDict) + "' object has no attribute 'items'");
            var activities = activitiesDict;
            foreach (var p in items.Properties)
            {
                var item = p.Value;
                IReadOnlyList<JsonNode> incomingList, outgoingList;
                JsonNode type, id;
                var target = new List<string?>();
                try
                {
                    var incoming = Py.Subscript(item, "incoming");
                    incomingList = incoming is JsonArray ia ? ia.Items : new[] { incoming };
                    var outgoing = Py.Subscript(item, "outgoing");
                    outgoingList = outgoing is JsonArray oa ? oa.Items : new[] { outgoing };
                    type = Py.Subscript(item, "type");
                    id = Py.Subscript(item, "id");
                    foreach (var flowId in outgoingList) target.Add(FirstGatewayOrEnd(flowId, activities));
                }
                catch (PythonException e)
                {
                    throw e.At(p.Name);
                }
                var gw = new Gw { Key = p.Name, Raw = item, Incoming = incomingList, Outgoing = outgoingList, Type = type, Id = id, IdKey = keys.Of(id), Target = target };
                gw.TypeUnhashable = gw.Type is JsonArray || gw.Type is JsonObject;
                gw.IsParallel = Py.InStrings(gw.Type, Py.ParallelGateway, Py.ConditionalParallelGateway);
                var distance = DistanceFromStart(gw);
                if (!distance.HasValue || distance.Value == 0)
                {
                    FailedGateway = gw.IdKey;
                    throw PythonException.Pipeline(Unreachable).At(p.Name);
                }
                if (Py.EqualsString(Py.Subscript(item, "type"), Py.ConvergeGateway)) converges.Set(p.Name, gw);
                else gateways.Set(p.Name, gw);
                all.Set(p.Name, gw);
            }
        }

        /// <summary>Follow a flow, then through activities' outgoing flows, to the first node that is not an activity.</summary>
        private string FirstGatewayOrEnd(JsonNode flowId, JsonNode activities)
        {
            var index = Py.Subscript(Flow(flowId), "target");
            HashSet<string>? seen = null;
            while (true)
            {
                string key = keys.Of(index);
                if (!(activities is JsonObject acts) || !PyKeys.IsStr(key) || !acts.TryGetValue(key, out var activity)) return key;
                if (seen == null) seen = new HashSet<string>();
                if (!seen.Add(key)) throw PythonException.Hang("activities " + key + " form a loop without a gateway").At(key);
                index = Py.Subscript(Flow(Py.Subscript(activity, "outgoing")), "target");
            }
        }

        private void CountPositiveIncoming()
        {
            foreach (var entry in all.Live())
            {
                foreach (var t in entry.Value.Target)
                {
                    if (t == null || !converges.ContainsKey(t)) continue;
                    if (Distance(t) > Distance(entry.Key))
                        convergePositiveIn[t] = (convergePositiveIn.TryGetValue(t, out long n) ? n : 0) + 1;
                }
            }
        }

        private long Distance(string? key)
        {
            if (key != null && distances.TryGetValue(key, out long d)) return d;
            throw PythonException.KeyError(keys.Repr(key));
        }

        private List<string> SortedByDistance()
        {
            var order = new List<KeyValuePair<string, long>>();
            foreach (var entry in gateways.Live()) order.Add(new KeyValuePair<string, long>(entry.Key, Distance(entry.Key)));
            var sorted = new List<string>(order.Count);
            foreach (var pair in System.Linq.Enumerable.OrderBy(order, p => p.Value)) sorted.Add(pair.Key);
            return sorted;
        }

        /// <summary><c>tree["flows"][flow_id]</c>.</summary>
        private JsonNode Flow(JsonNode flowId)
        {
            string key = keys.Of(flowId);
            if (flowsDict is JsonObject o)
            {
                if (PyKeys.IsStr(key) && o.TryGetValue(key, out var flow)) return flow;
                throw PythonException.KeyError(Py.Repr(flowId)).At(flowId: key);
            }
            return Py.Subscript(flowsDict, key);
        }

        private static bool Truthy([NotNullWhen(true)] string? key) => key != null && key != NoneKey && key.Length > 0 && key != "\u0000n:0";

        private PythonException Converge(string? gatewayKey, string message)
        {
            FailedGateway = gatewayKey;
            return PythonException.Pipeline(message).At(gatewayKey);
        }

        private string TargetsRepr(List<string?> target)
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < target.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(keys.Repr(target[i]));
            }
            return sb.Append(']').ToString();
        }
    }
}
