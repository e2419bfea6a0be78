# Issue #13: no input under 1 MB makes any cmdlet use more than 1 GB or run longer than 10 s. The worst inputs we know
# how to build, each just under 1 MB, go through every cmdlet that reads a tree, in a fresh pwsh whose peak working
# set is then read: deep nesting, many findings, long strings, wide objects, many duplicate keys, huge numbers, wide
# and deep gateways. The file is read once (Import); the other cmdlets take the tree it gave.
BeforeAll {
    . ([IO.Path]::Combine($PSScriptRoot, 'ChildPowerShell.ps1'))
    $script:Folder = Join-Path $TestDrive 'limits'
    $null = New-Item -ItemType Directory $Folder
    $script:Limit = 1000000

    function Write-Case([string] $name, [Text.StringBuilder] $text) {
        $bytes = [Text.UTF8Encoding]::new($false).GetBytes($text.ToString())
        if ($bytes.Length -ge $Limit) { throw "the case $name is $($bytes.Length) bytes, not under 1 MB" }
        [IO.File]::WriteAllBytes((Join-Path $Folder "$name.json"), $bytes)
    }
    function Repeat([Text.StringBuilder] $into, [string] $part, [int] $times) { for ($i = 0; $i -lt $times; $i++) { [void]$into.Append($part) } }
    function Tree-Start {
        [Text.StringBuilder]::new('{"start_event": {"id": "s", "type": "EmptyStartEvent", "incoming": "", "outgoing": "f0", "name": ""}, "end_event": {"id": "e", "type": "EmptyEndEvent", "incoming": ["fe"], "outgoing": "", "name": ""}, ')
    }
    function Activity([string] $id, [string] $in, [string] $out) {
        '"' + $id + '": {"id": "' + $id + '", "type": "ServiceActivity", "name": "' + $id + '", "incoming": [' + $in + '], "outgoing": "' + $out + '", "component": {"code": "sleep_timer", "data": {}}}'
    }
    function Flow([string] $id, [string] $source, [string] $target) { '"' + $id + '": {"id": "' + $id + '", "source": "' + $source + '", "target": "' + $target + '", "is_default": false}' }

    # Deep nesting: arrays and objects half a million levels deep.
    $t = [Text.StringBuilder]::new('{"x": '); Repeat $t '[' 499000; Repeat $t ']' 499000; [void]$t.Append('}'); Write-Case 'deep-arrays' $t
    $t = [Text.StringBuilder]::new('{"x": '); Repeat $t '{"a":' 166000; [void]$t.Append('1'); Repeat $t '}' 166000; [void]$t.Append('}'); Write-Case 'deep-objects' $t
    # Many findings: one node with 85,000 unknown incoming flows; 6,000 nodes whose every reference dangles.
    $t = Tree-Start; [void]$t.Append('"activities": {"a": {"id": "a", "type": "ServiceActivity", "name": "a", "outgoing": "fe", "component": {"code": "sleep_timer", "data": {}}, "incoming": ["f0"')
    for ($i = 0; $i -lt 85000; $i++) { [void]$t.Append(",`"u$i`"") }
    [void]$t.Append(']}}, "flows": {' + (Flow 'f0' 's' 'a') + ', ' + (Flow 'fe' 'a' 'e') + '}, "gateways": {}, "constants": {}, "outputs": []}'); Write-Case 'many-incoming' $t
    $t = Tree-Start; [void]$t.Append('"activities": {')
    for ($i = 0; $i -lt 6000; $i++) { if ($i) { [void]$t.Append(', ') }; [void]$t.Append((Activity "n$i" "`"x$i`"" "y$i")) }
    [void]$t.Append('}, "flows": {}, "gateways": {}, "constants": {}, "outputs": []}'); Write-Case 'dangling-everywhere' $t
    # Long strings: a 990,000-character name; 160,000 lone surrogate escapes quoted by a finding.
    $t = Tree-Start; [void]$t.Append('"activities": {' + (Activity 'a' '"f0"' 'fe').Replace('"name": "a"', '"name": "' + ('x' * 990000) + '"') + '}, "flows": {' + (Flow 'f0' 's' 'a') + ', ' + (Flow 'fe' 'a' 'e') + '}, "gateways": {}, "constants": {}, "outputs": []}'); Write-Case 'long-name' $t
    $t = Tree-Start; [void]$t.Append('"activities": {' + (Activity 'a' '"f0"' 'fe') + '}, "flows": {' + (Flow 'f0' 's' 'a') + ', ' + (Flow 'fe' 'a' ('\ud800' * 160000)) + '}, "gateways": {}, "constants": {}, "outputs": []}'); Write-Case 'surrogate-target' $t
    # Wide objects: 85,000 members that are not nodes; 95,000 repeated keys.
    $t = Tree-Start; [void]$t.Append('"activities": {'); for ($i = 0; $i -lt 85000; $i++) { [void]$t.Append($(if ($i) { ',' } else { '' }) + "`"k$i`":1") }; [void]$t.Append('}, "flows": {}, "gateways": {}}'); Write-Case 'wide-activities' $t
    $t = [Text.StringBuilder]::new('{"activities": {'); Repeat $t '"a":{},' 140000; [void]$t.Append('"a":{}}}'); Write-Case 'duplicate-keys' $t
    # Huge numbers: one of 999,900 digits; 90,000 that overflow a double.
    $t = [Text.StringBuilder]::new('{"start_event": '); Repeat $t '9' 999900; [void]$t.Append('}'); Write-Case 'long-number' $t
    $t = [Text.StringBuilder]::new('{"constants": {"${x}": {"value": ['); for ($i = 0; $i -lt 90000; $i++) { [void]$t.Append($(if ($i) { ',' } else { '' }) + '1e999') }; [void]$t.Append(']}}}'); Write-Case 'overflowing-numbers' $t
    # Gateways: one parallel gateway with 2,500 branches; 700 exclusive gateways nested in a row.
    $t = Tree-Start; $acts = [Collections.Generic.List[string]]::new(); $flows = [Collections.Generic.List[string]]::new()
    $flows.Add((Flow 'f0' 's' 'p')); $flows.Add((Flow 'fe' 'c' 'e'))
    $outs = [Collections.Generic.List[string]]::new(); $ins = [Collections.Generic.List[string]]::new()
    for ($i = 0; $i -lt 2500; $i++) { $acts.Add((Activity "b$i" "`"o$i`"" "i$i")); $flows.Add((Flow "o$i" 'p' "b$i")); $flows.Add((Flow "i$i" "b$i" 'c')); $outs.Add("`"o$i`""); $ins.Add("`"i$i`"") }
    [void]$t.Append('"activities": {' + ($acts -join ', ') + '}, "flows": {' + ($flows -join ', ') + '}, "gateways": {"p": {"id": "p", "type": "ParallelGateway", "name": "", "incoming": ["f0"], "outgoing": [' + ($outs -join ',') + '], "converge_gateway_id": "c"}, "c": {"id": "c", "type": "ConvergeGateway", "name": "", "incoming": [' + ($ins -join ',') + '], "outgoing": "fe"}}, "constants": {}, "outputs": []}')
    Write-Case 'wide-parallel' $t
    $t = Tree-Start; $acts = [Collections.Generic.List[string]]::new(); $flows = [Collections.Generic.List[string]]::new(); $gws = [Collections.Generic.List[string]]::new()
    $n = 700; $flows.Add((Flow 'f0' 's' 'g0')); $flows.Add((Flow 'fe' 'c0' 'e'))
    for ($i = 0; $i -lt $n; $i++) {
        $next = if ($i + 1 -lt $n) { "g$($i + 1)" } else { "c$i" }
        $acts.Add((Activity "a$i" "`"x$i`"" "y$i")); $flows.Add((Flow "x$i" "g$i" "a$i")); $flows.Add((Flow "y$i" "a$i" "c$i")); $flows.Add((Flow "d$i" "g$i" $next))
        $gws.Add("`"g$i`": {`"id`": `"g$i`", `"type`": `"ExclusiveGateway`", `"name`": `"`", `"incoming`": [`"$(if ($i) { "d$($i - 1)" } else { 'f0' })`"], `"outgoing`": [`"x$i`", `"d$i`"], `"conditions`": {`"x$i`": {`"evaluate`": `"1 == 1`"}, `"d$i`": {`"evaluate`": `"1 == 0`"}}}")
        $cin = @("`"y$i`""); if ($i + 1 -lt $n) { $cin += "`"z$($i + 1)`"" } else { $cin += "`"d$i`"" }
        $cout = if ($i) { "z$i" } else { 'fe' }
        if ($i) { $flows.Add((Flow "z$i" "c$i" "c$($i - 1)")) }
        $gws.Add("`"c$i`": {`"id`": `"c$i`", `"type`": `"ConvergeGateway`", `"name`": `"`", `"incoming`": [$($cin -join ',')], `"outgoing`": `"$cout`"}")
    }
    [void]$t.Append('"activities": {' + ($acts -join ', ') + '}, "flows": {' + ($flows -join ', ') + '}, "gateways": {' + ($gws -join ', ') + '}, "constants": {}, "outputs": []}')
    Write-Case 'nested-exclusive' $t
}

Describe 'Inputs under 1 MB stay within 1 GB and 10 s in every cmdlet' {
    It 'each worst case goes through Import, Test, Repair, Export, Export-BkSopsDiagnostic and the drawings in bounds' {
        $script = {
            param($folder, $module)
            Import-Module $module
            $ErrorActionPreference = 'SilentlyContinue'
            $WarningPreference = 'SilentlyContinue'
            $out = Join-Path $folder 'out'
            $null = New-Item -ItemType Directory $out
            foreach ($file in Get-ChildItem $folder -Filter *.json) {
                $path = $file.FullName
                $steps = [ordered]@{
                    Import = { $script:tree = Import-BkSopsPipeline -LiteralPath $path }
                    Test = { if ($tree) { $script:result = Test-BkSopsPipeline -InputObject $tree -Detailed } }
                    Repair = { if ($tree) { $null = Repair-BkSopsPipeline -InputObject $tree } }
                    Export = { if ($tree) { $tree | Export-BkSopsPipeline -Path (Join-Path $out 'tree.json') } }
                    Sarif = { if ($result) { $result | Export-BkSopsDiagnostic -Format Sarif -Path (Join-Path $out 'report.sarif') } }
                    Diagram = { if ($tree) { $null = ConvertTo-BkSopsDiagram -InputObject $tree -HighlightDiagnostics } }
                    Show = { if ($tree) { Show-BkSopsPipeline -InputObject $tree 6>$null } }
                }
                $script:tree = $null; $script:result = $null
                foreach ($step in $steps.GetEnumerator()) {
                    $clock = [Diagnostics.Stopwatch]::StartNew()
                    try { & $step.Value } catch { "ERROR $($file.BaseName) $($step.Key) $($_.FullyQualifiedErrorId)" }
                    "TIME $($file.BaseName) $($step.Key) $($clock.Elapsed.TotalSeconds)"
                }
            }
            "PEAK $([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)"
        }
        $command = "& { $script } '$Folder' '$env:BKSOPS_TEST_MODULE'"
        $run = Invoke-ChildPwsh $command
        $times = @($run.Output | Where-Object { $_ -like 'TIME *' } | ForEach-Object { $p = $_ -split ' '; [pscustomobject]@{ Case = $p[1]; Cmdlet = $p[2]; Seconds = [double]$p[3] } })
        $peak = [long](($run.Output | Where-Object { $_ -like 'PEAK *' }) -replace 'PEAK ', '')
        $slowest = $times | Sort-Object Seconds -Descending | Select-Object -First 1
        $run.Output | Where-Object { $_ -like 'TIME *' -or $_ -like 'ERROR *' } | Write-Host
        Write-Host ("limits: {0} runs, slowest {1} {2} {3:N2} s, peak working set {4:N0} MB" -f $times.Count, $slowest.Case, $slowest.Cmdlet, $slowest.Seconds, ($peak / 1MB))
        $times.Count | Should -Be (12 * 7) -Because ($run.Output -join "`n")
        @($times | Where-Object Seconds -gt 10 | ForEach-Object { "$($_.Case) $($_.Cmdlet) $($_.Seconds) s" }) | Should -BeNullOrEmpty
        $peak | Should -BeGreaterThan 0
        $peak | Should -BeLessThan 1GB
    }
}
