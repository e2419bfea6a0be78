# Task lifecycle end to end against a sandbox: start, status, wait (finished, failed, revoked, timeout),
# suspend, resume, stop, the -Start -Wait chain, and faults on start_task.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Seed = Import-BkSopsPipeline -Path (Join-Path $Examples 'seed-tree.json')
    $script:Sb = Start-BkSopsSandbox -TimeScale 0.01 -FailPlugin 'fail_me'
    $null = Connect-BkSops -Sandbox $Sb
    function Get-Error([scriptblock] $Script) {
        $errors = [Collections.Generic.List[object]]::new()
        try { & $Script 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } } }
        catch { $errors.Add($_) }
        , $errors.ToArray()
    }
    function New-TreeWith([string] $Code) {
        # The seed with its first activity (node1, always reached) running another plugin.
        $tree = $Seed.Clone()
        $tree.Root['activities']['node5310ec36c0364d3094d515f8f5ef']['component'].Set('code', [BkSops.Json.JsonString]::new($Code)) | Out-Null
        $tree
    }
    $script:Paused = New-TreeWith 'pause_node'
    $script:Failing = New-TreeWith 'fail_me'
}

AfterAll {
    Disconnect-BkSops -ErrorAction SilentlyContinue
    if ($Sb) { Stop-BkSopsSandbox -Sandbox $Sb }
}

Describe 'Start, Get and Wait' {
    It 'New-BkSopsTask | Start-BkSopsTask -PassThru | Wait-BkSopsTask ends FINISHED with every node' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'chain' -Pipeline $Seed | Start-BkSopsTask -PassThru | Wait-BkSopsTask -Timeout 60
        $task.State | Should -Be 'FINISHED'
        $task.PSTypeNames[0] | Should -Be 'BkSops.Task'
        $named = @($task.Nodes | Where-Object Name)
        $named.Count | Should -Be 3   # node1, then the <= 10 branch: node3 and node4
        $named.State | Sort-Object -Unique | Should -Be 'FINISHED'
        ($task.Nodes | Where-Object { $_.Name -eq 'node1' }).SentId | Should -Be 'node5310ec36c0364d3094d515f8f5ef'
        ($task.Nodes | Where-Object { $_.Name -eq 'node1' }).Type | Should -Be 'ServiceActivity'
        @($task.Nodes | Where-Object Type -eq 'ExclusiveGateway').Count | Should -Be 1
        ($task.Nodes | Out-String) | Should -Match '\(EmptyStartEvent\)'
    }

    It 'Start-BkSopsTask writes nothing without -PassThru' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'quiet' -Pipeline $Seed
        @($task | Start-BkSopsTask).Count | Should -Be 0
        ($task | Wait-BkSopsTask -Timeout 60).State | Should -Be 'FINISHED'
    }

    It '-Start -Wait creates, starts and waits for many tasks, with progress' {
        $progress = @()
        $tasks = @(1..3 | ForEach-Object { $Seed } | New-BkSopsTask -ProjectId 2 -Name 'bulk wait' -Start -Wait -ThrottleLimit 3 -ProgressAction Continue 5>&1 |
            Where-Object { $_ -isnot [System.Management.Automation.ProgressRecord] })
        $tasks.Count | Should -Be 3
        $tasks.State | Sort-Object -Unique | Should -Be 'FINISHED'
    }

    It 'Get-BkSopsTask -Detailed reads each reached activity''s inputs and outputs' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'detailed' -Pipeline $Seed -Start | Wait-BkSopsTask -Timeout 60
        $detailed = $task | Get-BkSopsTask -Detailed
        $node3 = $detailed.Nodes | Where-Object Name -eq 'node3'
        $node3.Inputs['bk_timing'] | Should -Be '3'
        $node3.Outputs | Should -Not -BeNullOrEmpty
        ($task.Nodes | Where-Object Name -eq 'node3').Inputs | Should -BeNullOrEmpty -Because 'without -Detailed no node detail is read'
    }

    It 'Get-BkSopsTask by ids reads the state' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'by id' -Pipeline $Seed
        $got = Get-BkSopsTask -ProjectId 2 -TaskId $task.TaskId
        $got.State | Should -Be 'CREATED'
        $got.TaskId | Should -Be $task.TaskId
        $got = Get-BkSopsTask -ProjectId 1 -TaskId $task.TaskId -Scope project
        $got.State | Should -Be 'CREATED'
    }

    It 'an unknown task is an Api error' {
        $errors = Get-Error { Get-BkSopsTask -ProjectId 2 -TaskId 999999 }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Api.3599999,BkSops.Commands.GetBkSopsTaskCommand'
    }

    It 'a FAILED task is the error BkSops.Task.FAILED naming the node and its message, and is written too' {
        $errors = @()
        $task = New-BkSopsTask -ProjectId 2 -Name 'fails' -Pipeline $Failing -Start | Wait-BkSopsTask -Timeout 60 -ErrorVariable errors -ErrorAction SilentlyContinue
        $task.State | Should -Be 'FAILED'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Task.FAILED,BkSops.Commands.WaitBkSopsTaskCommand'
        $errors[0].Exception.Message | Should -Match "node 'node1'"
        $errors[0].TargetObject.TaskId | Should -Be $task.TaskId
        @($task.FailedNodes).Count | Should -Be 1
    }

    It '-Timeout ends the wait with BkSops.Task.WaitTimeout and writes nothing for the task' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'waits' -Pipeline $Paused -Start
        $errors = @()
        $out = @($task | Wait-BkSopsTask -Timeout 1 -ErrorVariable errors -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Task.WaitTimeout,BkSops.Commands.WaitBkSopsTaskCommand'
        $errors[0].TargetObject.State | Should -Be 'RUNNING'
        $task | Stop-BkSopsTask -Force
    }
}

Describe 'Waiting rules (contracts.md section 8)' {
    It 'a task still CREATED 30 s after it was started gets one Warning, and the wait goes on until -Timeout' {
        # Never started, but marked as started 31 s ago: as a task the server refused at start looks (it stays CREATED).
        $task = New-BkSopsTask -ProjectId 2 -Name 'refused at start' -Pipeline $Seed
        $task.StartRequestedAt = [DateTimeOffset]::Now.AddSeconds(-31)
        $warnings = @(); $errors = @()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $out = @($task | Wait-BkSopsTask -Timeout 2 -PollInterval 0.2 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors -ErrorAction SilentlyContinue)
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2 -Because 'the warning does not end the wait'
        $warnings.Count | Should -Be 1 -Because 'one warning per task, not one per poll'
        $warnings[0].Message | Should -Match "Task $($task.TaskId) is still CREATED 30 s after it was started"
        $warnings[0].Message | Should -Match 'Test-BkSopsPipeline'
        $out.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BkSops.Task.WaitTimeout*'
        $errors[0].TargetObject.State | Should -Be 'CREATED'
    }

    It 'a task CREATED for less than 30 s since its start gets no Warning' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'just started' -Pipeline $Seed
        $task.StartRequestedAt = [DateTimeOffset]::Now
        $warnings = @()
        $null = $task | Wait-BkSopsTask -Timeout 1 -PollInterval 0.2 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $warnings.Count | Should -Be 0
    }

    It 'EXPIRED ends the wait with BkSops.Task.EXPIRED and writes the task' {
        # The sandbox keeps every task; a scripted answer stands for a server that no longer has the task's state.
        Add-Type -TypeDefinition @'
using System.Net; using System.Net.Http; using System.Text; using System.Threading; using System.Threading.Tasks;
public sealed class BkSopsExpiredAnswer : HttpMessageHandler {
    public int Calls;
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage r, CancellationToken c) {
        Interlocked.Increment(ref Calls);
        string state = Calls == 1 ? "RUNNING" : "EXPIRED";
        string json = "{\"result\": true, \"code\": 0, \"data\": {\"state\": \"" + state + "\", \"children\": {}}}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
'@
        $settings = [BkSops.Api.ConnectionSettings]@{ Uri = [uri]'http://127.0.0.1:9/api/bk-sops'; AppCode = 'app'; AppSecret = [BkSops.Api.SecretText]::Protect('s'); UserName = 'admin' }
        $handler = [BkSopsExpiredAnswer]::new()
        $connection = [BkSops.Api.BkSopsConnection]::new($settings, $handler)
        try {
            $errors = @()
            $task = Wait-BkSopsTask -ProjectId 2 -TaskId 77 -Connection $connection -PollInterval 0.1 -Timeout 30 -ErrorVariable errors -ErrorAction SilentlyContinue
            $handler.Calls | Should -Be 2 -Because 'RUNNING keeps the wait going, EXPIRED ends it'
            $task.State | Should -Be 'EXPIRED'
            $task.TaskId | Should -Be 77
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'BkSops.Task.EXPIRED*'
            $errors[0].Exception.Message | Should -Match 'no longer keeps its state'
        }
        finally { $connection.Dispose() }
    }

    It 'waits for many tasks at once and writes each as it ends' {
        $fast = New-BkSopsTask -ProjectId 2 -Name 'ends first' -Pipeline $Seed -Start
        $held = New-BkSopsTask -ProjectId 2 -Name 'held' -Pipeline $Paused -Start
        $errors = @()
        $out = @($fast, $held | Wait-BkSopsTask -Timeout 3 -ErrorVariable errors -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].TaskId | Should -Be $fast.TaskId
        $out[0].State | Should -Be 'FINISHED'
        $errors.Count | Should -Be 1
        $errors[0].TargetObject.TaskId | Should -Be $held.TaskId
        $held | Stop-BkSopsTask -Force
    }
}

Describe 'Suspend, Resume and Stop' {
    BeforeAll { $script:Running = New-BkSopsTask -ProjectId 2 -Name 'steer' -Pipeline $Paused -Start; Start-Sleep -Milliseconds 500 }

    It 'Suspend-BkSopsTask pauses and Wait keeps waiting on a suspended task' {
        $Running | Suspend-BkSopsTask
        ($Running | Get-BkSopsTask).State | Should -Be 'SUSPENDED'
        $errors = @()
        $verbose = $Running | Wait-BkSopsTask -Timeout 1 -Verbose -ErrorVariable errors -ErrorAction SilentlyContinue 4>&1
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'SUSPENDED: still waiting'
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Task.WaitTimeout,BkSops.Commands.WaitBkSopsTaskCommand'
    }

    It 'suspending twice is the server''s refusal, explained' {
        $errors = Get-Error { $Running | Suspend-BkSopsTask }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Api.3599999,BkSops.Commands.SuspendBkSopsTaskCommand'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'already suspended'
    }

    It 'Resume-BkSopsTask -PassThru resumes and writes the task' {
        $t = $Running | Resume-BkSopsTask -PassThru
        $t.TaskId | Should -Be $Running.TaskId
        ($Running | Get-BkSopsTask).State | Should -Be 'RUNNING'
    }

    It 'Stop-BkSopsTask -WhatIf does nothing; -Force revokes; Wait reports REVOKED' {
        $Running | Stop-BkSopsTask -WhatIf
        ($Running | Get-BkSopsTask).State | Should -Be 'RUNNING'
        (Get-Command Stop-BkSopsTask).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $Running | Stop-BkSopsTask -Force
        $errors = @()
        $t = $Running | Wait-BkSopsTask -Timeout 30 -ErrorVariable errors -ErrorAction SilentlyContinue
        $t.State | Should -Be 'REVOKED'
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Task.REVOKED,BkSops.Commands.WaitBkSopsTaskCommand'
    }

    It 'operations on a revoked task are refused with an explanation' {
        $errors = Get-Error { $Running | Resume-BkSopsTask }
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Api.3545000,BkSops.Commands.ResumeBkSopsTaskCommand'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'finished or revoked'
    }
}

Describe 'Faults on start_task' {
    It 'Http429 is retried and the task starts once' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'start 429' -Pipeline $Seed
        Set-BkSopsSandboxFault -Sandbox $Sb -Route start_task -Fault Http429 -RetryAfter 0 -Count 1
        $warnings = @()
        $task | Start-BkSopsTask -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        ($task | Wait-BkSopsTask -Timeout 60).State | Should -Be 'FINISHED'
    }

    It '<Fault> after the start was carried out is an error, not a second start' -ForEach @(
        @{ Fault = 'Http502'; Id = 'BkSops.Gateway.1650200' }, @{ Fault = 'Reset'; Id = 'BkSops.Connection.Reset' }, @{ Fault = 'Http500'; Id = 'BkSops.Http.500' }
    ) {
        $task = New-BkSopsTask -ProjectId 2 -Name "start $Fault" -Pipeline $Seed
        Set-BkSopsSandboxFault -Sandbox $Sb -Route start_task -Fault $Fault -Count 1
        $errors = Get-Error { $task | Start-BkSopsTask }
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "$Id,BkSops.Commands.StartBkSopsTaskCommand"
        $errors[0].Exception.Message | Should -Match 'Get-BkSopsTask'
        ($task | Wait-BkSopsTask -Timeout 60).State | Should -Be 'FINISHED'
    }

    It 'get_task_status faults during a wait are retried' {
        $task = New-BkSopsTask -ProjectId 2 -Name 'status faults' -Pipeline $Seed -Start
        Set-BkSopsSandboxFault -Sandbox $Sb -Route get_task_status -Fault Http502 -Count 2
        $warnings = @()
        ($task | Wait-BkSopsTask -Timeout 60 -WarningVariable warnings -WarningAction SilentlyContinue).State | Should -Be 'FINISHED'
        $warnings.Count | Should -Be 2
    }
}
