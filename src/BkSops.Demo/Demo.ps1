<#
.SYNOPSIS
    The BkSops main job, run by `build.ps1 -Task Demo` against the staged module.
.DESCRIPTION
    Starts a local bk-sops sandbox, connects to it, reads the bk-sops documentation's own example tree, checks it
    offline (the server rejects it as written), repairs it, submits it with fast_create_task, starts the task, waits
    for it with a progress bar, prints the result node by node, and stops the sandbox. Needs nothing but the module.
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
    $done.Nodes | Format-Table | Out-String | Write-Host
    if ($done.State -ne 'FINISHED') { throw "The demo task ended $($done.State)." }
}
finally {
    Disconnect-BkSops
    Stop-BkSopsSandbox -Sandbox $sandbox
}
Write-Host ''
Write-Host 'Demo finished.'
