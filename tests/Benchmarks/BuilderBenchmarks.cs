using BenchmarkDotNet.Attributes;
using BkSops.Building;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// Building a chain of N steps: the engine alone (PipelineBuilder over step objects), the cmdlet
    /// (<c>$steps | ConvertTo-BkSopsPipeline</c> over hashtables), and what the same tree costs a user who writes it as
    /// nested hashtables and serialises it (<c>$treeTable | ConvertTo-Json -Depth 100</c>).
    /// </summary>
    public class BuilderBenchmarks
    {
        private System.Collections.Generic.List<BuildBlock> steps;
        private PowerShellHost powerShell;

        [Params(1000, 10000, 100000)]
        public int Steps { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            steps = BuilderInputs.Steps(Steps);
            if (BenchEnvironment.Options?.ModuleExists == true)
            {
                powerShell = new PowerShellHost(BenchEnvironment.Options.ModulePath);
                powerShell.Script(BuilderInputs.PowerShellSetup(Steps));
            }
        }

        [GlobalCleanup]
        public void Cleanup() => powerShell?.Dispose();

        [Benchmark]
        public int BuildEngine() => new PipelineBuilder().Build(steps, new PipelineBuildOptions { Seed = 1 }).Tree.ActivityCount;

        [Benchmark]
        public int ConvertToCmdlet() => powerShell.Script("$steps | ConvertTo-BkSopsPipeline -Seed 1").Count;

        [Benchmark]
        public int HashtablesConvertToJson() => powerShell.Script("$treeTable | ConvertTo-Json -Depth 100 -Compress").Count;
    }
}
