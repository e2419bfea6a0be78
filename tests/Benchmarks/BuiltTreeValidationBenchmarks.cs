using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// <c>ConvertTo-BkSopsPipeline | Test-BkSopsPipeline</c> is the common pipeline: validating the builder's 10,000-step
    /// chain as built in memory, against the same tree read back from its JSON text (full run, depth limit lifted).
    /// </summary>
    public class BuiltTreeValidationBenchmarks
    {
        private PipelineTree tree;

        public static IEnumerable<string> Shapes => new[] { BenchTrees.BuilderShape, BenchTrees.BuilderShape + BenchTrees.ParsedSuffix };

        [ParamsSource(nameof(Shapes))]
        public string Shape { get; set; }

        [GlobalSetup]
        public void Setup() => tree = BenchTrees.Tree(Shape);

        [Benchmark]
        public int Validate() => new PipelineValidator().Validate(tree, ValidationBenchmarks.FullRun).Diagnostics.Count;
    }
}
