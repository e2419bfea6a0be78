using System.Collections.Generic;

namespace BkSops.Building
{
    /// <summary>A node of the tree being built, before it is written as JSON.</summary>
    internal sealed class NodeRecord
    {
        public string Id = "";
        public string Type = "";
        public string Name = "";
        public readonly List<string> Incoming = new List<string>(1);
        public readonly List<string> Outgoing = new List<string>(1);
        /// <summary>The step of an activity node (null for events and gateways).</summary>
        public StepDefinition? Step;
        /// <summary>Condition per outgoing flow of an exclusive or conditional-parallel gateway (null for other nodes).</summary>
        public List<KeyValuePair<string, string>>? Conditions;
        public string? DefaultFlow;
        public string? ConvergeId;
        /// <summary>The innermost parallel branch the node lies in ("" for the main stream).</summary>
        public string Stream = "";
        public bool IsBranching => Type == "ParallelGateway" || Type == "ExclusiveGateway" || Type == "ConditionalParallelGateway";
    }

    /// <summary>A loop-back branch as written: the gateway it leaves and the step it goes back to.</summary>
    internal sealed class LoopRecord
    {
        public LoopRecord(BranchBlock branch, GatewayBlock block, int index, NodeRecord gateway, NodeRecord target)
        {
            Branch = branch;
            Block = block;
            Index = index;
            Gateway = gateway;
            Target = target;
        }

        public readonly BranchBlock Branch;
        public readonly GatewayBlock Block;
        public readonly int Index;
        public readonly NodeRecord Gateway;
        public readonly NodeRecord Target;
        /// <summary>How many gateway blocks hold the target and not the gateway.</summary>
        public int BlocksAroundTarget;
    }

    internal struct FlowRecord
    {
        public string Id, Source, Target;
    }

    /// <summary>
    /// Wires blocks into nodes and flows: a sequence links each block's ends to the next block, a gateway block links
    /// the gateway to each branch and every branch's end to a new converge gateway. Recursion is bounded by the nesting
    /// of gateway blocks (checked before), never by the length of a sequence.
    /// </summary>
    internal sealed class GraphEmitter
    {
        private struct Tail
        {
            public NodeRecord From;
            public BranchBlock? Branch;
        }

        private readonly IdGenerator ids;
        private readonly IReadOnlyDictionary<StepDefinition, string> names;
        private readonly IReadOnlyDictionary<GatewayBlock, string> gatewayNames;
        private readonly Dictionary<StepDefinition, NodeRecord> emitted = new Dictionary<StepDefinition, NodeRecord>();
        private readonly System.Func<string, StepDefinition?> stepByName;
        private readonly List<BuildProblem> problems;

        public GraphEmitter(IdGenerator ids, IReadOnlyDictionary<StepDefinition, string> names, IReadOnlyDictionary<GatewayBlock, string> gatewayNames,
            System.Func<string, StepDefinition?> stepByName, List<BuildProblem> problems)
        {
            this.ids = ids;
            this.names = names;
            this.gatewayNames = gatewayNames;
            this.stepByName = stepByName;
            this.problems = problems;
        }

        // Placeholders until Emit writes the events (their ids are drawn there, first and last, as the canvas does).
        public NodeRecord Start { get; private set; } = new NodeRecord { Type = "EmptyStartEvent" };
        public NodeRecord End { get; private set; } = new NodeRecord { Type = "EmptyEndEvent" };
        public List<NodeRecord> Activities { get; } = new List<NodeRecord>();
        public List<NodeRecord> Gateways { get; } = new List<NodeRecord>();
        public List<FlowRecord> Flows { get; } = new List<FlowRecord>();
        /// <summary>The loop-back flows written, in order.</summary>
        public List<LoopRecord> Loops { get; } = new List<LoopRecord>();
        /// <summary>Which loop branches to write (all when null): lets the builder find the loop the server refuses.</summary>
        public System.Func<BranchBlock, bool>? LoopFilter { get; set; }
        /// <summary>Write loops the rules refuse too (tests compare the rules with the validator).</summary>
        public bool WriteEveryLoop { get; set; }

        // Where the blocks being written lie (one frame per sequence), and where each loop target lies.
        private readonly List<BlockFrame> frames = new List<BlockFrame>();
        private readonly Dictionary<StepDefinition, BlockFrame[]> targetPlaces = new Dictionary<StepDefinition, BlockFrame[]>();
        private HashSet<string> loopTargets = new HashSet<string>(System.StringComparer.Ordinal);

        public void Emit(SequenceBlock root, IEnumerable<BranchBlock>? loopBranches = null)
        {
            loopTargets = new HashSet<string>(System.StringComparer.Ordinal);
            if (loopBranches != null) foreach (var b in loopBranches) if (b.GoTo != null) loopTargets.Add(b.GoTo);
            Start = new NodeRecord { Id = ids.NewNodeId(), Type = "EmptyStartEvent", Name = "", Stream = "" };
            var tails = new List<Tail> { new Tail { From = Start } };
            tails = EmitSequence(root, tails, "", 0, null, null, 0);
            End = new NodeRecord { Id = ids.NewNodeId(), Type = "EmptyEndEvent", Name = "", Stream = "" };
            Connect(tails, End);
        }

        /// <summary>The node written for a step.</summary>
        public NodeRecord? NodeOf(StepDefinition step) => emitted.TryGetValue(step, out var node) ? node : null;

        private List<Tail> EmitSequence(SequenceBlock sequence, List<Tail> tails, string stream, int nesting, GatewayBlock? owner, NodeRecord? ownerNode, int branchIndex)
        {
            int frame = frames.Count;
            frames.Add(new BlockFrame { Sequence = sequence, Owner = owner, OwnerNode = ownerNode, Branch = branchIndex });
            for (int index = 0; index < sequence.Items.Count; index++)
            {
                var item = sequence.Items[index];
                var place = frames[frame];
                place.Index = index;
                frames[frame] = place;
                switch (item)
                {
                    case StepDefinition step:
                        var node = new NodeRecord
                        {
                            Id = ids.NewNodeId(),
                            Type = step.Kind == StepKind.SubProcess ? "SubProcess" : "ServiceActivity",
                            Name = names[step],
                            Step = step,
                            Stream = stream,
                        };
                        Connect(tails, node);
                        Activities.Add(node);
                        emitted[step] = node;
                        if (loopTargets.Contains(step.Name) || loopTargets.Contains(node.Name)) targetPlaces[step] = frames.ToArray();
                        tails = Single(node);
                        break;
                    case GatewayBlock gateway:
                        tails = EmitGateway(gateway, tails, stream, nesting);
                        break;
                    case SequenceBlock inner:
                        tails = EmitSequence(inner, tails, stream, nesting, null, null, 0);
                        break;
                }
            }
            frames.RemoveAt(frame);
            return tails;
        }

        private List<Tail> EmitGateway(GatewayBlock block, List<Tail> tails, string stream, int nesting)
        {
            var gateway = new NodeRecord
            {
                Id = ids.NewNodeId(),
                Type = block.Kind == GatewayKind.Parallel ? "ParallelGateway" : block.Kind == GatewayKind.Exclusive ? "ExclusiveGateway" : "ConditionalParallelGateway",
                Name = gatewayNames.TryGetValue(block, out var name) ? name : "",
                Stream = stream,
            };
            if (block.Kind != GatewayKind.Parallel) gateway.Conditions = new List<KeyValuePair<string, string>>();
            Connect(tails, gateway);
            Gateways.Add(gateway);
            var joined = new List<Tail>();
            for (int i = 0; i < block.Branches.Count; i++)
            {
                var branch = block.Branches[i];
                var start = new List<Tail> { new Tail { From = gateway, Branch = branch } };
                if (branch.GoTo != null)
                {
                    // Only steps written before the gateway exist yet: a loop goes back. Whether the server accepts the
                    // loop depends on the blocks around it (PipelineBuilder checks the built tree).
                    var step = stepByName(branch.GoTo);
                    var target = step != null ? NodeOf(step) : null;
                    if (step == null || target == null)
                    {
                        if (step != null)
                            problems.Add(new BuildProblem("InvalidLoop",
                                $"Branch {i + 1} of {Describe(block, gateway)} goes to '{branch.GoTo}', which comes after the gateway; -GoTo loops back to a step written before the gateway.", branch));
                        continue;
                    }
                    var loop = new LoopRecord(branch, block, i, gateway, target);
                    string? refused = LoopRules.Check(loop, frames.ToArray(), targetPlaces[step]);
                    if (refused != null && !WriteEveryLoop)
                    {
                        problems.Add(new BuildProblem("InvalidLoop", refused, branch));
                        continue;
                    }
                    if (LoopFilter != null && !LoopFilter(branch)) continue;
                    Connect(start, target);
                    Loops.Add(loop);
                    continue;
                }
                string branchStream = block.Kind == GatewayKind.Exclusive ? stream : gateway.Id + "#" + i;
                joined.AddRange(EmitSequence(branch.Body, start, branchStream, nesting + 1, block, gateway, i));
            }
            var converge = new NodeRecord { Id = ids.NewNodeId(), Type = "ConvergeGateway", Name = "", Stream = stream };
            gateway.ConvergeId = converge.Id;
            Connect(joined, converge);
            Gateways.Add(converge);
            return Single(converge);
        }

        private static string Describe(GatewayBlock block, NodeRecord gateway) => LoopRules.Describe(block, gateway);

        private static List<Tail> Single(NodeRecord node) => new List<Tail>(1) { new Tail { From = node } };

        private void Connect(List<Tail> tails, NodeRecord target)
        {
            foreach (var tail in tails)
            {
                string id = ids.NewFlowId();
                Flows.Add(new FlowRecord { Id = id, Source = tail.From.Id, Target = target.Id });
                tail.From.Outgoing.Add(id);
                target.Incoming.Add(id);
                var branch = tail.Branch;
                if (branch == null || tail.From.Conditions == null) continue;
                if (branch.IsDefault) tail.From.DefaultFlow = id;
                else tail.From.Conditions.Add(new KeyValuePair<string, string>(id, branch.Condition ?? ""));
            }
        }
    }
}
