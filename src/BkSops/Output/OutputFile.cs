using System;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace BkSops.Commands.Output
{
    /// <summary>
    /// Writes a cmdlet's text to the file its -Path names (UTF-8 without BOM, a final line break), the same way for
    /// every Export cmdlet: a path that cannot be written is a non-terminating error with one id per cause. An
    /// existing file is treated as Out-File and Export-Csv treat it: -NoClobber refuses it, a read-only one is only
    /// overwritten with -Force (and stays read-only).
    /// </summary>
    internal static class OutputFile
    {
        /// <summary>
        /// Streams what <paramref name="writeText"/> writes to the file after ShouldProcess (the text is never held
        /// whole in memory); returns false when nothing was written.
        /// </summary>
        public static bool Write(PSCmdlet cmdlet, string path, Action<TextWriter> writeText, string action, bool force, bool noClobber)
        {
            string file;
            try
            {
                file = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    return Fail(cmdlet, "NotAFile", $"'{path}' is not a file system path; give a file to write.", ErrorCategory.InvalidArgument, path, null);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException
                || e is ProviderNotFoundException || e is NotSupportedException || e is ArgumentException)
            {
                return Fail(cmdlet, "ParentNotFound", $"Cannot write '{path}': {e.Message}", ErrorCategory.ObjectNotFound, path, e);
            }
            if (Directory.Exists(file))
                return Fail(cmdlet, "IsDirectory", $"Cannot write '{file}': it is a folder. Give the path of a file, for example '{System.IO.Path.Combine(file, "out.json")}'.",
                    ErrorCategory.InvalidArgument, file, null);
            string? parent = System.IO.Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
                return Fail(cmdlet, "ParentNotFound", $"Cannot write '{file}': the folder '{parent}' does not exist. Create it first (New-Item -ItemType Directory).",
                    ErrorCategory.ObjectNotFound, file, null);
            bool readOnly = false;
            if (File.Exists(file))
            {
                if (noClobber)
                    return Fail(cmdlet, "NoClobber", $"The file '{file}' already exists. Leave out -NoClobber to overwrite it, or give another path.",
                        ErrorCategory.ResourceExists, file, null);
                readOnly = (File.GetAttributes(file) & FileAttributes.ReadOnly) != 0;
                if (readOnly && !force)
                    return Fail(cmdlet, "ReadOnly", $"Cannot write '{file}': the file is read-only. Use -Force to overwrite it (it stays read-only).",
                        ErrorCategory.PermissionDenied, file, null);
            }
            if (!cmdlet.ShouldProcess(file, action)) return false;
            try
            {
                if (readOnly) File.SetAttributes(file, File.GetAttributes(file) & ~FileAttributes.ReadOnly);
                try
                {
                    using (var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16))
                    {
                        writeText(writer);
                        writer.Write('\n');
                    }
                }
                finally
                {
                    // -Force overrides the attribute for this write only, as Out-File -Force does.
                    if (readOnly) File.SetAttributes(file, File.GetAttributes(file) | FileAttributes.ReadOnly);
                }
                return true;
            }
            catch (UnauthorizedAccessException e)
            {
                return Fail(cmdlet, "AccessDenied", $"Cannot write '{file}': permission denied ({e.Message})", ErrorCategory.PermissionDenied, file, e);
            }
            catch (IOException e)
            {
                return Fail(cmdlet, "Unwritable", $"Cannot write '{file}': {e.Message}", ErrorCategory.WriteError, file, e);
            }
        }

        private static bool Fail(PSCmdlet cmdlet, string reason, string message, ErrorCategory category, string target, Exception? inner)
        {
            cmdlet.WriteError(new ErrorRecord(new IOException(message, inner), "BkSops.Input." + reason, category, target));
            return false;
        }
    }
}
