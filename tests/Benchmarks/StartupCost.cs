using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// What a runbook pays for the module in a fresh PowerShell (issue #8, "Starting quickly"), as whole processes:
    /// <list type="bullet">
    /// <item><c>Startup.Cost</c>: <c>pwsh -NoProfile -Command exit</c> against the same with <c>Import-Module</c>, and
    /// with the import and one <c>Test-BkSopsPipeline</c> of the example tree; the three run in turn, round after round,
    /// so a change in the machine's load touches all three alike.</item>
    /// <item><c>Startup.FirstCalls</c>: in a fresh process, the same tree object validated again and again; calls 2-10
    /// against the steady state (the JIT's tier-1 code), which BenchmarkDotNet's warm figures hide.</item>
    /// </list>
    /// Plain process timing, not BenchmarkDotNet: the costs are in process start-up and first calls.
    /// </summary>
    public static class StartupCost
    {
        public const string CostFilterName = "BkSops.Benchmarks.Startup.Cost";
        public const string FirstCallsFilterName = "BkSops.Benchmarks.Startup.FirstCalls";

        /// <summary>The goals of issue #8, in milliseconds over a bare start, and for calls 2-10 over the steady state.</summary>
        public const double ImportGoalMs = 70, CheckGoalMs = 120, FirstCallsGoalRatio = 1.5;

        /// <summary>The trees of the first-calls measurement (the shapes the issue names).</summary>
        public static readonly string[] FirstCallShapes = { "parallel-1k", "chain-10k" };

        /// <summary>Calls per process in the first-calls measurement; the steady state is the median of the last 20.</summary>
        public const int CallsPerProcess = 100, SteadyCalls = 20, FirstCallProcesses = 3;

        /// <summary>The start-up figures: the text to print.</summary>
        public static string MeasureCost(BenchOptions options, Action<string> log)
        {
            string skip = Prerequisites(options, out string pwsh);
            if (skip != null) return "Start-up cost: " + skip;
            string module = Quote(options.ModulePath);
            var variants = new List<(string Name, string Command)>
            {
                ("bare", ReportCpu),
                ("import", $"Import-Module {module} -ErrorAction Stop; {ReportCpu}"),
            };
            bool withTree = options.TreePath != null && File.Exists(options.TreePath);
            if (withTree)
                variants.Add(("import + check", $"Import-Module {module} -ErrorAction Stop; " +
                    $"if ((Test-BkSopsPipeline -LiteralPath {Quote(options.TreePath)}) -isnot [bool]) {{ exit 3 }}; {ReportCpu}"));
            // The first formatted output: the module's views load there, not at the import (src/BkSops/Formatting/ModuleViews.cs).
            // Out-String also auto-loads Microsoft.PowerShell.Utility, as any script that formats to text does.
            if (withTree)
                variants.Add(("import + show", $"Import-Module {module} -ErrorAction Stop; " +
                    $"if ((Import-BkSopsPipeline -LiteralPath {Quote(options.TreePath)} | Out-String) -notmatch 'Activities +Gateways +Flows') {{ exit 3 }}; {ReportCpu}"));

            string load = LoadAverage();
            log($"Start-up cost: {options.ImportRuns} rounds of {string.Join(", ", variants.Select(v => v.Name))} (load {load})");
            foreach (var v in variants) RunPwsh(pwsh, v.Command); // warm the disk cache
            var times = variants.ToDictionary(v => v.Name, v => new List<double>());
            var cpu = variants.ToDictionary(v => v.Name, v => new List<double>());
            for (int round = 0; round < options.ImportRuns; round++)
                foreach (var v in variants)
                {
                    var run = RunPwsh(pwsh, v.Command);
                    times[v.Name].Add(run.Elapsed);
                    cpu[v.Name].Add(double.Parse(run.Output.Trim(), CultureInfo.InvariantCulture));
                }

            var bare = times["bare"];
            var bareCpu = cpu["bare"];
            var sb = new StringBuilder();
            sb.AppendLine($"Start-up cost (whole processes, {options.ImportRuns} alternating rounds, medians; load average {load} before, {LoadAverage()} after):");
            sb.AppendLine($"  bare pwsh -NoProfile               {Median(bare),6:0} ms");
            foreach (var v in variants.Skip(1))
            {
                var t = times[v.Name];
                double? goal = v.Name == "import" ? ImportGoalMs : v.Name == "import + check" ? CheckGoalMs : (double?)null;
                double paired = Median(t.Select((x, i) => x - bare[i]).ToList());
                double ratio = Median(t.Select((x, i) => x / bare[i]).ToList());
                sb.AppendLine($"  {v.Name,-34} {Median(t),6:0} ms  over bare: {Median(t) - Median(bare),+5:+0;-0} ms (paired {paired:+0;-0}, " +
                              $"ratio {ratio:0.000})" + (goal is double g ? $"; goal <= +{g:0} ms: {(paired <= g ? "met" : "NOT met")}" : "; no goal"));
            }
            if (!withTree) sb.AppendLine($"  (no example tree at '{options.TreePath ?? "(no --tree)"}': the first check was not measured)");
            // CPU time is what the process itself used (all its threads, up to its last statement): on a busy machine
            // it moves much less than the wall time, so it shows what a change did when the wall times are noise.
            sb.AppendLine($"  process CPU: bare {Median(bareCpu):0} ms; " + string.Join("; ", variants.Skip(1).Select(v =>
                $"{v.Name} {Median(cpu[v.Name]):0} ms (paired {Median(cpu[v.Name].Select((x, i) => x - bareCpu[i]).ToList()):+0;-0})")));
            return sb.ToString();
        }

        /// <summary>The first-call figures: the text to print.</summary>
        public static string MeasureFirstCalls(BenchOptions options, Action<string> log)
        {
            string skip = Prerequisites(options, out string pwsh);
            if (skip != null) return "First calls: " + skip;
            string folder = Path.Combine(options.ArtifactsPath, "first-calls");
            Directory.CreateDirectory(folder);
            var sb = new StringBuilder();
            sb.AppendLine($"First calls (a fresh pwsh validates one tree object {CallsPerProcess} times; medians of {FirstCallProcesses} processes; " +
                          $"steady = median of the last {SteadyCalls} calls; load average {LoadAverage()}):");
            sb.AppendLine($"  {"tree",-12} {"call 1",8} {"calls 2-10",11} {"steady",8} {"2-10/steady",12}  goal <= {FirstCallsGoalRatio:0.0}x");
            foreach (string shape in FirstCallShapes)
            {
                string tree = Path.Combine(folder, shape + ".json");
                File.WriteAllText(tree, BenchTrees.Tree(shape).ToJson(indented: true));
                log($"First calls: {shape}, {FirstCallProcesses} processes of {CallsPerProcess} calls");
                // Each call prints its wall time and, where Linux reports it (/proc/thread-self/schedstat), the CPU
                // time of the thread that ran it: on a busy machine the CPU ratio is the one to trust.
                string script =
                    $"Import-Module {Quote(options.ModulePath)} -ErrorAction Stop; " +
                    $"$t = Import-BkSopsPipeline -LiteralPath {Quote(tree)}; $w = [Diagnostics.Stopwatch]::new(); " +
                    "$sched = '/proc/thread-self/schedstat'; $hasCpu = [IO.File]::Exists($sched); " +
                    "function Get-ThreadCpuMs { if ($hasCpu) { [double]([IO.File]::ReadAllText($sched).Split(' ')[0]) / 1e6 } else { 0 } }; " +
                    $"foreach ($i in 1..{CallsPerProcess}) {{ $c = Get-ThreadCpuMs; $w.Restart(); $null = Test-BkSopsPipeline -InputObject $t; $e = $w.Elapsed.TotalMilliseconds; " +
                    "[Console]::Out.WriteLine($e.ToString([Globalization.CultureInfo]::InvariantCulture) + ' ' + ((Get-ThreadCpuMs) - $c).ToString([Globalization.CultureInfo]::InvariantCulture)) }";
                var first = new List<double>();
                var early = new List<double>();
                var steady = new List<double>();
                var ratios = new List<double>();
                var cpuRatios = new List<double>();
                var cpuEarly = new List<double>();
                var cpuSteady = new List<double>();
                for (int p = 0; p < FirstCallProcesses; p++)
                {
                    var rows = RunPwsh(pwsh, script).Output
                        .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                        .Select(l => l.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
                    if (rows.Count != CallsPerProcess) throw new InvalidOperationException($"{shape}: expected {CallsPerProcess} timings, got {rows.Count}.");
                    var calls = rows.Select(r => r[0]).ToList();
                    var cpu = rows.Select(r => r[1]).ToList();
                    double e = Median(calls.Skip(1).Take(9).ToList());
                    double s = Median(calls.Skip(CallsPerProcess - SteadyCalls).ToList());
                    first.Add(calls[0]); early.Add(e); steady.Add(s); ratios.Add(e / s);
                    double ce = Median(cpu.Skip(1).Take(9).ToList());
                    double cs = Median(cpu.Skip(CallsPerProcess - SteadyCalls).ToList());
                    if (cs > 0) { cpuEarly.Add(ce); cpuSteady.Add(cs); cpuRatios.Add(ce / cs); }
                }
                double ratio = Median(ratios);
                sb.AppendLine($"  {shape,-12} {Median(first),6:0.0}ms {Median(early),9:0.0}ms {Median(steady),6:0.0}ms {ratio,11:0.00}x  " +
                              (ratio <= FirstCallsGoalRatio ? "met" : "NOT met"));
                if (cpuRatios.Count > 0)
                    sb.AppendLine($"  {"",-12} thread CPU: calls 2-10 {Median(cpuEarly):0.0}ms, steady {Median(cpuSteady):0.0}ms, {Median(cpuRatios):0.00}x  " +
                                  (Median(cpuRatios) <= FirstCallsGoalRatio ? "met" : "NOT met"));
            }
            return sb.ToString();
        }

        /// <summary>The last statement of each start-up command: print the process's CPU time in milliseconds and exit.</summary>
        private const string ReportCpu =
            "[Console]::Out.Write([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture)); exit 0";

        private static string Prerequisites(BenchOptions options, out string pwsh)
        {
            pwsh = null;
            if (!options.ModuleExists) return "skipped: no module (give --module <path to BkSops.psd1>; build.ps1 Bench stages it)";
            pwsh = options.PwshPath ?? FindPwshDll();
            if (pwsh == null || !File.Exists(pwsh)) return "skipped: pwsh.dll not found (give --pwsh, or run 'dotnet tool restore')";
            return null;
        }

        private static string Quote(string path) => "'" + path.Replace("'", "''") + "'";

        /// <summary>Runs <c>dotnet pwsh.dll -NoProfile -NonInteractive -Command</c>; the wall time and the output.</summary>
        private static (double Elapsed, string Output) RunPwsh(string pwsh, string command)
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { pwsh, "-NoProfile", "-NonInteractive", "-Command", command }) start.ArgumentList.Add(a);
            start.Environment["NO_COLOR"] = "1";
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start);
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {stderr.Result}{stdout}");
            return (watch.Elapsed.TotalMilliseconds, stdout);
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            int mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        /// <summary>The 1-minute load average (Linux), so a reader can judge how busy the machine was.</summary>
        private static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] + $" on {Environment.ProcessorCount} cores" : "unknown";
            }
            catch (IOException)
            {
                return "unknown";
            }
        }

        /// <summary>The dotnet host running this process (the benchmark runs as an apphost, so not ProcessPath).</summary>
        internal static string DotnetHost()
        {
            string fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
            // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
            string runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
            string root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
            string exe = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(exe) ? exe : "dotnet";
        }

        /// <summary>pwsh.dll of the PowerShell dotnet tool (dotnet-tools.json) in the NuGet package cache, newest version first.</summary>
        internal static string FindPwshDll()
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(packages))
                packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string toolRoot = Path.Combine(packages, "powershell");
            if (!Directory.Exists(toolRoot)) return null;
            string flavour = OperatingSystem.IsWindows() ? "win" : "unix";
            return Directory.GetDirectories(toolRoot)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0))
                .SelectMany(d => Directory.Exists(Path.Combine(d, "tools"))
                    ? Directory.GetFiles(Path.Combine(d, "tools"), "pwsh.dll", SearchOption.AllDirectories)
                    : Array.Empty<string>())
                .FirstOrDefault(f => f.Replace('\\', '/').Contains("/" + flavour + "/"));
        }
    }
}
