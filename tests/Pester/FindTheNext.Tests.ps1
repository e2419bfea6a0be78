# Fix one, find the next (issue #12, item 6), as a user sees it: one run of Test-BkSopsPipeline lists every node
# the server would stop at in turn, and what later checks find once Repair has fixed the failing one.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Seed = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/seed-tree.json'
    $script:Mismatch = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/rejected/exclusive_converge_mismatch.json'
}

Describe 'Test-BkSopsPipeline -Detailed on the example tree' {
    It 'names all six nodes with a string incoming, the server''s first one first' {
        $r = Test-BkSopsPipeline $Seed -Detailed
        $incoming = @($r.Diagnostics | Where-Object RuleName -eq 'IncomingNotList')
        @($incoming.NodeId | Sort-Object -Unique).Count | Should -Be 6
        $r.Diagnostics[0].ServerMessage | Should -BeExactly "[API] fast_create_task get invalid pipeline_tree: 'l'"
        @($incoming | Where-Object Severity -eq 'Error').Count | Should -Be 3
    }

    It 'agrees with Repair on which changes only normalise' {
        $r = Test-BkSopsPipeline $Seed -Detailed
        $errors = @($r.Diagnostics | Where-Object { $_.RuleName -eq 'IncomingNotList' -and $_.Severity -eq 'Error' } | ForEach-Object Path)
        foreach ($change in (Repair-BkSopsPipeline $Seed -Detailed).Changes | Where-Object Path -like '*.incoming') {
            if ($errors -contains $change.Path) { $change.Description | Should -Match 'iterates' }
            else { $change.Description | Should -Match 'normalising only' }
        }
    }
}

Describe 'Findings after repair' {
    BeforeAll {
        $json = Get-Content $Mismatch -Raw | ConvertFrom-Json
        $json.gateways.node0863aab8325b84cfa3e5db52dc61.incoming = @($json.gateways.node0863aab8325b84cfa3e5db52dc61.incoming)[0]
        $script:Result = $json | Test-BkSopsPipeline -Detailed
    }

    It 'reports the converge mismatch hidden behind the string incoming, marked FoundAfterRepair' {
        $Result.ServerVerdict.RuleName | Should -Be 'IncomingNotList'
        $after = @($Result.Diagnostics | Where-Object FoundAfterRepair)
        $after.RuleName | Should -Be 'ConvergeMismatch'
        ($Result | Out-String -Width 200) | Should -Match 'Error ConvergeMismatch( \(line \d+\))? \[found after repair\]: '
    }

    It 'carries FoundAfterRepair into the SARIF and JSON exports' {
        $sarif = $Result | Export-BkSopsDiagnostic -Format Sarif | ConvertFrom-Json
        @($sarif.runs[0].results | Where-Object { $_.properties.foundAfterRepair }).Count | Should -Be 1
        $plain = $Result | Export-BkSopsDiagnostic -Format Json | ConvertFrom-Json
        @($plain[0].diagnostics | Where-Object foundAfterRepair).ruleName | Should -Be 'ConvergeMismatch'
    }
}
