using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace BkSops.Commands.Formatting
{
    /// <summary>
    /// Loads the module's views (BkSops.format.ps1xml, beside BkSops.dll) into a runspace the first time a cmdlet
    /// there writes an object that has one, instead of at Import-Module: loading format data compiles PowerShell's
    /// format loader, a cost a script that only checks trees never needs (issue #8, "Starting quickly"). Each
    /// runspace (a ThreadJob's, a pool's) loads them once for itself. Where they cannot be loaded (a session whose
    /// InitialSessionState has DisableFormatUpdates, a file that is gone), the cmdlet goes on and its objects get
    /// PowerShell's default formatting; Verbose says so once per runspace.
    /// </summary>
    internal static class ModuleViews
    {
        public const string FileName = "BkSops.format.ps1xml";

        private const string CmdletName = "Update-FormatData";
        private const string CmdletTypeName = "Microsoft.PowerShell.Commands.UpdateFormatDataCommand";
        private const string UtilityAssemblyName = "Microsoft.PowerShell.Commands.Utility";

        private sealed class Attempt
        {
            public int Made;
        }

        private static readonly ConditionalWeakTable<Runspace, Attempt> Attempts = new ConditionalWeakTable<Runspace, Attempt>();

        /// <summary>Writes an object that has a view, loading the views into the cmdlet's runspace first if need be.</summary>
        public static void WriteViewed(this Cmdlet cmdlet, object? value)
        {
            EnsureLoaded(cmdlet);
            cmdlet.WriteObject(value);
        }

        /// <summary>Loads the views into the current runspace unless that was tried there before.</summary>
        public static void EnsureLoaded(Cmdlet cmdlet)
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            if (Interlocked.Exchange(ref Attempts.GetValue(runspace, _ => new Attempt()).Made, 1) == 1) return;
            string? failure = Load();
            if (failure != null)
                cmdlet.WriteVerbose($"BkSops could not load its views ({FileName}) into this session, so its objects are shown " +
                    $"with PowerShell's default formatting: {failure}");
        }

        /// <summary>Runs Update-FormatData -AppendPath on the file in the current runspace; the reason it failed, or null.</summary>
        private static string? Load()
        {
            string? folder = Path.GetDirectoryName(typeof(ModuleViews).Assembly.Location);
            if (folder == null) return "the module's folder is unknown.";
            string path = Path.Combine(folder, FileName);
            if (!File.Exists(path)) return $"'{path}' does not exist.";
            try
            {
                using (var shell = PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    CmdletInfo? cmdlet = UpdateFormatDataCmdlet();
                    if (cmdlet != null) shell.AddCommand(cmdlet);
                    else shell.AddCommand("Microsoft.PowerShell.Utility\\" + CmdletName);
                    shell.AddParameter("AppendPath", path);
                    shell.Invoke();
                    if (shell.Streams.Error.Count > 0) return shell.Streams.Error[0].ToString();
                }
                return null;
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (Exception e)
            {
                return (e as RuntimeException)?.ErrorRecord?.ToString() ?? e.Message;
            }
        }

        /// <summary>
        /// Update-FormatData straight from its type, which spares the auto-load of Microsoft.PowerShell.Utility (half
        /// the cost of a first call by name). The Utility assembly has the version and key of System.Management.Automation
        /// in every PowerShell (3.0.0.0 in Windows PowerShell). Null when the type cannot be found: the caller then asks by name.
        /// </summary>
        private static CmdletInfo? UpdateFormatDataCmdlet()
        {
            try
            {
                var utility = new AssemblyName(typeof(PSCmdlet).Assembly.FullName) { Name = UtilityAssemblyName };
                Type? type = Type.GetType(CmdletTypeName + ", " + utility.FullName, throwOnError: false);
                return type != null && typeof(PSCmdlet).IsAssignableFrom(type) ? new CmdletInfo(CmdletName, type) : null;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is ArgumentException || e is TypeLoadException)
            {
                return null;
            }
        }
    }
}
