# Export-BkSopsPipeline and Export-BkSopsDiagnostic treat an existing file as Out-File and Export-Csv do
# (issue #14, item 8): -NoClobber refuses it, a read-only file is overwritten only with -Force and stays read-only.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Seed = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/seed-tree.json'
    $script:CommandClass = @{
        'Export-BkSopsPipeline'   = 'BkSops.Commands.ExportBkSopsPipelineCommand'
        'Export-BkSopsDiagnostic' = 'BkSops.Commands.ExportBkSopsDiagnosticCommand'
    }

    function Invoke-Export([string] $Cmdlet, [hashtable] $Parameters) {
        # The cmdlet, fed what it takes, with $Parameters (Path, Force, ...); returns its error records.
        $errs = $null
        if ($Cmdlet -eq 'Export-BkSopsDiagnostic') {
            Test-BkSopsPipeline $Seed -Detailed | Export-BkSopsDiagnostic @Parameters -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        else {
            Import-BkSopsPipeline $Seed | Export-BkSopsPipeline @Parameters -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        @($errs)
    }

    function New-OldFile([string] $Name, [switch] $ReadOnly) {
        $file = Join-Path $TestDrive $Name
        Set-Content -LiteralPath $file -Value 'old'
        if ($ReadOnly) { (Get-Item -LiteralPath $file).IsReadOnly = $true }
        $file
    }
}

AfterAll {
    Get-ChildItem $TestDrive -File | ForEach-Object { $_.IsReadOnly = $false }
}

Describe '<_> with an existing file' -ForEach @('Export-BkSopsPipeline', 'Export-BkSopsDiagnostic') {
    BeforeAll { $script:Cmdlet = $_; $script:Class = $CommandClass[$_] }

    It 'overwrites a writable file by default' {
        $file = New-OldFile "plain-$Cmdlet.json"
        (Invoke-Export $Cmdlet @{ Path = $file }).Count | Should -Be 0
        Get-Content -LiteralPath $file -Raw | Should -Match '^\{'
    }

    It 'leaves it alone with -NoClobber: BkSops.Input.NoClobber, ResourceExists, naming the file' {
        $file = New-OldFile "noclobber-$Cmdlet.json"
        $errs = Invoke-Export $Cmdlet @{ Path = $file; NoClobber = $true }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.NoClobber,$Class"
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].TargetObject | Should -Be $file
        $errs[0].Exception.Message | Should -BeExactly "The file '$file' already exists. Leave out -NoClobber to overwrite it, or give another path."
        Get-Content -LiteralPath $file | Should -Be 'old'
    }

    It 'takes -NoOverwrite as Out-File does, and stops on it with -ErrorAction Stop' {
        $file = New-OldFile "nooverwrite-$Cmdlet.json"
        $in = if ($Cmdlet -eq 'Export-BkSopsDiagnostic') { Test-BkSopsPipeline $Seed -Detailed } else { Import-BkSopsPipeline $Seed }
        { $in | & $Cmdlet -Path $file -NoOverwrite -ErrorAction Stop } | Should -Throw -ErrorId "BkSops.Input.NoClobber,$Class"
        Get-Content -LiteralPath $file | Should -Be 'old'
    }

    It 'writes a new file with -NoClobber' {
        $file = Join-Path $TestDrive "new-$Cmdlet.json"
        (Invoke-Export $Cmdlet @{ Path = $file; NoClobber = $true }).Count | Should -Be 0
        Get-Content -LiteralPath $file -Raw | Should -Match '^\{'
    }

    It 'does not overwrite a read-only file without -Force: BkSops.Input.ReadOnly, PermissionDenied' {
        # Checked on the file's attribute, so it holds for root too (whom file modes do not stop).
        $file = New-OldFile "readonly-$Cmdlet.json" -ReadOnly
        $errs = Invoke-Export $Cmdlet @{ Path = $file }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.ReadOnly,$Class"
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errs[0].Exception.Message | Should -BeExactly "Cannot write '$file': the file is read-only. Use -Force to overwrite it (it stays read-only)."
        Get-Content -LiteralPath $file | Should -Be 'old'
        (Get-Item -LiteralPath $file).IsReadOnly | Should -BeTrue
    }

    It 'overwrites a read-only file with -Force, and the file stays read-only' {
        $file = New-OldFile "force-$Cmdlet.json" -ReadOnly
        (Invoke-Export $Cmdlet @{ Path = $file; Force = $true }).Count | Should -Be 0
        Get-Content -LiteralPath $file -Raw | Should -Match '^\{'
        (Get-Item -LiteralPath $file).IsReadOnly | Should -BeTrue
    }

    It 'lets -NoClobber win over -Force, as Out-File does' {
        $file = New-OldFile "both-$Cmdlet.json" -ReadOnly
        $errs = Invoke-Export $Cmdlet @{ Path = $file; Force = $true; NoClobber = $true }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.NoClobber,$Class"
        Get-Content -LiteralPath $file | Should -Be 'old'
    }

    It 'writes nothing with -Force -WhatIf, and says which file it would write' {
        $file = New-OldFile "whatif-$Cmdlet.json" -ReadOnly
        $errs = Invoke-Export $Cmdlet @{ Path = $file; Force = $true; WhatIf = $true }
        $errs.Count | Should -Be 0
        Get-Content -LiteralPath $file | Should -Be 'old'
        (Get-Item -LiteralPath $file).IsReadOnly | Should -BeTrue
    }

    It 'writes with -Force -Confirm:$false' {
        $file = New-OldFile "confirm-$Cmdlet.json" -ReadOnly
        (Invoke-Export $Cmdlet @{ Path = $file; Force = $true; Confirm = $false }).Count | Should -Be 0
        Get-Content -LiteralPath $file -Raw | Should -Match '^\{'
    }
}
