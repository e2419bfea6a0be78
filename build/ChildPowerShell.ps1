# How to start a fresh PowerShell like the current one, in one place: build.ps1 and the Pester files
# (tests/Pester/ChildPowerShell.ps1) dot-source this file.

function Get-ChildPowerShell {
    # Returns the program to run and the arguments that come before PowerShell's own (none, or pwsh.dll).
    # Under the dotnet tool the current process is dotnet itself: start pwsh.dll through it.
    $self = (Get-Process -Id $PID).Path
    $pwshDll = [IO.Path]::Combine($PSHOME, 'pwsh.dll')
    if ($PSVersionTable.PSEdition -eq 'Core' -and (Test-Path $pwshDll) -and
        [IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') {
        return @($self, $pwshDll)
    }
    return @($self)
}
