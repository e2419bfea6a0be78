# Seeded fuzz test (issue #13): every cmdlet on generated hostile inputs (byte-level, JSON-level and graph mutations
# of the example trees, plus edge cases). Fails on any exception that is not a BkSops.* error record, on a repair
# that is not idempotent, on a round trip that changes content, and on an input that takes too long or too much memory.
BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $null = Import-BkSopsPipeline -Json '{}'  # loads BkSops.Core, whose JSON model the generator uses
    $script:Count = if ($env:BKSOPS_FUZZ_COUNT) { [int]$env:BKSOPS_FUZZ_COUNT } else { 2000 }
    $script:Random = [Random]::new(13013)
    $script:Utf8 = [Text.UTF8Encoding]::new($false)

    $script:Seeds = @(
        Get-ChildItem (Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples') -Filter *.json
        Get-ChildItem (Join-Path $env:BKSOPS_TEST_ROOT 'tests/data/server-verdicts') -Filter *.json | Where-Object Name -ne 'verdicts.json'
    ) | ForEach-Object { , [IO.File]::ReadAllBytes($_.FullName) }

    function Pick($list) { $list[$Random.Next($list.Count)] }
    function Text([byte[]] $bytes) { $Utf8.GetString($bytes) }
    function Bytes([string] $text) { $Utf8.GetBytes($text) }

    # ---- byte level ----
    $script:Hostile = @(
        , [byte[]](0xFF); , [byte[]](0xC0, 0xAF); , [byte[]](0xED, 0xA0, 0x80); , [byte[]](0xEF, 0xBB, 0xBF)
        , [byte[]](0xF4, 0x90, 0x80, 0x80); , [byte[]](0xE2, 0x82); , [byte[]](0x00); , [byte[]](0x5C)
        , [byte[]](0x22); , [byte[]](0x7B); , [byte[]](0x5B); , [byte[]](0x5D, 0x7D); , [byte[]](0x0A)
    )
    function Mutate-Bytes([byte[]] $bytes) {
        $list = [Collections.Generic.List[byte]]::new($bytes)
        if ($list.Count -eq 0) { $list.Add(0x7B) }
        switch ($Random.Next(5)) {
            0 { $list[$Random.Next($list.Count)] = [byte]$Random.Next(256) }
            1 { $list.InsertRange($Random.Next($list.Count), [byte[]](Pick $Hostile)) }
            2 { $at = $Random.Next($list.Count); $list.RemoveRange($at, [Math]::Min($list.Count - $at, 1 + $Random.Next(40))) }
            3 { $at = $Random.Next($list.Count); $list.RemoveRange($at, $list.Count - $at) }
            4 { $at = $Random.Next($list.Count); $n = [Math]::Min($list.Count - $at, 1 + $Random.Next(200)); $list.InsertRange($Random.Next($list.Count), $list.GetRange($at, $n).ToArray()) }
        }
        , $list.ToArray()
    }

    # ---- JSON level ----
    function Containers([BkSops.Json.JsonNode] $root) {
        $found = [Collections.Generic.List[object]]::new()
        $stack = [Collections.Generic.Stack[object]]::new(); $stack.Push($root)
        while ($stack.Count -gt 0 -and $found.Count -lt 5000) {
            $node = $stack.Pop()
            if ($node -is [BkSops.Json.JsonObject]) { $found.Add($node); foreach ($p in $node.Properties) { $stack.Push($p.Value) } }
            elseif ($node -is [BkSops.Json.JsonArray]) { $found.Add($node); foreach ($i in $node.Items) { $stack.Push($i) } }
        }
        , $found
    }
    function Hostile-Value {
        switch ($Random.Next(12)) {
            0 { [BkSops.Json.JsonString]::new("a$([char]0xD800)") }
            1 { [BkSops.Json.JsonString]::new("$([char]0xDC00)x$([char]0xD83D)") }
            2 { [BkSops.Json.JsonString]::new('x' * (1000 + $Random.Next(100000))) }
            3 { [BkSops.Json.JsonReader]::Parse(('[' * 3000) + (']' * 3000)) }
            4 { [BkSops.Json.JsonNumber]::new((Pick @('1e999', '-0', 'NaN', '-Infinity', '123456789012345678901234567890', '0.1e-400', '1.5'))) }
            5 { [BkSops.Json.JsonNull]::new() }
            6 { [BkSops.Json.JsonObject]::new() }
            7 { [BkSops.Json.JsonArray]::new() }
            8 { [BkSops.Json.JsonString]::new((Pick @('', ' ', '${x}', "a`nb", '<>$&''"', "`u{1F600}", "$([char]0)"))) }
            9 { [BkSops.Json.JsonBoolean]::True() }
            10 { [BkSops.Json.JsonReader]::Parse('{"pipeline_tree": {"pipeline_tree": {}}}') }
            11 { [BkSops.Json.JsonString]::new("line$($Random.Next(1000))") }
        }
    }
    function Mutate-Json([BkSops.Json.JsonObject] $root) {
        $containers = Containers $root
        $target = Pick $containers
        if ($target -is [BkSops.Json.JsonObject]) {
            if ($target.Count -gt 0 -and $Random.Next(3) -eq 0) { [void]$target.Remove((Pick @($target.Keys))); return 'remove' }
            $key = if ($target.Count -gt 0 -and $Random.Next(2) -eq 0) { Pick @($target.Keys) } else { "k$($Random.Next(100))$([char]0xD800)" }
            [void]$target.Set($key, (Hostile-Value)); 'set'
        }
        else {
            if ($target.Count -gt 0 -and $Random.Next(3) -eq 0) { $target.RemoveAt($Random.Next($target.Count)); return 'remove-item' }
            $target.Add((Hostile-Value)); 'add-item'
        }
    }

    # ---- graph level ----
    function Node-Ids([BkSops.Json.JsonObject] $root) {
        $ids = [Collections.Generic.List[string]]::new()
        foreach ($section in 'activities', 'gateways') { if ($root[$section] -is [BkSops.Json.JsonObject]) { $ids.AddRange([string[]]@($root[$section].Keys)) } }
        foreach ($event in 'start_event', 'end_event') { if ($root[$event] -is [BkSops.Json.JsonObject] -and $root[$event]['id'] -is [BkSops.Json.JsonString]) { $ids.Add($root[$event]['id'].Value) } }
        , $ids
    }
    function Mutate-Graph([BkSops.Json.JsonObject] $root) {
        $ids = Node-Ids $root
        $flows = $root['flows']
        $activities = $root['activities']
        switch ($Random.Next(5)) {
            0 { if ($flows -is [BkSops.Json.JsonObject] -and $flows.Count -gt 0 -and $ids.Count -gt 0) {
                    $flow = $flows[(Pick @($flows.Keys))]
                    if ($flow -is [BkSops.Json.JsonObject]) { [void]$flow.Set((Pick @('source', 'target')), [BkSops.Json.JsonString]::new((Pick $ids))) }
                }; 'retarget' }
            1 { if ($activities -is [BkSops.Json.JsonObject] -and $activities.Count -gt 0) { [void]$activities.Remove((Pick @($activities.Keys))) }; 'remove-node' }
            2 { if ($activities -is [BkSops.Json.JsonObject] -and $activities.Count -gt 0) {
                    $node = $activities[(Pick @($activities.Keys))]
                    if ($node -is [BkSops.Json.JsonObject]) {
                        $many = [BkSops.Json.JsonArray]::new()
                        for ($i = 0; $i -lt 3000; $i++) { $many.Add([BkSops.Json.JsonString]::new("unknown$i")) }
                        [void]$node.Set('incoming', $many)
                    }
                }; 'many-incoming' }
            3 { if ($flows -is [BkSops.Json.JsonObject] -and $ids.Count -gt 1) {
                    $flow = [BkSops.Json.JsonObject]::new()
                    [void]$flow.Set('id', [BkSops.Json.JsonString]::new('lineCycle')); [void]$flow.Set('is_default', [BkSops.Json.JsonBoolean]::False())
                    [void]$flow.Set('source', [BkSops.Json.JsonString]::new($ids[$ids.Count - 1])); [void]$flow.Set('target', [BkSops.Json.JsonString]::new($ids[0]))
                    [void]$flows.Set('lineCycle', $flow)
                }; 'cycle' }
            4 { $body = [BkSops.Json.JsonObject]::new(); [void]$body.Set('name', [BkSops.Json.JsonString]::new('x')); [void]$body.Set('pipeline_tree', $root); return 'wrap', $body }
        }
    }

    $script:EdgeCases = @(
        , [byte[]]@(); , (Bytes 'null'); , (Bytes '[]'); , (Bytes '{}'); , [byte[]](0xEF, 0xBB, 0xBF)
        , [byte[]](0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x7B, 0x7D); , (Bytes '{"pipeline_tree":{"pipeline_tree":{}}}')
        , (Bytes ('{"x":' + ('[' * 50000) + (']' * 50000) + '}')); , (Bytes ('{"x":' + ('{"a":' * 20000) + '1' + ('}' * 20000) + '}'))
        , [byte[]](0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D); , (Bytes '{"a":"\ud800","a":"\udc00"}')
        , (Bytes ('{"s":"' + ('x' * 900000) + '"}')); , (Bytes ('[' + ('1,' * 300000) + '1]')); , (Bytes '{"a":1e99999999}')
    )

    # Half a megabyte: one node whose incoming lists 30,000 unknown flows (one finding each, before the bound).
    function New-ManyIncoming {
        $root = [BkSops.Json.JsonReader]::Parse((Text $Seeds[0]))
        $list = [BkSops.Json.JsonArray]::new()
        for ($i = 0; $i -lt 30000; $i++) { $list.Add([BkSops.Json.JsonString]::new("unknownflow$i")) }
        [void]$root['activities'].Properties[0].Value.Set('incoming', $list)
        , (Bytes ([BkSops.Json.JsonWriter]::Write($root, $false)))
    }
    $script:EdgeCases += , (New-ManyIncoming)

    function New-Input([int] $n) {
        if ($n -lt $EdgeCases.Count) { return @{ Kind = "edge $n"; Bytes = $EdgeCases[$n] } }
        $seed = Pick $Seeds
        $level = $Random.Next(3)
        if ($level -eq 0) {
            $bytes = $seed
            for ($k = 1 + $Random.Next(3); $k -gt 0; $k--) { $bytes = Mutate-Bytes $bytes }
            return @{ Kind = 'bytes'; Bytes = $bytes }
        }
        $root = [BkSops.Json.JsonReader]::Parse((Text $seed))
        $what = if ($level -eq 1) { Mutate-Json $root } else { Mutate-Graph $root }
        if ($what -is [array] -and $what[0] -eq 'wrap') { $root = $what[1] }
        @{ Kind = "$(('', 'json', 'graph')[$level])"; Bytes = (Bytes ([BkSops.Json.JsonWriter]::Write($root, ($Random.Next(2) -eq 0)))) }
    }

    function Assert-BkSopsErrors($errors, [string] $what, $failures) {
        foreach ($e in $errors) {
            $id = if ($e -is [Management.Automation.ErrorRecord]) { $e.FullyQualifiedErrorId } else { "$($e.GetType().Name): $e" }
            if ($id -notlike 'BkSops.*') { $failures.Add("$what -> $id : $e") }
        }
    }
    function Squeeze([string] $json) { [BkSops.Json.JsonWriter]::Write([BkSops.Json.JsonReader]::Parse($json), $false) }
}

Describe 'Hostile input fuzz (seeded)' {
    It 'runs every cmdlet on <Count> generated inputs without a crash, a changed round trip or a non-idempotent repair' {
        $failures = [Collections.Generic.List[string]]::new()
        $file = Join-Path $TestDrive 'input.json'
        $out = Join-Path $TestDrive 'out.json'
        $report = Join-Path $TestDrive 'report.sarif'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $slowest = 0
        for ($n = 0; $n -lt $Count; $n++) {
            $case = New-Input $n
            $what = "input $n ($($case.Kind))"
            [IO.File]::WriteAllBytes($file, [byte[]]$case.Bytes)
            $started = $clock.Elapsed.TotalSeconds
            try {
                $errs = $null
                $trees = @(Import-BkSopsPipeline -LiteralPath $file -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
                Assert-BkSopsErrors $errs "$what Import" $failures
                foreach ($tree in $trees) {
                    # Round trip: what is written reads back as the same document, through a file and as text.
                    $json = $tree | Export-BkSopsPipeline -Compress
                    $tree | Export-BkSopsPipeline -Path $out -ErrorAction Stop
                    $again = Import-BkSopsPipeline -LiteralPath $out -ErrorAction Stop -WarningAction SilentlyContinue
                    if (($again | Export-BkSopsPipeline -Compress) -cne $json) { $failures.Add("${what}: the file written by Export reads back differently") }
                    if ((Squeeze $json) -cne (Squeeze ([BkSops.Json.JsonWriter]::Write($tree.Root, $true)))) { $failures.Add("${what}: indented and compact output differ") }

                    $errs = $null
                    $result = Test-BkSopsPipeline -InputObject $tree -Detailed -ErrorVariable errs -ErrorAction SilentlyContinue
                    Assert-BkSopsErrors $errs "$what Test" $failures
                    if ($result) {
                        $result | Export-BkSopsDiagnostic -Format Sarif -Path $report -ErrorAction Stop
                        $null = [BkSops.Json.JsonReader]::Parse([IO.File]::ReadAllText($report, [Text.UTF8Encoding]::new($false, $true)))
                        $null = [BkSops.Json.JsonReader]::Parse(($result | Export-BkSopsDiagnostic -Format Json))
                    }

                    $errs = $null
                    $repaired = Repair-BkSopsPipeline -InputObject $tree -ErrorVariable errs -ErrorAction SilentlyContinue
                    Assert-BkSopsErrors $errs "$what Repair" $failures
                    if ($repaired) {
                        $once = $repaired | Export-BkSopsPipeline -Compress
                        $twice = Repair-BkSopsPipeline -InputObject $repaired -ErrorAction Stop | Export-BkSopsPipeline -Compress
                        if ($once -cne $twice) { $failures.Add("${what}: repairing the repaired tree changed it again") }
                    }
                }
            }
            catch {
                $id = $_.FullyQualifiedErrorId
                if ($id -notlike 'BkSops.*') { $failures.Add("$what threw $id : $($_.Exception.GetType().FullName): $($_.Exception.Message)") }
            }
            $took = $clock.Elapsed.TotalSeconds - $started
            if ($took -gt $slowest) { $slowest = $took }
            if ($took -gt 10) { $failures.Add("$what took $([int]$took) s") }
            if ($failures.Count -gt 20) { break }
        }
        $peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
        Write-Host "fuzz: $n inputs in $([int]$clock.Elapsed.TotalSeconds) s, slowest $([Math]::Round($slowest, 2)) s, peak working set $([int]($peak / 1MB)) MB"
        $failures | Select-Object -First 20 | Should -BeNullOrEmpty
        $n | Should -Be $Count
        $peak | Should -BeLessThan 1GB
    }
}
