using System.Collections.Generic;

namespace BkSops.Building
{
    /// <summary>Where a node lies in the block structure: one entry per sequence from the root down.</summary>
    internal struct BlockFrame
    {
        public SequenceBlock Sequence;
        /// <summary>The item of <see cref="Sequence"/> the node is in (or is).</summary>
        public int Index;
        /// <summary>The gateway block whose branch <see cref="Sequence"/> is (null for the root and plain sequences).</summary>
        public GatewayBlock? Owner;
        public NodeRecord? OwnerNode;
        public int Branch;
    }

    /// <summary>
    /// Which loops the server accepts, found by running bamboo's gateway matching and stream check (spec 2.8, 2.9) on
    /// every shape the blocks can make: a loop from an exclusive gateway back to a step is accepted when, in the
    /// innermost sequence holding both, the step comes before the gateway (or lies in one of the gateway's own branches),
    /// and
    /// no parallel or conditional parallel block lies between that sequence and the gateway or the step. Going into a
    /// sibling branch, out of a parallel branch or into one is refused. Loops that pass these rules can still meet the
    /// finer points of bamboo's converge sharing and distance measure (into blocks nested in other blocks) and of bk-sops'
    /// layout step (into a sub-process): the builder validates every tree with loops and names the loop the server refuses.
    /// </summary>
    internal static class LoopRules
    {
        /// <summary>Null when the server accepts the loop; otherwise why not, naming the gateway and the step.</summary>
        public static string? Check(LoopRecord loop, BlockFrame[] gateway, BlockFrame[] step)
        {
            int d = 0;
            while (d < gateway.Length && d < step.Length && ReferenceEquals(gateway[d].Sequence, step[d].Sequence) && gateway[d].Index == step[d].Index) d++;
            string from = $"Branch {loop.Index + 1} of {Describe(loop.Block, loop.Gateway)} loops back to '{loop.Target.Name}'";
            loop.BlocksAroundTarget = System.Math.Max(0, step.Length - d - 1);
            if (d < gateway.Length && d < step.Length && !ReferenceEquals(gateway[d].Sequence, step[d].Sequence))
            {
                var owner = step[d];
                return $"{from}, which lies in branch {owner.Branch + 1} of {Describe(owner.Owner, owner.OwnerNode)} while the gateway lies in its branch {gateway[d].Branch + 1}. " +
                    "The server refuses a flow into another branch (all branches of an exclusive gateway must meet the same converge gateway first); a loop goes back along the way that led to its gateway.";
            }
            for (int i = d + 1; i < gateway.Length; i++)
                if (gateway[i].Owner is GatewayBlock leaving && leaving.Kind != GatewayKind.Exclusive)
                    return $"{from}, which lies outside branch {gateway[i].Branch + 1} of {Describe(gateway[i].Owner, gateway[i].OwnerNode)} that holds the gateway. " +
                        "The server refuses a loop out of a parallel block (inside one, every branch of a branch gateway must converge); loop back to a step inside the same branch, or put the loop around the whole parallel block.";
            for (int i = d + 1; i < step.Length; i++)
                if (step[i].Owner is GatewayBlock entering && entering.Kind != GatewayKind.Exclusive)
                    return $"{from}, which lies inside branch {step[i].Branch + 1} of {Describe(step[i].Owner, step[i].OwnerNode)} while the gateway lies outside it. " +
                        "The server refuses a flow into a parallel branch from outside (each node must belong to one branch); loop back to the step before the parallel block instead.";
            return null;
        }

        /// <summary>
        /// Why the validator refuses a tree with a loop the rules above let through. One case is known: bk-sops' layout
        /// step (draw_pipeline) turns a loop's flow around while it lays the tree out and, when it restores it, leaves the
        /// outgoing flow of a SubProcess node as a list (it restores only start events, plugin nodes and converge
        /// gateways), which the gateway check then cannot read. Which flow it turns around depends on the order it meets
        /// the nodes in, so the builder asks the validator, which runs that step as the server does.
        /// </summary>
        public static string Explain(LoopRecord loop, Validation.Diagnostic refusal)
        {
            string from = $"Branch {loop.Index + 1} of {Describe(loop.Block, loop.Gateway)} loops back to '{loop.Target.Name}'";
            if (loop.Target.Type == "SubProcess" && refusal.Message.Contains("unhashable type: 'list'"))
                return $"{from}, a sub-process. The server refuses this loop: its layout step turns the loop's flow around and leaves the sub-process node's outgoing flow a list, which its gateway check cannot read. Loop back to a plugin step before the sub-process instead.";
            string hint = loop.BlocksAroundTarget >= 2
                ? $" The step lies inside {loop.BlocksAroundTarget} nested blocks: the server measures each gateway's distance from the start without following loops, and a loop into a block nested in another block makes it find that block's converge gateway after this gateway. Loop back to a step outside the nested blocks instead."
                : "";
            return $"{from}. The server refuses the tree with this loop ({refusal.RuleName}: {refusal.Message}).{hint}";
        }

        /// <summary>True for the problems <see cref="Explain"/> writes from the validator's verdict (not from <see cref="Check"/>).</summary>
        internal static bool IsFromValidator(string message) => message.Contains("The server refuses the tree with this loop") || message.Contains("its layout step turns the loop's flow around");

        internal static string Describe(GatewayBlock? block, NodeRecord? node) =>
            block == null ? "a block" : $"the {block.Kind} gateway" + (node != null && node.Name.Length > 0 ? $" '{node.Name}'" : "");
    }
}
