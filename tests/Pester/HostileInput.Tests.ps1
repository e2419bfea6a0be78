# Issue #13: hostile input through the cmdlets (one regression test per item; the seeded fuzz test is HostileInput.Fuzz.Tests.ps1).
BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Seed = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/seed-tree.json'
    function Write-Bytes([string] $name, [byte[]] $bytes) {
        $path = Join-Path $TestDrive $name
        [IO.File]::WriteAllBytes($path, $bytes)
        $path
    }
    function Utf8([string] $text) { [Text.UTF8Encoding]::new($false).GetBytes($text) }
}

Describe 'Export-BkSopsPipeline on deeply nested data (item 1)' {
    It 'writes 50,000 levels to a file quickly, in a size linear in the input, and the file reads back the same' {
        $json = '{"x":' + ('[' * 50000) + (']' * 50000) + '}'
        $path = Join-Path $TestDrive 'deep.json'
        $took = Measure-Command { Import-BkSopsPipeline -Json $json | Export-BkSopsPipeline -Path $path }
        $took.TotalSeconds | Should -BeLessThan 10
        (Get-Item $path).Length | Should -BeLessThan (2 * $json.Length)
        Import-BkSopsPipeline -LiteralPath $path | Export-BkSopsPipeline -Compress | Should -BeExactly $json
    }

    It 'writes the same text to the pipeline' {
        $json = '{"x":' + ('[' * 20000) + (']' * 20000) + '}'
        $text = Import-BkSopsPipeline -Json $json | Export-BkSopsPipeline
        $text.Length | Should -BeLessThan (2 * $json.Length)
        Import-BkSopsPipeline -Json $text | Export-BkSopsPipeline -Compress | Should -BeExactly $json
    }
}

Describe 'Many findings on one node (item 2)' {
    It 'bounds the findings of one rule on one node and writes the SARIF log to a file' {
        $tree = Import-BkSopsPipeline -LiteralPath $Seed
        $node = $tree.Root['activities'].Properties[0].Value
        $incoming = [BkSops.Json.JsonArray]::new()
        for ($i = 0; $i -lt 20000; $i++) { $incoming.Add([BkSops.Json.JsonString]::new("unknown$i")) }
        [void]$node.Set('incoming', $incoming)
        $result = Test-BkSopsPipeline -InputObject $tree -Detailed
        $dangling = @($result.Diagnostics | Where-Object RuleName -eq 'DanglingReference')
        $dangling.Count | Should -Be 21
        $dangling[-1].Message | Should -BeLike 'And 19980 more like this*'
        $sarif = Join-Path $TestDrive 'many.sarif'
        $result | Export-BkSopsDiagnostic -Path $sarif
        $log = Get-Content $sarif -Raw | ConvertFrom-Json
        @($log.runs[0].results).Count | Should -Be $result.Diagnostics.Count
        (Get-Item $sarif).Length | Should -BeLessThan 200KB
    }
}

Describe 'Files with no end (item 3)' {
    It 'refuses a character device at once, without reading it' -Skip:($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $took = Measure-Command { Test-BkSopsPipeline -LiteralPath /dev/zero -ErrorVariable errs -ErrorAction SilentlyContinue }
        $took.TotalSeconds | Should -BeLessThan 5
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.NotAFile,BkSops.Commands.TestBkSopsPipelineCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -BeLike "*is a character device, not a regular file*"
    }

    It 'refuses a FIFO with no writer without blocking, and goes on with the next file' -Skip:($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $fifo = Join-Path $TestDrive 'fifo.json'
        & mkfifo $fifo
        $job = Start-ThreadJob { param($module, $fifo, $seed) Import-Module $module; Test-BkSopsPipeline -LiteralPath $fifo, $seed -ErrorVariable errs -ErrorAction SilentlyContinue; $errs } -ArgumentList $env:BKSOPS_TEST_MODULE, $fifo, $Seed
        $finished = Wait-Job $job -Timeout 20
        $finished | Should -Not -BeNullOrEmpty -Because 'reading a FIFO with no writer must not block'
        $out = @(Receive-Job $job)
        Remove-Job $job -Force
        $out[0] | Should -BeOfType [bool]
        $out[1].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.NotAFile,BkSops.Commands.TestBkSopsPipelineCommand'
        $out[1].Exception.Message | Should -BeLike '*is a FIFO (named pipe)*'
    }

    It 'refuses a file over $BkSopsMaxInputBytes with a non-terminating error, and reads it once the limit is raised' {
        $path = Join-Path $TestDrive 'big.json'
        Set-Content -LiteralPath $path -Value ('{"a":"' + ('x' * 3000) + '"}') -NoNewline
        $small = Write-Bytes 'small.json' (Utf8 '{}')
        $BkSopsMaxInputBytes = 1000
        $trees = @(Import-BkSopsPipeline -LiteralPath $path, $small -ErrorVariable errs -ErrorAction SilentlyContinue)
        $trees.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.TooLarge,BkSops.Commands.ImportBkSopsPipelineCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].Exception.Message | Should -BeLike '*larger than the limit of 1000 bytes (3008 bytes)*$BkSopsMaxInputBytes*'
        $BkSopsMaxInputBytes = 4KB
        (Import-BkSopsPipeline -LiteralPath $path).Root['a'].Value.Length | Should -Be 3000
    }

    It 'says so when $BkSopsMaxInputBytes is not a positive number' {
        $BkSopsMaxInputBytes = 'lots'
        { Import-BkSopsPipeline -LiteralPath $Seed -ErrorAction Stop } | Should -Throw -ErrorId 'BkSops.Input.InvalidMaxInputBytes,BkSops.Commands.ImportBkSopsPipelineCommand'
    }
}

Describe 'Lone surrogates (item 4)' {
    It 'keeps a \ud800 escape as an escape through Import and Export, and escapes it in diagnostic messages' {
        $json = '{"start_event":{"id":"s","type":"EmptyStartEvent","incoming":"","outgoing":"f","name":""},"flows":{"f":{"id":"f","is_default":false,"source":"s","target":"zz\udc00"}},"activities":{},"end_event":{"id":"e","type":"EmptyEndEvent","incoming":[],"outgoing":"","name":"a\ud800"}}'
        $path = Join-Path $TestDrive 'surrogate.json'
        Import-BkSopsPipeline -Json $json | Export-BkSopsPipeline -Path $path -Compress
        $bytes = [IO.File]::ReadAllBytes($path)
        [Text.UTF8Encoding]::new($false, $true).GetString($bytes).TrimEnd("`n") | Should -BeExactly $json
        $result = Test-BkSopsPipeline -LiteralPath $path -Detailed
        $message = ($result.Diagnostics | Where-Object RuleName -eq 'DanglingReference').Message
        $message | Should -BeLike "*'zz\udc00'*"
        $report = Join-Path $TestDrive 'surrogate.sarif'
        $result | Export-BkSopsDiagnostic -Path $report -Format Json
        { [Text.UTF8Encoding]::new($false, $true).GetString([IO.File]::ReadAllBytes($report)) } | Should -Not -Throw
    }
}

Describe 'Invalid UTF-8 (item 5)' {
    It 'is a reading error naming byte offset, line, column and the server''s answer for <Name>' -ForEach @(
        @{ Name = '61 FF'; Bytes = [byte[]](0x61, 0xFF); Offset = 8 }
        @{ Name = 'C0 AF'; Bytes = [byte[]](0xC0, 0xAF); Offset = 7 }
    ) {
        $path = Write-Bytes 'bad.json' ((Utf8 "{`"a`": `"") + $Bytes + (Utf8 '"}'))
        $results = @(Test-BkSopsPipeline -LiteralPath $path -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.InvalidUtf8,BkSops.Commands.TestBkSopsPipelineCommand'
        $errs[0].Exception.Message | Should -BeLike "*byte offset $Offset (line 1, column $($Offset + 1))*'invalid param format' (code 3540000)*"
    }

    It 'reads an encoded surrogate (ED A0 80) as the server does and writes it back as \ud800' {
        $path = Write-Bytes 'encoded.json' ((Utf8 '{"a":"x') + [byte[]](0xED, 0xA0, 0x80) + (Utf8 '"}'))
        Import-BkSopsPipeline -LiteralPath $path | Export-BkSopsPipeline -Compress | Should -BeExactly '{"a":"x\ud800"}'
    }
}

Describe 'A request body inside a request body (item 6)' {
    It 'loses no level however often it is imported and exported' {
        $json = '{"pipeline_tree":{"pipeline_tree":{}}}'
        $once = Import-BkSopsPipeline -Json $json | Export-BkSopsPipeline -Compress
        $once | Should -BeExactly $json
        Import-BkSopsPipeline -Json $once | Export-BkSopsPipeline -Compress | Should -BeExactly $json
        Import-BkSopsPipeline -Json '{"name":"x","pipeline_tree":{"pipeline_tree":{}}}' | Export-BkSopsPipeline -Compress | Should -BeExactly '{"pipeline_tree":{}}'
    }
}

Describe 'Byte-order marks (item 7)' {
    It 'skips one BOM and refuses a second one' {
        $one = Write-Bytes 'bom1.json' ([byte[]](0xEF, 0xBB, 0xBF) + (Utf8 '{}'))
        Import-BkSopsPipeline -LiteralPath $one | Export-BkSopsPipeline -Compress | Should -BeExactly '{}'
        $two = Write-Bytes 'bom2.json' ([byte[]](0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF) + (Utf8 '{}'))
        $trees = @(Import-BkSopsPipeline -LiteralPath $two -ErrorVariable errs -ErrorAction SilentlyContinue)
        $trees.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.MalformedJson,BkSops.Commands.ImportBkSopsPipelineCommand'
        $errs[0].Exception.Message | Should -BeLike '*line 1, column 2*U+FEFF (a byte-order mark*'
    }
}

Describe '-LiteralPath to a folder (item 8)' {
    It '<_> says BkSops.Input.IsDirectory for a folder by -LiteralPath, as by -Path' -ForEach @('Import-BkSopsPipeline', 'Test-BkSopsPipeline', 'Repair-BkSopsPipeline') {
        $folder = Join-Path $TestDrive 'a folder'
        $null = New-Item -ItemType Directory $folder -Force
        foreach ($parameter in 'LiteralPath', 'Path') {
            $errs = $null
            $arguments = @{ $parameter = $folder; ErrorVariable = 'errs'; ErrorAction = 'SilentlyContinue' }
            $out = @(& $_ @arguments)
            $out.Count | Should -Be 0
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'BkSops.Input.IsDirectory,*'
            $errs[0].Exception.Message | Should -BeLike "*is a folder*"
        }
    }
}
