using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// Warm, in-process validation of already-read trees: <c>new PipelineValidator().Validate(tree)</c>.
    /// The depth limit (and its warning) is lifted so every stage runs over the whole tree (with the default limit the deep
    /// shapes would stop at TreeTooDeep, like the server does, and measure less work).
    /// </summary>
    public class ValidationBenchmarks
    {
        public static readonly ValidationOptions FullRun = new ValidationOptions { MaxDepth = int.MaxValue, DepthWarning = int.MaxValue };

        private PipelineTree tree;

        public static IEnumerable<string> Shapes => BenchTrees.ValidationShapes;

        [ParamsSource(nameof(Shapes))]
        public string Shape { get; set; }

        [GlobalSetup]
        public void Setup() => tree = BenchTrees.Tree(Shape);

        [Benchmark]
        public int Validate()
        {
            try
            {
                return new PipelineValidator().Validate(tree, FullRun).Diagnostics.Count;
            }
            catch (Exception)
            {
                // An unfinished validator must not stop the run; Program reports the exception separately.
                return -1;
            }
        }
    }
}
