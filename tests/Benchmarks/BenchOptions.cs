using System;
using System.IO;
using System.Text.RegularExpressions;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// The command line: <c>--filter &lt;glob&gt; --artifacts &lt;dir&gt; --module &lt;BkSops.psd1&gt; [--pwsh &lt;pwsh.dll&gt;] [--tree &lt;example tree&gt;] [--runs N]</c>.
    /// </summary>
    public sealed class BenchOptions
    {
        public string Filter { get; private set; } = "*";
        public string ArtifactsPath { get; private set; } = Path.Combine("out", "bench");
        public string ModulePath { get; private set; }
        public string PwshPath { get; private set; }
        public string TreePath { get; private set; }
        public int ImportRuns { get; private set; } = 10;
        public int ClientTasks { get; private set; } = 1000;
        public int ClientRounds { get; private set; } = 10;

        public const string Usage =
            "Usage: Benchmarks [--filter <glob>] [--artifacts <dir>] [--module <path to BkSops.psd1>] [--pwsh <path to pwsh.dll>] [--tree <path>] [--runs <n>]\n" +
            "  --filter     which benchmarks to run, as a glob over 'BkSops.Benchmarks.<Class>.<Method>' (default '*');\n" +
            "               the whole-process timings are 'BkSops.Benchmarks.Startup.Cost' and 'BkSops.Benchmarks.Startup.FirstCalls',\n" +
            "               the sandbox load 'BkSops.Benchmarks.SandboxLoad.Creates'\n" +
            "  --artifacts  where BenchmarkDotNet writes its reports (default out/bench)\n" +
            "  --module     the staged module manifest, for the cmdlet benchmark and the start-up timings\n" +
            "  --pwsh       pwsh.dll for the start-up timings (default: the PowerShell dotnet tool in the NuGet cache)\n" +
            "  --tree       the tree of the 'import + first check' timing (build.ps1 gives docs/examples/seed-tree.json)\n" +
            "  --runs       alternating rounds of the start-up timing (default 10)\n" +
            "  --client-tasks, --client-rounds  tasks per variant (default 1000) and the chunks they are run in, the variants taking turns (default 10) of 'BkSops.Benchmarks.Client.Throughput'";

        public static BenchOptions Parse(string[] args)
        {
            var o = new BenchOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name == "-h" || name == "--help" || name == "-?") throw new ArgumentException(Usage);
                if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value.\n{Usage}");
                string value = args[++i];
                switch (name.ToLowerInvariant())
                {
                    case "--filter": o.Filter = value; break;
                    case "--artifacts": o.ArtifactsPath = value; break;
                    case "--module": o.ModulePath = Path.GetFullPath(value); break;
                    case "--pwsh": o.PwshPath = Path.GetFullPath(value); break;
                    case "--tree": o.TreePath = Path.GetFullPath(value); break;
                    case "--runs":
                        if (!int.TryParse(value, out int runs) || runs < 1) throw new ArgumentException("--runs needs a positive number.");
                        o.ImportRuns = runs;
                        break;
                    case "--client-tasks":
                        if (!int.TryParse(value, out int tasks) || tasks < 1) throw new ArgumentException("--client-tasks needs a positive number.");
                        o.ClientTasks = tasks;
                        break;
                    case "--client-rounds":
                        if (!int.TryParse(value, out int rounds) || rounds < 1) throw new ArgumentException("--client-rounds needs a positive number.");
                        o.ClientRounds = rounds;
                        break;
                    default: throw new ArgumentException($"Unknown option {name}.\n{Usage}");
                }
            }
            o.ArtifactsPath = Path.GetFullPath(o.ArtifactsPath);
            return o;
        }

        public bool ModuleExists => ModulePath != null && File.Exists(ModulePath);

        /// <summary>True when <paramref name="fullName"/> matches the filter glob (BenchmarkDotNet's rules: * and ?, case-insensitive).</summary>
        public bool Matches(string fullName)
        {
            string pattern = "^" + Regex.Escape(Filter).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
            return Regex.IsMatch(fullName, pattern, RegexOptions.IgnoreCase);
        }
    }
}
