using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// An in-process PowerShell runspace (Microsoft.PowerShell.SDK) that runs on the caller's thread, so
    /// BenchmarkDotNet measures the commands themselves, optionally with the staged BkSops module imported.
    /// </summary>
    public sealed class PowerShellHost : IDisposable
    {
        private readonly Runspace runspace;

        public PowerShellHost(string modulePath = null)
        {
            var state = InitialSessionState.CreateDefault();
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            runspace = RunspaceFactory.CreateRunspace(state);
            runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
            runspace.Open();
            if (modulePath != null)
            {
                using var ps = PowerShell.Create(runspace);
                ps.AddCommand("Import-Module").AddParameter("Name", modulePath).AddParameter("ErrorAction", "Stop");
                Run(ps);
            }
        }

        /// <summary><c>$json | ConvertFrom-Json | ConvertTo-Json -Depth 100</c>.</summary>
        public string ConvertJsonRoundTrip(string json)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddCommand("ConvertFrom-Json").AddParameter("InputObject", json)
              .AddCommand("ConvertTo-Json").AddParameter("Depth", 100);
            return Single(Run(ps));
        }

        /// <summary><c>Import-BkSopsPipeline -Json $json | Export-BkSopsPipeline</c>.</summary>
        public string CmdletRoundTrip(string json)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddCommand("Import-BkSopsPipeline").AddParameter("Json", json)
              .AddCommand("Export-BkSopsPipeline");
            return Single(Run(ps));
        }

        /// <summary>Runs a script in the runspace (its variables persist between calls) and returns its output.</summary>
        public Collection<PSObject> Script(string script) => Invoke(script, null);

        /// <summary>Runs a script with the given variables set first; throws on the first error record.</summary>
        public Collection<PSObject> Invoke(string script, System.Collections.Generic.IDictionary<string, object> variables)
        {
            if (variables != null)
                foreach (var pair in variables) runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            using var ps = PowerShell.Create(runspace);
            ps.AddScript(script);
            return Run(ps);
        }

        private static Collection<PSObject> Run(PowerShell ps)
        {
            var output = ps.Invoke();
            if (ps.HadErrors)
            {
                var first = ps.Streams.Error.FirstOrDefault();
                throw new InvalidOperationException("PowerShell reported an error: " + (first?.ToString() ?? "(no record)"), first?.Exception);
            }
            return output;
        }

        private static string Single(Collection<PSObject> output)
        {
            if (output.Count != 1 || !(output[0]?.BaseObject is string s))
                throw new InvalidOperationException($"Expected one string from the pipeline, got {output.Count} object(s).");
            return s;
        }

        public void Dispose() => runspace.Dispose();
    }
}
