using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// What importing the module adds to a fresh PowerShell: the median wall time of
    /// <c>dotnet pwsh.dll -NoProfile -Command exit</c> against the same with <c>Import-Module &lt;module&gt;</c>.
    /// Plain process timing, not BenchmarkDotNet: the cost is in process start-up, which BenchmarkDotNet does not measure.
    /// </summary>
    public static class ModuleImportCost
    {
        public const string FilterName = "BkSops.Benchmarks.ModuleImport.Cost";

        public sealed class Result
        {
            public double BaselineMedianMs;
            public double ImportMedianMs;
            public int Runs;
            public string Pwsh;
            public string Note;
            public double DifferenceMs => ImportMedianMs - BaselineMedianMs;
        }

        public static Result Measure(BenchOptions options, Action<string> log)
        {
            if (!options.ModuleExists)
                return new Result { Note = "skipped: no module (give --module <path to BkSops.psd1>; build.ps1 Bench stages it)" };
            string pwsh = options.PwshPath ?? FindPwshDll();
            if (pwsh == null || !File.Exists(pwsh))
                return new Result { Note = "skipped: pwsh.dll not found (give --pwsh, or run 'dotnet tool restore')" };
            string dotnet = DotnetHost();

            string quoted = options.ModulePath.Replace("'", "''");
            string[] baseline = { pwsh, "-NoProfile", "-NonInteractive", "-Command", "exit 0" };
            string[] import = { pwsh, "-NoProfile", "-NonInteractive", "-Command", $"Import-Module '{quoted}' -ErrorAction Stop; exit 0" };

            log($"Module import cost: {options.ImportRuns} runs each of '{dotnet} {pwsh} -NoProfile -Command ...'");
            Run(dotnet, baseline); // warm the disk cache for both variants
            Run(dotnet, import);
            var withoutModule = new List<double>();
            var withModule = new List<double>();
            for (int i = 0; i < options.ImportRuns; i++)
            {
                withoutModule.Add(Run(dotnet, baseline));
                withModule.Add(Run(dotnet, import));
            }
            return new Result
            {
                BaselineMedianMs = Median(withoutModule),
                ImportMedianMs = Median(withModule),
                Runs = options.ImportRuns,
                Pwsh = pwsh,
            };
        }

        private static double Run(string dotnet, string[] arguments)
        {
            var start = new ProcessStartInfo(dotnet)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            start.Environment["NO_COLOR"] = "1";
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start);
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"'{string.Join(" ", arguments)}' exited with {process.ExitCode}: {stderr}{stdout}");
            return watch.Elapsed.TotalMilliseconds;
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            int mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
