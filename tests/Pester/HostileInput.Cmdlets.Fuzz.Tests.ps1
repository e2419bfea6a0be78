# Seeded fuzz test (issue #13), the sibling of HostileInput.Fuzz.Tests.ps1 (which covers the tree cmdlets): generated
# hostile inputs through the builder (ConvertTo-BkSopsPipeline with step objects, CSV rows and hashtables; the
# New-BkSopsPipeline DSL), the drawings, the sandbox's HTTP server (bodies, methods, paths, headers) and the client
# cmdlets against a sandbox (hostile trees, parameters and ids). Fails on an exception that is not a BkSops.* error
# record or a PowerShell parameter-binding error, on a built tree whose round trip changes it, and on a sandbox that
# stops answering. BKSOPS_FUZZ_COUNT scales every section (default 1: about 2,900 inputs).
BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Scale = if ($env:BKSOPS_FUZZ_COUNT) { [Math]::Max(0.05, [int]$env:BKSOPS_FUZZ_COUNT / 2000) } else { 1 }
    $script:Random = [Random]::new(13131)
    $script:Utf8 = [Text.UTF8Encoding]::new($false)
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:SeedTrees = @(Get-ChildItem $Examples -Filter *.json | ForEach-Object { Import-BkSopsPipeline -LiteralPath $_.FullName -WarningAction SilentlyContinue })
    $script:Counts = [ordered]@{}

    function Pick($list) { $list[$Random.Next($list.Count)] }
    function Times([int] $n) { [Math]::Max(1, [int]($n * $Scale)) }

    $script:HostileText = @(
        '', ' ', 'a', "a$([char]0xD800)", "$([char]0xDC00)x", "`u{1F600}", "$([char]0)", "tab`there", "line`nbreak", '${x}', '${', '}}',
        '"quoted"', "it's", '<b>&amp;</b>', '[x](y)', '#', '%00', '../../etc', '\\server\share', 'ÅÄÖ 中文', "$([char]0x202E)rtl",
        ('x' * 5000), ('long ' * 4000), 'sleep_timer', 'node1', 'Name', '${bk_timing} > 1 and "a" in ${x}', '1 ==', '(((', 'True', '-1'
    )
    function Hostile-Value {
        switch ($Random.Next(14)) {
            0 { $null }
            1 { Pick $HostileText }
            2 { Pick @(0, -1, [int]::MaxValue, [long]::MinValue, 1e308, [double]::NaN, [double]::NegativeInfinity, 0.1) }
            3 { $true }
            4 { , @(1, 'two', $null) }
            5 { @{ nested = @{ deeper = (Pick $HostileText) } } }
            6 { [pscustomobject]@{ a = 1; b = (Pick $HostileText) } }
            7 { { 'a script block' } }
            8 { [datetime]::new(2020, 1, 1) }
            9 { [guid]::Empty }
            10 { , [object[]]@() }
            11 { [char]0xD800 }
            12 { Pick $SeedTrees }
            13 { , (1..50 | ForEach-Object { "item$_" }) }
        }
    }
    $script:StepKeys = @('Name', 'Code', 'Stage', 'Version', 'Data', 'Inputs', 'ErrorIgnorable', 'Retryable', 'Skippable', 'ParallelGroup',
        'bk_timing', 'name', 'CODE', "k$([char]0xD800)", '', ' ', 'TemplateId', 'Type', 'Id', 'Next')
    function Hostile-Step {
        $step = [ordered]@{}
        if ($Random.Next(4) -ne 0) { $step['Name'] = if ($Random.Next(2) -eq 0) { "Step $($Random.Next(1000))" } else { Hostile-Value } }
        if ($Random.Next(4) -ne 0) { $step['Code'] = if ($Random.Next(2) -eq 0) { 'sleep_timer' } else { Hostile-Value } }
        for ($k = $Random.Next(4); $k -gt 0; $k--) {
            $key = Pick $StepKeys
            if ($key -ne '' -and -not $step.Contains($key)) { $step[$key] = Hostile-Value }
        }
        switch ($Random.Next(4)) {
            0 { $step }
            1 { [pscustomobject]$step }
            2 { Hostile-Value }
            3 { $h = @{}; foreach ($k in $step.Keys) { $h[$k] = $step[$k] }; $h }
        }
    }
    function Hostile-Csv([int] $rows) {
        $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        $columns = @('Name', 'Code') + @(1..$Random.Next(4) | ForEach-Object { Pick $StepKeys }) | Where-Object { $_.Trim() -ne '' -and $seen.Add($_) }
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add(($columns | ForEach-Object { '"' + ($_ -replace '"', '""') + '"' }) -join ',')
        for ($r = 0; $r -lt $rows; $r++) {
            $lines.Add(($columns | ForEach-Object { '"' + ("$(Pick $HostileText)" -replace '"', '""') + '"' }) -join ',')
        }
        , @($lines | ConvertFrom-Csv)
    }

    # Binding errors are PowerShell's own answer to a value of the wrong type; everything else must be a BkSops.* record.
    $script:BindingIds = '^(ParameterArgumentTransformationError|ParameterArgumentValidationError|CannotConvertArgument|MissingArgument|ParameterBindingFailed|InputObjectNotBound|AmbiguousParameterSet|PositionalParameterNotFound|NamedParameterNotFound|ParameterBindingException|CannotConvertArgumentNoMessage)'
    function Check-Errors($errors, [string] $what, $failures) {
        foreach ($e in $errors) {
            if ($e -is [Management.Automation.ErrorRecord] -and $e.Exception.Message -eq 'from the body') { continue }  # the user's own throw
            if ($e -is [Management.Automation.ErrorRecord]) {
                $id = $e.FullyQualifiedErrorId
                if ($id -notlike 'BkSops.*' -and $id -notmatch $BindingIds) { $failures.Add("$what -> $id : $($e.Exception.GetType().FullName): $($e.Exception.Message)") }
            }
            else { $failures.Add("$what -> $($e.GetType().Name): $e") }
        }
    }
    # Runs the script and checks every error it raised, terminating or not, wherever it was written ($Error sees them
    # all, also those a redirection would miss); returns the output.
    function Invoke-Checked([scriptblock] $Script, [string] $what, $failures) {
        $Error.Clear()
        $ErrorActionPreference = 'SilentlyContinue'
        $out = $null
        try { $out = @(& $Script) } catch { }
        Check-Errors @($Error) $what $failures
        $out
    }
    function Check-RoundTrip($tree, [string] $what, $failures) {
        $json = $tree | Export-BkSopsPipeline -Compress
        $again = Import-BkSopsPipeline -Json $json -WarningAction SilentlyContinue
        if (($again | Export-BkSopsPipeline -Compress) -cne $json) { $failures.Add("${what}: the built tree reads back differently") }
    }
}

Describe 'Hostile input fuzz through every cmdlet (seeded)' {
    It 'ConvertTo-BkSopsPipeline takes hostile steps, hashtables and CSV rows: BkSops errors or trees that round-trip' {
        $failures = [Collections.Generic.List[string]]::new()
        $n = Times 500
        for ($i = 0; $i -lt $n; $i++) {
            $steps = if ($Random.Next(4) -eq 0) { Hostile-Csv (1 + $Random.Next(5)) } else { @(1..(1 + $Random.Next(6)) | ForEach-Object { Hostile-Step }) }
            $params = @{ ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue'; Seed = $i }
            if ($Random.Next(3) -eq 0) { $params.Name = Pick $HostileText }
            if ($Random.Next(4) -eq 0) { $params.Constant = @{ (Pick @('env', 'my-var', "c$([char]0xD800)", '${x}', 'timing')) = (Hostile-Value) } }
            if ($Random.Next(5) -eq 0) { $params.StageProperty = Pick $StepKeys }
            if ($Random.Next(5) -eq 0) { $params.ExposeInput = @(Pick @('bk_timing', 'Name', '', "x$([char]0xDC00)")) }
            $trees = @(Invoke-Checked { $steps | ConvertTo-BkSopsPipeline @params } "convert $i" $failures)
            foreach ($tree in $trees | Where-Object { $_ -is [BkSops.Model.PipelineTree] }) {
                Check-RoundTrip $tree "convert $i" $failures
                $null = Invoke-Checked { Test-BkSopsPipeline -InputObject $tree -ErrorAction SilentlyContinue } "convert $i test" $failures
            }
            if ($failures.Count -gt 20) { break }
        }
        $Counts['builder'] = $i
        $failures | Select-Object -First 20 | Should -BeNullOrEmpty
    }

    It 'New-BkSopsPipeline, -Gateway, -Branch and -SubProcess take hostile names, conditions and bodies' {
        $failures = [Collections.Generic.List[string]]::new()
        $n = Times 300
        for ($i = 0; $i -lt $n; $i++) {
            $kind = Pick @('Exclusive', 'Parallel', 'Conditional', 'Inclusive', 'Nope', '')
            $condition = Pick $HostileText
            $goTo = Pick @('Step 1', 'missing', '', "x$([char]0xD800)")
            $template = Pick @(1, 0, -5, [long]::MaxValue, 'abc', $null)
            $name = Pick $HostileText
            $step = Hostile-Step
            $body = switch ($Random.Next(5)) {
                0 { { @{ Name = 'Step 1'; Code = 'sleep_timer' }; New-BkSopsGateway $kind { New-BkSopsBranch -Condition $condition { $step }; New-BkSopsBranch -Default { @{ Name = 'B'; Code = 'x' } } } } }
                1 { { $step; New-BkSopsBranch -Condition $condition -GoTo $goTo } }
                2 { { New-BkSopsSubProcess -Name $name -TemplateId $template -Stage $condition } }
                3 { { New-BkSopsGateway Parallel { $step; New-BkSopsGateway Exclusive { New-BkSopsBranch -Condition $condition -GoTo $goTo; New-BkSopsBranch -Default { $step } } } } }
                4 { { throw 'from the body' } }
            }
            $trees = @(Invoke-Checked { New-BkSopsPipeline -Name $name -Seed $i -ErrorAction SilentlyContinue -WarningAction SilentlyContinue $body } "dsl $i" $failures)
            foreach ($tree in $trees | Where-Object { $_ -is [BkSops.Model.PipelineTree] }) { Check-RoundTrip $tree "dsl $i" $failures }
            if ($failures.Count -gt 20) { break }
        }
        $Counts['dsl'] = $i
        $failures | Select-Object -First 20 | Should -BeNullOrEmpty
    }

    It 'ConvertTo-BkSopsDiagram and Show-BkSopsPipeline draw trees with hostile names, conditions and broken graphs' {
        $failures = [Collections.Generic.List[string]]::new()
        $formats = [Enum]::GetNames([BkSops.Rendering.DiagramFormat])
        $n = Times 350
        for ($i = 0; $i -lt $n; $i++) {
            $tree = (Pick $SeedTrees).Clone()
            $root = $tree.Root
            foreach ($section in 'activities', 'gateways', 'flows') {
                $nodes = $root[$section]
                if ($nodes -isnot [BkSops.Json.JsonObject] -or $nodes.Count -eq 0) { continue }
                $node = $nodes[(Pick @($nodes.Keys))]
                if ($node -isnot [BkSops.Json.JsonObject]) { continue }
                switch ($Random.Next(6)) {
                    0 { [void]$node.Set('name', [BkSops.Json.JsonString]::new((Pick $HostileText))) }
                    1 { [void]$node.Set('stage_name', [BkSops.Json.JsonString]::new((Pick $HostileText))) }
                    2 { [void]$node.Set((Pick @('source', 'target', 'outgoing', 'incoming')), [BkSops.Json.JsonString]::new((Pick @('nowhere', '', "n$([char]0xD800)")))) }
                    3 { [void]$node.Set('type', [BkSops.Json.JsonString]::new((Pick @('ExclusiveGateway', 'Nope', 'SubProcess', '')))) }
                    4 { [void]$nodes.Remove((Pick @($nodes.Keys))) }
                    5 {
                        $condition = [BkSops.Json.JsonObject]::new()
                        [void]$condition.Set('evaluate', [BkSops.Json.JsonString]::new((Pick $HostileText)))
                        $conditions = [BkSops.Json.JsonObject]::new()
                        [void]$conditions.Set((Pick @('x', @($root['flows'].Keys)[0])), $condition)
                        [void]$node.Set('conditions', $conditions)
                    }
                }
            }
            $format = Pick $formats
            $null = Invoke-Checked { ConvertTo-BkSopsDiagram -InputObject $tree -Format $format -HighlightDiagnostics:($Random.Next(2) -eq 0) -ErrorAction SilentlyContinue -WarningAction SilentlyContinue } "diagram $i $format" $failures
            $null = Invoke-Checked { Show-BkSopsPipeline -InputObject $tree -HighlightDiagnostics:($Random.Next(2) -eq 0) -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 6>$null } "show $i" $failures
            if ($failures.Count -gt 20) { break }
        }
        $Counts['drawings'] = $i
        $failures | Select-Object -First 20 | Should -BeNullOrEmpty
    }

    Context 'against a sandbox' {
        BeforeAll {
            $script:Sb = Start-BkSopsSandbox -TimeScale 0.01
            $script:Http = [Net.Http.HttpClient]::new()
            $Http.Timeout = [TimeSpan]::FromSeconds(20)
            $pass = $Sb.Credential.GetNetworkCredential().Password
            $script:Auth = @{ bk_app_code = $Sb.Credential.UserName; bk_app_secret = $pass; bk_username = $Sb.UserName } | ConvertTo-Json -Compress
            $script:SeedBody = [IO.File]::ReadAllBytes((Join-Path $Examples 'seed-tree.json'))
            function Send([string] $method, [string] $path, $headers, [byte[]] $body) {
                $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::new($method), "$($Sb.Uri)$path")
                foreach ($h in $headers.GetEnumerator()) { [void]$request.Headers.TryAddWithoutValidation($h.Key, [string]$h.Value) }
                if ($null -ne $body) {
                    $request.Content = [Net.Http.ByteArrayContent]::new($body)
                    [void]$request.Content.Headers.TryAddWithoutValidation('Content-Type', (Pick @('application/json', 'text/plain', 'application/json; charset=latin1', '', 'multipart/form-data; boundary=x')))
                }
                try { $response = $Http.SendAsync($request).GetAwaiter().GetResult(); [int]$response.StatusCode; $response.Dispose() }
                catch { "no answer: $($_.Exception.InnerException.Message ?? $_.Exception.Message)" }
                finally { $request.Dispose() }
            }
        }
        AfterAll {
            if ($Http) { $Http.Dispose() }
            Disconnect-BkSops -ErrorAction SilentlyContinue
            if ($Sb) { Stop-BkSopsSandbox -Sandbox $Sb }
        }

        It 'the sandbox answers hostile methods, paths, headers and bodies, never with a 5xx, and keeps serving' {
            $failures = [Collections.Generic.List[string]]::new()
            $paths = @('/prod/fast_create_task/2/', '/prod/get_task_status/1/2/', '/prod/operate_task/1/2/', '/prod/get_task_list/2/',
                '/prod/get_task_detail/1/2/', '/prod/get_task_node_detail/1/2/', '/prod/get_plugin_list/2/', '/prod/get_user_project_list/',
                '/prod/start_task/1/2/', '/prod/nope/', '/prod/fast_create_task/abc/', '/prod/fast_create_task/99999999999999999999/',
                '/test/get_task_list/2/', '/prod/get_task_status/-1/2/', "/prod/get_task_list/2/?x=%ED%A0%80%FF", '/prod/%00/', '/prod/../../etc/passwd',
                ('/prod/' + ('a' * 10000)), '/prod/get_task_list/2/?bk_biz_id=2&scope=nope', '')
            $statuses = @{}
            $n = Times 600
            for ($i = 0; $i -lt $n; $i++) {
                $headers = @{}
                switch ($Random.Next(6)) {
                    0 { $headers['X-Bkapi-Authorization'] = $Auth }
                    1 { $headers['X-Bkapi-Authorization'] = Pick @('', '{', 'null', '[]', '{"bk_app_code": 1}', ('{"a":' * 5000), ('x' * 60000)) }
                    2 { $headers['X-Bkapi-Authorization'] = $Auth; $headers['Content-Length'] = Pick @('-1', 'abc', '99999999999') }
                    3 { $headers['X-Bkapi-Authorization'] = $Auth; $headers['Transfer-Encoding'] = 'chunked' }
                    4 { $headers[(Pick @('X-Weird', 'Cookie', 'Host', 'Expect'))] = Pick @('100-continue', '%FF%00', ('x' * 8000), '"; drop') }
                    5 { }
                }
                $body = switch ($Random.Next(8)) {
                    0 { $null }
                    1 { $SeedBody }
                    2 { $Utf8.GetBytes('{"name": "t", "pipeline_tree": ' + $Utf8.GetString($SeedBody) + '}') }
                    3 { $b = [byte[]]$SeedBody.Clone(); for ($k = 0; $k -lt 5; $k++) { $b[$Random.Next($b.Length)] = [byte]$Random.Next(256) }; , $b }
                    4 { , [byte[]](0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80) }
                    5 { $Utf8.GetBytes('{"name":' + ('[' * 20000) + (']' * 20000) + '}') }
                    6 { $Utf8.GetBytes('{"name": "' + (Pick $HostileText) + '", "pipeline_tree": {"pipeline_tree": {}}, "constants": 5}') }
                    7 { , [byte[]]::new(1 + $Random.Next(300000)) }
                }
                $method = Pick @('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'FOO')
                $path = Pick $paths
                $status = Send $method $path $headers $body
                $statuses["$status"] = 1 + [int]$statuses["$status"]
                # A request whose framing is broken on purpose (Content-Length, Transfer-Encoding) may be dropped, as any server may.
                $broken = $headers.ContainsKey('Content-Length') -or $headers.ContainsKey('Transfer-Encoding') -or $headers['Host']
                if (($status -isnot [int] -and -not $broken) -or ($status -is [int] -and $status -ge 500)) {
                    $failures.Add("request $i ($method $path, headers $($headers.Keys -join '/'), $($body.Length) bytes) -> $status")
                }
                if ($i % 100 -eq 99 -and (Send 'GET' '/prod/get_task_list/2/' @{ 'X-Bkapi-Authorization' = $Auth } $null) -ne 200) { $failures.Add("after request $i the sandbox no longer lists tasks") }
                if ($failures.Count -gt 20) { break }
            }
            $Counts['http'] = $i
            Write-Host ("sandbox answers: " + (($statuses.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name) x$($_.Value)" }) -join ', '))
            $failures | Select-Object -First 20 | Should -BeNullOrEmpty
            $Sb.IsRunning | Should -BeTrue
            Send 'GET' '/prod/get_task_list/2/' @{ 'X-Bkapi-Authorization' = $Auth } $null | Should -Be 200
        }

        It 'New/Get/Start/Wait/Stop-BkSopsTask take hostile trees, parameters and ids with BkSops or binding errors only' {
            $failures = [Collections.Generic.List[string]]::new()
            $null = Connect-BkSops -Sandbox $Sb
            $ids = @(1, 0, -1, 2, [long]::MaxValue, [long]::MinValue, 'abc', '', $null, 1.5, '1e3', "$([char]0xD800)", [double]::NaN)
            $n = Times 300
            for ($i = 0; $i -lt $n; $i++) {
                $tree = (Pick $SeedTrees).Clone()
                $nodes = $tree.Root['activities']
                if ($nodes -is [BkSops.Json.JsonObject] -and $nodes.Count -gt 0 -and $Random.Next(2) -eq 0) {
                    $node = $nodes[(Pick @($nodes.Keys))]
                    [void]$node.Set((Pick @('name', 'component', 'incoming', 'type')), [BkSops.Json.JsonString]::new((Pick $HostileText)))
                }
                $project = Pick @(2, 1, 0, -1, 99999, [long]::MaxValue, 'two', $null)
                $name = Pick $HostileText
                switch ($Random.Next(6)) {
                    0 { $null = Invoke-Checked { New-BkSopsTask -ProjectId $project -Name $name -Pipeline $tree -Description (Pick $HostileText) -SkipValidation:($Random.Next(2) -eq 0) -ErrorAction SilentlyContinue -WarningAction SilentlyContinue } "new $i" $failures }
                    1 { $null = Invoke-Checked { New-BkSopsTask -ProjectId 2 -Name $name -Pipeline $tree -Scope (Pick $HostileText) -Category (Pick $HostileText) -FlowType (Pick $HostileText) -ErrorAction SilentlyContinue -WarningAction SilentlyContinue } "new $i scope" $failures }
                    2 { $null = Invoke-Checked { Get-BkSopsTask -ProjectId $project -TaskId (Pick $ids) -Detailed:($Random.Next(2) -eq 0) -ErrorAction SilentlyContinue } "get $i" $failures }
                    3 { $null = Invoke-Checked { Start-BkSopsTask -ProjectId $project -TaskId (Pick $ids) -ErrorAction SilentlyContinue } "start $i" $failures }
                    4 { $null = Invoke-Checked { Wait-BkSopsTask -ProjectId $project -TaskId (Pick $ids) -Timeout (Pick @(1, 0, -1)) -PollInterval (Pick @(0.05, 0, -1, [double]::NaN)) -ErrorAction SilentlyContinue } "wait $i" $failures }
                    5 { $null = Invoke-Checked { Stop-BkSopsTask -ProjectId $project -TaskId (Pick $ids) -Force -ErrorAction SilentlyContinue } "stop $i" $failures }
                }
                if ($failures.Count -gt 20) { break }
            }
            $Counts['client'] = $i
            $failures | Select-Object -First 20 | Should -BeNullOrEmpty
        }
    }

    AfterAll {
        Write-Host ("cmdlet fuzz inputs: " + (($Counts.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', ') + ", total $(($Counts.Values | Measure-Object -Sum).Sum)")
    }
}
