using BkSops.Core.Tests.Generators;
using BkSops.Model;
using CsCheck;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>A seed and the options of one random tree: printable, reproducible, and small enough to shrink.</summary>
    public sealed class TreeRecipe
    {
        public TreeRecipe(int seed, RandomTreeOptions options)
        {
            Seed = seed;
            Options = options;
        }

        public int Seed { get; }
        public RandomTreeOptions Options { get; }

        /// <summary>A fresh tree each call (trees are mutable).</summary>
        public PipelineTree Build() => RandomTreeGenerator.Generate(Seed, Options);

        public override string ToString() =>
            $"RandomTreeGenerator.Generate({Seed}, new RandomTreeOptions {{ MaxActivities = {Options.MaxActivities}, MaxNesting = {Options.MaxNesting}, " +
            $"MaxMainElements = {Options.MaxMainElements}, MaxBranches = {Options.MaxBranches}, MaxConstants = {Options.MaxConstants} }})";
    }

    /// <summary>CsCheck generators over <see cref="RandomTreeGenerator"/> (kept here: the generator files take no test-framework types).</summary>
    public static class TreeGens
    {
        /// <summary>Options from tiny trees to a few hundred activities; CsCheck shrinks towards the small ones.</summary>
        public static readonly Gen<RandomTreeOptions> Options =
            Gen.Select(Gen.Int[1, 120], Gen.Int[0, 5], Gen.Int[1, 8], Gen.Int[2, 5], Gen.Int[0, 6])
               .Select((activities, nesting, main, branches, constants) => new RandomTreeOptions
               {
                   MaxActivities = activities,
                   MaxNesting = nesting,
                   MaxMainElements = main,
                   MaxBranches = branches,
                   MaxConstants = constants,
               });

        public static readonly Gen<TreeRecipe> Recipe =
            Gen.Select(Gen.Int[0, int.MaxValue], Options).Select((seed, options) => new TreeRecipe(seed, options));
    }
}
