# The sandbox's execution end to end over real HTTP: SubProcess templates (-Template) and Python expressions in ${...}.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Data = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/sandbox'
    $script:Template = Get-Content (Join-Path $Data 'subprocess-template.json') -Raw
    $script:Parent = Get-Content (Join-Path $Data 'subprocess-parent.json') -Raw
    $script:Condition = Get-Content (Join-Path $Data 'expression-condition.json') -Raw
    $script:Sb = Start-BkSopsSandbox -TimeScale 0.01 -Template @{ 7 = $Template }

    function Invoke-Sandbox([string] $Method, [string] $Route, $Body, [string] $Query) {
        $auth = @{ bk_app_code = $Sb.Credential.UserName; bk_app_secret = $Sb.Credential.GetNetworkCredential().Password; bk_username = $Sb.UserName } | ConvertTo-Json -Compress
        $uri = "$($Sb.Uri)/prod/$Route/" + $(if ($Query) { "?$Query" })
        $arguments = @{ Method = $Method; Uri = $uri; Headers = @{ 'X-Bkapi-Authorization' = $auth } }
        if ($null -ne $Body) { $arguments.Body = $Body; $arguments.ContentType = 'application/json' }
        Invoke-RestMethod @arguments
    }

    function New-Task([string] $TreeJson, [string] $Name = 'execution') {
        Invoke-Sandbox Post 'fast_create_task/2' ('{"name": "' + $Name + '", "pipeline_tree": ' + $TreeJson + '}')
    }

    function Wait-Finished([long] $Id) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            Start-Sleep -Milliseconds 50
            $status = Invoke-Sandbox Get "get_task_status/$Id/2"
        } while ($status.data.state -notin 'FINISHED', 'FAILED' -and [DateTime]::UtcNow -lt $deadline)
        $status
    }
}

AfterAll {
    if ($Sb) { Stop-BkSopsSandbox -Sandbox $Sb }
}

Describe 'SubProcess templates' {
    It 'unfolds a registered template into the created task and runs it as a child' {
        $created = New-Task $Parent
        $created.result | Should -BeTrue
        $tree = $created.data.pipeline_tree
        $subId = @($tree.activities.PSObject.Properties | Where-Object { $_.Value.type -eq 'SubProcess' })[0].Name
        $sub = $tree.activities.$subId
        $sub.template_node_id | Should -Be 'nodesub'
        $sub.original_template_id | Should -Be '7'
        $sub.pipeline.id | Should -Be $subId
        $sub.pipeline.constants.'${greeting}'.value | Should -Be 'hi ${who}'
        $childId = @($sub.pipeline.activities.PSObject.Properties)[0].Name
        $childId | Should -Match '^n[0-9a-f]{31}$'

        $id = $created.data.task_id
        (Invoke-Sandbox Post "start_task/$id/2" '{}').result | Should -BeTrue
        $status = Wait-Finished $id
        $status.data.state | Should -Be 'FINISHED'
        $status.data.children.$subId.name | Should -Be 'Child flow'
        $status.data.children.$subId.children.$childId.state | Should -Be 'FINISHED'

        # Shown constants are rendered in the parent (greeting, count); hidden ones stay the template's (team).
        $detail = Invoke-Sandbox Get "get_task_node_detail/$id/2" -Query "node_id=$childId&component_code=noop&subprocess_stack=%5B%22$subId%22%5D"
        $detail.data.inputs.msg | Should -Be 'HI OPS from core, 4 steps'
        # The child's output ${summary} comes back into the parent's ${got}.
        $afterId = @($tree.activities.PSObject.Properties | Where-Object { $_.Value.template_node_id -eq 'nodeafter' })[0].Name
        (Invoke-Sandbox Get "get_task_node_detail/$id/2" -Query "node_id=$afterId&component_code=noop").data.inputs.got | Should -Be 'hi ops/core'
    }

    It 'gives the server''s answer for a template the project does not have' {
        $answer = New-Task ($Parent -replace '"template_id": 7', '"template_id": 8')
        $answer.result | Should -BeFalse
        $answer.code | Should -Be 3540000
        $answer.message | Should -Be '[API] fast_create_task get invalid template_id: 8, template_id should belong to current project.'
    }
}

Describe 'Python expressions in ${...}' {
    It 'chooses the branch whose condition holds with the expressions evaluated' {
        $created = New-Task $Condition
        $id = $created.data.task_id
        (Invoke-Sandbox Post "start_task/$id/2" '{}').result | Should -BeTrue
        $status = Wait-Finished $id
        $status.data.state | Should -Be 'FINISHED'
        $names = @($status.data.children.PSObject.Properties.Value | Where-Object name | ForEach-Object name)
        $names | Should -Be @('Big')
    }

    It 'leaves an expression outside the subset as literal text, as the engine leaves a failing segment' {
        # str.title() is outside the subset: both sides stay "${env.title()}", equal as text, and the rest decides.
        $tree = $Condition.Replace('"evaluate": "${int(count) * 2} >= 10', '"evaluate": "\"${env.title()}\" == \"${env.title()}\" and ${int(count) * 2} >= 10')
        $tree | Should -Not -Be $Condition
        $created = New-Task $tree
        $id = $created.data.task_id
        (Invoke-Sandbox Post "start_task/$id/2" '{}').result | Should -BeTrue
        (Wait-Finished $id).data.state | Should -Be 'FINISHED'
    }
}
