BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Verdicts = Join-Path $env:BKSOPS_TEST_ROOT 'tests/data/server-verdicts'
    $script:Seed = Join-Path $Examples 'seed-tree-list-incoming.json'
    function Squeeze([string] $json) {
        # Whitespace outside strings does not count in a round trip.
        $sb = [Text.StringBuilder]::new(); $in = $false
        for ($i = 0; $i -lt $json.Length; $i++) {
            $c = $json[$i]
            if ($in) { [void]$sb.Append($c); if ($c -eq '\') { [void]$sb.Append($json[++$i]); continue }; if ($c -eq '"') { $in = $false }; continue }
            if ($c -eq '"') { $in = $true }
            if (-not [char]::IsWhiteSpace($c)) { [void]$sb.Append($c) }
        }
        $sb.ToString()
    }
}

Describe 'Import-BkSopsPipeline' {
    It 'reads a file and shows a summary' {
        $tree = Import-BkSopsPipeline -Path $Seed
        $tree | Should -BeOfType ([BkSops.Model.PipelineTree])
        $tree.ActivityCount | Should -Be 4
        $tree.GatewayCount | Should -Be 4
        $tree.Source | Should -Be $Seed
        ($tree | Out-String) | Should -Match 'Activities\s+Gateways\s+Flows\s+Constants'
    }

    It 'expands wildcards and reads every matching file' {
        $trees = @(Import-BkSopsPipeline -Path (Join-Path $Examples 'seed-tree*.json'))
        $trees.Count | Should -Be 2
    }

    It 'binds files piped from Get-ChildItem by LiteralPath' {
        $trees = @(Get-ChildItem $Verdicts -Filter 'minimal_linear.json' | Import-BkSopsPipeline)
        $trees.Count | Should -Be 1
        $trees[0].ActivityCount | Should -Be 1
    }

    It 'takes JSON text, ConvertFrom-Json objects, hashtables and request bodies' {
        $json = Get-Content $Seed -Raw
        (Import-BkSopsPipeline -Json $json).ActivityCount | Should -Be 4
        ($json | Import-BkSopsPipeline).ActivityCount | Should -Be 4
        ($json | ConvertFrom-Json | Import-BkSopsPipeline).ActivityCount | Should -Be 4
        (@{ start_event = @{ id = 's' }; activities = @{ a = @{}; b = @{} } } | Import-BkSopsPipeline).ActivityCount | Should -Be 2
        $body = [ordered]@{ name = 'x'; pipeline_tree = ($json | ConvertFrom-Json) }
        ($body | Import-BkSopsPipeline).FlowCount | Should -Be 11
    }

    It 'writes a non-terminating error naming line and column for malformed JSON, and goes on' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content $bad "{`n  `"a`": [1, 2,]`n}"
        $trees = @(Import-BkSopsPipeline -Path $bad, $Seed -ErrorVariable errs -ErrorAction SilentlyContinue)
        $trees.Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.MalformedJson,BkSops.Commands.ImportBkSopsPipelineCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.Message | Should -Match 'line 2, column 14'
        $errs[0].TargetObject | Should -Be $bad
    }

    It 'reports a missing file as ObjectNotFound' {
        Import-BkSopsPipeline -LiteralPath (Join-Path $TestDrive 'nope.json') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.FileNotFound,BkSops.Commands.ImportBkSopsPipelineCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a tree that is an array with a clear message' {
        Import-BkSopsPipeline -Json '[1,2]' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.NotAnObject,BkSops.Commands.ImportBkSopsPipelineCommand'
        $errs[0].Exception.Message | Should -Match 'must be a JSON object'
    }

    It 'warns about a repeated key and keeps the last value' {
        $tree = Import-BkSopsPipeline -Json '{"start_event": {"id": "a", "id": "b"}}' -WarningVariable w -WarningAction SilentlyContinue
        $tree.StartEvent.Id | Should -Be 'b'
        $w.Count | Should -Be 1
        "$($w[0])" | Should -Match "'id' appears more than once"
    }
}

Describe 'Export-BkSopsPipeline' {
    It 'round-trips the documentation example unchanged apart from whitespace' {
        $text = Get-Content (Join-Path $Examples 'seed-tree.json') -Raw
        $out = Import-BkSopsPipeline -Json $text | Export-BkSopsPipeline
        Squeeze $out | Should -BeExactly (Squeeze $text)
    }

    It 'keeps layout data, unknown fields and number text' {
        $text = '{"start_event":{"id":"s","incoming":"","outgoing":"l1"},"location":[{"id":"s","x":80.0,"y":1e2}],"line":[{"id":"l1"}],"custom":{"keep":true}}'
        Import-BkSopsPipeline -Json $text | Export-BkSopsPipeline -Compress | Should -BeExactly $text
    }

    It 'takes the file as its first positional argument, as Export-Csv does, when the tree comes from the pipeline' {
        $file = Join-Path $TestDrive 'positional.json'
        Import-BkSopsPipeline -Path $Seed | Export-BkSopsPipeline $file
        (Import-BkSopsPipeline -LiteralPath $file).ActivityCount | Should -Be (Import-BkSopsPipeline -Path $Seed).ActivityCount
        $report = Join-Path $TestDrive 'positional.sarif'
        Test-BkSopsPipeline -Path $Seed -Detailed | Export-BkSopsDiagnostic $report
        (Get-Content $report -Raw | ConvertFrom-Json).version | Should -Be '2.1.0'
    }

    It 'writes a file without BOM and supports -WhatIf' {
        $file = Join-Path $TestDrive 'out.json'
        Import-BkSopsPipeline -Path $Seed | Export-BkSopsPipeline -Path $file -WhatIf
        Test-Path $file | Should -BeFalse
        Import-BkSopsPipeline -Path $Seed | Export-BkSopsPipeline -Path $file
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[0] | Should -Be ([byte][char]'{')
        (Import-BkSopsPipeline -Path $file).FlowCount | Should -Be 11
    }

    It 'accepts a hashtable and keeps float numbers floats' {
        $json = [ordered]@{ a = 1; b = 1.0; c = 'x' } | Export-BkSopsPipeline -Compress
        $json | Should -BeExactly '{"a":1,"b":1.0,"c":"x"}'
    }

    It 'explains bad input instead of throwing a trace' {
        { '[1]' | Export-BkSopsPipeline -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,BkSops.Commands.ExportBkSopsPipelineCommand' -ExpectedMessage '*neither the JSON text of a pipeline tree*'
        { Export-BkSopsPipeline -InputObject 5 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,BkSops.Commands.ExportBkSopsPipelineCommand' -ExpectedMessage '*must be a JSON object*'
    }
}
