# The client cmdlets end to end against a sandbox on loopback (real HTTP): connection, task creation on both
# channels and scopes, wrong credentials, every injected fault with its retry or error, and no duplicate task.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Seed = Import-BkSopsPipeline -Path (Join-Path $Examples 'seed-tree.json')
    $script:Sb = Start-BkSopsSandbox
    $script:Secret = $Sb.Credential.GetNetworkCredential().Password
    function Get-Error([scriptblock] $Script) {
        # Every error record the script writes, and a terminating error as the last one.
        $errors = [Collections.Generic.List[object]]::new()
        try { & $Script 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } } }
        catch { $errors.Add($_) }
        , $errors.ToArray()
    }
}

AfterAll {
    Disconnect-BkSops -ErrorAction SilentlyContinue
    if ($Sb) { Stop-BkSopsSandbox -Sandbox $Sb }
}

Describe 'Connect-BkSops' {
    It 'connects to a sandbox and makes the connection current' {
        $c = Connect-BkSops -Sandbox $Sb
        $c.PSTypeNames[0] | Should -Be 'BkSops.Connection'
        $c.Channel | Should -Be 'ApiGateway'
        $c.Uri.AbsoluteUri | Should -Be ($Sb.Uri.TrimEnd('/'))
        $c.AppCode | Should -Be 'bksops-sandbox'
        (Get-BkSopsConnection).Id | Should -Be $c.Id
        ($c | Out-String) | Should -Match 'ApiGateway'
    }

    It 'connects from the BKSOPS_* environment variables' {
        $saved = @{}
        foreach ($n in 'BKSOPS_URI', 'BKSOPS_APP_CODE', 'BKSOPS_APP_SECRET', 'BKSOPS_USERNAME', 'BKSOPS_SCOPE', 'BKSOPS_CHANNEL') { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            $env:BKSOPS_URI = $Sb.EsbUri; $env:BKSOPS_CHANNEL = 'Esb'; $env:BKSOPS_APP_CODE = 'bksops-sandbox'
            $env:BKSOPS_APP_SECRET = $Secret; $env:BKSOPS_USERNAME = 'ops'; $env:BKSOPS_SCOPE = 'project'
            $c = Connect-BkSops
            $c.Channel | Should -Be 'Esb'
            $c.UserName | Should -Be 'ops'
            $c.Scope | Should -Be 'project'
            (Get-BkSopsProject).ProjectId | Should -Be 1
        }
        finally { foreach ($n in $saved.Keys) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) } }
    }

    It 'refuses plain http to another host unless -AllowUnencrypted' {
        $errors = Get-Error { Connect-BkSops -Uri 'http://bkapi.example.com/api/bk-sops' -Credential $Sb.Credential -UserName admin }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Connection.Unencrypted,BkSops.Commands.ConnectBkSopsCommand'
        $c = Connect-BkSops -Uri 'http://bkapi.example.com/api/bk-sops' -Credential $Sb.Credential -UserName admin -AllowUnencrypted
        $c.Uri.Host | Should -Be 'bkapi.example.com'
    }

    It 'names what is missing' {
        $errors = Get-Error { Connect-BkSops -Uri $Sb.Uri -Credential $Sb.Credential }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Connection.MissingUser,BkSops.Commands.ConnectBkSopsCommand'
    }

    It 'Disconnect-BkSops closes the current connection' {
        $c = Connect-BkSops -Sandbox $Sb
        Disconnect-BkSops
        $c.IsOpen | Should -BeFalse
        $errors = Get-Error { Get-BkSopsConnection }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Connection.NotConnected,BkSops.Commands.GetBkSopsConnectionCommand'
        $errors = Get-Error { Get-BkSopsProject -Connection $c }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Connection.Closed,BkSops.Commands.GetBkSopsProjectCommand'
    }
}

Describe 'New-BkSopsTask on <Channel> with scope <Scope>' -ForEach @(
    @{ Channel = 'ApiGateway'; Scope = 'cmdb_biz'; Id = 2 }
    @{ Channel = 'ApiGateway'; Scope = 'project'; Id = 1 }
    @{ Channel = 'Esb'; Scope = 'cmdb_biz'; Id = 2 }
    @{ Channel = 'Esb'; Scope = 'project'; Id = 1 }
) {
    BeforeAll { $script:Conn = Connect-BkSops -Sandbox $Sb -Channel $Channel -Scope $Scope }

    It 'repairs, submits and maps every id' {
        $before = $Sb.TaskCount
        $task = New-BkSopsTask -ProjectId $Id -Name "seed $Channel $Scope" -Pipeline $Seed
        $task.PSTypeNames[0] | Should -Be 'BkSops.Task'
        $task.TaskId | Should -BeGreaterThan 0
        $task.ProjectId | Should -Be $Id
        $task.Scope | Should -Be $Scope
        $task.TaskUrl | Should -Match "instance_id=$($task.TaskId)"
        $task.PipelineTree.ActivityCount | Should -Be 4
        $task.IdMap.Count | Should -Be (2 + $Seed.ActivityCount + $Seed.GatewayCount + $Seed.FlowCount)
        foreach ($a in $Seed.Activities) { $task.PipelineTree.Root['activities'][$task.IdMap[$a.Key]]['template_node_id'].Value | Should -Be $a.Key }
        $Sb.TaskCount | Should -Be ($before + 1)
    }

    It 'every task cmdlet, Get-BkSopsPlugin and Get-BkSopsProject work on this channel and scope' {
        $paused = $Seed.Clone()
        $null = $paused.Root['activities']['node5310ec36c0364d3094d515f8f5ef']['component'].Set('code', [BkSops.Json.JsonString]::new('pause_node'))
        $task = New-BkSopsTask -ProjectId $Id -Name "steer $Channel $Scope" -Pipeline $paused | Start-BkSopsTask -PassThru
        $task.Scope | Should -Be $Scope
        ($task | Get-BkSopsTask).State | Should -BeIn 'CREATED', 'RUNNING'
        $task | Suspend-BkSopsTask
        ($task | Get-BkSopsTask).State | Should -Be 'SUSPENDED'
        ($task | Resume-BkSopsTask -PassThru).TaskId | Should -Be $task.TaskId
        ($task | Get-BkSopsTask -Detailed).State | Should -Be 'RUNNING'
        (Get-BkSopsTask -ProjectId $Id -TaskId $task.TaskId -Scope $Scope).State | Should -Be 'RUNNING'
        $task | Stop-BkSopsTask -Force
        $errors = @()
        ($task | Wait-BkSopsTask -Timeout 30 -ErrorVariable errors -ErrorAction SilentlyContinue).State | Should -Be 'REVOKED'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BkSops.Task.REVOKED*'
        (Get-BkSopsPlugin -ProjectId $Id -Scope $Scope).Code | Should -Contain 'sleep_timer'
        (Get-BkSopsProject).ProjectId | Should -Contain 1
    }

    It 'a wrong scope for the id is an Api error with the server message and an explanation' {
        $wrong = if ($Scope -eq 'project') { 99 } else { 1 }
        $errors = Get-Error { New-BkSopsTask -ProjectId $wrong -Name 'x' -Pipeline $Seed }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Api.3540400,BkSops.Commands.NewBkSopsTaskCommand'
        $errors[0].Exception.Data['Code'] | Should -Be 3540400
        $errors[0].Exception.Data['HttpStatus'] | Should -Be 200
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-BkSopsProject'
    }
}

Describe 'New-BkSopsTask input and checks' {
    BeforeAll { $script:Conn = Connect-BkSops -Sandbox $Sb }

    It 'a piped project object uses its ProjectId with scope project, or its BkBizId with -Scope cmdb_biz' {
        $t = $Sb.Project | New-BkSopsTask -Name 'from project' -Pipeline $Seed
        $t.ProjectId | Should -Be 1
        $t.Scope | Should -Be 'project'
        $t = $Sb.Project | New-BkSopsTask -Name 'from project biz' -Pipeline $Seed -Scope cmdb_biz
        $t.ProjectId | Should -Be 2
        $t.Scope | Should -Be 'cmdb_biz'
    }

    It 'takes rows with Name and Pipeline by property name, and JSON text, in input order with -ThrottleLimit' {
        $json = $Seed.ToJson($false)
        $rows = 1..6 | ForEach-Object { [pscustomobject]@{ Name = "row $_"; Pipeline = $json; Category = 'OpsTools' } }
        $before = $Sb.TaskCount
        $tasks = @($rows | New-BkSopsTask -ProjectId 2 -ThrottleLimit 4)
        $tasks.Name | Should -Be ($rows.Name)
        ($tasks.TaskId | Sort-Object -Unique).Count | Should -Be 6
        $Sb.TaskCount | Should -Be ($before + 6)
    }

    It 'sends nothing for a tree the server would refuse and goes on with the others' {
        $bad = $Seed.Clone()
        $bad.Root.Remove('flows') | Should -BeTrue
        $before = $Sb.TaskCount
        $errors = @()
        $tasks = @($Seed, $bad, $Seed | New-BkSopsTask -ProjectId 2 -Name 'bulk' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $tasks.Count | Should -Be 2
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Validation.MissingField,BkSops.Commands.NewBkSopsTaskCommand'
        $errors[0].TargetObject | Should -Be $bad
        $errors[0].Exception.Message | Should -Match 'Not sent'
        $Sb.TaskCount | Should -Be ($before + 2)
    }

    It 'says what repair changed in Verbose' {
        $verbose = New-BkSopsTask -ProjectId 2 -Name 'verbose' -Pipeline $Seed -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'repaired \$\.activities\[.+\]\.incoming'
        ($verbose.Message -join "`n") | Should -Match 'POST /api/bk-sops/prod/fast_create_task/2/ -> 200'
    }

    It '-SkipValidation sends the tree as given, and the server''s cryptic answer is explained' {
        $errors = Get-Error { New-BkSopsTask -ProjectId 2 -Name 'raw' -Pipeline $Seed -SkipValidation }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Api.3540000,BkSops.Commands.NewBkSopsTaskCommand'
        $errors[0].Exception.ServerMessage | Should -Be "[API] fast_create_task get invalid pipeline_tree: 'l'"
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'incoming'
    }

    It '-WhatIf shows the exact request with secrets redacted and sends nothing' {
        $before = $Sb.TaskCount
        # WhatIf writes to the host: read it back from a transcript.
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "bksops-whatif-$PID.txt"
        $null = Start-Transcript -LiteralPath $transcript
        try { New-BkSopsTask -ProjectId 2 -Name 'what if' -Pipeline $Seed -WhatIf } finally { $null = Stop-Transcript }
        $text = Get-Content -LiteralPath $transcript -Raw
        Remove-Item -LiteralPath $transcript
        $text | Should -Match 'POST http://127\.0\.0\.1:\d+/api/bk-sops/prod/fast_create_task/2/'
        $text | Should -Match '"bk_app_secret":"\*\*\*"'
        $text | Should -Match '"pipeline_tree":\{'
        $text | Should -Not -Match ([regex]::Escape($Secret))
        $Sb.TaskCount | Should -Be $before
    }
}

Describe 'Wrong credentials' {
    It 'a wrong app secret on the gateway is BkSops.Gateway.1640001, explained' {
        $bad = [pscredential]::new('bksops-sandbox', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $c = Connect-BkSops -Uri $Sb.Uri -Credential $bad -UserName admin
        $errors = Get-Error { New-BkSopsTask -ProjectId 2 -Name 'x' -Pipeline $Seed -Connection $c }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Gateway.1640001,BkSops.Commands.NewBkSopsTaskCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errors[0].Exception.Data['HttpStatus'] | Should -Be 400
        $errors[0].Exception.Data['RequestId'] | Should -Not -BeNullOrEmpty
        $errors[0].ErrorDetails.RecommendedAction | Should -Match '-Credential'
    }

    It 'a wrong bk_token is refused' {
        $c = Connect-BkSops -Uri $Sb.Uri -Credential $Sb.Credential -UserToken (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force)
        $errors = Get-Error { Get-BkSopsProject -Connection $c }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Gateway.1640001,BkSops.Commands.GetBkSopsProjectCommand'
        $ok = Connect-BkSops -Uri $Sb.Uri -Credential $Sb.Credential -UserToken $Sb.UserToken
        (Get-BkSopsProject -Connection $ok).Name | Should -Be 'Sandbox'
    }

    It 'a wrong app secret on the ESB is a refusal, not a task' {
        $bad = [pscredential]::new('bksops-sandbox', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $c = Connect-BkSops -Uri $Sb.EsbUri -Channel Esb -Credential $bad -UserName admin
        $before = $Sb.TaskCount
        $errors = Get-Error { New-BkSopsTask -ProjectId 2 -Name 'x' -Pipeline $Seed -Connection $c }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Api.1306000,BkSops.Commands.NewBkSopsTaskCommand'
        $Sb.TaskCount | Should -Be $before
    }
}

Describe 'Faults on fast_create_task: retried only when nothing reached bk-sops, never a duplicate' {
    BeforeAll { $script:Conn = Connect-BkSops -Sandbox $Sb -TimeoutSec 2 }

    It '<Fault> is the error <Id> and exactly <Stored> task is stored' -ForEach @(
        @{ Fault = 'Http500'; Id = 'BkSops.Http.500'; Stored = 1 }
        @{ Fault = 'Http502'; Id = 'BkSops.Gateway.1650200'; Stored = 1 }
        @{ Fault = 'Reset'; Id = 'BkSops.Connection.Reset'; Stored = 1 }
        @{ Fault = 'NotJson'; Id = 'BkSops.Http.200'; Stored = 0 }
        @{ Fault = 'ResultFalse'; Id = 'BkSops.Api.3599999'; Stored = 0 }
    ) {
        $before = $Sb.TaskCount
        Set-BkSopsSandboxFault -Sandbox $Sb -Route fast_create_task -Fault $Fault -Count 1
        $errors = Get-Error { New-BkSopsTask -ProjectId 2 -Name "fault $Fault" -Pipeline $Seed }
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "$Id,BkSops.Commands.NewBkSopsTaskCommand"
        $Sb.TaskCount | Should -Be ($before + $Stored)
        if ($Stored) { $errors[0].Exception.Message | Should -Match 'task may exist' }
        # The next create works: the fault is used up, and nothing was sent twice.
        $null = New-BkSopsTask -ProjectId 2 -Name 'after' -Pipeline $Seed
        $Sb.TaskCount | Should -Be ($before + $Stored + 1)
    }

    It 'Slow beyond -TimeoutSec is BkSops.Connection.Timeout, not retried' {
        $before = $Sb.TaskCount
        Set-BkSopsSandboxFault -Sandbox $Sb -Route fast_create_task -Fault Slow -Delay 4 -Count 1
        $errors = Get-Error { New-BkSopsTask -ProjectId 2 -Name 'slow' -Pipeline $Seed }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Connection.Timeout,BkSops.Commands.NewBkSopsTaskCommand'
        $errors[0].Exception.MayHaveReachedServer | Should -BeTrue
        Start-Sleep -Seconds 3
        $Sb.TaskCount | Should -Be ($before + 1)
    }

    It 'Http429 with Retry-After is retried after the wait, with a warning, and creates one task' {
        $before = $Sb.TaskCount
        Set-BkSopsSandboxFault -Sandbox $Sb -Route fast_create_task -Fault Http429 -RetryAfter 1 -Count 2
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $warnings = @()
        $task = New-BkSopsTask -ProjectId 2 -Name 'rate limited' -Pipeline $Seed -WarningVariable warnings -WarningAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.9
        $task.TaskId | Should -BeGreaterThan 0
        $warnings.Count | Should -Be 2
        $warnings[0].Message | Should -Match 'HTTP 429 \(code 1642902\); retry 1 of 3 in 1 s'
        $Sb.TaskCount | Should -Be ($before + 1)
    }

    It 'Http429 beyond -MaxRetry is BkSops.Gateway.1642902' {
        $c = Connect-BkSops -Sandbox $Sb -MaxRetry 1
        Set-BkSopsSandboxFault -Sandbox $Sb -Route fast_create_task -Fault Http429 -RetryAfter 0 -Count 2
        $errors = Get-Error { New-BkSopsTask -ProjectId 2 -Name 'limited' -Pipeline $Seed -Connection $c -WarningAction SilentlyContinue }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Gateway.1642902,BkSops.Commands.NewBkSopsTaskCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }
}

Describe 'Faults on reads: retried on transient failures' {
    BeforeAll { $script:Conn = Connect-BkSops -Sandbox $Sb -TimeoutSec 2 }

    It '<Fault> on get_plugin_list is retried and succeeds' -ForEach @(
        @{ Fault = 'Http502' }, @{ Fault = 'Http429' }, @{ Fault = 'Reset' }, @{ Fault = 'Slow' }
    ) {
        Set-BkSopsSandboxFault -Sandbox $Sb -Route get_plugin_list -Fault $Fault -Count 1 -RetryAfter 0 -Delay 4
        $warnings = @()
        $plugins = @(Get-BkSopsPlugin -ProjectId 2 -WarningVariable warnings -WarningAction SilentlyContinue)
        $plugins.Code | Should -Contain 'sleep_timer'
        $warnings.Count | Should -Be 1
    }

    It '<Fault> on get_plugin_list is an error without retry' -ForEach @(
        @{ Fault = 'Http500'; Id = 'BkSops.Http.500' }, @{ Fault = 'NotJson'; Id = 'BkSops.Http.200' }, @{ Fault = 'ResultFalse'; Id = 'BkSops.Api.3599999' }
    ) {
        Set-BkSopsSandboxFault -Sandbox $Sb -Route get_plugin_list -Fault $Fault -Count 1
        $errors = Get-Error { Get-BkSopsPlugin -ProjectId 2 }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "$Id,BkSops.Commands.GetBkSopsPluginCommand"
        @(Get-BkSopsPlugin -ProjectId 2).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-BkSopsPlugin, Get-BkSopsProject and completion' {
    BeforeAll { $script:Conn = Connect-BkSops -Sandbox $Sb }

    It 'lists plugins, filters by code and fills the completion cache' {
        $p = Get-BkSopsPlugin -ProjectId 2 -Code 'sleep*'
        $p.Code | Should -Be 'sleep_timer'
        $p.PSTypeNames[0] | Should -Be 'BkSops.Plugin'
        $r = TabExpansion2 -inputScript 'Get-BkSopsPlugin -ProjectId 2 -Code pau' -cursorColumn 39
        $r.CompletionMatches.CompletionText | Should -Contain 'pause_node'
    }

    It 'lists projects with both ids, and completes project ids' {
        $p = Get-BkSopsProject
        $p.ProjectId | Should -Be 1
        $p.BkBizId | Should -Be 2
        $p.PSTypeNames[0] | Should -Be 'BkSops.Project'
        $r = TabExpansion2 -inputScript 'Get-BkSopsPlugin -ProjectId ' -cursorColumn 28
        $r.CompletionMatches.CompletionText | Should -Contain '2'
        $r = TabExpansion2 -inputScript 'Get-BkSopsProject -ProjectId ' -cursorColumn 29
        $r.CompletionMatches.CompletionText | Should -Contain '1'
    }

    It 'completes categories' {
        $r = TabExpansion2 -inputScript 'New-BkSopsTask -Category Ops' -cursorColumn 28
        $r.CompletionMatches.CompletionText | Should -Contain 'OpsTools'
    }
}
