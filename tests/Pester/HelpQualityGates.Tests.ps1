# Module-level gates that go with the help: approved verbs, an export list that matches the assembly, and a
# clean, quick import in a fresh PowerShell.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Module = Get-Module BkSops

    . ([IO.Path]::Combine($PSScriptRoot, 'ChildPowerShell.ps1'))
}

Describe 'BkSops module' {
    It 'uses an approved verb for every exported command' {
        $approved = @(Get-Verb | ForEach-Object Verb)
        $unapproved = @($Module.ExportedCommands.Values | Where-Object { $approved -notcontains $_.Verb } | ForEach-Object Name)
        $unapproved -join ', ' | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets that BkSops.dll defines, as the manifest lists them' {
        $assembly = $Module.ImplementingAssembly
        $assembly | Should -Not -BeNullOrEmpty
        $defined = @($assembly.GetExportedTypes() |
                Where-Object { -not $_.IsAbstract -and $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object {
                    $attribute = [System.Management.Automation.CmdletAttribute] $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                    $attribute.VerbName + '-' + $attribute.NounName
                } | Sort-Object)
        $listed = @((Import-PowerShellDataFile $env:BKSOPS_TEST_MODULE).CmdletsToExport | Sort-Object)
        ($listed -join ', ') | Should -Be ($defined -join ', ') -Because 'CmdletsToExport in BkSops.psd1 must name every cmdlet class, and nothing else'
        (@($Module.ExportedCmdlets.Keys | Sort-Object) -join ', ') | Should -Be ($defined -join ', ')
    }

    It 'imports in a fresh PowerShell without any warning or error' {
        $output = (Invoke-ChildPwsh "`$WarningPreference = 'Continue'; Import-Module '$env:BKSOPS_TEST_MODULE' -WarningVariable w -ErrorVariable e; 'warnings=' + `$w.Count + ' errors=' + `$e.Count").Output
        ($output -join "`n").Trim() | Should -Be 'warnings=0 errors=0'
    }

    It 'imports in a fresh PowerShell in under 2 seconds' {
        $output = (Invoke-ChildPwsh "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$env:BKSOPS_TEST_MODULE'; `$sw.ElapsedMilliseconds").Output
        $milliseconds = [int] ($output | Select-Object -Last 1)
        $milliseconds | Should -BeLessThan 2000
    }
}
