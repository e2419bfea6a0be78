using System;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>
    /// Deterministic valid trees of a given shape and size, for benchmarks and scale tests (the shapes of spec
    /// section 5). Ids come from a fixed seed, so the same call always gives the same text. Iterative throughout.
    /// </summary>
    public static class ShapeGenerators
    {
        private const int Seed = 20240501;
        private const string TimingKey = "${bk_timing}";

        /// <summary>start -> <paramref name="activities"/> activities in a row -> end.</summary>
        public static PipelineTree Chain(int activities)
        {
            if (activities < 1) throw new ArgumentOutOfRangeException(nameof(activities), "A chain needs at least one activity.");
            var b = NewBuilder();
            string current = b.StartId;
            for (int i = 1; i <= activities; i++)
            {
                string activity = Activity(b, i);
                b.Connect(current, activity);
                current = activity;
            }
            b.Connect(current, b.EndId);
            return b.BuildTree($"chain of {activities} activities");
        }

        /// <summary>
        /// <paramref name="activities"/>/4 blocks in a row, each a 4-way ParallelGateway with one activity per branch
        /// and its ConvergeGateway; a remainder (activities not divisible by 4) follows as a chain.
        /// </summary>
        public static PipelineTree ParallelBlocks(int activities)
        {
            if (activities < 1) throw new ArgumentOutOfRangeException(nameof(activities), "Give at least one activity.");
            var b = NewBuilder();
            string current = b.StartId;
            int made = 0;
            for (int block = 0; block < activities / 4; block++)
            {
                string parallel = b.AddGateway(NodeTypes.Parallel);
                string converge = b.AddGateway(NodeTypes.Converge);
                b.Connect(current, parallel);
                for (int branch = 0; branch < 4; branch++)
                {
                    string activity = Activity(b, ++made);
                    b.Connect(parallel, activity);
                    b.Connect(activity, converge);
                }
                current = converge;
            }
            while (made < activities)
            {
                string activity = Activity(b, ++made);
                b.Connect(current, activity);
                current = activity;
            }
            b.Connect(current, b.EndId);
            return b.BuildTree($"{activities / 4} parallel blocks of 4 ({activities} activities)");
        }

        /// <summary>
        /// ExclusiveGateways nested <paramref name="depth"/> deep: level i has one branch (through an activity) into
        /// level i+1 and one plain branch (one activity); every level converges on its own ConvergeGateway, which
        /// leads to the converge of the level above. The innermost level has two plain branches.
        /// </summary>
        public static PipelineTree NestedExclusive(int depth)
        {
            if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), "Give a depth of at least 1.");
            var b = NewBuilder();
            var exclusives = new string[depth];
            var converges = new string[depth];
            for (int level = 0; level < depth; level++)
            {
                exclusives[level] = b.AddGateway(NodeTypes.Exclusive);
                converges[level] = b.AddGateway(NodeTypes.Converge);
            }
            int made = 0;
            string first = Activity(b, ++made);
            b.Connect(b.StartId, first);
            b.Connect(first, exclusives[0]);
            for (int level = 0; level < depth; level++)
            {
                string gateway = exclusives[level];
                string into = Activity(b, ++made);
                string inFlow = b.Connect(gateway, into);
                b.Connect(into, level + 1 < depth ? exclusives[level + 1] : converges[level]);
                string plain = Activity(b, ++made);
                string plainFlow = b.Connect(gateway, plain);
                b.Connect(plain, converges[level]);
                b.SetCondition(gateway, inFlow, $"{TimingKey} > {level}");
                b.SetCondition(gateway, plainFlow, $"{TimingKey} <= {level}");
            }
            for (int level = depth - 1; level > 0; level--) b.Connect(converges[level], converges[level - 1]);
            b.Connect(converges[0], b.EndId);
            return b.BuildTree($"exclusive gateways nested {depth} deep");
        }

        private static PipelineTreeBuilder NewBuilder()
        {
            var b = new PipelineTreeBuilder(new Random(Seed));
            b.AddConstant(TimingKey, "timing", new JsonString("1"), "seconds to sleep");
            b.AddOutput(TimingKey);
            return b;
        }

        private static string Activity(PipelineTreeBuilder b, int number)
        {
            bool hooked = number % 2 == 0;
            var data = new JsonObject();
            data.Set("bk_timing", PipelineTreeBuilder.DataItem(hooked, new JsonString(hooked ? TimingKey : "1")));
            return b.AddActivity("step " + number, "stage" + (1 + number % 5), PipelineTreeBuilder.Component("sleep_timer", data));
        }
    }
}
