using System.Linq;
using BenchmarkDotNet.Reports;

namespace BkSops.Benchmarks
{
    /// <summary>How the result table names and orders the builder and rendering benchmarks (time per step in the note).</summary>
    internal static class BuilderRows
    {
        public static bool TryDescribe(BenchmarkReport report, out string name, out string note)
        {
            var bc = report.BenchmarkCase;
            string method = bc.Descriptor.WorkloadMethod.Name;
            name = note = null;
            if (bc.Descriptor.Type == typeof(BuilderBenchmarks))
            {
                int steps = (int)bc.Parameters.Items.First(p => p.Name == nameof(BuilderBenchmarks.Steps)).Value;
                string what = method == nameof(BuilderBenchmarks.BuildEngine) ? "PipelineBuilder.Build (engine)"
                    : method == nameof(BuilderBenchmarks.ConvertToCmdlet) ? "$steps | ConvertTo-BkSopsPipeline"
                    : "same tree as hashtables | ConvertTo-Json";
                name = $"Build {steps / 1000}k steps: {what}";
                if (report.ResultStatistics != null) note = $"{ResultTable.FormatTime(report.ResultStatistics.Mean / steps)} per step";
                return true;
            }
            if (bc.Descriptor.Type == typeof(RenderBenchmarks))
            {
                name = $"Render {BenchTrees.BuilderShape} as {bc.Parameters.Items.First().Value}";
                note = "";
                return true;
            }
            return false;
        }

        public static int Order(BenchmarkReport report)
        {
            var bc = report.BenchmarkCase;
            if (bc.Descriptor.Type == typeof(BuilderBenchmarks))
            {
                int steps = (int)bc.Parameters.Items.First().Value;
                string[] methods = { nameof(BuilderBenchmarks.BuildEngine), nameof(BuilderBenchmarks.ConvertToCmdlet), nameof(BuilderBenchmarks.HashtablesConvertToJson) };
                return steps / 1000 * 10 + System.Array.IndexOf(methods, bc.Descriptor.WorkloadMethod.Name);
            }
            if (bc.Descriptor.Type == typeof(RenderBenchmarks)) return 100000 + (int)bc.Parameters.Items.First().Value;
            return -1;
        }
    }
}
