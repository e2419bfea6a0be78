<#
.SYNOPSIS
    Builds, documents, tests, demonstrates and benchmarks BkSops.
.DESCRIPTION
    The only build entry point. Runs on PowerShell 7.2+ and Windows PowerShell 5.1.
      Build  publish the assemblies and stage the module in out/BkSops (manifest, dlls, format, compiled help)
      Docs   refresh docs/BkSops/*.md metadata from the compiled cmdlets (the only task that writes docs/)
      Test   Build, run the xunit projects, then Pester against the staged module in a child PowerShell
      Demo   the main job: start a sandbox, build a tree, check it, submit, start and wait
      Bench  run the BenchmarkDotNet project and print a compact table
      Package  Build, then publish the staged module with PSResourceGet to the local repository out/repository
             (registered as BkSopsLocal), giving out/repository/BkSops.<version>.nupkg
      Clean  remove out/ and every bin/ and obj/ folder
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Docs', 'Test', 'Demo', 'Bench', 'Clean', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Passed to BenchmarkDotNet as --filter (e.g. '*Validate*'); default: every benchmark.
    [string] $BenchFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$Root = $PSScriptRoot
$Out = [IO.Path]::Combine($Root, 'out')
$Staged = [IO.Path]::Combine($Out, 'BkSops')
$Manifest = [IO.Path]::Combine($Root, 'BkSops.psd1')
$HelpTools = [IO.Path]::Combine($Root, 'src', 'BkSops.Help', 'BkSops.Help.psm1')

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-ModuleVersion {
    # The manifest is the one version source: the assemblies are stamped with it at publish time.
    $text = [IO.File]::ReadAllText($Manifest)
    if ($text -notmatch "ModuleVersion\s*=\s*'([0-9.]+)'") { throw "No ModuleVersion in $Manifest" }
    $Matches[1]
}

. ([IO.Path]::Combine($Root, 'build', 'ChildPowerShell.ps1'))

function Invoke-ChildPowerShell([string[]] $Arguments) {
    $exe = @(Get-ChildPowerShell)
    $prefix = @()
    if ($exe.Count -gt 1) { $prefix = $exe[1..($exe.Count - 1)] }
    # The child's output goes to the host, so that only the exit code is this function's result.
    & $exe[0] @prefix -NoProfile -NonInteractive @Arguments | Out-Host
    $LASTEXITCODE
}

function Invoke-Build {
    $version = Get-ModuleVersion
    $publish = [IO.Path]::Combine($Out, 'publish')
    Invoke-Dotnet publish ([IO.Path]::Combine($Root, 'src', 'BkSops', 'BkSops.csproj')) -c $Configuration -o $publish `
        "-p:Version=$version" -nologo -v quiet
    if (Test-Path $Staged) { Remove-Item $Staged -Recurse -Force }
    $null = New-Item -ItemType Directory -Path ([IO.Path]::Combine($Staged, 'en-US')) -Force
    foreach ($file in 'BkSops.dll', 'BkSops.Core.dll', 'BkSops.Sandbox.dll', 'Newtonsoft.Json.dll', 'BkSops.format.ps1xml') {
        Copy-Item ([IO.Path]::Combine($publish, $file)) $Staged
    }
    Copy-Item $Manifest $Staged
    Set-StagedReleaseNotes $version
    Publish-ReadyToRunCore $version
    Import-Module $HelpTools -Force
    ConvertTo-BkSopsMaml -DocsPath ([IO.Path]::Combine($Root, 'docs', 'BkSops')) `
        -OutputPath ([IO.Path]::Combine($Staged, 'en-US', 'BkSops.dll-Help.xml')) `
        -AboutOutputPath ([IO.Path]::Combine($Staged, 'en-US'))
    Write-Host "Staged BkSops $version in $Staged"
}

function Get-DotnetRuntimeIdentifier {
    # The RID of the SDK that builds (dotnet --info), so the precompiled code suits the machine it is built on.
    $line = & dotnet --info | Where-Object { $_ -match '^\s*RID:\s*(\S+)' } | Select-Object -First 1
    if (-not $line) { throw 'dotnet --info names no RID' }
    ($line -replace '^\s*RID:\s*', '').Trim()
}

function Publish-ReadyToRunCore([string] $Version) {
    # BkSops.Core again, for .NET 10 and precompiled (ReadyToRun), into net10.0/: PowerShell 7.6+ loads it instead
    # of the netstandard2.0 build (src/BkSops/ModuleAssemblyLoader.cs), so the first calls skip the JIT (issue #8).
    $publish = [IO.Path]::Combine($Out, 'publish-net10.0')
    Invoke-Dotnet publish ([IO.Path]::Combine($Root, 'src', 'BkSops.Core.ReadyToRun', 'BkSops.Core.ReadyToRun.csproj')) `
        -c $Configuration -r (Get-DotnetRuntimeIdentifier) --self-contained false -o $publish "-p:Version=$Version" -nologo -v quiet
    $folder = [IO.Path]::Combine($Staged, 'net10.0')
    $null = New-Item -ItemType Directory -Path $folder -Force
    Copy-Item ([IO.Path]::Combine($publish, 'BkSops.Core.dll')) $folder
}

function Get-ReleaseNotes([string] $Version) {
    # The CHANGELOG section of this version, or the Unreleased one until the version has its own (Keep a Changelog).
    $lines = [IO.File]::ReadAllLines([IO.Path]::Combine($Root, 'docs', 'CHANGELOG.md'))
    foreach ($heading in "## [$Version]", '## [Unreleased]') {
        $start = -1
        for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i].StartsWith($heading)) { $start = $i; break } }
        if ($start -lt 0) { continue }
        $end = $start + 1
        while ($end -lt $lines.Count -and -not $lines[$end].StartsWith('## ')) { $end++ }
        if ($end -le $start + 1) { return '' }
        return (($lines[($start + 1)..($end - 1)] -join "`n").Trim())
    }
    throw "docs/CHANGELOG.md has neither a '## [$Version]' nor a '## [Unreleased]' section"
}

function Set-StagedReleaseNotes([string] $Version) {
    # The staged manifest gets PrivateData.PSData.ReleaseNotes from docs/CHANGELOG.md, so the notes have one source.
    $path = [IO.Path]::Combine($Staged, 'BkSops.psd1')
    $text = [IO.File]::ReadAllText($path)
    $notes = (Get-ReleaseNotes $Version).Replace("'", "''")
    $psData = New-Object System.Text.RegularExpressions.Regex '(?m)^([ \t]*)PSData[ \t]*=[ \t]*@\{[ \t]*(?=\r?$)'
    $marked = $psData.Replace($text, { param($m) $m.Value + [Environment]::NewLine + $m.Groups[1].Value + "    ReleaseNotes = '$notes'" }, 1)
    if ($marked -eq $text) { throw "No 'PSData = @{' line in $path to put the release notes under" }
    [IO.File]::WriteAllText($path, $marked, (New-Object System.Text.UTF8Encoding $false))
}

function Invoke-Package {
    # Package for the user: the repository stays registered as BkSopsLocal, so that Install-PSResource BkSops
    # -Repository BkSopsLocal installs what was built last (README, "Install").
    $package = Publish-LocalPackage -RepositoryName BkSopsLocal
    Write-Host "Packaged $package; install it with: Install-PSResource BkSops -Repository BkSopsLocal"
}

function Publish-LocalPackage([string] $RepositoryName, [switch] $Unregister) {
    Invoke-Build
    if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet)) {
        throw 'Package needs PSResourceGet (bundled with PowerShell 7.4+; elsewhere Install-Module Microsoft.PowerShell.PSResourceGet)'
    }
    Import-Module Microsoft.PowerShell.PSResourceGet
    $repository = [IO.Path]::Combine($Out, 'repository')
    if (Test-Path $repository) { Remove-Item $repository -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $repository
    Register-PSResourceRepository -Name $RepositoryName -Uri $repository -Trusted -Force
    try {
        Publish-PSResource -Path $Staged -Repository $RepositoryName
    }
    finally {
        if ($Unregister) { Unregister-PSResourceRepository -Name $RepositoryName }
    }
    $package = Get-ChildItem $repository -Filter *.nupkg | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource left no .nupkg in $repository" }
    $package.FullName
}

function Invoke-Docs {
    Invoke-Build
    Import-Module $HelpTools -Force
    $code = Invoke-ChildPowerShell @('-Command', @"
Import-Module '$HelpTools'
Import-Module '$([IO.Path]::Combine($Staged, 'BkSops.psd1'))'
Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath '$([IO.Path]::Combine($Root, 'docs', 'BkSops'))'
"@)
    if ($code -ne 0) { throw "Docs generation failed ($code)" }
}

function Read-TrxCounts([string] $Directory) {
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem $Directory -Filter *.trx -ErrorAction SilentlyContinue) {
        [xml] $doc = Get-Content $trx.FullName -Raw
        $counters = $doc.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout
        $skipped += [int] $counters.notExecuted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Get-PesterModulePath {
    Invoke-Dotnet restore ([IO.Path]::Combine($Root, 'tests', 'Tools', 'Tools.csproj')) -nologo -v quiet
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = (& dotnet nuget locals global-packages --list) | Select-Object -First 1
        $packages = ($line -replace '^global-packages:\s*', '').Trim()
    }
    $path = [IO.Path]::Combine($packages, 'pester', '6.2.0', 'tools', 'Pester.psd1')
    if (-not (Test-Path $path)) { throw "Pester 6.2.0 was not restored to $path" }
    $path
}

function Invoke-Test {
    # Builds, and publishes the package the install test installs, without leaving a repository registered.
    $null = Publish-LocalPackage -RepositoryName "BkSopsTest$PID" -Unregister
    $results = [IO.Path]::Combine($Out, 'test-results')
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $suites = New-Object System.Collections.Generic.List[object]

    foreach ($project in Get-ChildItem ([IO.Path]::Combine($Root, 'tests')) -Recurse -Filter *.Tests.csproj) {
        $dir = [IO.Path]::Combine($results, $project.BaseName)
        & dotnet test $project.FullName -c $Configuration --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory $dir
        $counts = Read-TrxCounts $dir
        if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }  # build or run failure
        $suites.Add([pscustomobject]@{ Suite = "xunit $($project.BaseName)"; Passed = $counts.Passed; Failed = $counts.Failed; Skipped = $counts.Skipped })
    }

    $pester = Get-PesterModulePath
    $summary = [IO.Path]::Combine($results, 'pester-summary.json')
    $null = New-Item -ItemType Directory -Path $results -Force
    $runner = [IO.Path]::Combine($Root, 'tests', 'Pester', 'Invoke-PesterSuite.ps1')
    $env:BKSOPS_TEST_MODULE = [IO.Path]::Combine($Staged, 'BkSops.psd1')
    $env:BKSOPS_TEST_ROOT = $Root
    $null = Invoke-ChildPowerShell @('-File', $runner, '-PesterPath', $pester, '-TestPath', ([IO.Path]::Combine($Root, 'tests', 'Pester')), '-SummaryPath', $summary)
    if (Test-Path $summary) {
        $p = Get-Content $summary -Raw | ConvertFrom-Json
        $suites.Add([pscustomobject]@{ Suite = 'Pester'; Passed = [int] $p.Passed; Failed = [int] $p.Failed; Skipped = [int] $p.Skipped })
    }
    else {
        $suites.Add([pscustomobject]@{ Suite = 'Pester'; Passed = 0; Failed = 1; Skipped = 0 })
    }

    $suites | Format-Table -AutoSize | Out-String | Write-Host
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    if ($passed -eq 0 -and $failed -eq 0) { $failed = 1; Write-Host 'No test ran.' }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $demo = [IO.Path]::Combine($Root, 'src', 'BkSops.Demo', 'Demo.ps1')
    $code = Invoke-ChildPowerShell @('-File', $demo, '-ModulePath', ([IO.Path]::Combine($Staged, 'BkSops.psd1')))
    if ($code -ne 0) { throw "Demo failed ($code)" }
}

function Invoke-Bench {
    Invoke-Build
    $artifacts = [IO.Path]::Combine($Out, 'bench')
    $project = [IO.Path]::Combine($Root, 'tests', 'Benchmarks', 'Benchmarks.csproj')
    $module = [IO.Path]::Combine($Staged, 'BkSops.psd1')
    $pwshArgs = @()
    $pwshDll = [IO.Path]::Combine($PSHOME, 'pwsh.dll')
    if (Test-Path $pwshDll) { $pwshArgs = @('--pwsh', $pwshDll) }  # for the start-up timings
    $pwshArgs += @('--tree', [IO.Path]::Combine($Root, 'docs', 'examples', 'seed-tree.json'))
    # dotnet is called directly, with '--' and the filter quoted: through a function's @args PowerShell would drop
    # the '--' and, on Unix, expand a '*' filter to file names. The version matches the staged module's assemblies,
    # because the cmdlet benchmark imports the module into the benchmark's own process.
    & dotnet run -c Release "--property:Version=$(Get-ModuleVersion)" --project "$project" '--' `
        --filter "$BenchFilter" --artifacts "$artifacts" --module "$module" @pwshArgs
    if ($LASTEXITCODE -ne 0) { throw "The benchmarks failed with exit code $LASTEXITCODE" }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Recurse -Directory -Include bin, obj -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
    Write-Host 'Cleaned.'
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Docs' { Invoke-Docs }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
    'Package' { Invoke-Package }
}
