using BenchmarkDotNet.Attributes;
using BkSops.Json;
using Newtonsoft.Json.Linq;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// Read and write back the 10,000-activity chain (indented JSON): our lossless reader/writer, Newtonsoft's
    /// JToken, PowerShell's own ConvertFrom-Json | ConvertTo-Json, and the BkSops cmdlets, all in-process.
    /// </summary>
    public class JsonRoundTripBenchmarks
    {
        private string json;
        private PowerShellHost powerShell;

        [GlobalSetup(Targets = new[] { nameof(BkSopsJson), nameof(NewtonsoftJToken) })]
        public void SetupText() => json = BenchTrees.RoundTripJson;

        [GlobalSetup(Target = nameof(PowerShellConvertJson))]
        public void SetupPowerShell()
        {
            json = BenchTrees.RoundTripJson;
            powerShell = new PowerShellHost();
        }

        [GlobalSetup(Target = nameof(BkSopsCmdlets))]
        public void SetupCmdlets()
        {
            json = BenchTrees.RoundTripJson;
            powerShell = new PowerShellHost(BenchEnvironment.Options.ModulePath);
        }

        [GlobalCleanup]
        public void Cleanup() => powerShell?.Dispose();

        /// <summary>BkSops.Json: JsonReader.Read + JsonWriter.Write (indented).</summary>
        [Benchmark(Baseline = true)]
        public string BkSopsJson() => JsonWriter.Write(JsonReader.Read(json).Root, indented: true);

        /// <summary>Newtonsoft: JToken.Parse + ToString() (indented).</summary>
        [Benchmark]
        public string NewtonsoftJToken() => JToken.Parse(json).ToString();

        /// <summary>PowerShell: ConvertFrom-Json | ConvertTo-Json -Depth 100.</summary>
        [Benchmark]
        public string PowerShellConvertJson() => powerShell.ConvertJsonRoundTrip(json);

        /// <summary>BkSops cmdlets: Import-BkSopsPipeline -Json | Export-BkSopsPipeline.</summary>
        [Benchmark]
        public string BkSopsCmdlets() => powerShell.CmdletRoundTrip(json);
    }
}
