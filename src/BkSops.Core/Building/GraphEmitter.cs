using System.Collections.Generic;

namespace BkSops.Building
{
    /// <summary>A node of the tree being built, before it is written as JSON.</summary>
    internal sealed class NodeRecord
    {
        public string Id;
        public string Type;
        public string Name;
        public readonly List<string> Incoming = new List<string>(1);
        public readonly List<string> Outgoing = new List<string>(1);
        public StepDefinition Step;
        public List<KeyValuePair<string, string>> Conditions;
        public string DefaultFlow;
        public string ConvergeId;
        /// <summary>The innermost parallel branch the node lies in ("" for the main stream).</summary>
        public string Stream;
        public bool IsBranching => Type == "ParallelGateway" || Type == "ExclusiveGateway" || Type == "ConditionalParallelGateway";
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
            public BranchBlock Branch;
        }

        private readonly IdGenerator ids;
        private readonly IReadOnlyDictionary<StepDefinition, string> names;
        private readonly IReadOnlyDictionary<GatewayBlock, string> gatewayNames;
        private readonly Dictionary<StepDefinition, NodeRecord> emitted = new Dictionary<StepDefinition, NodeRecord>();
        private readonly System.Func<string, StepDefinition> stepByName;
        private readonly List<BuildProblem> problems;

        public GraphEmitter(IdGenerator ids, IReadOnlyDictionary<StepDefinition, string> names, IReadOnlyDictionary<GatewayBlock, string> gatewayNames,
            System.Func<string, StepDefinition> stepByName, List<BuildProblem> problems)
        {
            this.ids = ids;
            this.names = names;
            this.gatewayNames = gatewayNames;
            this.stepByName = stepByName;
            this.problems = problems;
        }

        public NodeRecord Start { get; private set; }
        public NodeRecord End { get; private set; }
        public List<NodeRecord> Activities { get; } = new List<NodeRecord>();
        public List<NodeRecord> Gateways { get; } = new List<NodeRecord>();
        public List<FlowRecord> Flows { get; } = new List<FlowRecord>();

        public void Emit(SequenceBlock root)
        {
            Start = new NodeRecord { Id = ids.NewNodeId(), Type = "EmptyStartEvent", Name = "", Stream = "" };
            var tails = new List<Tail> { new Tail { From = Start } };
            tails = EmitSequence(root, tails, "", 0);
            End = new NodeRecord { Id = ids.NewNodeId(), Type = "EmptyEndEvent", Name = "", Stream = "" };
            Connect(tails, End);
        }

        /// <summary>The node written for a step.</summary>
        public NodeRecord NodeOf(StepDefinition step) => emitted.TryGetValue(step, out var node) ? node : null;

        private List<Tail> EmitSequence(SequenceBlock sequence, List<Tail> tails, string stream, int nesting)
        {
            // The steps since the last gateway block of this sequence: the ones a loop can go back to.
            var run = new List<StepDefinition>();
            foreach (var item in sequence.Items)
            {
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
                        tails = Single(node);
                        run.Add(step);
                        break;
                    case GatewayBlock gateway:
                        tails = EmitGateway(gateway, tails, stream, nesting == 0 ? run : null, nesting);
                        run = new List<StepDefinition>();
                        break;
                    case SequenceBlock inner:
                        tails = EmitSequence(inner, tails, stream, nesting);
                        run = new List<StepDefinition>();
                        break;
                }
            }
            return tails;
        }

        private List<Tail> EmitGateway(GatewayBlock block, List<Tail> tails, string stream, List<StepDefinition> run, int nesting = 0)
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
                    var step = stepByName(branch.GoTo);
                    var target = step != null && run != null && run.Contains(step) ? NodeOf(step) : null;
                    if (target == null)
                    {
                        // Further back, or from inside another gateway's branch, the loop would meet other gateways before it
                        // reaches this one again, and the server's gateway matching refuses many such shapes.
                        problems.Add(new BuildProblem("InvalidLoop",
                            $"A branch of {Describe(block, gateway)} loops back to '{branch.GoTo}', which is not one of the steps right before the gateway in the main sequence: a loop goes back from a gateway of the main sequence (not inside another gateway's branch) to a step before it with no gateway block in between.", branch));
                        continue;
                    }
                    Connect(start, target);
                    continue;
                }
                string branchStream = block.Kind == GatewayKind.Exclusive ? stream : gateway.Id + "#" + i;
                joined.AddRange(EmitSequence(branch.Body, start, branchStream, nesting + 1));
            }
            var converge = new NodeRecord { Id = ids.NewNodeId(), Type = "ConvergeGateway", Name = "", Stream = stream };
            gateway.ConvergeId = converge.Id;
            Connect(joined, converge);
            Gateways.Add(converge);
            return Single(converge);
        }

        private static string Describe(GatewayBlock block, NodeRecord gateway) =>
            $"the {block.Kind} gateway" + (gateway.Name.Length > 0 ? $" '{gateway.Name}'" : "");

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
                else tail.From.Conditions.Add(new KeyValuePair<string, string>(id, branch.Condition));
            }
        }
    }
}
