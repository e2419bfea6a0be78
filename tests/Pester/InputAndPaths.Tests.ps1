# What a new user types that no example shows (issue #12, items 1-5): paths that match nothing, paths piped as
# strings or objects, -Json from Get-Content without -Raw, -Severity without -Detailed, booleans piped to the
# export, and export paths that cannot be written.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Seed = Join-Path $Examples 'seed-tree.json'
    $script:SeedList = Join-Path $Examples 'seed-tree-list-incoming.json'
    $script:ReadCmdlets = 'Import-BkSopsPipeline', 'Test-BkSopsPipeline', 'Repair-BkSopsPipeline'

    function Invoke-Export([string] $Cmdlet, [string] $Path) {
        # Both Export cmdlets, fed what they take, writing to $Path; returns the error records.
        $errs = $null
        if ($Cmdlet -eq 'Export-BkSopsDiagnostic') {
            Test-BkSopsPipeline $Seed -Detailed | Export-BkSopsDiagnostic -Path $Path -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        else {
            Import-BkSopsPipeline $Seed | Export-BkSopsPipeline -Path $Path -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        @($errs)
    }
}

Describe 'A path that names no file (item 1)' {
    It '<_> writes BkSops.Input.FileNotFound for a pattern that matches nothing, and $? is false' -ForEach @('Import-BkSopsPipeline', 'Test-BkSopsPipeline', 'Repair-BkSopsPipeline') {
        $out = @(& $_ -Path (Join-Path $TestDrive 'zz*.json') -ErrorVariable errs -ErrorAction SilentlyContinue)
        $ok = $?
        $out.Count | Should -Be 0
        $ok | Should -BeFalse
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.FileNotFound,BkSops.Commands.$($_ -replace '-')Command"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -BeLike '*zz`*.json*'
        $errs[0].TargetObject | Should -BeLike '*zz`*.json'
    }

    It 'suggests -LiteralPath for a name with [ or ] that exists literally, and -LiteralPath reads it' {
        $file = Join-Path $TestDrive 'a[1].json'
        [IO.File]::Copy($SeedList, $file, $true)
        $out = @(Test-BkSopsPipeline -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.FileNotFound,BkSops.Commands.TestBkSopsPipelineCommand'
        $errs[0].Exception.Message | Should -Match '-LiteralPath'
        Test-BkSopsPipeline -LiteralPath $file | Should -BeTrue
    }

    It 'goes on with the other paths after one that matches nothing' {
        $out = @(Test-BkSopsPipeline -Path (Join-Path $TestDrive 'missing-*.json'), $SeedList -ErrorAction SilentlyContinue)
        $out | Should -Be @($true)
    }

    It 'gives BkSops.Input.IsDirectory for a folder, by -Path and by -LiteralPath alike' {
        foreach ($parameters in @(@{ Path = $TestDrive }, @{ LiteralPath = $TestDrive })) {
            $out = @(Test-BkSopsPipeline @parameters -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.IsDirectory,BkSops.Commands.TestBkSopsPipelineCommand'
            $errs[0].Exception.Message | Should -Match 'folder'
        }
    }
}

Describe 'Paths piped in (item 2)' {
    BeforeAll { Push-Location $Examples }
    AfterAll { Pop-Location }

    It 'reads a piped path string as a file' {
        './seed-tree-list-incoming.json' | Test-BkSopsPipeline | Should -BeTrue
        ('./seed-tree.json' | Import-BkSopsPipeline).Source | Should -Be $Seed
    }

    It 'reads Resolve-Path output (PathInfo) as a file' {
        Resolve-Path ./seed-tree-list-incoming.json | Test-BkSopsPipeline | Should -BeTrue
        Resolve-Path ./seed-tree.json | Test-BkSopsPipeline | Should -BeFalse
    }

    It 'reads Get-Item output and objects with a FullName, Path or PSPath that names a file' {
        Get-Item ./seed-tree-list-incoming.json | Test-BkSopsPipeline | Should -BeTrue
        [pscustomobject]@{ FullName = $SeedList } | Test-BkSopsPipeline | Should -BeTrue
        [pscustomobject]@{ Path = $SeedList } | Test-BkSopsPipeline | Should -BeTrue
        ([pscustomobject]@{ PSPath = $Seed } | Repair-BkSopsPipeline | Test-BkSopsPipeline) | Should -BeTrue
    }

    It 'still reads a piped string that starts with { as JSON' {
        "  `n" + (Get-Content $SeedList -Raw) | Test-BkSopsPipeline | Should -BeTrue
    }

    It 'names both readings for a string that is neither' {
        $out = @('./no-such-tree.json' | Test-BkSopsPipeline -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.NotJsonOrFile,BkSops.Commands.TestBkSopsPipelineCommand'
        $errs[0].Exception.Message | Should -Match 'neither the JSON text'
        $errs[0].Exception.Message | Should -Match 'path of an existing file'
        $errs[0].Exception.Message | Should -Not -Match 'Get-Content -Raw'
    }

    It 'suggests Get-Content -Raw for lines of a JSON document' {
        $out = @(Get-Content $SeedList | Select-Object -Skip 1 -First 2 | Test-BkSopsPipeline -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 2
        $errs[0].Exception.Message | Should -Match 'Get-Content -Raw'
    }

    It 'lets Export-BkSopsPipeline take a piped path too' {
        $json = './seed-tree-list-incoming.json' | Export-BkSopsPipeline -Compress
        $json | Should -BeLike '{"*'
        (Import-BkSopsPipeline -Json $json).FlowCount | Should -Be 11
    }
}

Describe '-Json with the lines of Get-Content (item 3)' {
    It '<_> joins an array of lines into one text' -ForEach @('Import-BkSopsPipeline', 'Test-BkSopsPipeline', 'Repair-BkSopsPipeline') {
        $out = @(& $_ -Json (Get-Content $SeedList) -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
    }

    It 'keeps line numbers of the joined lines' {
        $r = Test-BkSopsPipeline -Json (Get-Content $Seed) -Detailed
        $r.IsValid | Should -BeFalse
        $r.Diagnostics[0].Line | Should -Be (Test-BkSopsPipeline -Json (Get-Content $Seed -Raw) -Detailed).Diagnostics[0].Line
    }
}

Describe '-Severity without -Detailed, and booleans piped to the export (item 4)' {
    It 'refuses -Severity without -Detailed instead of ignoring it' {
        { Test-BkSopsPipeline $Seed -Severity Error -ErrorAction Stop } | Should -Throw -ErrorId 'MissingMandatoryParameter,BkSops.Commands.TestBkSopsPipelineCommand' -ExpectedMessage '*Detailed*'
    }

    It 'keeps the plain call a boolean test' {
        Test-BkSopsPipeline $SeedList | Should -BeOfType ([bool])
        (Test-BkSopsPipeline $Seed -Detailed -Severity Error).Diagnostics.Severity | Sort-Object -Unique | Should -Be 'Error'
    }

    It 'writes no file for piped booleans, and says to use -Detailed' {
        $file = Join-Path $TestDrive 'bools.sarif'
        Test-BkSopsPipeline $Seed | Export-BkSopsDiagnostic -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $file | Should -Not -Exist
        ($errs | ForEach-Object { $_.Exception.Message }) -join "`n" | Should -Match 'Test-BkSopsPipeline -Detailed'
        @($errs | Where-Object FullyQualifiedErrorId -eq 'BkSops.Input.NoResults,BkSops.Commands.ExportBkSopsDiagnosticCommand').Count | Should -Be 1
    }

    It 'writes nothing to the pipeline either when nothing came in' {
        $out = @(@() | Export-BkSopsDiagnostic -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.NoResults,BkSops.Commands.ExportBkSopsDiagnosticCommand'
    }

    It 'still writes the results that did bind' {
        $file = Join-Path $TestDrive 'mixed.sarif'
        @((Test-BkSopsPipeline $Seed -Detailed), $true) | Export-BkSopsDiagnostic -Path $file -ErrorAction SilentlyContinue
        (Get-Content $file -Raw | ConvertFrom-Json).runs[0].results.Count | Should -BeGreaterThan 0
    }
}

Describe 'Export paths that cannot be written (item 5)' {
    It '<_> says that a folder is a folder (BkSops.Input.IsDirectory), without throwing' -ForEach @('Export-BkSopsPipeline', 'Export-BkSopsDiagnostic') {
        $errs = Invoke-Export $_ $TestDrive
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.IsDirectory,BkSops.Commands.$($_ -replace '-')Command"
        $errs[0].Exception.Message | Should -Match 'is a folder'
    }

    It '<_> names a missing parent folder (BkSops.Input.ParentNotFound)' -ForEach @('Export-BkSopsPipeline', 'Export-BkSopsDiagnostic') {
        $errs = Invoke-Export $_ (Join-Path $TestDrive 'no-such-folder/out.json')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.ParentNotFound,BkSops.Commands.$($_ -replace '-')Command"
        $errs[0].Exception.Message | Should -Match 'no-such-folder'
    }

    It '<_> says permission denied for a file it may not write (BkSops.Input.AccessDenied)' -ForEach @('Export-BkSopsPipeline', 'Export-BkSopsDiagnostic') {
        $file = Join-Path $TestDrive "locked-$_.json"
        Set-Content $file 'old'
        $isRoot = $IsLinux -and (& id -u) -eq '0'
        if ($isRoot) {
            # root writes through file modes; an immutable file is refused to root too.
            & chattr +i $file 2>$null
            if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'running as root without chattr +i, no file is unwritable'; return }
        }
        else {
            # A read-only file is BkSops.Input.ReadOnly (ExportOverwrite.Tests.ps1); other unwritable files need root.
            Set-ItResult -Skipped -Because 'only root can make a file unwritable that is not read-only (chattr +i)'; return
        }
        try {
            $errs = Invoke-Export $_ $file
        }
        finally {
            & chattr -i $file
        }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly "BkSops.Input.AccessDenied,BkSops.Commands.$($_ -replace '-')Command"
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        Get-Content $file | Should -Be 'old'
    }
}
