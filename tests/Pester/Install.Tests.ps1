# Installing the module as a user would (issue #15): from the local repository that build.ps1 -Task Package fills,
# with PSResourceGet, in a fresh PowerShell whose module path is an empty temporary folder.
BeforeAll {
    $script:Staged = Split-Path $env:BKSOPS_TEST_MODULE
    $script:Repository = Join-Path (Split-Path $Staged) 'repository'
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Version = (Import-PowerShellDataFile $env:BKSOPS_TEST_MODULE).ModuleVersion

    function Get-FileHashes([string] $Folder) {
        # Relative path (with /) -> SHA-256, for every file under the folder.
        $table = @{}
        foreach ($file in Get-ChildItem -LiteralPath $Folder -Recurse -File) {
            $relative = $file.FullName.Substring($Folder.TrimEnd('\', '/').Length + 1).Replace('\', '/')
            $table[$relative] = (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash
        }
        $table
    }

    . ([IO.Path]::Combine($PSScriptRoot, 'ChildPowerShell.ps1'))
}

Describe 'build.ps1 -Task Package' {
    It 'left one package of this version in out/repository' {
        $packages = @(Get-ChildItem -LiteralPath $Repository -Filter *.nupkg -ErrorAction SilentlyContinue)
        $packages.Name | Should -Be @("BkSops.$Version.nupkg") -Because 'build.ps1 -Task Package (which -Task Test runs) publishes the staged module there'
    }

    It 'gives the Gallery a description, tags, a license, release notes and exact exports' {
        $manifest = Import-PowerShellDataFile $env:BKSOPS_TEST_MODULE
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PrivateData.PSData.Tags | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Match '### Added' -Because 'the staged manifest carries the CHANGELOG section of its version'
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri' -Because 'the project has no public address yet'
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be listed, not left to a wildcard"
            @($manifest[$key]) | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty
        }
    }

    It 'installs with Install-PSResource into an empty module path, imports by name, checks trees and shows help' {
        if ($IsWindows) {
            Set-ItResult -Skipped -Because 'Install-PSResource -Scope CurrentUser writes to Documents\PowerShell\Modules on Windows, which no variable redirects to a temporary folder'
            return
        }
        $temp = Join-Path ([IO.Path]::GetTempPath()) ('bksops-install-' + [guid]::NewGuid().ToString('n'))
        # The child's HOME is $temp: PowerShell's user module folder (where -Scope CurrentUser installs) and
        # PSResourceGet's list of repositories then lie under it, away from the user's own.
        $data = Join-Path (Join-Path $temp '.local') 'share'
        $modules = Join-Path (Join-Path $data 'powershell') 'Modules'
        $null = New-Item -ItemType Directory -Path $modules -Force
        $repositoryName = 'BkSopsInstallTest' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $command = @'
$ErrorActionPreference = 'Stop'
$modules = '{0}'
# The module path: the empty temporary folder, and PowerShell's own modules (PSResourceGet lives there).
$env:PSModulePath = $modules + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
Register-PSResourceRepository -Name '{1}' -Uri '{2}' -Trusted
try {{
    Install-PSResource BkSops -Repository '{1}' -Scope CurrentUser -TrustRepository -Quiet
    $installed = Get-InstalledPSResource BkSops -Path $modules
    "installed=$($installed.Name) $($installed.Version) $($installed.InstalledLocation)"
    Import-Module BkSops
    $module = Get-Module BkSops
    "base=$($module.ModuleBase)"
    "verdicts=$(Test-BkSopsPipeline -LiteralPath '{3}'),$(Test-BkSopsPipeline -LiteralPath '{4}')"
    $help = Get-Help Test-BkSopsPipeline -Full
    "synopsis=$($help.Synopsis)"
    "examples=$(@($help.examples.example).Count)"
    "about=$(@(Get-Help about_BkSops_Rules).Count)"
}}
finally {{ Unregister-PSResourceRepository -Name '{1}' }}
'@ -f $modules.Replace("'", "''"), $repositoryName, $Repository.Replace("'", "''"),
            (Join-Path $Examples 'seed-tree.json').Replace("'", "''"), (Join-Path $Examples 'seed-tree-list-incoming.json').Replace("'", "''")
        try {
            $r = Invoke-ChildPwsh $command @{
                HOME = $temp; XDG_DATA_HOME = $data
                XDG_CONFIG_HOME = Join-Path $temp '.config'; XDG_CACHE_HOME = Join-Path $temp '.cache'
            }
            $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
            $r.Output | Should -Contain 'verdicts=False,True'
            $base = ($r.Output | Where-Object { $_ -like 'base=*' }) -replace '^base=', ''
            $base | Should -BeLike "$modules*" -Because 'Import-Module BkSops must find the installed copy, not the staged one'
            ($r.Output | Where-Object { $_ -like 'synopsis=*' }) | Should -Not -Be 'synopsis=' -Because ($r.Output -join "`n")
            ($r.Output | Where-Object { $_ -like 'synopsis=*' }) | Should -Not -Match 'Test-BkSopsPipeline \[' -Because 'help must come from the installed MAML, not be generated from the syntax'
            [int](($r.Output | Where-Object { $_ -like 'examples=*' }) -replace '^examples=', '') | Should -BeGreaterOrEqual 2
            ($r.Output | Where-Object { $_ -like 'about=*' }) | Should -Be 'about=1'

            # Exactly the staged files, apart from the installer's own record.
            $installed = Get-FileHashes $base
            $installed.Remove('PSGetModuleInfo.xml')
            $staged = Get-FileHashes $Staged
            (@($installed.Keys | Sort-Object) -join "`n") | Should -Be (@($staged.Keys | Sort-Object) -join "`n")
            foreach ($key in $staged.Keys) { $installed[$key] | Should -Be $staged[$key] -Because $key }
        }
        finally {
            Remove-Item -LiteralPath $temp -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
