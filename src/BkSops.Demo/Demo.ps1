<#
.SYNOPSIS
    The BkSops main job, run by `build.ps1 -Task Demo` against the staged module.
.DESCRIPTION
    Reads the bk-sops documentation's own example tree, shows what it holds, checks it offline (the server
    rejects it), repairs it, and checks the repaired tree again. Grows as features land (sandbox, submit, wait).
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

$seedPath = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'docs', 'examples', 'seed-tree.json')
if (-not (Test-Path -LiteralPath $seedPath)) { throw "The example tree is missing: $seedPath (docs/examples in the repository)" }

function Show-Step([string] $Title) { Write-Host ''; Write-Host "== $Title" }

Show-Step 'Read the documentation example tree'
$tree = Import-BkSopsPipeline -LiteralPath $seedPath
$tree | Format-Table | Out-String | Write-Host
$tree.Activities | Format-Table Key, Name, Code, StageName, IncomingIsList -AutoSize | Out-String | Write-Host
$tree.Gateways | Format-Table Key, Type, Incoming, Outgoing -AutoSize | Out-String | Write-Host

Show-Step 'Check it offline: would bk-sops accept it?'
$result = $tree | Test-BkSopsPipeline -Detailed
$result | Out-String | Write-Host

Show-Step 'Repair it (one line per change with -Verbose)'
$repair = $tree | Repair-BkSopsPipeline -Detailed
$repair | Format-List | Out-String | Write-Host

Show-Step 'Check the repaired tree'
$after = $repair.Tree | Test-BkSopsPipeline -Detailed
$after | Out-String | Write-Host
if (-not $after.IsValid) { throw 'The repaired documentation example should be accepted.' }

Show-Step 'Diagnostics for CI (SARIF 2.1.0), first lines'
(($result | Export-BkSopsDiagnostic -Format Sarif) -split "`n" | Select-Object -First 12) -join "`n" | Write-Host
Write-Host ''
Write-Host 'Demo finished.'
