using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BkSops.Validation;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// Runs the BkSops benchmarks (build.ps1 Bench) and prints one compact table. BenchmarkDotNet runs in-process
    /// with a short job (2 warm-up and 3 measured iterations) and the memory diagnoser, so the whole set takes a few
    /// minutes on two cores; the start-up and first-call timings are plain loops over fresh processes (StartupCost).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == SandboxLoad.ServerFlag) return SandboxLoad.Serve(args);
            return Run(args, ClientFirst(args));
        }

        /// <summary>
        /// The client throughput goes first, before anything here loads BkSops.Core (compiling <see cref="Run"/> does):
        /// the module it imports then runs on the Core build it picks for this runtime (ReadyToRun on .NET 10), as it
        /// does in a user's PowerShell, not on the portable build this program references.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static ClientThroughput.Result ClientFirst(string[] args)
        {
            BenchOptions options;
            try { options = BenchOptions.Parse(args); }
            catch (ArgumentException) { return null; }  // Run reports it
            if (!options.Matches(ClientThroughput.FilterName)) return null;
            try { return ClientThroughput.Measure(options, Console.WriteLine); }
            catch (Exception e) { return new ClientThroughput.Result { Note = "failed: " + e.Message }; }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static int Run(string[] args, ClientThroughput.Result client)
        {
            BenchOptions options;
            try
            {
                options = BenchOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            BenchEnvironment.Options = options;
            Directory.CreateDirectory(options.ArtifactsPath);

            // Only the classes with a matching benchmark (BenchmarkDotNet complains about the others).
            var types = new[] { typeof(JsonRoundTripBenchmarks), typeof(ValidationBenchmarks), typeof(BuilderBenchmarks), typeof(RenderBenchmarks), typeof(BuiltTreeValidationBenchmarks), typeof(SubmissionValidationBenchmarks) }
                .Where(t => t.GetMethods().Any(m =>
                    m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false) && options.Matches($"{t.FullName}.{m.Name}")))
                .ToArray();
            bool anyBenchmark = types.Length > 0;
            bool runStartup = options.Matches(StartupCost.CostFilterName);
            bool runFirstCalls = options.Matches(StartupCost.FirstCallsFilterName);
            bool runClient = options.Matches(ClientThroughput.FilterName);
            bool runSandbox = options.Matches(SandboxLoad.FilterName);
            if (!anyBenchmark && !runStartup && !runFirstCalls && !runClient && !runSandbox)
            {
                Console.Error.WriteLine($"No benchmark matches the filter '{options.Filter}'.");
                return 2;
            }

            var verdicts = options.Matches($"{typeof(ValidationBenchmarks).FullName}.{nameof(ValidationBenchmarks.Validate)}")
                ? Verdicts() : new Dictionary<string, string>();

            var summaries = new List<Summary>();
            if (anyBenchmark)
            {
                if (!options.ModuleExists)
                    Console.WriteLine($"Note: the cmdlet benchmark is skipped: no module at '{options.ModulePath ?? "(no --module)"}'.");
                summaries.AddRange(BenchmarkRunner.Run(types, Config(options)));
            }

            var startup = new List<string>();
            if (runStartup) startup.Add(Guarded("Start-up cost", () => StartupCost.MeasureCost(options, Console.WriteLine)));
            if (runFirstCalls) startup.Add(Guarded("First calls", () => StartupCost.MeasureFirstCalls(options, Console.WriteLine)));


            List<SandboxLoad.Result> sandbox = null;
            if (runSandbox)
            {
                try { sandbox = SandboxLoad.Measure(Console.WriteLine, options.ModuleExists ? options.ModulePath : null); }
                catch (Exception e) { Console.WriteLine("Sandbox load failed: " + e.Message); return 1; }
            }

            Console.WriteLine();
            Console.WriteLine($"BkSops benchmarks ({Environment.ProcessorCount} cores, .NET {Environment.Version}; reports in {options.ArtifactsPath})");
            Console.WriteLine();
            if (anyBenchmark || startup.Count > 0) Console.Write(ResultTable.Render(summaries, verdicts, startup));
            if (client != null) Console.Write(ClientThroughput.Render(client));
            if (sandbox != null)
            {
                Console.WriteLine();
                Console.Write(SandboxLoad.Render(sandbox));
                if (sandbox.Any(r => r.Errors > 0 || r.StoredOnce < 0)) return 1;
            }

            bool failed = summaries.SelectMany(s => s.Reports).Any(r => r.ResultStatistics == null)
                          || summaries.Any(s => s.HasCriticalValidationErrors);
            failed |= client?.Note?.StartsWith("failed", StringComparison.Ordinal) == true;
            return failed ? 1 : 0;
        }

        /// <summary>A whole-process measurement that fails says so in the table instead of ending the run.</summary>
        private static string Guarded(string name, Func<string> measure)
        {
            try
            {
                return measure();
            }
            catch (Exception e)
            {
                return $"{name}: failed: {e.Message}";
            }
        }

        private static IConfig Config(BenchOptions options)
        {
            // ShortRun (1 launch, 3 measured iterations) with fewer warm-ups and shorter iterations: the slow cases
            // (seconds per call) then cost about six calls each, and the whole set stays within minutes on two cores.
            var job = Job.ShortRun
                .WithWarmupCount(2)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(5), logOutput: false))
                .WithId("Short-InProcess");
            var config = ManualConfig.CreateEmpty()
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
                .AddLogger(new ProgressLogger())
                .AddFilter(new GlobFilter(new[] { options.Filter }))
                .WithArtifactsPath(options.ArtifactsPath);
            if (!options.ModuleExists)
                config = config.AddFilter(new SimpleFilter(b => b.Descriptor.WorkloadMethod.Name != nameof(JsonRoundTripBenchmarks.BkSopsCmdlets)
                    && b.Descriptor.WorkloadMethod.Name != nameof(BuilderBenchmarks.ConvertToCmdlet)
                    && b.Descriptor.WorkloadMethod.Name != nameof(BuilderBenchmarks.HashtablesConvertToJson)));
            return config;
        }

        /// <summary>One validation per shape, outside the measurement: says whether the numbers are for a full, accepting run.</summary>
        private static Dictionary<string, string> Verdicts()
        {
            var verdicts = new Dictionary<string, string>();
            foreach (var shape in BenchTrees.ValidationShapes)
            {
                try
                {
                    var result = new PipelineValidator().Validate(BenchTrees.Tree(shape), ValidationBenchmarks.FullRun);
                    verdicts[shape] = result.IsValid
                        ? (result.WarningCount > 0 ? $"valid, {result.WarningCount} warning(s)" : "valid")
                        : $"INVALID: {result.ServerVerdict.RuleName} ({result.ErrorCount} error(s))";
                }
                catch (Exception e)
                {
                    verdicts[shape] = $"validator threw {e.GetType().Name}";
                }
            }
            return verdicts;
        }
    }
}
