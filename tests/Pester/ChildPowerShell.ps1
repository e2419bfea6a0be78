# One way for the Pester files to run a command in a fresh PowerShell: dot-source this file in BeforeAll.

function Invoke-ChildPwsh([string] $Command, [hashtable] $Environment = @{}) {
    # Runs $Command in a new pwsh with the given environment variables set for it (and NO_COLOR, so the captured
    # text holds no ANSI colour codes); returns its exit code and its output and errors as lines of text.
    # Under the dotnet tool this process is dotnet itself: start pwsh.dll through it.
    $exe = (Get-Process -Id $PID).Path
    $prefix = @()
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet' -and (Test-Path $pwshDll)) { $prefix = @($pwshDll) }
    $variables = @{ NO_COLOR = '1' }
    foreach ($k in $Environment.Keys) { $variables[$k] = $Environment[$k] }
    $saved = @{}
    foreach ($k in $variables.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $variables[$k]) }
    try { $output = & $exe @prefix -NoProfile -NonInteractive -Command $Command 2>&1 }
    finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
}
