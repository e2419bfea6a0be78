# Every example of every exported cmdlet's help runs as written, against the staged module, in a folder that holds
# the example trees (docs/examples); where the help shows output free of random ids, ports and times, the output
# matches. New cmdlets are picked up from the module's export list; see HelpExamples.ps1 for examples that need a
# server.

BeforeDiscovery {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    Import-Module ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'src', 'BkSops.Help', 'BkSops.Help.psm1')) -Force
    . ([IO.Path]::Combine($PSScriptRoot, 'HelpExamples.ps1'))
    $examples = @(Get-HelpExample -ModuleName BkSops -DocsPath ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'BkSops'))) +
        @(Get-ReadmeExample ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'README.md')))
}

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    . ([IO.Path]::Combine($PSScriptRoot, 'HelpExamples.ps1'))
    $script:ExamplesPath = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'examples')
    $script:FixedIds = Get-ExampleIdSet $ExamplesPath
}

Describe 'Help examples' {
    It 'finds the examples of every exported cmdlet' {
        Import-Module ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'src', 'BkSops.Help', 'BkSops.Help.psm1')) -Force
        $examples = @(Get-HelpExample -ModuleName BkSops -DocsPath ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'BkSops')))
        foreach ($name in (Get-Module BkSops).ExportedCommands.Keys) {
            @($examples | Where-Object Command -eq $name).Count | Should -BeGreaterOrEqual 2 -Because "$name's help needs at least two examples"
        }
    }

    It 'runs examples that need a server against a sandbox once the module has one, and skips them with the reason until then' {
        $client = New-Module -Name FakeBkSopsClient -ScriptBlock {
            function Get-BkSopsTask { param($TaskId, $Connection) }
            function Connect-BkSops { param($Sandbox) }
        } | Import-Module -PassThru
        $both = New-Module -Name FakeBkSopsWithSandbox -ScriptBlock {
            function Get-BkSopsTask { param($TaskId, $Connection) }
            function Start-BkSopsSandbox { }
        } | Import-Module -PassThru
        try {
            Get-ExampleNeed -Code 'Get-BkSopsTask -TaskId 1' -ModuleName FakeBkSopsClient | Should -BeLike 'Skip: needs a bk-sops server (Get-BkSopsTask)*Start-BkSopsSandbox'
            Get-ExampleNeed -Code 'Connect-BkSops -Sandbox $x' -ModuleName FakeBkSopsClient | Should -BeLike 'Skip: needs a bk-sops server*'
            Get-ExampleNeed -Code 'Get-BkSopsTask -TaskId 1' -ModuleName FakeBkSopsWithSandbox | Should -Be 'Sandbox'
            Get-ExampleNeed -Code "`$sb = Start-BkSopsSandbox`nGet-BkSopsTask -TaskId 1" -ModuleName FakeBkSopsWithSandbox | Should -Be 'None'
            Get-ExampleNeed -Code 'Connect-BkSops -Uri https://bkapi.example.com/api/bk-sops' -ModuleName FakeBkSopsClient | Should -BeLike 'Skip: talks to a server under example.com*'
            Get-ExampleNeed -Code 'Test-BkSopsPipeline ./seed-tree.json' -ModuleName BkSops | Should -Be 'None'
        }
        finally {
            Remove-Module $client, $both
        }
    }

    It '<Command> <Title>' -ForEach $examples {
        $need = Get-ExampleNeed -Code $Code -ModuleName BkSops
        if ($need -like 'Skip:*') { Set-ItResult -Skipped -Because $need.Substring(6); return }
        $folder = New-ExampleFolder $ExamplesPath
        try {
            $run = Invoke-HelpExample -Code $Code -Folder $folder -ModulePath $env:BKSOPS_TEST_MODULE -Need $need
            $run.Terminating | Should -BeNullOrEmpty -Because 'the example must run to its end'
            $comparable = $null -ne $Output -and (Test-ExampleOutputComparable $Output $FixedIds)
            foreach ($line in $run.Errors) {
                # An error is part of the example only when its help shows it.
                $shown = $comparable -and ((ConvertTo-ComparableLine $Output -Expected) -join "`n").Contains((ConvertTo-ComparableLine $line $folder)[0])
                $shown | Should -BeTrue -Because "the example wrote an error its help does not show: $line"
            }
            if ($comparable) {
                $actual = @(ConvertTo-ComparableLine $run.Text $folder)
                $expected = @(ConvertTo-ComparableLine $Output -Expected)
                if (-not (Test-ExampleLine $actual $expected)) {
                    # Show the first line that differs, then the whole text.
                    $at = 0
                    while ($at -lt $expected.Count -and $at -lt $actual.Count -and $expected[$at] -ceq $actual[$at]) { $at++ }
                    $shownLine = if ($at -lt $expected.Count) { $expected[$at] } else { '(end)' }
                    $actualLine = if ($at -lt $actual.Count) { $actual[$at] } else { '(end)' }
                    ($actual -join "`n") | Should -BeExactly ($expected -join "`n") -Because "the help shows this output; line $($at + 1) shown: '$shownLine', actual: '$actualLine'"
                }
            }
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It '<Command> <Title> shows trees the server accepts, or says that it rejects them' -ForEach @($examples | Where-Object { $_.Output -match '"start_event"' }) {
        # A tree's JSON in the shown output is what a reader copies; if the server would reject it, the text says so.
        $trees = @(if ($Output) { [regex]::Matches($Output, '(?m)^\{.*"start_event".*\}$') | ForEach-Object Value })
        $trees.Count | Should -BeGreaterThan 0
        foreach ($json in $trees) {
            if (-not (Test-BkSopsPipeline -Json $json)) {
                $Text | Should -Match 'reject' -Because 'the example shows a tree the server rejects, and must say so'
            }
        }
    }
}
