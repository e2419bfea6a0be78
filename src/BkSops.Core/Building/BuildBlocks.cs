using System.Collections.Generic;

namespace BkSops.Building
{
    /// <summary>A piece of a pipeline to build: a step, a sequence, or a gateway block with its branches.</summary>
    public abstract class BuildBlock { }

    /// <summary>Blocks that run one after another.</summary>
    public sealed class SequenceBlock : BuildBlock
    {
        public SequenceBlock() { }
        public SequenceBlock(IEnumerable<BuildBlock> items) { Items.AddRange(items); }

        public List<BuildBlock> Items { get; } = new List<BuildBlock>();

        public override string ToString() => $"Sequence of {Items.Count}";
    }

    /// <summary>The branching gateways (each is closed by a converge gateway the builder adds).</summary>
    public enum GatewayKind { Parallel, Exclusive, ConditionalParallel }

    /// <summary>A branching gateway, its branches, and the converge gateway that joins them.</summary>
    public sealed class GatewayBlock : BuildBlock
    {
        public GatewayBlock(GatewayKind kind) { Kind = kind; }

        public GatewayKind Kind { get; }

        /// <summary>The gateway's name (empty when not given, as on the canvas).</summary>
        public string? Name { get; set; }

        public List<BranchBlock> Branches { get; } = new List<BranchBlock>();

        public override string ToString() => $"{Kind} gateway" + (string.IsNullOrEmpty(Name) ? "" : $" '{Name}'") + $" with {Branches.Count} branches";
    }

    /// <summary>
    /// One branch of a gateway: its condition (exclusive and conditional-parallel gateways), whether it is the default
    /// branch, and either its steps or the name of an earlier step to loop back to.
    /// </summary>
    public sealed class BranchBlock : BuildBlock
    {
        /// <summary>The condition (<c>conditions[flow].evaluate</c>), e.g. <c>${count} &gt; 1</c>.</summary>
        public string? Condition { get; set; }

        /// <summary>Taken when no condition holds (<c>default_condition</c>).</summary>
        public bool IsDefault { get; set; }

        /// <summary>The name of an earlier step this branch loops back to (instead of <see cref="Body"/>).</summary>
        public string? GoTo { get; set; }

        public SequenceBlock Body { get; set; } = new SequenceBlock();

        public override string ToString() =>
            (IsDefault ? "Default branch" : Condition != null ? $"Branch if {Condition}" : "Branch")
            + (GoTo != null ? $" back to '{GoTo}'" : $" of {Body.Items.Count}");
    }
}
