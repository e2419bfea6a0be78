# One way for the Pester files to run a command in a fresh PowerShell: dot-source this file in BeforeAll.
# How to start that PowerShell is build/ChildPowerShell.ps1's (build.ps1 uses it too).
. ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'build', 'ChildPowerShell.ps1'))

function Invoke-ChildPwsh([string] $Command, [hashtable] $Environment = @{}) {
    # Runs $Command in a new pwsh with the given environment variables set for it (and NO_COLOR, so the captured
    # text holds no ANSI colour codes); returns its exit code and its output and errors as lines of text.
    $child = @(Get-ChildPowerShell)
    $exe = $child[0]
    $prefix = @($child | Select-Object -Skip 1)
    $variables = @{ NO_COLOR = '1' }
    foreach ($k in $Environment.Keys) { $variables[$k] = $Environment[$k] }
    $saved = @{}
    foreach ($k in $variables.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $variables[$k]) }
    try { $output = & $exe @prefix -NoProfile -NonInteractive -Command $Command 2>&1 }
    finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
}
