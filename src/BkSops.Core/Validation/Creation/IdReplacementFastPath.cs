using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation.Creation
{
    /// <summary>
    /// A cheap proof that the node and flow steps of <see cref="IdReplacementSimulator"/> complete: the events, every
    /// activity and every gateway are objects whose incoming/outgoing have the plain forms (a flow id string where the
    /// server looks one up, a list of flow id strings where it iterates), every flow is an object with a source and a
    /// target, listed exactly once as an outgoing and once as an incoming flow, and every outgoing flow of an exclusive
    /// or conditional parallel gateway has a condition or is its default. Anything else (even what would still pass)
    /// takes the full replay.
    /// </summary>
    internal static class IdReplacementFastPath
    {
        public static bool NodesAndFlowsCannotFail(JsonObject tree)
        {
            if (!(tree["flows"] is JsonObject flows) || !(tree["activities"] is JsonObject activities) || !(tree["gateways"] is JsonObject gateways)) return false;
            if (!(tree["start_event"] is JsonObject start) || !(start["id"] is JsonString)) return false;
            if (!(tree["end_event"] is JsonObject end) || !(end["id"] is JsonString)) return false;
            var claims = FlowClaims.Of(flows);
            if (claims == null) return false;

            // The start event's incoming is falsy, so its outgoing is looked up; the end event's is not.
            if (!IsEmpty(start["incoming"]) || !claims.ClaimOne(start["outgoing"], outgoing: true)) return false;
            if (IsEmpty(end["incoming"]) || !claims.ClaimIncoming(end["incoming"])) return false;
            foreach (var p in activities.Properties)
            {
                if (!(p.Value is JsonObject activity)) return false;
                if (!claims.ClaimIncoming(activity["incoming"]) || !claims.ClaimOne(activity["outgoing"], outgoing: true)) return false;
            }
            foreach (var p in gateways.Properties)
            {
                if (!(p.Value is JsonObject gateway) || !(gateway["type"] is JsonString type) || !claims.ClaimIncoming(gateway["incoming"])) return false;
                if (type.Value == "ConvergeGateway")
                {
                    if (!claims.ClaimOne(gateway["outgoing"], outgoing: true)) return false;
                }
                else if (!(gateway["outgoing"] is JsonArray outgoing) || !claims.ClaimAll(outgoing, outgoing: true)
                    || (IsBranchSelect(type.Value) && !EveryBranchHasACondition(gateway, outgoing)))
                {
                    return false;
                }
            }
            return claims.EachFlowClaimedOnceEachWay();
        }

        /// <summary>
        /// The same proof for a tree the layout found well-formed and left as it was (<paramref name="layout"/> is its
        /// graph): there every flow is already listed once each way with the plain list forms, so what is left to check
        /// is that single outgoing flows are strings and that every branch of a choosing gateway has a condition.
        /// </summary>
        public static bool NodesAndFlowsCannotFail(Graph.NumberedGraph layout)
        {
            if (!layout.OutgoingIsString[layout.StartNode]) return false;
            for (int n = 2; n < layout.NodeCount; n++)
            {
                string type = layout.NodeTypes[n];
                if (layout.NodeKinds[n] == Graph.GraphNodeKind.Activity || type == "ConvergeGateway")
                {
                    if (!layout.OutgoingIsString[n]) return false;
                }
                else if (IsBranchSelect(type) && !(layout.NodeData[n]["outgoing"] is JsonArray outgoing && EveryBranchHasACondition(layout.NodeData[n], outgoing)))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsBranchSelect(string type) => type == "ExclusiveGateway" || type == "ConditionalParallelGateway";

        private static bool IsEmpty(JsonNode? value) => (value is JsonString s && s.Value.Length == 0) || (value is JsonArray a && a.Count == 0);

        // Each outgoing flow is claimed only here, so each is looked up in these conditions exactly once.
        private static bool EveryBranchHasACondition(JsonObject gateway, JsonArray outgoing)
        {
            if (!(gateway["conditions"] is JsonObject conditions)) return false;
            string? defaultFlow = null;
            if (gateway.TryGetValue("default_condition", out var dc))
            {
                if (!(dc is JsonObject defaultCondition)) return false;
                defaultFlow = (defaultCondition["flow_id"] as JsonString)?.Value;
            }
            foreach (var item in outgoing.Items)
            {
                string flowId = ((JsonString)item).Value;
                if (!conditions.ContainsKey(flowId) && flowId != defaultFlow) return false;
            }
            return true;
        }

        /// <summary>How often each flow of <c>flows</c> is listed as outgoing and as incoming.</summary>
        private sealed class FlowClaims
        {
            private readonly Dictionary<string, int> numbers;
            private readonly byte[] outClaims, inClaims;

            private FlowClaims(Dictionary<string, int> numbers, int count)
            {
                this.numbers = numbers;
                outClaims = new byte[count];
                inClaims = new byte[count];
            }

            /// <summary>The claims of flows that are all objects with a source and a target; null when one is not.</summary>
            public static FlowClaims? Of(JsonObject flows)
            {
                var numbers = new Dictionary<string, int>(flows.Count, System.StringComparer.Ordinal);
                for (int f = 0; f < flows.Count; f++)
                {
                    if (!(flows.PropertyAt(f).Value is JsonObject flow) || !flow.ContainsKey("source") || !flow.ContainsKey("target")) return null;
                    numbers[flows.PropertyAt(f).Name] = f;
                    if (numbers.Count != f + 1) return null;
                }
                return new FlowClaims(numbers, flows.Count);
            }

            /// <summary>A single flow id (incoming "" is no flow).</summary>
            public bool ClaimOne(JsonNode? value, bool outgoing) => value is JsonString s && Claim(s.Value, outgoing);

            /// <summary>Incoming as format_to_list reads it: a list of ids, one id, or "" for none.</summary>
            public bool ClaimIncoming(JsonNode? value)
            {
                if (value is JsonArray list) return ClaimAll(list, outgoing: false);
                return value is JsonString s && (s.Value.Length == 0 || Claim(s.Value, outgoing: false));
            }

            public bool ClaimAll(JsonArray list, bool outgoing)
            {
                foreach (var item in list.Items)
                    if (!ClaimOne(item, outgoing)) return false;
                return true;
            }

            public bool EachFlowClaimedOnceEachWay()
            {
                for (int f = 0; f < outClaims.Length; f++)
                    if (outClaims[f] != 1 || inClaims[f] != 1) return false;
                return true;
            }

            private bool Claim(string flowId, bool outgoing)
            {
                if (!numbers.TryGetValue(flowId, out int f)) return false;
                var counts = outgoing ? outClaims : inClaims;
                if (counts[f] < 2) counts[f]++;
                return true;
            }
        }
    }
}
