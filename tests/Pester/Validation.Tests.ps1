BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Verdicts = Join-Path $env:BKSOPS_TEST_ROOT 'tests/data/server-verdicts'
    $script:Seed = Join-Path $Examples 'seed-tree.json'
    $script:SeedList = Join-Path $Examples 'seed-tree-list-incoming.json'
}

Describe 'Test-BkSopsPipeline' {
    It 'returns one boolean per input, false for the documentation example' {
        $answers = @(Test-BkSopsPipeline -Path $Seed, $SeedList)
        $answers | Should -Be @($false, $true)
    }

    It 'binds tree objects, JSON text and ConvertFrom-Json objects from the pipeline' {
        (Import-BkSopsPipeline $SeedList | Test-BkSopsPipeline) | Should -BeTrue
        (Get-Content $SeedList -Raw | Test-BkSopsPipeline) | Should -BeTrue
        (Get-Content $Seed -Raw | ConvertFrom-Json | Test-BkSopsPipeline) | Should -BeFalse
        (Get-ChildItem $Verdicts -Filter 'minimal_linear.json' | Test-BkSopsPipeline) | Should -BeTrue
    }

    It 'gives the server''s exact answer with -Detailed' {
        $r = Test-BkSopsPipeline -Path $Seed -Detailed
        $r | Should -BeOfType ([BkSops.Validation.ValidationResult])
        $r.IsValid | Should -BeFalse
        $r.Source | Should -Be $Seed
        $first = $r.Diagnostics[0]
        $first.Severity | Should -Be 'Error'
        $first.ServerMessage | Should -BeExactly "[API] fast_create_task get invalid pipeline_tree: 'l'"
        $first.ServerCode | Should -Be 3540000
        $first.NodeId | Should -Not -BeNullOrEmpty
        $first.Path | Should -BeLike '$.*'
        $first.Line | Should -BeGreaterThan 0
        $first.Message | Should -Not -Match '[\u4e00-\u9fff]'
        $first.Hint | Should -Not -BeNullOrEmpty
    }

    It 'matches the server on every example of tests/data/server-verdicts' {
        $expected = Get-Content (Join-Path $Verdicts 'verdicts.json') -Raw | ConvertFrom-Json
        foreach ($entry in $expected.PSObject.Properties) {
            $valid = Test-BkSopsPipeline -LiteralPath (Join-Path $Verdicts $entry.Name)
            $valid | Should -Be $entry.Value.accepted -Because $entry.Name
        }
    }

    It 'filters diagnostics with -Severity but keeps the verdict' {
        $r = Test-BkSopsPipeline -Path $Seed -Detailed -Severity Warning, Information
        $r.IsValid | Should -BeFalse
        @($r.Diagnostics | Where-Object Severity -EQ 'Error').Count | Should -Be 0
    }

    It 'shows the verdict and the diagnostics grouped by node' {
        $text = Test-BkSopsPipeline -Path $Seed -Detailed | Out-String
        $text | Should -Match 'Invalid'
        $text | Should -Match 'Server would answer'
        $text | Should -Match '(?m)^node0863aab8325b84cfa3e5db52dc61$'
        $text | Should -Match 'Fix: '
    }

    It 'gives large trees (read on two threads) the same answer, in the session''s culture' {
        # A chain of 700 activities: over 1,000 nodes and flows, so parts are read on a thread-pool thread too.
        $n = 700
        $activities = [ordered]@{}
        $flows = [ordered]@{}
        for ($i = 1; $i -le $n + 1; $i++) {
            $source = if ($i -eq 1) { 'nodestart' } else { 'node' + ($i - 1) }
            $target = if ($i -eq $n + 1) { 'nodeend' } else { 'node' + $i }
            $flows["line$i"] = [ordered]@{ id = "line$i"; is_default = $false; source = $source; target = $target }
        }
        for ($i = 1; $i -le $n; $i++) {
            $activities["node$i"] = [ordered]@{
                id = "node$i"; name = "step $i"; type = 'ServiceActivity'; incoming = @("line$i"); outgoing = 'line' + ($i + 1)
                component = [ordered]@{ code = 'sleep_timer'; data = [ordered]@{ bk_timing = [ordered]@{ hook = $false; value = '1' } } }
            }
        }
        $tree = [ordered]@{
            start_event = [ordered]@{ id = 'nodestart'; name = ''; type = 'EmptyStartEvent'; incoming = ''; outgoing = 'line1' }
            end_event = [ordered]@{ id = 'nodeend'; name = ''; type = 'EmptyEndEvent'; incoming = @('line' + ($n + 1)); outgoing = '' }
            activities = $activities
            flows = $flows
        }
        $activities['node350'].name = '<b>step 350</b>'
        $json = $tree | ConvertTo-Json -Depth 10
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            Test-BkSopsPipeline -Json $json | Should -BeTrue
            $r = Test-BkSopsPipeline -Json $json -Detailed
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }
        $r.IsValid | Should -BeTrue
        $stripped = @($r.Diagnostics | Where-Object RuleName -EQ 'NameWillBeStripped')
        $stripped.Count | Should -Be 1
        $stripped[0].NodeId | Should -Be 'node350'
        $stripped[0].Line | Should -BeGreaterThan 0
        ($tree | ConvertTo-Json -Depth 10) | Should -BeExactly $json
    }

    It 'never throws for an invalid tree, and reports an unreadable file as an error' {
        { '{"start_event": 5}' | Test-BkSopsPipeline -ErrorAction Stop } | Should -Not -Throw
        Test-BkSopsPipeline -LiteralPath (Join-Path $TestDrive 'missing.json') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.FileNotFound,BkSops.Commands.TestBkSopsPipelineCommand'
    }
}

Describe 'Repair-BkSopsPipeline' {
    It 'makes the documentation example acceptable and says what it changed' {
        $verbose = Repair-BkSopsPipeline -Path $Seed -Verbose 4>&1
        $tree = @($verbose | Where-Object { $_ -is [BkSops.Model.PipelineTree] })
        $lines = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $tree.Count | Should -Be 1
        ($tree[0] | Test-BkSopsPipeline) | Should -BeTrue
        $lines.Count | Should -BeGreaterThan 0
        ($lines.Message -join "`n") | Should -Match 'incoming'
    }

    It 'returns the changes with -Detailed and never changes the input' {
        $original = Import-BkSopsPipeline $Seed
        $before = $original | Export-BkSopsPipeline -Compress
        $r = $original | Repair-BkSopsPipeline -Detailed
        $r.IsRepaired | Should -BeTrue
        $r.Changes.Count | Should -BeGreaterThan 0
        ($r.Changes | Where-Object Path -Like '*incoming').Count | Should -BeGreaterThan 0
        ($original | Export-BkSopsPipeline -Compress) | Should -BeExactly $before
    }

    It 'makes labels the server cannot take at task creation safe, and says what it removed' {
        $onGateway = Join-Path $Verdicts 'labels_on_gateway.json'
        $check = Test-BkSopsPipeline -LiteralPath $onGateway -Detailed
        $check.IsValid | Should -BeFalse
        $check.Diagnostics[0].RuleName | Should -Be 'LabelsNotOnActivity'
        $check.Diagnostics[0].ServerStatus | Should -Be 500
        $r = Repair-BkSopsPipeline -LiteralPath $onGateway -Detailed
        $r.IsRepaired | Should -BeTrue
        $change = $r.Changes | Where-Object Path -EQ '$.gateways[''node0863aab8325b84cfa3e5db52dc61''].labels'
        $change.After | Should -BeNullOrEmpty
        $change.Description | Should -Match 'activities only'
    }

    It 'refuses what it cannot repair, with the validator''s finding' {
        $dangling = Join-Path $Verdicts 'dangling_flow_target.json'
        $out = Repair-BkSopsPipeline -LiteralPath $dangling -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Validation.DanglingReference,BkSops.Commands.RepairBkSopsPipelineCommand'
        $errs[0].Exception.Message | Should -Match 'Cannot repair'
    }
}

Describe 'Export-BkSopsDiagnostic' {
    It 'writes SARIF 2.1.0 with rule, level, path and line' {
        $sarif = Test-BkSopsPipeline -Path $Seed -Detailed | Export-BkSopsDiagnostic -Format Sarif | ConvertFrom-Json
        $sarif.version | Should -Be '2.1.0'
        $result = $sarif.runs[0].results[0]
        $result.level | Should -Be 'error'
        $result.ruleId | Should -Not -BeNullOrEmpty
        $result.locations[0].physicalLocation.region.startLine | Should -BeGreaterThan 0
        $result.locations[0].logicalLocations[0].fullyQualifiedName | Should -BeLike '$.*'
        $sarif.runs[0].tool.driver.rules.id | Should -Contain $result.ruleId
    }

    It 'writes JSON for several trees to a file' {
        $file = Join-Path $TestDrive 'diag.json'
        Test-BkSopsPipeline -Path $Seed, $SeedList -Detailed | Export-BkSopsDiagnostic -Format Json -Path $file
        $json = Get-Content $file -Raw | ConvertFrom-Json
        $json.Count | Should -Be 2
        $json[0].isValid | Should -BeFalse
        $json[0].diagnostics[0].serverCode | Should -Be 3540000
        $json[1].isValid | Should -BeTrue
    }
}
