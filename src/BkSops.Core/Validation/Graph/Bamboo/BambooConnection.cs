using System.Collections.Generic;
using System.Text;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Bamboo
{
    /// <summary>The connection rule of one node type (bamboo <c>pipeline/validators/rules.py</c>).</summary>
    internal sealed class ConnectionRule
    {
        public int MinIn, MaxIn, MinOut, MaxOut;
        public string[] AllowedOut;

        public ConnectionRule(int minIn, int maxIn, int minOut, int maxOut, string[] allowedOut)
        {
            MinIn = minIn;
            MaxIn = maxIn;
            MinOut = minOut;
            MaxOut = maxOut;
            AllowedOut = allowedOut;
        }

        public const int Max = 1000;

        private static readonly string[] WithoutStart =
            { Py.ServiceActivity, Py.SubProcess, Py.EndEvent, Py.ParallelGateway, Py.ConditionalParallelGateway, Py.ExclusiveGateway, Py.ConvergeGateway };

        private static readonly string[] WithoutStartAndEnd =
            { Py.ServiceActivity, Py.SubProcess, Py.ParallelGateway, Py.ConditionalParallelGateway, Py.ExclusiveGateway, Py.ConvergeGateway };

        private static readonly ConnectionRule Source = new ConnectionRule(0, 0, 1, 1, WithoutStartAndEnd);
        private static readonly ConnectionRule Sink = new ConnectionRule(1, Max, 0, 0, new string[0]);
        private static readonly ConnectionRule Activity = new ConnectionRule(1, Max, 1, 1, WithoutStart);
        private static readonly ConnectionRule Emit = new ConnectionRule(1, Max, 1, Max, WithoutStart);
        private static readonly ConnectionRule Converge = new ConnectionRule(1, Max, 1, 1, WithoutStart);

        /// <summary>NODE_RULES.</summary>
        public static readonly Dictionary<string, ConnectionRule> ByType = new Dictionary<string, ConnectionRule>
        {
            { Py.StartEvent, Source }, { Py.EndEvent, Sink }, { Py.ServiceActivity, Activity }, { Py.SubProcess, Activity },
            { Py.ExclusiveGateway, Emit }, { Py.ParallelGateway, Emit }, { Py.ConditionalParallelGateway, Emit }, { Py.ConvergeGateway, Converge },
        };

        private bool[]? allowsOut;

        /// <summary><see cref="AllowedOut"/> by <see cref="BambooType"/>.</summary>
        public bool[] AllowsOut
        {
            get
            {
                if (allowsOut != null) return allowsOut;
                var allowed = new bool[BambooGraph.TypeNames.Length];
                for (int t = 0; t < allowed.Length; t++) allowed[t] = System.Array.IndexOf(AllowedOut, BambooGraph.TypeNames[t]) >= 0;
                return allowsOut = allowed;
            }
        }

        public bool Allows(JsonNode type)
        {
            if (!(type is JsonString s)) return false;
            foreach (var t in AllowedOut) if (t == s.Value) return true;
            return false;
        }
    }

    /// <summary>
    /// Fast twin: <see cref="BambooFast.FastConnection"/> (both must agree; BambooFastPathTests runs both on the same trees).
    /// bamboo's <c>validate_graph_connection</c>. Upstream quirks kept: the "cannot connect" text names the type of
    /// the node itself (not of its target); the degree checks run inside the loop over targets, so they repeat once
    /// per target and never run for a node without targets; the first node with any message stops the check.
    /// </summary>
    internal static class BambooConnection
    {
        public sealed class Failure
        {
            public Failure(string nodeKey, ConnectionRule rule, int @in, int @out, JsonNode type)
            {
                NodeKey = nodeKey;
                Rule = rule;
                In = @in;
                Out = @out;
                Type = type;
            }

            public string NodeKey;
            /// <summary>The Python text; set before <see cref="Validate"/> returns the failure.</summary>
            public string Message = "";
            public bool WrongTarget, WrongIn, WrongOut;
            public ConnectionRule Rule;
            public int In, Out;
            public JsonNode Type;
            public List<string> BadTargets = new List<string>();
        }

        /// <summary>
        /// Returns the failing node (its message is the Python text), null when every node passes. With
        /// <paramref name="after"/>, checking starts after that node (to find further failures).
        /// </summary>
        public static Failure? Validate(JsonObject root, PyKeys keys, PyDict<BambooNode> nodes, string? after = null)
        {
            bool skipping = after != null;
            foreach (var entry in nodes.Live())
            {
                if (skipping)
                {
                    if (entry.Key == after) skipping = false;
                    continue;
                }
                var node = entry.Value;
                var type = Py.Subscript(node.Raw, "type");
                string typeKey = keys.Of(type);
                if (!PyKeys.IsStr(typeKey) || !ConnectionRule.ByType.TryGetValue(typeKey, out var rule))
                    throw PythonException.KeyError(Py.Repr(type)).At(entry.Key, operation: "type");
                bool wrongIn = rule.MinIn > node.Sources.Count || node.Sources.Count > rule.MaxIn;
                bool wrongOut = rule.MinOut > node.Targets.Count || node.Targets.Count > rule.MaxOut;
                StringBuilder? message = null;
                Failure? failure = null;
                foreach (var targetId in node.Targets)
                {
                    var target = nodes.Get(keys.Of(targetId), keys);
                    var targetType = Py.Subscript(target.Raw, "type");
                    bool wrongTarget = !rule.Allows(targetType);
                    if (!wrongTarget && !wrongIn && !wrongOut) continue;
                    if (message == null || failure == null) // set together
                    {
                        message = new StringBuilder();
                        failure = new Failure(entry.Key, rule, node.Sources.Count, node.Targets.Count, type);
                    }
                    if (wrongTarget)
                    {
                        message.Append("不能连接").Append(Py.Str(Py.Subscript(node.Raw, "type"))).Append("类型节点\n");
                        failure.WrongTarget = true;
                        failure.BadTargets.Add(keys.Of(targetId));
                    }
                    if (wrongIn)
                    {
                        message.Append("节点的入度最大为").Append(rule.MaxIn).Append("，最小为").Append(rule.MinIn).Append('\n');
                        failure.WrongIn = true;
                    }
                    if (wrongOut)
                    {
                        message.Append("节点的出度最大为").Append(rule.MaxOut).Append("，最小为").Append(rule.MinOut).Append('\n');
                        failure.WrongOut = true;
                    }
                }
                if (message == null || failure == null) continue;
                // ParserException(detail): str() of the one-entry dict {node id: message}.
                failure.Message = "{" + keys.Repr(entry.Key) + ": " + PythonRepr.ReprString(message.ToString()) + "}";
                return failure;
            }
            return null;
        }
    }
}
