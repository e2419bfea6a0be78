using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        /// <summary>How many dummy nodes <c>replace_long_path_with_dummy</c> would create (the sum of positive slacks).</summary>
        private long CountDummyNodes()
        {
            long total = 0;
            foreach (var flow in Flows.Values())
            {
                long slack = Slack(flow);
                if (slack > 0) total += slack;
            }
            return total;
        }

        /// <summary>
        /// <c>replace_long_path_with_dummy</c>: every flow spanning more than one rank leaves the flows dict and its
        /// nodes' lists, replaced by a chain of dummy nodes and flows. With <paramref name="materialise"/> false only
        /// the first and the last dummy flow of each chain are made: what the later steps that still run can see.
        /// </summary>
        private void ReplaceLongPathsWithDummies(bool materialise)
        {
            Phase = "replace_long_path_with_dummy";
            realFlowsChain = new PyDict<EmFlow>();
            foreach (var entry in Flows.Items())
            {
                var flow = entry.Value;
                if (Slack(flow) <= 0) continue;
                string flowId = entry.Key;
                RealFlowsChain.Set(flowId, flow);
                long from = RankOf(flow.Get("source")) + 1, to = RankOf(flow.Get("target"));

                string incomingId = NewDummyFlowId();
                string dummyId = NewDummyNodeId();
                var dummyFlow = new EmFlow(incomingId, flow.Get("source"), new JsonString(dummyId));
                DeleteIo(NodeAt(flow.Get("source")), flowId, Outgoing);
                AddIo(NodeAt(flow.Get("source")), incomingId, Outgoing);
                Flows.Remove(flowId);
                for (long rank = from; rank < to; rank++)
                {
                    string outgoingId = NewDummyFlowId();
                    var dummy = new EmNode(dummyId, incomingId, outgoingId);
                    if (materialise || rank == from)
                    {
                        if (materialise)
                        {
                            AllNodes.Set(dummyId, dummy);
                            Ranks.Set(dummyId, rank);
                        }
                        Flows.Set(incomingId, dummyFlow);
                    }
                    incomingId = outgoingId;
                    dummyId = NewDummyNodeId();
                    dummyFlow = new EmFlow(incomingId, dummy.DummyId, new JsonString(dummyId));
                    if (!materialise && rank + 1 < to)
                    {
                        // Jump to the last link of the chain.
                        rank = to - 2;
                    }
                }
                dummyFlow.Target = flow.Get("target");
                Flows.Set(incomingId, dummyFlow);
                DeleteIo(NodeAt(flow.Get("target")), flowId, Incoming);
                AddIo(NodeAt(flow.Get("target")), incomingId, Incoming);
            }
        }

        /// <summary>
        /// <c>remove_dummy</c>: dummy nodes leave all_nodes and the locations, dummy flows leave the flows, the lines
        /// and their real nodes' lists; the long flows come back at the end of the flows and of their nodes' lists.
        /// </summary>
        private void RemoveDummies()
        {
            Phase = "remove_dummy";
            foreach (var entry in AllNodes.Items())
            {
                if (!Py.EqualsString(entry.Value.GetOrNull("type"), EmNode.DummyType)) continue;
                AllNodes.Remove(entry.Key);
                locations?.Remove(entry.Key);
            }
            foreach (var entry in Flows.Items())
            {
                var flow = entry.Value;
                if (!Py.EqualsString(flow.GetOrNull("type"), EmFlow.DummyType)) continue;
                Flows.Remove(entry.Key);
                lines?.Remove(entry.Key);
                var source = flow.Get("source");
                if (AllNodes.ContainsKey(keys.Of(source))) DeleteIo(NodeAt(source), entry.Key, Outgoing);
                var target = flow.Get("target");
                if (AllNodes.ContainsKey(keys.Of(target))) DeleteIo(NodeAt(target), entry.Key, Incoming);
            }
            foreach (var entry in RealFlowsChain.Items()) Flows.Set(entry.Key, entry.Value);
            foreach (var entry in RealFlowsChain.Items())
            {
                AddIo(NodeAt(entry.Value.Get("source")), entry.Key, Outgoing);
                AddIo(NodeAt(entry.Value.Get("target")), entry.Key, Incoming);
            }
        }
    }
}
