namespace BkSops.Core.Tests.Generators
{
    /// <summary>Knobs of <see cref="RandomTreeGenerator"/>. The defaults make small trees (the server's depth limit is far away).</summary>
    public sealed class RandomTreeOptions
    {
        /// <summary>Activities budget: the generator stops adding activities once it is spent (branches may still be empty).</summary>
        public int MaxActivities { get; set; } = 30;

        /// <summary>How deep gateway blocks may nest inside each other.</summary>
        public int MaxNesting { get; set; } = 3;

        /// <summary>Elements (activities or blocks) on the main line: 1 to this many.</summary>
        public int MaxMainElements { get; set; } = 6;

        /// <summary>Elements on one branch: 0 to this many.</summary>
        public int MaxBranchElements { get; set; } = 3;

        /// <summary>Branches of a gateway: 2 to this many.</summary>
        public int MaxBranches { get; set; } = 5;

        /// <summary>Chance that an element is a gateway block instead of an activity.</summary>
        public double BlockChance { get; set; } = 0.35;

        /// <summary>Chance that an exclusive gateway gets a branch looping back to an activity just before it.</summary>
        public double LoopBackChance { get; set; } = 0.3;

        /// <summary>Chance that a branch of an exclusive gateway (outside parallel blocks) goes to the end event.</summary>
        public double EndBranchChance { get; set; } = 0.2;

        /// <summary>Chance that an exclusive gateway covers one branch with default_condition instead of a condition.</summary>
        public double DefaultConditionChance { get; set; } = 0.3;

        /// <summary>Constants: 0 to this many.</summary>
        public int MaxConstants { get; set; } = 5;

        /// <summary>Chance that a component data item refers to a constant (<c>${x}</c>, hook true).</summary>
        public double ReferenceChance { get; set; } = 0.4;

        public static RandomTreeOptions Default => new RandomTreeOptions();
    }
}
