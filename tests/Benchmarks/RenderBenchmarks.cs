using BenchmarkDotNet.Attributes;
using BkSops.Model;
using BkSops.Rendering;

namespace BkSops.Benchmarks
{
    /// <summary>Drawing the 10,000-step built chain (10,002 nodes): the text each format makes.</summary>
    public class RenderBenchmarks
    {
        private PipelineTree tree;

        [Params(DiagramFormat.Mermaid, DiagramFormat.Dot, DiagramFormat.Text)]
        public DiagramFormat Format { get; set; }

        [GlobalSetup]
        public void Setup() => tree = BenchTrees.Tree(BenchTrees.BuilderShape);

        [Benchmark]
        public int Render() => DiagramRenderer.Render(tree, Format).Text.Length;
    }
}
