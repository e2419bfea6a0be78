using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using BkSops.Reporting;
using BkSops.Validation;

namespace BkSops.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes validation results as SARIF 2.1.0 or JSON, for CI systems and code scanning.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "BkSopsDiagnostic", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportBkSopsDiagnosticCommand : PSCmdlet
    {
        private readonly List<ValidationResult> results = new List<ValidationResult>();

        /// <summary>Results of Test-BkSopsPipeline -Detailed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public ValidationResult[] InputObject { get; set; }

        /// <summary>Sarif (default) or Json.</summary>
        [Parameter]
        public DiagnosticFormat Format { get; set; } = DiagnosticFormat.Sarif;

        /// <summary>The file to write (UTF-8 without BOM); without it the text is written to the pipeline.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var result in InputObject)
                if (result != null) results.Add(result);
        }

        protected override void EndProcessing()
        {
            if (Path == null)
            {
                var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                Write(text);
                WriteObject(text.ToString());
                return;
            }
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(file, $"Write {results.Count} validation results as {Format}")) return;
            try
            {
                // Streamed: one diagnostic at a time, the text is never held whole in memory.
                using (var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16))
                {
                    Write(writer);
                    writer.Write('\n');
                }
            }
            catch (System.Exception e) when (e is IOException || e is System.UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "BkSops.Input.Unwritable", ErrorCategory.WriteError, file));
            }
        }

        private void Write(TextWriter output)
        {
            if (Format == DiagnosticFormat.Json) DiagnosticJson.Write(results, output);
            else SarifLog.Write(results, typeof(ValidationResult).Assembly.GetName().Version.ToString(3), SessionState.Path.CurrentFileSystemLocation.Path, output);
        }
    }

    public enum DiagnosticFormat { Sarif, Json }
}
