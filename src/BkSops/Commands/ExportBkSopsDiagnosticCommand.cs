using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using BkSops.Commands.Output;
using BkSops.Reporting;
using BkSops.Validation;

namespace BkSops.Commands
{
    [Cmdlet(VerbsData.Export, "BkSopsDiagnostic", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportBkSopsDiagnosticCommand : ExportCommandBase
    {
        private readonly List<ValidationResult> results = new List<ValidationResult>();

        /// <summary>Results of Test-BkSopsPipeline -Detailed.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidationResultTransformation]
        public ValidationResult?[]? InputObject { get; set; }

        /// <summary>Sarif (default) or Json.</summary>
        [Parameter]
        public DiagnosticFormat Format { get; set; } = DiagnosticFormat.Sarif;

        protected override void ProcessRecord()
        {
            foreach (var result in Mandatory.Value(InputObject, nameof(InputObject)))
                if (result != null) results.Add(result);
        }

        protected override void EndProcessing()
        {
            if (results.Count == 0)
            {
                // An empty report would read as "no findings": a green CI run on no input.
                WriteError(new ErrorRecord(new System.InvalidOperationException(
                        "Export-BkSopsDiagnostic received no validation results, so it wrote nothing. " +
                        "It takes the output of Test-BkSopsPipeline -Detailed (without -Detailed, Test-BkSopsPipeline writes only $true or $false)."),
                    "BkSops.Input.NoResults", ErrorCategory.InvalidArgument, null));
                return;
            }
            string noun = results.Count == 1 ? "validation result" : "validation results";
            Export(Write, $"Write {results.Count} {noun} as {Format}");
        }

        private void Write(TextWriter output)
        {
            if (Format == DiagnosticFormat.Json) DiagnosticJson.Write(results, output);
            else SarifLog.Write(results, typeof(ValidationResult).Assembly.GetName().Version.ToString(3), SessionState.Path.CurrentFileSystemLocation.Path, output);
        }
    }

    public enum DiagnosticFormat { Sarif, Json }

    /// <summary>Turns a boolean piped from Test-BkSopsPipeline without -Detailed into an error that says what to do.</summary>
    public sealed class ValidationResultTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            foreach (object item in Items(inputData))
            {
                object value = item is PSObject pso ? pso.BaseObject : item;
                if (value is bool)
                    throw new ArgumentTransformationMetadataException(
                        $"Export-BkSopsDiagnostic takes validation results, but received the boolean {value}: use Test-BkSopsPipeline -Detailed to get results with their diagnostics.");
            }
            return inputData;
        }

        private static IEnumerable Items(object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            return value is IEnumerable list && !(value is string) ? list : new[] { inputData };
        }
    }
}
