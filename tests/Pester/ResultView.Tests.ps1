# The default view of a validation result (issue #12, items 10 and 11): singular counts, and diagnostic text
# wrapped at word boundaries to the width the formatter is given, in any culture.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Seed = Join-Path $Examples 'seed-tree.json'
    $script:OneError = Join-Path $Examples 'rejected/dangling_flow_target.json'

    function Join-Wrapped([string[]] $Lines) {
        # Undo the wrapping: continuation lines are indented like the line they continue.
        ($Lines | ForEach-Object { $_.Trim() }) -join ' '
    }
}

Describe 'Counts in the result view (item 10)' {
    It 'says "1 error" for one error, and "N errors" for more' {
        $one = Test-BkSopsPipeline $OneError -Detailed -Severity Error
        $one.ErrorCount | Should -Be 1
        ($one | Out-String) | Should -Match '\(1 error, 0 warnings\)'
        "$one" | Should -Match '\(1 error, 0 warnings\)'
        $two = Test-BkSopsPipeline $Seed -Detailed -Severity Error
        ($two | Out-String) | Should -Match '\(3 errors, 0 warnings\)'
    }

    It 'says "1 validation result" when Export-BkSopsDiagnostic writes one' {
        $file = Join-Path $TestDrive 'one.sarif'
        $messages = Test-BkSopsPipeline $OneError -Detailed | Export-BkSopsDiagnostic -Path $file -Verbose 4>&1
        ($messages | Out-String) | Should -Match 'Write 1 validation result as Sarif'
    }
}

Describe 'Wrapping of the result view (item 11)' {
    BeforeAll {
        $script:Culture = [cultureinfo]::CurrentCulture
        # PowerShell itself breaks words at the edge unless the culture is one of a few; the view must not.
        [cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture
        $script:Result = Test-BkSopsPipeline $Seed -Detailed -Severity Error
    }
    AfterAll { [cultureinfo]::CurrentCulture = $Culture }

    It 'keeps every line within Out-String -Width <_>' -ForEach 80, 100 {
        $lines = ($Result | Out-String -Width $_) -split '\r?\n'
        $width = $_
        $long = @($lines | Where-Object { $_.Length -gt $width })
        $long | Should -BeNullOrEmpty
    }

    It 'breaks lines only between words, continuing at the line''s indentation' {
        $lines = @(($Result | Out-String -Width 80) -split '\r?\n')
        foreach ($d in $Result.Diagnostics) {
            $start = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.StartsWith("  Error $($d.RuleName) (line $($d.Line))") })
            $start | Should -BeGreaterOrEqual 0
            $fix = [array]::FindIndex($lines, $start, [Predicate[string]] { param($l) $l.StartsWith('    Fix: ') })
            $messageLines = $lines[$start..($fix - 1)]
            $messageLines | Select-Object -Skip 1 | ForEach-Object { $_ | Should -Match '^  \S' }
            Join-Wrapped $messageLines | Should -BeExactly "Error $($d.RuleName) (line $($d.Line)): $($d.Message)"
        }
    }

    It 'uses the width given to Out-String in a variable' {
        $w = 60
        $lines = ($Result | Out-String -Width $w) -split '\r?\n'
        @($lines | Where-Object { $_.Length -gt 60 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'exclusive gateway\n'
    }

    It 'leaves lines that fit alone' {
        $text = $Result | Out-String -Width 400
        $text | Should -Match ([regex]::Escape("  Error IncomingNotList (line 182): $($Result.Diagnostics[0].Message)"))
    }
}
