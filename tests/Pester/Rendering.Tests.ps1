BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "bksops-render-$PID"
    $null = New-Item -ItemType Directory -Path $Work -Force
    $script:MermaidDir = Join-Path $env:BKSOPS_TEST_ROOT 'tests/Rendering'
    $script:HasMermaid = [bool](Get-Command node -ErrorAction SilentlyContinue) -and (Test-Path (Join-Path $MermaidDir 'node_modules/mermaid'))
    $script:HasDot = [bool](Get-Command dot -CommandType Application -ErrorAction SilentlyContinue)

    # Trees whose names, conditions and stages hold everything the diagram syntaxes give a meaning:
    # quotes, brackets, <>, &, #, |, backticks, backslashes, unicode and line breaks. The builder would standardise
    # such names, so they are put into the JSON afterwards, as a tree read from a file can have them.
    $hostile = @(
        'say "hi" [now] {x} (y)', '<b>bold</b> & co', '#1 ; %% comment', 'pipe | and `tick`',
        "two`nlines", 'back\slash\', '部署 🚀 ünïcödé', "tab`there", 'end', 'subgraph', 'click x', '-->'
    )
    function New-HostileTree([int] $Seed) {
        $i = 0
        $tree = New-BkSopsPipeline -Seed $Seed -Constant @{ env = 'prod' } {
            @{ Name = 'N0'; Code = 'sleep_timer'; Stage = 'stage "one" <&> #1' }
            New-BkSopsGateway Exclusive {
                New-BkSopsBranch -Condition '"${env}" == "a<b>&c|d"' { @{ Name = 'N1'; Code = 'x'; Stage = "two`nlines [s]" } }
                New-BkSopsBranch -Default { @{ Name = 'N2'; Code = 'x' } }
            }
            New-BkSopsGateway Parallel -Name 'N3' { @{ Name = 'N4'; Code = 'x' }; @{ Name = 'N5'; Code = 'x' } }
            New-BkSopsGateway ConditionalParallel {
                New-BkSopsBranch -Condition '${env} != "x"' { @{ Name = 'N6'; Code = 'x' } }
                New-BkSopsBranch -Default { New-BkSopsSubProcess -Name 'N7' -TemplateId 3 }
            }
            @{ Name = 'N8'; Code = 'x' }
        }
        $json = $tree | Export-BkSopsPipeline
        for ($n = 8; $n -ge 0; $n--) {
            $name = $hostile[($n + $Seed) % $hostile.Count]
            $json = $json.Replace("""name"": ""N$n""", """name"": " + (ConvertTo-Json $name -Compress))
        }
        Import-BkSopsPipeline -Json $json
    }
    $script:Trees = 0..3 | ForEach-Object { New-HostileTree $_ }
}

AfterAll {
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'ConvertTo-BkSopsDiagram' {
    It 'writes Mermaid that Mermaid''s own parser accepts, for names with quotes, brackets, <>, &, #, unicode and line breaks' {
        if (-not $HasMermaid) { Set-ItResult -Skipped -Because 'node or tests/Rendering/node_modules is missing (run npm ci in tests/Rendering)'; return }
        $files = for ($i = 0; $i -lt $Trees.Count; $i++) {
            $file = Join-Path $Work "tree$i.mmd"
            $Trees[$i] | ConvertTo-BkSopsDiagram -Format Mermaid -HighlightDiagnostics | Set-Content -Path $file -Encoding utf8NoBOM
            $file
        }
        # The checker itself must be able to fail: a label with a bare quote is refused.
        $broken = Join-Path $Work 'broken.mmd'
        Set-Content -Path $broken -Value "flowchart TD`n  n0[`"a`"b`"]" -Encoding utf8NoBOM
        $null = & node (Join-Path $MermaidDir 'mermaid-parse.mjs') $broken 2>&1
        $LASTEXITCODE | Should -Be 1
        (Get-Content $files[0] -Raw) | Should -Match '#34;'
        $output = & node (Join-Path $MermaidDir 'mermaid-parse.mjs') @files 2>&1
        ($output -join "`n") | Should -Not -Match 'error'
        $LASTEXITCODE | Should -Be 0
        @($output | Where-Object { $_ -like 'ok *' }).Count | Should -Be $Trees.Count
    }

    It 'writes DOT that Graphviz renders without errors or warnings' {
        if (-not $HasDot) { Set-ItResult -Skipped -Because 'Graphviz dot is not installed (apt-get install graphviz)'; return }
        for ($i = 0; $i -lt $Trees.Count; $i++) {
            $file = Join-Path $Work "tree$i.dot"
            $Trees[$i] | ConvertTo-BkSopsDiagram -Format Dot -Highlight 'end' | Set-Content -Path $file -Encoding utf8NoBOM
            $svg = Join-Path $Work "tree$i.svg"
            $errors = & dot -Tsvg $file -o $svg 2>&1
            $LASTEXITCODE | Should -Be 0
            ($errors -join "`n") | Should -BeNullOrEmpty
            (Get-Content $svg -Raw -Encoding utf8) | Should -Match 'cluster'
        }
        (Get-Content (Join-Path $Work 'tree0.svg') -Raw -Encoding utf8) | Should -Match '部署'
    }

    It 'shows gateway kinds as shapes, conditions on edges and stages as clusters' {
        $tree = New-BkSopsPipeline -Seed 1 -Constant @{ n = 1 } {
            @{ Name = 'A'; Code = 'x'; Stage = 'build' }
            New-BkSopsGateway Exclusive { New-BkSopsBranch -Condition '${n} > 1' { @{ Name = 'B'; Code = 'x' } }; New-BkSopsBranch -Default }
        }
        $mermaid = $tree | ConvertTo-BkSopsDiagram
        $mermaid | Should -Match 'subgraph stage0\["build"\]'
        $mermaid | Should -Match '\{"exclusive"\}'
        $mermaid | Should -Match '-->\|"\$\{n\} #62; 1"\|'
        $mermaid | Should -Match '-->\|"default"\|'
        $dot = $tree | ConvertTo-BkSopsDiagram -Format Dot
        $dot | Should -Match 'subgraph cluster_0'
        $dot | Should -Match 'shape=diamond'
    }

    It 'warns that stock Mermaid refuses more than 500 edges' {
        $big = 1..300 | ForEach-Object { @{ Name = "s$_"; Code = 'x'; ParallelGroup = [string][math]::Floor($_ / 3) } } | ConvertTo-BkSopsPipeline
        $null = $big | ConvertTo-BkSopsDiagram -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'refuses flowcharts with more than 500'
    }

    It 'folds a 10,000-step tree (-Collapse) into a diagram stock Mermaid parses, and the warning says how' {
        $steps = 1..10000 | ForEach-Object { @{ Name = "s$_"; Code = 'x'; Stage = 'stage ' + [math]::Floor(($_ - 1) / 1000); ParallelGroup = if ($_ % 100 -lt 3) { "g$([math]::Floor($_ / 100))" } else { '' } } }
        $tree = $steps | ConvertTo-BkSopsPipeline -Seed 2
        $plain = $tree | ConvertTo-BkSopsDiagram -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match '-Collapse Stages draws it with [0-9]+ edges'
        $folded = $tree | ConvertTo-BkSopsDiagram -Collapse Stages -WarningVariable w2
        $w2 | Should -BeNullOrEmpty
        $folded | Should -Match 'stage 3: 1000 steps'
        if (-not $HasMermaid) { Set-ItResult -Skipped -Because 'node or tests/Rendering/node_modules is missing (run npm ci in tests/Rendering)'; return }
        $foldedFile = Join-Path $Work 'folded.mmd'
        $plainFile = Join-Path $Work 'plain.mmd'
        Set-Content -Path $foldedFile -Value $folded -Encoding utf8NoBOM
        Set-Content -Path $plainFile -Value $plain -Encoding utf8NoBOM
        $output = & node (Join-Path $MermaidDir 'mermaid-parse.mjs') --stock $foldedFile $plainFile 2>&1
        ($output -join "`n") | Should -Match ([regex]::Escape("ok $foldedFile"))
        # the same check refuses the unfolded diagram: stock Mermaid's edge limit is really in force
        ($output -join "`n") | Should -Match ([regex]::Escape("error $plainFile"))
        if ($HasDot) {
            $dot = Join-Path $Work 'folded.dot'
            $tree | ConvertTo-BkSopsDiagram -Format Dot -Collapse Runs | Set-Content -Path $dot -Encoding utf8NoBOM
            $errors = & dot -Tsvg $dot -o (Join-Path $Work 'folded.svg') 2>&1
            $LASTEXITCODE | Should -Be 0
            ($errors -join "`n") | Should -BeNullOrEmpty
        }
    }
}

Describe 'Show-BkSopsPipeline' {
    It 'writes an indented text tree to the host' {
        $tree = New-BkSopsPipeline -Seed 1 {
            @{ Name = 'A'; Code = 'x' }
            New-BkSopsGateway Parallel { @{ Name = 'B'; Code = 'x' }; @{ Name = 'C'; Code = 'x' } }
        }
        $tree | Show-BkSopsPipeline 6>$null | Should -BeNullOrEmpty
        $text = ($tree | Show-BkSopsPipeline 6>&1 | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match '^built from 3 steps'
        $text | Should -Match '(?m)^- parallel gateway$'
        $text | Should -Match '(?m)^  - \[branch 1\] B \[x\]$'
        $text | Should -Match '(?m)^- converge$'
    }
}
