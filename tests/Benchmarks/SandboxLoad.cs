using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Json;
using BkSops.Sandbox;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// The sandbox under load (issue: 1,000 fast_create_task calls of the example tree from 8 concurrent clients, the
    /// sandbox in its own process): requests per second and p50/p99 latency, in memory and with a data folder, and
    /// whether every call succeeded and every task was stored exactly once. Plain timing, not BenchmarkDotNet.
    /// The server runs in a child process started from this program with <c>--sandbox-server</c>.
    /// </summary>
    public static class SandboxLoad
    {
        public const string FilterName = "BkSops.Benchmarks.SandboxLoad.Creates";
        public const string ServerFlag = "--sandbox-server";
        private const int Calls = 1000, Clients = 8;
        // Warm-up in rounds until the server's JIT is done: under .NET's tiered compilation a method runs unoptimised
        // (then instrumented) code until its optimised build is compiled in the background, which on two busy cores
        // takes thousands of calls. The first 1,000 calls are reported too (the cost a fresh sandbox shows).
        private const int WarmUpRound = 500, MaxWarmUpRounds = 60, QuietJitMs = 5;
        private static readonly TimeSpan QuietTime = TimeSpan.FromSeconds(2);
        private const string Secret = "bench-secret";

        public sealed class Result
        {
            public string Variant;
            /// <summary>What the server runs: the staged module's assemblies (which BkSops.Core) or the project builds.</summary>
            public string Build;
            public int Calls, Errors, StoredOnce;
            public double Seconds, P50Ms, P99Ms, MaxMs;
            /// <summary>CPU time of the server process per measured call: what a create costs, whatever else loads the machine.</summary>
            public double ServerCpuMs;
            /// <summary>The part of <see cref="ServerCpuMs"/> spent in the kernel (sockets, scheduling), per call.</summary>
            public double ServerKernelMs;
            /// <summary>CPU time of this process (the load driver, HttpClient) per measured call: it shares the cores with the server.</summary>
            public double DriverCpuMs;
            /// <summary>Server CPU per call over its first 1,000 calls (JIT compilation included).</summary>
            public double ColdServerCpuMs;
            /// <summary>Calls before the measured ones (until the server's JIT went quiet).</summary>
            public int WarmUpCalls;
            /// <summary>Time the server's JIT spent compiling during the measured calls.</summary>
            public double JitMsDuringRun;
            public double PerSecond => Calls / Seconds;
            public string Note;
        }

        /// <summary>
        /// Child-process mode: runs a sandbox, prints its port, answers each line <c>jit</c> on standard input with the
        /// JIT's total compilation time so far (<c>JIT &lt;ms&gt;</c>), stops when standard input closes.
        /// </summary>
        public static int Serve(string[] args)
        {
            string data = null, module = null;
            for (int i = 1; i + 1 < args.Length; i += 2)
            {
                if (args[i] == "--data") data = args[i + 1];
                else if (args[i] == "--module") module = args[i + 1];
            }
            Action stop;
            if (module != null)
            {
                var sandbox = ModuleSandbox.Start(module, Secret, "bench-token", data);
                Console.WriteLine("PORT " + sandbox.Port + " " + sandbox.CoreBuild);
                stop = sandbox.Stop;
            }
            else
            {
                var server = SandboxServer.Start(new SandboxOptions { AppSecret = Secret, UserToken = "bench-token", DataPath = data });
                Console.WriteLine("PORT " + server.Port + " project");
                stop = server.Stop;
            }
            Console.Out.Flush();
            string line;
            while ((line = Console.In.ReadLine()) != null)
                if (line == "jit")
                {
                    Console.WriteLine("JIT " + System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
                    Console.Out.Flush();
                }
            stop();
            return 0;
        }

        private static double JitMs(Process server)
        {
            server.StandardInput.WriteLine("jit");
            server.StandardInput.Flush();
            string line = server.StandardOutput.ReadLine();
            if (line == null || !line.StartsWith("JIT ", StringComparison.Ordinal)) throw new InvalidOperationException("The sandbox server process did not report its JIT time: " + line);
            return double.Parse(line.Substring(4), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <param name="module">The staged module's manifest: the server runs its assemblies (else this program's project builds).</param>
        public static List<Result> Measure(Action<string> log, string module = null)
        {
            var results = new List<Result>();
            results.Add(Run("memory", null, module, log));
            string folder = Path.Combine(Path.GetTempPath(), "bksops-bench-" + Guid.NewGuid().ToString("N"));
            try { results.Add(Run("data folder", folder, module, log)); }
            finally { try { Directory.Delete(folder, true); } catch (IOException) { } }
            return results;
        }

        private static Result Run(string variant, string dataPath, string module, Action<string> log)
        {
            log($"Sandbox load ({variant}): starting the server process");
            using (var server = StartServer(dataPath, module, out int port, out string build))
            using (var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = Clients }) { Timeout = TimeSpan.FromSeconds(60) })
            {
                try
                {
                    string uri = $"http://127.0.0.1:{port}/api/bk-sops/prod/fast_create_task/2/";
                    string auth = $"{{\"bk_app_code\":\"{SandboxDefaults.AppCode}\",\"bk_app_secret\":\"{Secret}\",\"bk_username\":\"bench\"}}";
                    string tree = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "seed-tree-list-incoming.json"));
                    async Task<(bool Ok, long Id)> Create(int i)
                    {
                        using (var request = new HttpRequestMessage(HttpMethod.Post, uri))
                        {
                            request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization", auth);
                            request.Content = new StringContent($"{{\"name\":\"bench {i}\",\"pipeline_tree\":{tree}}}", Encoding.UTF8, "application/json");
                            using (var response = await client.SendAsync(request).ConfigureAwait(false))
                            {
                                string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                                if (!response.IsSuccessStatusCode) return (false, 0);
                                var json = JsonReader.Parse(text) as JsonObject;
                                bool ok = json?["result"] is JsonBoolean b && b.Value;
                                long id = ok && (json["data"] as JsonObject)?["task_id"] is JsonNumber n && n.TryGetInt64(out long v) ? v : 0;
                                return (ok, id);
                            }
                        }
                    }

                    // Runs calls [from, to) from all clients at once.
                    void Drive(int from, int to)
                    {
                        int at = from - 1;
                        Task.WaitAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
                        {
                            int i;
                            while ((i = Interlocked.Increment(ref at)) < to) await Create(-1 - i).ConfigureAwait(false);
                        })).ToArray());
                    }

                    // Warm-up from all clients at once, so the measured calls see steady state: the first 1,000 calls
                    // give the cold cost, then rounds go on until one in which the server's JIT compiled (almost) nothing.
                    server.Refresh();
                    var coldBefore = server.TotalProcessorTime;
                    Drive(0, Calls);
                    server.Refresh();
                    double coldMs = (server.TotalProcessorTime - coldBefore).TotalMilliseconds / Calls;
                    int warm = Calls;
                    double jit = JitMs(server);
                    // Quiet for two seconds on end: on a loaded machine a round can be quiet only because the JIT's
                    // background thread got no CPU, and its optimised builds then arrive in a burst later.
                    var quietFor = new Stopwatch();
                    for (int round = 0; round < MaxWarmUpRounds && quietFor.Elapsed < QuietTime; round++)
                    {
                        Drive(warm, warm + WarmUpRound);
                        warm += WarmUpRound;
                        double now = JitMs(server);
                        if (now - jit < QuietJitMs) quietFor.Start();
                        else quietFor.Reset();
                        jit = now;
                    }
                    log($"Sandbox load ({variant}): {warm} warm-up calls, the first 1,000 cost {coldMs:F2} ms of server CPU each");
                    var latencies = new double[Calls];
                    var ids = new ConcurrentBag<long>();
                    int next = -1, errors = 0;
                    server.Refresh();
                    var cpuBefore = server.TotalProcessorTime;
                    var kernelBefore = server.PrivilegedProcessorTime;
                    var driver = Process.GetCurrentProcess();
                    var driverBefore = driver.TotalProcessorTime;
                    var total = Stopwatch.StartNew();
                    Task.WaitAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
                    {
                        int i;
                        while ((i = Interlocked.Increment(ref next)) < Calls)
                        {
                            long start = Stopwatch.GetTimestamp();
                            (bool ok, long id) answer;
                            try { answer = await Create(i).ConfigureAwait(false); }
                            catch (Exception) { answer = (false, 0); }
                            latencies[i] = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
                            if (answer.ok) ids.Add(answer.id);
                            else Interlocked.Increment(ref errors);
                        }
                    })).ToArray());
                    total.Stop();
                    double jitDuringRun = JitMs(server) - jit;
                    driver.Refresh();
                    double driverMs = (driver.TotalProcessorTime - driverBefore).TotalMilliseconds / Calls;
                    server.Refresh();
                    double cpuMs = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / Calls;
                    double kernelMs = (server.PrivilegedProcessorTime - kernelBefore).TotalMilliseconds / Calls;

                    // Every task stored once: the ids are distinct, and the task list counts warm-up plus measured calls.
                    var listRequest = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/bk-sops/prod/get_task_list/2/?limit=1");
                    listRequest.Headers.TryAddWithoutValidation("X-Bkapi-Authorization", auth);
                    var list = JsonReader.Parse(client.SendAsync(listRequest).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult()) as JsonObject;
                    long count = list?["count"] is JsonNumber c && c.TryGetInt64(out long cv) ? cv : -1;
                    int distinct = ids.Distinct().Count();

                    Array.Sort(latencies);
                    var result = new Result
                    {
                        Variant = variant,
                        Build = build == "project" ? "project builds" : "module, " + build + " Core",
                        Calls = Calls,
                        Errors = errors,
                        StoredOnce = distinct == ids.Count && count == warm + Calls ? distinct : -1,
                        Seconds = total.Elapsed.TotalSeconds,
                        P50Ms = latencies[Calls / 2],
                        P99Ms = latencies[(int)Math.Ceiling(Calls * 0.99) - 1],
                        MaxMs = latencies[Calls - 1],
                        ServerCpuMs = cpuMs,
                        ServerKernelMs = kernelMs,
                        DriverCpuMs = driverMs,
                        ColdServerCpuMs = coldMs,
                        WarmUpCalls = warm,
                        JitMsDuringRun = jitDuringRun,
                        Note = count == warm + Calls ? "" : $"task list counts {count}, expected {warm + Calls}",
                    };
                    log($"Sandbox load ({variant}): {result.PerSecond:F0}/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, server CPU {result.ServerCpuMs:F2} ms per create ({result.ServerKernelMs:F2} in the kernel), driver CPU {result.DriverCpuMs:F2} ms, JIT {result.JitMsDuringRun:F0} ms during the run, {errors} errors");
                    return result;
                }
                finally
                {
                    server.StandardInput.Close();
                    if (!server.WaitForExit(30000)) server.Kill();
                }
            }
        }

        private static Process StartServer(string dataPath, string module, out int port, out string build)
        {
            string self = Environment.ProcessPath;
            string entry = Assembly.GetEntryAssembly().Location;
            var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) info.ArgumentList.Add(entry);
            info.ArgumentList.Add(ServerFlag);
            if (dataPath != null) { info.ArgumentList.Add("--data"); info.ArgumentList.Add(dataPath); }
            if (module != null) { info.ArgumentList.Add("--module"); info.ArgumentList.Add(module); }
            var process = Process.Start(info);
            string line = process.StandardOutput.ReadLine();
            var words = line?.Split(' ') ?? Array.Empty<string>();
            build = words.Length > 2 ? words[2] : "";
            if (words.Length < 2 || words[0] != "PORT" || !int.TryParse(words[1], out port))
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                throw new InvalidOperationException("The sandbox server process did not start: " + line);
            }
            return process;
        }

        public static string Render(IReadOnlyList<Result> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"Sandbox fast_create_task load: {Calls} calls of docs/examples/seed-tree-list-incoming.json from {Clients} concurrent clients, server in its own process,");
            sb.AppendLine($"after warm-up rounds of {WarmUpRound} calls until the server's JIT compiled under {QuietJitMs} ms a round for {QuietTime.TotalSeconds:F0} s on end (at most {MaxWarmUpRounds} rounds); CPU columns are per create; 'first 1,000' is the server's CPU over its first calls (JIT included)");
            sb.AppendLine();
            sb.AppendLine("| Variant | Server assemblies | Requests/s | p50 ms | p99 ms | max ms | Server CPU ms | of it kernel | Driver CPU ms | Server JIT ms in run | Warm-up calls | Server CPU ms, first 1,000 | Errors | Stored once | Note |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in results)
                sb.AppendLine($"| {r.Variant} | {r.Build} | {r.PerSecond:F0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.MaxMs:F1} | {r.ServerCpuMs:F2} | {r.ServerKernelMs:F2} | {r.DriverCpuMs:F2} | {r.JitMsDuringRun:F0} | {r.WarmUpCalls} | {r.ColdServerCpuMs:F2} | {r.Errors} | {(r.StoredOnce >= 0 ? r.StoredOnce.ToString() : "NO")} | {r.Note} |");
            return sb.ToString();
        }
    }
}
