using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace BkSops.Benchmarks
{
    /// <summary>The one compact table printed at the end: name, mean, allocated per operation, input size, note.</summary>
    public static class ResultTable
    {
        private sealed class Row
        {
            public string Name, Mean, Allocated, Input, Note;
        }

        public static string Render(IEnumerable<Summary> summaries, IReadOnlyDictionary<string, string> verdicts, IEnumerable<string> sections)
        {
            var rows = new List<Row>();
            foreach (var report in summaries.SelectMany(s => s.Reports).OrderBy(Order))
            {
                var bc = report.BenchmarkCase;
                string method = bc.Descriptor.WorkloadMethod.Name;
                string shape = bc.Parameters.Items.FirstOrDefault(p => p.Name == nameof(ValidationBenchmarks.Shape))?.Value as string;
                var row = new Row();
                if (BuilderRows.TryDescribe(report, out row.Name, out row.Note)) row.Input = "";
                else if (shape != null)
                {
                    row.Name = "Validate " + shape;
                    row.Input = BenchTrees.FormatBytes(BenchTrees.JsonBytes(shape));
                    row.Note = verdicts != null && verdicts.TryGetValue(shape, out var v) ? v : "";
                }
                else if (bc.Descriptor.Type == typeof(SubmissionValidationBenchmarks))
                {
                    row.Name = method == nameof(SubmissionValidationBenchmarks.PrepareFreshSeed)
                        ? "Prepare a fresh seed-tree for New-BkSopsTask (clone included)"
                        : "Clone seed-tree (the fresh copy above)";
                    row.Input = BenchTrees.FormatBytes(BenchTrees.JsonBytes(BenchTrees.SeedShape));
                    row.Note = "";
                }
                else
                {
                    row.Name = $"JSON round trip {BenchTrees.RoundTripShape}: {Describe(method)}";
                    row.Input = BenchTrees.FormatBytes(BenchTrees.JsonBytes(BenchTrees.RoundTripShape));
                    row.Note = "";
                }
                var stats = report.ResultStatistics;
                row.Mean = stats == null ? "failed" : FormatTime(stats.Mean);
                long? allocated = report.GcStats.GetBytesAllocatedPerOperation(bc);
                row.Allocated = allocated.HasValue ? BenchTrees.FormatBytes(allocated.Value) : "-";
                if (stats == null) row.Note = (row.Note + " (see the BenchmarkDotNet log in the artifacts folder)").Trim();
                rows.Add(row);
            }

            var sb = new StringBuilder();
            if (rows.Count > 0)
            {
                string[] headers = { "Benchmark", "Mean", "Allocated", "Input JSON", "Note" };
                var cells = rows.Select(r => new[] { r.Name, r.Mean, r.Allocated, r.Input, r.Note }).ToList();
                int[] widths = headers.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
                bool[] right = { false, true, true, true, false };
                sb.AppendLine(Line(headers, widths, right));
                sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
                foreach (var c in cells) sb.AppendLine(Line(c, widths, right));
            }
            foreach (string section in sections ?? Enumerable.Empty<string>())
            {
                if (sb.Length > 0) sb.AppendLine();
                sb.Append(section.EndsWith(Environment.NewLine, StringComparison.Ordinal) ? section : section + Environment.NewLine);
            }
            return sb.ToString();
        }

        /// <summary>JSON benchmarks in declaration order, then the validation shapes in <see cref="BenchTrees.ValidationShapes"/> order.</summary>
        private static int Order(BenchmarkReport report)
        {
            var bc = report.BenchmarkCase;
            string shape = bc.Parameters.Items.FirstOrDefault(p => p.Name == nameof(ValidationBenchmarks.Shape))?.Value as string;
            if (shape != null) return 100 + Array.IndexOf(BenchTrees.ValidationShapes, shape);
            int builderOrder = BuilderRows.Order(report);
            if (builderOrder >= 0) return 200 + builderOrder;
            if (bc.Descriptor.Type == typeof(SubmissionValidationBenchmarks)) return 300 + (bc.Descriptor.WorkloadMethod.Name == nameof(SubmissionValidationBenchmarks.PrepareFreshSeed) ? 0 : 1);
            string[] methods = { nameof(JsonRoundTripBenchmarks.BkSopsJson), nameof(JsonRoundTripBenchmarks.NewtonsoftJToken),
                nameof(JsonRoundTripBenchmarks.PowerShellConvertJson), nameof(JsonRoundTripBenchmarks.BkSopsCmdlets) };
            return Array.IndexOf(methods, bc.Descriptor.WorkloadMethod.Name);
        }

        private static string Describe(string method)
        {
            switch (method)
            {
                case nameof(JsonRoundTripBenchmarks.BkSopsJson): return "BkSops.Json Read+Write";
                case nameof(JsonRoundTripBenchmarks.NewtonsoftJToken): return "Newtonsoft JToken.Parse+ToString";
                case nameof(JsonRoundTripBenchmarks.PowerShellConvertJson): return "ConvertFrom-Json | ConvertTo-Json -Depth 100";
                case nameof(JsonRoundTripBenchmarks.BkSopsCmdlets): return "Import-BkSopsPipeline | Export-BkSopsPipeline";
                default: return method;
            }
        }

        private static string Line(string[] cells, int[] widths, bool[] right) =>
            string.Join("  ", cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

        /// <summary>Nanoseconds as ns / us / ms / s.</summary>
        public static string FormatTime(double ns)
        {
            if (ns < 1_000) return $"{ns:0} ns";
            if (ns < 1_000_000) return $"{ns / 1_000:0.0} us";
            if (ns < 1_000_000_000) return $"{ns / 1_000_000:0.00} ms";
            return $"{ns / 1_000_000_000:0.00} s";
        }
    }
}
