namespace BkSops.Benchmarks
{
    /// <summary>The parsed command line, visible to the benchmark classes (they run in this process: in-process toolchain).</summary>
    public static class BenchEnvironment
    {
        public static BenchOptions Options { get; set; }
    }
}
