using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// A sandbox started from a staged module's own assemblies, as the module runs it: BkSops.Sandbox beside the
    /// manifest, and BkSops.Core from <c>net10.0/</c> (the ReadyToRun build the module loads on .NET 10+) when it is
    /// there. They load into their own context, apart from the project builds this program references.
    /// </summary>
    public sealed class ModuleSandbox
    {
        private readonly object server;
        private readonly MethodInfo stop;

        private ModuleSandbox(object server, MethodInfo stop, int port, string coreBuild)
        {
            this.server = server;
            this.stop = stop;
            Port = port;
            CoreBuild = coreBuild;
        }

        public int Port { get; }

        /// <summary>Which BkSops.Core runs: "ReadyToRun" or "netstandard2.0".</summary>
        public string CoreBuild { get; }

        public static ModuleSandbox Start(string manifest, string appSecret, string userToken, string dataPath)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(manifest));
            string readyToRun = Path.Combine(folder, "net10.0", "BkSops.Core.dll");
            bool precompiled = Environment.Version.Major >= 10 && File.Exists(readyToRun);
            var context = new ModuleContext(folder, precompiled ? readyToRun : null);
            var assembly = context.LoadFromAssemblyPath(Path.Combine(folder, "BkSops.Sandbox.dll"));
            var optionsType = assembly.GetType("BkSops.Sandbox.SandboxOptions", throwOnError: true);
            var serverType = assembly.GetType("BkSops.Sandbox.SandboxServer", throwOnError: true);
            object options = Activator.CreateInstance(optionsType);
            optionsType.GetProperty("AppSecret").SetValue(options, appSecret);
            optionsType.GetProperty("UserToken").SetValue(options, userToken);
            optionsType.GetProperty("DataPath").SetValue(options, dataPath);
            object server = serverType.GetMethod("Start", BindingFlags.Public | BindingFlags.Static).Invoke(null, new[] { options });
            int port = (int)serverType.GetProperty("Port").GetValue(server);
            return new ModuleSandbox(server, serverType.GetMethod("Stop", Type.EmptyTypes), port, precompiled ? "ReadyToRun" : "netstandard2.0");
        }

        public void Stop() => stop.Invoke(server, null);

        private sealed class ModuleContext : AssemblyLoadContext
        {
            private readonly string folder;
            private readonly string readyToRunCore;

            public ModuleContext(string folder, string readyToRunCore) : base("BkSops module", isCollectible: false)
            {
                this.folder = folder;
                this.readyToRunCore = readyToRunCore;
            }

            protected override Assembly Load(AssemblyName name)
            {
                if (name.Name == "BkSops.Core" && readyToRunCore != null) return LoadFromAssemblyPath(readyToRunCore);
                string path = Path.Combine(folder, name.Name + ".dll");
                // The module's own files; the framework comes from the default context.
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
