<#
.SYNOPSIS
    The BkSops main job, run by `build.ps1 -Task Demo` against the staged module.
.DESCRIPTION
    Starts a local bk-sops sandbox and connects to it. Builds a pipeline from plain objects (stages, a parallel group,
    a constant), checks it offline, draws it, submits it with fast_create_task, starts it and waits for it with a
    progress bar. Then reads the bk-sops documentation's own example tree, which the server rejects as written,
    explains why, repairs it, and runs it the same way. Stops the sandbox. Needs nothing but the module.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

$seedPath = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'docs', 'examples', 'seed-tree.json')
if (-not (Test-Path -LiteralPath $seedPath)) { throw "The example tree is missing: $seedPath (docs/examples in the repository)" }

function Show-Step([string] $Title) { Write-Host ''; Write-Host "== $Title" }

Show-Step 'Start a local bk-sops sandbox (timers run 5x faster)'
$sandbox = Start-BkSopsSandbox -TimeScale 0.2
try {
    $sandbox | Format-List Uri, EsbUri, Stage, Project | Out-String | Write-Host

    Show-Step 'Connect to it (API gateway channel; the app secret stays a SecureString)'
    $connection = Connect-BkSops -Sandbox $sandbox
    $connection | Format-Table | Out-String | Write-Host
    Get-BkSopsProject | Format-Table | Out-String | Write-Host

    Show-Step 'Build a pipeline from objects (one object per step; Web and Db share a parallel group)'
    $steps = @(
        [pscustomobject]@{ Name = 'Prepare'; Code = 'sleep_timer'; Stage = 'setup'; bk_timing = 1 }
        [pscustomobject]@{ Name = 'Web'; Code = 'sleep_timer'; Stage = 'deploy'; ParallelGroup = 'hosts'; bk_timing = '${wait}' }
        [pscustomobject]@{ Name = 'Db'; Code = 'sleep_timer'; Stage = 'deploy'; ParallelGroup = 'hosts'; bk_timing = 2 }
        [pscustomobject]@{ Name = 'Report'; Code = 'demo_report'; Stage = 'verify'; message = 'deployed' }
    )
    $steps | Format-Table Name, Code, Stage, ParallelGroup, bk_timing, message | Out-String | Write-Host
    $built = $steps | ConvertTo-BkSopsPipeline -Name 'BkSops demo deploy' -Constant @{ wait = 3 }
    $built | Format-Table | Out-String | Write-Host

    Show-Step 'Check it offline, and draw it'
    $check = $built | Test-BkSopsPipeline -Detailed
    $check | Out-String | Write-Host
    if (-not $check.IsValid) { throw 'The built tree should be accepted.' }
    $built | Show-BkSopsPipeline
    Write-Host ''
    $built | ConvertTo-BkSopsDiagram -Format Mermaid | Write-Host

    Show-Step 'Submit it, start it, and wait for it with progress'
    $deploy = New-BkSopsTask -ProjectId 2 -Name 'BkSops demo deploy' -Pipeline $built -Category OpsTools -Start -Wait
    $deploy | Format-Table | Out-String | Write-Host
    $deploy.Nodes | Format-Table | Out-String -Width 120 | Write-Host
    if ($deploy.State -ne 'FINISHED') { throw "The built task ended $($deploy.State)." }

    Show-Step 'Read the documentation example tree'
    $tree = Import-BkSopsPipeline -LiteralPath $seedPath
    $tree | Format-Table | Out-String | Write-Host
    $tree.Activities | Format-Table Key, Name, Code, StageName, IncomingIsList -AutoSize | Out-String | Write-Host

    Show-Step 'Check it offline: would bk-sops accept it?'
    $result = $tree | Test-BkSopsPipeline -Detailed
    $result | Out-String | Write-Host

    Show-Step 'Repair it (one line per change with -Verbose)'
    $repair = $tree | Repair-BkSopsPipeline -Detailed
    $repair | Format-List | Out-String | Write-Host
    $after = $repair.Tree | Test-BkSopsPipeline -Detailed
    if (-not $after.IsValid) { throw 'The repaired documentation example should be accepted.' }
    Write-Host "The repaired tree is accepted: $($after.IsValid)"

    Show-Step 'What would be sent (New-BkSopsTask -WhatIf prints the exact request, the secret redacted, and sends nothing)'
    New-BkSopsTask -ProjectId 2 -Name 'BkSops demo' -Pipeline $repair.Tree -WhatIf

    Show-Step 'Submit it (fast_create_task) and start it'
    $task = New-BkSopsTask -ProjectId 2 -Name 'BkSops demo' -Pipeline $repair.Tree -Category OpsTools | Start-BkSopsTask -PassThru
    $task | Format-Table | Out-String | Write-Host
    Write-Host "Server ids of the activities (IdMap, sent id -> server id):"
    $tree.Activities | ForEach-Object { '  {0} {1} -> {2}' -f $_.Name, $_.Key, $task.IdMap[$_.Key] } | Write-Host

    Show-Step 'Wait for it, with progress'
    $done = $task | Wait-BkSopsTask -Timeout 120
    $done | Format-Table | Out-String | Write-Host

    Show-Step 'The result, node by node'
    $done.Nodes | Format-Table | Out-String -Width 120 | Write-Host
    if ($done.State -ne 'FINISHED') { throw "The demo task ended $($done.State)." }
}
finally {
    Disconnect-BkSops
    Stop-BkSopsSandbox -Sandbox $sandbox
}
Write-Host ''
Write-Host 'Demo finished.'
