using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace BkSops.Commands
{
    /// <summary>
    /// Picks the build of BkSops.Core the module runs on, when the module is imported. The netstandard2.0 build lies
    /// beside BkSops.dll and is what Windows PowerShell (and PowerShell 7 before .NET 10) loads as an ordinary
    /// dependency. On .NET 10 and later the module also carries a ReadyToRun build in <c>net10.0/</c>: its code is
    /// already compiled, so the first calls do not wait for the JIT (issue #8). Loading it here, before anything
    /// asks for BkSops.Core, makes it the one the cmdlets bind to.
    /// </summary>
    public sealed class ModuleAssemblyLoader : IModuleAssemblyInitializer
    {
        /// <summary>The assembly that holds the engine.</summary>
        public const string CoreAssemblyName = "BkSops.Core";

        /// <summary>The folder, beside BkSops.dll, of the ReadyToRun build for .NET 10+.</summary>
        public const string NetCoreFolder = "net10.0";

        /// <summary>The first .NET major version the <see cref="NetCoreFolder"/> build runs on.</summary>
        public const int NetCoreMajorVersion = 10;

        /// <summary>
        /// Set to <c>netstandard2.0</c> to make the module load its portable build as Windows PowerShell does
        /// (a way to compare the two builds, and what the tests use to run the Desktop branch under PowerShell 7).
        /// </summary>
        public const string FlavorVariable = "BKSOPS_ASSEMBLY_FLAVOR";

        /// <summary>Called by Import-Module after it has read the cmdlets.</summary>
        public void OnImport()
        {
            string? moduleFolder = Path.GetDirectoryName(typeof(ModuleAssemblyLoader).Assembly.Location);
            if (moduleFolder == null) return;
            string? path = SelectCoreAssembly(moduleFolder, RuntimeInformation.FrameworkDescription, Environment.Version,
                Environment.GetEnvironmentVariable(FlavorVariable), File.Exists);
            if (path == null || IsLoaded(CoreAssemblyName)) return;
            Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The path of the BkSops.Core build to load ahead of its first use, or null to let the runtime load the
        /// netstandard2.0 build beside BkSops.dll (on .NET Framework, before .NET 10, when asked to, or when the
        /// module has no .NET 10 build).
        /// </summary>
        public static string? SelectCoreAssembly(string moduleFolder, string? frameworkDescription, Version? runtimeVersion,
            string? flavor, Func<string, bool> fileExists)
        {
            if (string.Equals(flavor, "netstandard2.0", StringComparison.OrdinalIgnoreCase)) return null;
            if (frameworkDescription != null && frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return null;
            if (runtimeVersion == null || runtimeVersion.Major < NetCoreMajorVersion) return null;
            string path = Path.Combine(Path.Combine(moduleFolder, NetCoreFolder), CoreAssemblyName + ".dll");
            return fileExists(path) ? path : null;
        }

        private static bool IsLoaded(string simpleName)
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                if (string.Equals(assembly.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
