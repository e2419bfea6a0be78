using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;

namespace BkSops.Commands.Output
{
    /// <summary>
    /// What every Export cmdlet shares: -Path, and -Force/-NoClobber with Out-File's meaning. Without -Path the text is
    /// written to the pipeline as one string.
    /// </summary>
    public abstract class ExportCommandBase : PSCmdlet
    {
        /// <summary>The file to write (UTF-8 without BOM); without it the text is written to the pipeline.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Overwrite a read-only file (it stays read-only), as Out-File -Force does.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Leave an existing file alone: the error BkSops.Input.NoClobber instead of overwriting it.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Writes the text <paramref name="writeText"/> makes to -Path, or to the pipeline without one.</summary>
        protected void Export(Action<TextWriter> writeText, string action)
        {
            if (Path == null)
            {
                var text = new StringWriter(CultureInfo.InvariantCulture);
                writeText(text);
                WriteObject(text.ToString());
                return;
            }
            OutputFile.Write(this, Path, writeText, action, Force, NoClobber);
        }
    }
}
