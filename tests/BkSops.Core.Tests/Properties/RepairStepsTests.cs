using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using BkSops.Building;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using CsCheck;
using Xunit;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>
    /// Repair and Test agree: for random and mutated trees that Repair can fix, applying Repair's changes one at a time
    /// never brings up an Error that Test had not already reported on the original tree (directly, or as found after
    /// repair). So fixing what Test lists never leads to a surprise.
    /// </summary>
    public sealed class RepairStepsTests
    {
        private static readonly Gen<RandomTreeOptions> SmallOptions =
            Gen.Select(Gen.Int[1, 12], Gen.Int[0, 3], Gen.Int[1, 5], Gen.Int[2, 4], Gen.Int[0, 4])
               .Select((activities, nesting, main, branches, constants) => new RandomTreeOptions
               {
                   MaxActivities = activities, MaxNesting = nesting, MaxMainElements = main, MaxBranches = branches, MaxConstants = constants,
               });

        [Fact]
        public void ApplyingRepairsOneAtATimeBringsUpNoUnreportedError()
        {
            int repairable = 0;
            Gen.Select(Gen.Int[0, int.MaxValue], SmallOptions, Gen.Int[0, int.MaxValue], Gen.Int[0, 3])
               .Sample((seed, options, mutationSeed, mutations) =>
               {
                   var recipe = new TreeRecipe(seed, options);
                   var root = (JsonObject)recipe.Build().Root.Clone();
                   var done = mutations == 0 ? new List<string>() : TreeMutator.Mutate(new Random(mutationSeed), root, mutations);
                   if (Check(root, $"{recipe} mutated by [{string.Join("; ", done)}]")) repairable++;
               }, iter: 300, print: t => $"seed {t.Item1}, mutation seed {t.Item3}, {t.Item4} mutation(s)");
            Assert.True(repairable > 50, $"only {repairable} of the sampled trees could be repaired");
        }

        [Fact]
        public void EachStringIncomingMutationAlone()
        {
            for (int seed = 0; seed < 40; seed++)
            {
                var recipe = new TreeRecipe(seed, new RandomTreeOptions { MaxActivities = 10, MaxBranches = 3, MaxNesting = 2 });
                var root = (JsonObject)recipe.Build().Root.Clone();
                var random = new Random(seed);
                var done = new List<string>();
                for (int i = 0; i < 4; i++) done.Add(TreeMutator.Apply("IncomingAsString", random, root));
                Check(root, $"{recipe} with string incomings [{string.Join("; ", done)}]");
            }
        }

        /// <summary>Returns whether the tree could be repaired (and so was checked).</summary>
        private static bool Check(JsonObject root, string context)
        {
            var validator = new PipelineValidator();
            var original = new PipelineTree((JsonObject)root.Clone(), "original");
            var reported = validator.Validate(original);
            var repair = new TreeRepairer().Repair(new PipelineTree((JsonObject)root.Clone(), "original"));
            if (!repair.IsRepaired) return false;
            var known = new HashSet<string>(reported.Diagnostics.Where(d => d.Severity == Severity.Error).Select(Key));
            var step = (JsonObject)root.Clone();
            var applied = new List<string>();
            foreach (var change in repair.Changes)
            {
                Apply(step, change);
                applied.Add(change.Path);
                var now = validator.Validate(new PipelineTree((JsonObject)step.Clone(), "step"));
                foreach (var error in now.Diagnostics.Where(d => d.Severity == Severity.Error))
                    Assert.True(known.Contains(Key(error)),
                        $"{context}: after applying [{string.Join(", ", applied)}] the tree has {error}, which Test did not report. " +
                        $"Test reported: {string.Join(" | ", reported.Diagnostics)}");
            }
            return true;
        }

        private static string Key(Diagnostic d) => d.RuleName + "|" + d.NodeId;

        /// <summary>Sets the value a change's JSONPath names to its After value (or removes it).</summary>
        private static void Apply(JsonObject root, TreeChange change)
        {
            var segments = Segments(change.Path);
            JsonNode parent = root;
            for (int i = 0; i < segments.Count - 1; i++)
                parent = segments[i] is int index ? ((JsonArray)parent)[index] : ((JsonObject)parent)[(string)segments[i]];
            var last = segments[segments.Count - 1];
            Assert.IsType<string>(last); // the normaliser changes fields, never list items
            var owner = (JsonObject)parent;
            if (change.After == null) owner.Remove((string)last);
            else owner.Set((string)last, JsonReader.Parse(change.After));
        }

        private static List<object> Segments(string path)
        {
            var segments = new List<object>();
            int i = 1; // after '$'
            while (i < path.Length)
            {
                if (path[i] == '.')
                {
                    int start = ++i;
                    while (i < path.Length && path[i] != '.' && path[i] != '[') i++;
                    segments.Add(path.Substring(start, i - start));
                }
                else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
                {
                    var name = new StringBuilder();
                    i += 2;
                    while (!(path[i] == '\'' && path[i + 1] == ']'))
                    {
                        if (path[i] == '\\') i++;
                        name.Append(path[i++]);
                    }
                    i += 2;
                    segments.Add(name.ToString());
                }
                else
                {
                    int close = path.IndexOf(']', i);
                    segments.Add(int.Parse(path.Substring(i + 1, close - i - 1)));
                    i = close + 1;
                }
            }
            return segments;
        }
    }
}
