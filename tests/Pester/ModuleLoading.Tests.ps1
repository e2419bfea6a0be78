# Which build of BkSops.Core the module loads (issue #8, "Starting quickly"): the ReadyToRun .NET 10 build on
# PowerShell 7.6+, the netstandard2.0 build on Windows PowerShell 5.1 and older PowerShell 7. Windows PowerShell
# cannot run here, so its branch is forced under pwsh and its assembly is checked to use netstandard2.0 only.
BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:ModuleFolder = Split-Path $env:BKSOPS_TEST_MODULE
    $script:PortableCore = Join-Path $ModuleFolder 'BkSops.Core.dll'
    $script:NetCore = Join-Path (Join-Path $ModuleFolder 'net10.0') 'BkSops.Core.dll'
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'

    function Read-AssemblyFacts([string] $Path) {
        # Metadata only: the assembly is not loaded into this process.
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $references = foreach ($h in $md.AssemblyReferences) { $md.GetString($md.GetAssemblyReference($h).Name) }
            $framework = $null
            foreach ($h in $md.GetAssemblyDefinition().GetCustomAttributes()) {
                $attribute = $md.GetCustomAttribute($h)
                $ctor = $md.GetMemberReference([Reflection.Metadata.MemberReferenceHandle] $attribute.Constructor)
                $type = $md.GetTypeReference([Reflection.Metadata.TypeReferenceHandle] $ctor.Parent)
                if ($md.GetString($type.Name) -eq 'TargetFrameworkAttribute') {
                    $blob = $md.GetBlobReader($attribute.Value)
                    $null = $blob.ReadUInt16()  # prolog
                    $framework = $blob.ReadSerializedString()
                }
            }
            $types = foreach ($h in $md.TypeDefinitions) {
                $t = $md.GetTypeDefinition($h)
                if (($t.Attributes -band [Reflection.TypeAttributes]::VisibilityMask) -eq [Reflection.TypeAttributes]::Public) {
                    '{0}.{1}' -f $md.GetString($t.Namespace), $md.GetString($t.Name)
                }
            }
            [pscustomobject]@{
                References  = @($references)
                Framework   = $framework
                Version     = $md.GetAssemblyDefinition().Version
                PublicTypes = @($types | Sort-Object)
                ReadyToRun  = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
            }
        }
        finally { $stream.Dispose() }
    }

    . ([IO.Path]::Combine($PSScriptRoot, 'ChildPowerShell.ps1'))

    $script:Probe = @'
Import-Module '{0}' -ErrorAction Stop
$bad = Test-BkSopsPipeline -LiteralPath '{1}'
$good = Test-BkSopsPipeline -LiteralPath '{2}'
$core = [BkSops.Validation.PipelineValidator].Assembly
"verdicts=$bad,$good"
"location=$($core.Location)"
'@ -f $env:BKSOPS_TEST_MODULE.Replace("'", "''"), (Join-Path $Examples 'seed-tree.json').Replace("'", "''"),
        (Join-Path $Examples 'seed-tree-list-incoming.json').Replace("'", "''")
}

Describe 'The staged module' {
    It 'carries the netstandard2.0 build of BkSops.Core beside BkSops.dll' {
        $facts = Read-AssemblyFacts $PortableCore
        $facts.Framework | Should -Be '.NETStandard,Version=v2.0'
        $facts.ReadyToRun | Should -BeFalse
    }

    It 'keeps the Desktop assemblies to netstandard2.0 APIs (they reference netstandard and nothing of .NET Core)' {
        foreach ($name in 'BkSops.dll', 'BkSops.Core.dll', 'BkSops.Sandbox.dll') {
            $facts = Read-AssemblyFacts (Join-Path $ModuleFolder $name)
            $facts.Framework | Should -Be '.NETStandard,Version=v2.0' -Because $name
            $facts.References | Should -Contain 'netstandard'
            $facts.References | Where-Object { $_ -match '^(System\.Runtime|System\.Private\.CoreLib|mscorlib)$' } | Should -BeNullOrEmpty -Because "$name must run on .NET Framework"
            $facts.References | Where-Object { $_ -notin 'netstandard', 'System.Management.Automation', 'BkSops.Core', 'BkSops.Sandbox', 'Newtonsoft.Json' } |
                Should -BeNullOrEmpty -Because "$name may only use netstandard2.0, PowerShell Standard and the module's own assemblies"
        }
    }

    It 'carries a ReadyToRun .NET 10 build of the same BkSops.Core in net10.0/' {
        $netCore = Read-AssemblyFacts $NetCore
        $portable = Read-AssemblyFacts $PortableCore
        $netCore.Framework | Should -Be '.NETCoreApp,Version=v10.0'
        $netCore.ReadyToRun | Should -BeTrue
        $netCore.Version | Should -Be $portable.Version
        $netCore.PublicTypes | Should -Be $portable.PublicTypes
    }
}

Describe 'Choosing the BkSops.Core build' {
    It 'takes the .NET 10 build on <Framework> <Version>' -TestCases @(
        @{ Framework = '.NET 10.0.12'; Version = '10.0.12' }
        @{ Framework = '.NET 11.0.0'; Version = '11.0.0' }
    ) {
        param($Framework, $Version)
        [BkSops.Commands.ModuleAssemblyLoader]::SelectCoreAssembly('/m', $Framework, [version] $Version, $null, [Func[string, bool]] { $true }) |
            Should -Be ([IO.Path]::Combine('/m', 'net10.0', 'BkSops.Core.dll'))
    }

    It 'leaves the netstandard2.0 build to the runtime on <Framework> <Version> (flavor <Flavor>, file there: <Exists>)' -TestCases @(
        @{ Framework = '.NET Framework 4.8.9181.0'; Version = '4.0.30319.42000'; Flavor = $null; Exists = $true }
        @{ Framework = '.NET 8.0.20'; Version = '8.0.20'; Flavor = $null; Exists = $true }
        @{ Framework = '.NET 6.0.36'; Version = '6.0.36'; Flavor = $null; Exists = $true }
        @{ Framework = '.NET 10.0.12'; Version = '10.0.12'; Flavor = 'netstandard2.0'; Exists = $true }
        @{ Framework = '.NET 10.0.12'; Version = '10.0.12'; Flavor = $null; Exists = $false }
    ) {
        param($Framework, $Version, $Flavor, $Exists)
        [BkSops.Commands.ModuleAssemblyLoader]::SelectCoreAssembly('/m', $Framework, [version] $Version, $Flavor, [Func[string, bool]] { $Exists }.GetNewClosure()) |
            Should -BeNullOrEmpty
    }

    It 'loads the ReadyToRun build in PowerShell 7.6 and checks trees with it' {
        $r = Invoke-ChildPwsh $Probe
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'verdicts=False,True'
        $r.Output | Should -Contain "location=$NetCore"
    }

    It 'runs the Desktop branch (the netstandard2.0 build) when forced, with the same verdicts' {
        $r = Invoke-ChildPwsh $Probe @{ BKSOPS_ASSEMBLY_FLAVOR = 'netstandard2.0' }
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'verdicts=False,True'
        $r.Output | Should -Contain "location=$PortableCore"
    }

    It 'JIT-compiles few methods on the first check with the ReadyToRun build (its image holds the framework generics it uses)' {
        # Measured on the calling thread, import excluded: ~90 methods with crossgen2's --opt-cross-module and
        # --non-local-generics-module (src/BkSops.Core.ReadyToRun) and no framework generics over value types on the
        # check's path (StableOrder, JsonObject.PropertyAt and its own Properties view), ~280 with them, ~550 without
        # the options, thousands with the netstandard2.0 build.
        $count = @'
Import-Module '{0}' -ErrorAction Stop
$before = [System.Runtime.JitInfo]::GetCompiledMethodCount($true)
$null = Test-BkSopsPipeline -LiteralPath '{1}'
"jitted=$([System.Runtime.JitInfo]::GetCompiledMethodCount($true) - $before)"
'@ -f $env:BKSOPS_TEST_MODULE.Replace("'", "''"), (Join-Path $Examples 'seed-tree.json').Replace("'", "''")
        $r = Invoke-ChildPwsh $count
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $line = $r.Output | Where-Object { $_ -like 'jitted=*' }
        [int] ($line -replace 'jitted=', '') | Should -BeLessThan 160
        $portable = Invoke-ChildPwsh $count @{ BKSOPS_ASSEMBLY_FLAVOR = 'netstandard2.0' }
        $portableLine = $portable.Output | Where-Object { $_ -like 'jitted=*' }
        [int] ($portableLine -replace 'jitted=', '') | Should -BeGreaterThan 1000
    }
}
