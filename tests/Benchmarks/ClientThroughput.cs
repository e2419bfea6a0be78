using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// Tasks per second against a sandbox running in its own PowerShell process, in one run: New-BkSopsTask at
    /// ThrottleLimit 1 and 8 (local repair and validation included), a plain Invoke-RestMethod loop, and a raw
    /// HttpClient driver with 1 and 8 connections sending the same body and reading what a client needs from each
    /// answer (result and data.task_id, parsed with System.Text.Json), each driver with one HttpClient for the whole
    /// run (its connections reused, as the module's connection does). Client overhead per request is
    /// (New-BkSopsTask at ThrottleLimit 1 - raw driver with 1 connection) / tasks. Plain wall-clock timing. Every
    /// variant first runs one untimed chunk (the same warm-up for all). The
    /// machine's load swings within seconds, so the variants take turns in <c>--client-rounds</c> chunks (default
    /// 10 chunks of 100 tasks each): every variant sees the same mix of load, and the totals are compared. The
    /// New-BkSopsTask variants submit the same 100 tree objects every chunk, so after the first chunk their repair and
    /// check are reused (the trees have not changed); the "new trees" variant reads fresh trees per chunk, so every
    /// tree is repaired and checked. CPU per task (benchmark process and sandbox process) is shown next to each rate.
    /// </summary>
    public static class ClientThroughput
    {
        public const string FilterName = "BkSops.Benchmarks.Client.Throughput";

        public sealed class Result
        {
            public int Tasks;
            public int Rounds;
            public Dictionary<string, double> TasksPerSecond = new Dictionary<string, double>();
            /// <summary>CPU time per task (microseconds) of the benchmark process (the client side) and of the sandbox's process.</summary>
            public Dictionary<string, (double Client, double Sandbox)> CpuPerTask = new Dictionary<string, (double, double)>();
            public double OverheadMs;
            public string Load;
            public string Core;
            public string Note;
        }

        public const string Tl1 = "New-BkSopsTask -ThrottleLimit 1";
        public const string Tl8 = "New-BkSopsTask -ThrottleLimit 8";
        public const string Irm = "Invoke-RestMethod loop";
        public const string Raw8 = "raw HttpClient, 8 connections";
        public const string Raw1 = "raw HttpClient, 1 connection";
        public const string Tl8Fresh = "New-BkSopsTask -ThrottleLimit 8, new trees";

        public static Result Measure(BenchOptions options, Action<string> log)
        {
            if (!options.ModuleExists) return new Result { Note = "skipped: no module (build.ps1 Bench stages it)" };
            string pwsh = options.PwshPath ?? StartupCost.FindPwshDll();
            if (pwsh == null || !File.Exists(pwsh)) return new Result { Note = "skipped: pwsh.dll not found" };
            int n = options.ClientTasks, rounds = options.ClientRounds;
            string seedPath = Path.Combine(AppContext.BaseDirectory, "seed-tree.json");
            // The module is imported before anything here touches BkSops.Core, so the cmdlets run on the Core build
            // they pick for this runtime (ReadyToRun on .NET 10), as in a user's PowerShell; the raw drivers' body
            // (the repaired tree) is written by the module too.
            using var host = new PowerShellHost(options.ModulePath);
            string repairedJson = host.Invoke("(Import-BkSopsPipeline -LiteralPath $path | Repair-BkSopsPipeline).ToJson($false)",
                new Dictionary<string, object> { ["path"] = seedPath })[0].BaseObject.ToString();
            string core = CoreBuild();

            using var sandbox = SandboxProcess.Start(StartupCost.DotnetHost(), pwsh, options.ModulePath);
            log($"Client throughput: {n} tasks per variant, {rounds} rounds, sandbox in process {sandbox.ProcessId} at {sandbox.Uri}; the module runs on {core}");
            string url = sandbox.Uri + "/prod/fast_create_task/2/";
            string auth = "{\"bk_app_code\":\"bksops-sandbox\",\"bk_app_secret\":\"" + sandbox.Secret + "\",\"bk_username\":\"admin\"}";
            string body = "{\"name\":\"bench\",\"pipeline_tree\":" + repairedJson + "}";

            host.Invoke("$null = Connect-BkSops -Uri $uri -Credential ([pscredential]::new('bksops-sandbox', (ConvertTo-SecureString $secret -AsPlainText -Force))) -UserName admin",
                new Dictionary<string, object> { ["uri"] = sandbox.Uri, ["secret"] = sandbox.Secret });
            host.Invoke("$script:trees = @(foreach ($i in 1..$n) { Import-BkSopsPipeline -LiteralPath $path })", new Dictionary<string, object> { ["n"] = n, ["path"] = seedPath });

            int chunk = Math.Max(1, n / rounds);
            n = chunk * rounds;
            host.Invoke("$script:chunk = @($script:trees[0..($c - 1)])", new Dictionary<string, object> { ["c"] = chunk });
            using var raw8 = RawClient(8);
            using var raw1 = RawClient(1);
            var variants = new (string Name, Func<int> Run)[]
            {
                (Raw8, () => RawDriver(raw8, url, auth, body, chunk, 8)),
                (Raw1, () => RawDriver(raw1, url, auth, body, chunk, 1)),
                (Irm, () => Count(host.Invoke(
                    "$h = @{ 'X-Bkapi-Authorization' = $auth }; $ok = 0; foreach ($i in 1..$c) { $r = Invoke-RestMethod -Method Post -Uri $url -Headers $h -Body $body -ContentType 'application/json'; if ($r.result) { $ok++ } }; $ok",
                    new Dictionary<string, object> { ["auth"] = auth, ["c"] = chunk, ["url"] = url, ["body"] = body }))),
                (Tl1, () => Count(host.Invoke("@($script:chunk | New-BkSopsTask -ProjectId 2 -Name bench -ThrottleLimit 1).Count", null))),
                (Tl8, () => Count(host.Invoke("@($script:chunk | New-BkSopsTask -ProjectId 2 -Name bench -ThrottleLimit 8).Count", null))),
                // Trees read anew for this chunk (untimed, below): none was checked before, so each is repaired and checked.
                (Tl8Fresh, () => Count(host.Invoke("@($script:fresh | New-BkSopsTask -ProjectId 2 -Name bench -ThrottleLimit 8).Count", null))),
            };
            // Warm-up, the same for every variant: one untimed chunk each (JIT, connections, the sandbox's first requests).
            host.Invoke("$script:fresh = @(foreach ($i in 1..$c) { Import-BkSopsPipeline -LiteralPath $path })", new Dictionary<string, object> { ["c"] = chunk, ["path"] = seedPath });
            foreach (var (name, run) in variants)
                if (run() != chunk) throw new InvalidOperationException($"{name}: the warm-up chunk did not create every task.");

            string loadBefore = LoadAverage();
            var times = variants.ToDictionary(v => v.Name, v => new List<double>());
            var cpu = variants.ToDictionary(v => v.Name, v => (Client: TimeSpan.Zero, Sandbox: TimeSpan.Zero));
            for (int round = 0; round < rounds; round++)
            {
                host.Invoke("$script:fresh = @(foreach ($i in 1..$c) { Import-BkSopsPipeline -LiteralPath $path })", new Dictionary<string, object> { ["c"] = chunk, ["path"] = seedPath });
                foreach (var (name, run) in variants)
                {
                    TimeSpan clientBefore = Process.GetCurrentProcess().TotalProcessorTime, sandboxBefore = sandbox.ProcessorTime;
                    var watch = Stopwatch.StartNew();
                    int ok = run();
                    watch.Stop();
                    var (clientCpu, sandboxCpu) = cpu[name];
                    cpu[name] = (clientCpu + (Process.GetCurrentProcess().TotalProcessorTime - clientBefore), sandboxCpu + (sandbox.ProcessorTime - sandboxBefore));
                    if (ok != chunk) throw new InvalidOperationException($"{name}: {ok} of {chunk} tasks were created.");
                    times[name].Add(watch.Elapsed.TotalSeconds);
                    log($"  chunk {round + 1}: {name}: {chunk / watch.Elapsed.TotalSeconds:0} tasks/s, client CPU {(cpu[name].Client - clientCpu).TotalMilliseconds * 1000 / chunk:0} us/task");
                }
            }
            var result = new Result { Tasks = n, Rounds = rounds, Load = LoadAverage(), Core = core };
            result.Load = loadBefore + " before, " + result.Load + " after";
            foreach (var pair in times) result.TasksPerSecond[pair.Key] = n / pair.Value.Sum();
            foreach (var pair in cpu) result.CpuPerTask[pair.Key] = (pair.Value.Client.TotalMilliseconds * 1000 / n, pair.Value.Sandbox.TotalMilliseconds * 1000 / n);
            result.OverheadMs = (times[Tl1].Sum() - times[Raw1].Sum()) * 1000 / n;
            return result;
        }

        public static string Render(Result r)
        {
            var text = new StringBuilder();
            text.AppendLine();
            if (r.Note != null) { text.AppendLine($"Client throughput: {r.Note}"); return text.ToString(); }
            text.AppendLine($"Client throughput: {r.Tasks} fast_create_task calls per variant against a sandbox in its own process, the variants taking turns in {r.Rounds} chunks.");
            text.AppendLine($"The machine is shared with other jobs (load average {r.Load}; 2 cores): figures vary between runs; compare within a run.");
            text.AppendLine($"The module runs on {r.Core}; every variant had one untimed chunk of warm-up.");
            text.AppendLine($"  {"",-44} {"tasks/s",8}   CPU per task: client, sandbox (us)");
            foreach (var name in new[] { Raw8, Raw1, Irm, Tl1, Tl8, Tl8Fresh })
                text.AppendLine($"  {name,-44} {r.TasksPerSecond[name],8:0}   {r.CpuPerTask[name].Client,8:0} {r.CpuPerTask[name].Sandbox,8:0}");
            double tl8 = r.TasksPerSecond[Tl8], raw8 = r.TasksPerSecond[Raw8], irm = r.TasksPerSecond[Irm], tl1 = r.TasksPerSecond[Tl1];
            text.AppendLine($"  ThrottleLimit 8 / raw 8 connections: {100 * tl8 / raw8:0}% (goal >= 80%); with trees never checked before: {100 * r.TasksPerSecond[Tl8Fresh] / raw8:0}%");
            text.AppendLine($"  ThrottleLimit 8 / Invoke-RestMethod:  {tl8 / irm:0.0}x (goal >= 4x)");
            text.AppendLine($"  ThrottleLimit 1 / Invoke-RestMethod:  {tl1 / irm:0.00}x (goal >= 1x)");
            text.AppendLine($"  Client overhead per request (repair, validation, envelopes, IdMap; TL1 - raw 1 connection): {r.OverheadMs:0.00} ms");
            return text.ToString();
        }

        /// <summary>A raw driver's client: kept for the whole run, as the module keeps one per connection (its connections are reused).</summary>
        private static HttpClient RawClient(int connections) =>
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false });

        private static int RawDriver(HttpClient client, string url, string auth, string body, int n, int connections)
        {
            int next = 0, ok = 0;
            var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) <= n)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization", auth);
                    using var response = await client.SendAsync(request).ConfigureAwait(false);
                    // What a client must do with the answer: read it whole and take result and data.task_id from the JSON.
                    byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    using var json = JsonDocument.Parse(answer);
                    var root = json.RootElement;
                    if (response.IsSuccessStatusCode && root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.True &&
                        root.TryGetProperty("data", out var data) && data.TryGetProperty("task_id", out var id) && id.GetInt64() > 0)
                        Interlocked.Increment(ref ok);
                }
            })).ToArray();
            Task.WaitAll(workers);
            return ok;
        }

        /// <summary>Which BkSops.Core the module runs on (path, and whether it is precompiled).</summary>
        private static string CoreBuild()
        {
            var core = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "BkSops.Core");
            if (core == null) return "no BkSops.Core loaded";
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(core.Location));
            bool r2r = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
            return $"{core.Location} ({(r2r ? "ReadyToRun" : "IL only")})";
        }

        private static int Count(System.Collections.ObjectModel.Collection<PSObject> output) =>
            output.Count == 1 ? Convert.ToInt32(output[0].BaseObject) : -1;

        private static string LoadAverage()
        {
            try { return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b); }
            catch (Exception) { return "unknown"; }
        }

        /// <summary>A sandbox in a child PowerShell process; it stops when its standard input closes.</summary>
        private sealed class SandboxProcess : IDisposable
        {
            private readonly Process process;
            public string Uri { get; private set; }
            public string Secret { get; private set; }
            public int ProcessId => process.Id;

            public TimeSpan ProcessorTime
            {
                get { process.Refresh(); return process.TotalProcessorTime; }
            }

            private SandboxProcess(Process process) { this.process = process; }

            public static SandboxProcess Start(string dotnet, string pwsh, string module)
            {
                string script = $"Import-Module '{module.Replace("'", "''")}' -ErrorAction Stop; $sb = Start-BkSopsSandbox; " +
                                "[Console]::Out.WriteLine('READY ' + $sb.Uri + ' ' + $sb.Credential.GetNetworkCredential().Password); [Console]::Out.Flush(); " +
                                "$null = [Console]::In.ReadLine(); Stop-BkSopsSandbox -Sandbox $sb";
                var info = new ProcessStartInfo(dotnet) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in new[] { pwsh, "-NoProfile", "-NonInteractive", "-Command", script }) info.ArgumentList.Add(a);
                info.Environment["NO_COLOR"] = "1";
                var sandbox = new SandboxProcess(Process.Start(info));
                string line;
                while ((line = sandbox.process.StandardOutput.ReadLine()) != null && !line.StartsWith("READY ", StringComparison.Ordinal)) { }
                if (line == null) throw new InvalidOperationException("The sandbox process ended before it was ready.");
                var parts = line.Split(' ');
                sandbox.Uri = parts[1].TrimEnd('/');
                sandbox.Secret = parts[2];
                return sandbox;
            }

            public void Dispose()
            {
                try { process.StandardInput.Close(); if (!process.WaitForExit(10_000)) process.Kill(); }
                catch (InvalidOperationException) { }
                process.Dispose();
            }
        }
    }
}
