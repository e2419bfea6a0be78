using BenchmarkDotNet.Attributes;
using BkSops.Api;
using BkSops.Model;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// What New-BkSopsTask does before sending a tree it has not checked before (one tree per row of a CSV):
    /// <c>SubmissionCache.Prepare</c> of a fresh copy of docs/examples/seed-tree.json (snapshot, repair, verdict, JSON
    /// bytes). A fresh copy each call, so the cache never answers; <see cref="CloneSeed"/> is that copy's own cost.
    /// </summary>
    public class SubmissionValidationBenchmarks
    {
        private PipelineTree seed;

        [GlobalSetup]
        public void Setup() => seed = BenchTrees.Seed();

        [Benchmark]
        public int PrepareFreshSeed() => SubmissionCache.Prepare(seed.Clone(), describe: false).TreeJson?.Length ?? -1;

        [Benchmark]
        public PipelineTree CloneSeed() => seed.Clone();
    }
}
