BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:SeedList = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/seed-tree-list-incoming.json'

    function Get-Auth($Sandbox, [string] $Secret) {
        if (-not $Secret) { $Secret = $Sandbox.Credential.GetNetworkCredential().Password }
        @{ 'X-Bkapi-Authorization' = (@{ bk_app_code = $Sandbox.Credential.UserName; bk_app_secret = $Secret; bk_username = $Sandbox.UserName } | ConvertTo-Json -Compress) }
    }

    function New-SandboxTask($Sandbox, [string] $Name = 'pester') {
        $body = @{ name = $Name; pipeline_tree = (Get-Content $SeedList -Raw | ConvertFrom-Json) } | ConvertTo-Json -Depth 30
        Invoke-RestMethod -Method Post -Uri "$($Sandbox.Uri)/prod/fast_create_task/2/" -Headers (Get-Auth $Sandbox) -Body $body -ContentType 'application/json'
    }

    . ([IO.Path]::Combine($PSScriptRoot, 'ChildPowerShell.ps1'))
}

AfterAll {
    Stop-BkSopsSandbox -All
}

Describe 'Start-BkSopsSandbox' {
    It 'returns a BkSops.Sandbox with what a client needs to connect' {
        $sb = Start-BkSopsSandbox
        try {
            $sb.PSObject.TypeNames[0] | Should -Be 'BkSops.Sandbox'
            $sb.Uri | Should -Match '^http://(127\.0\.0\.1|localhost):\d+/api/bk-sops$'
            $sb.EsbUri | Should -Be ($sb.Uri -replace '/api/bk-sops$', '')
            $sb.Stage | Should -Be 'prod'
            $sb.Credential | Should -BeOfType ([pscredential])
            $sb.Credential.UserName | Should -Be 'bksops-sandbox'
            $sb.UserName | Should -Be 'admin'
            $sb.UserToken | Should -BeOfType ([securestring])
            $sb.Project.ProjectId | Should -Be 1
            $sb.Project.BkBizId | Should -Be 2
            $sb.Project.Name | Should -Be 'Sandbox'
            $sb.IsRunning | Should -BeTrue
            "$sb" | Should -Be $sb.Uri
        }
        finally { Stop-BkSopsSandbox $sb }
    }

    It 'creates tasks over HTTP with its credentials and refuses others like the gateway' {
        $sb = Start-BkSopsSandbox
        try {
            $r = New-SandboxTask $sb
            $r.result | Should -BeTrue
            $r.data.task_id | Should -Be 1
            $sb.TaskCount | Should -Be 1
            $wrong = Invoke-WebRequest -Uri "$($sb.Uri)/prod/get_task_list/2/" -Headers (Get-Auth $sb 'wrong') -SkipHttpErrorCheck
            $wrong.StatusCode | Should -Be 400
            ($wrong.Content | ConvertFrom-Json).code | Should -Be 1640001
            $token = [System.Net.NetworkCredential]::new('', $sb.UserToken).Password
            $auth = @{ bk_app_code = $sb.Credential.UserName; bk_app_secret = $sb.Credential.GetNetworkCredential().Password; bk_token = $token } | ConvertTo-Json -Compress
            (Invoke-RestMethod -Uri "$($sb.Uri)/prod/get_task_list/2/" -Headers @{ 'X-Bkapi-Authorization' = $auth }).count | Should -Be 1
        }
        finally { Stop-BkSopsSandbox $sb }
    }

    It 'makes a new secret for each start and takes -Credential' {
        $a = Start-BkSopsSandbox
        $b = Start-BkSopsSandbox -Credential ([pscredential]::new('my-app', (ConvertTo-SecureString 'my-secret' -AsPlainText -Force)))
        try {
            $a.Credential.GetNetworkCredential().Password | Should -Not -Be $b.Credential.GetNetworkCredential().Password
            $b.Credential.UserName | Should -Be 'my-app'
            (New-SandboxTask $b).result | Should -BeTrue
            ($b | Format-Table | Out-String) | Should -Match 'my-app'
            ($b | Format-List * | Out-String) | Should -Not -Match 'my-secret'
        }
        finally { Stop-BkSopsSandbox $a, $b }
    }

    It 'listens on the given port and says so when it cannot' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $sb = Start-BkSopsSandbox -Port $port
        try {
            $sb.Port | Should -Be $port
            { Start-BkSopsSandbox -Port $port -ErrorAction Stop } | Should -Throw -ErrorId 'BkSops.Connection.ListenFailed,BkSops.Commands.StartBkSopsSandboxCommand'
        }
        finally { Stop-BkSopsSandbox $sb }
    }

    It 'keeps tasks in -DataPath across a restart' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("bksops-pester-" + [guid]::NewGuid().ToString('N'))
        try {
            $sb = Start-BkSopsSandbox -DataPath $folder
            1..3 | ForEach-Object { New-SandboxTask $sb "kept $_" } | Out-Null
            Stop-BkSopsSandbox $sb
            $again = Start-BkSopsSandbox -DataPath $folder
            $again.TaskCount | Should -Be 3
            $list = Invoke-RestMethod -Uri "$($again.Uri)/prod/get_task_list/2/" -Headers (Get-Auth $again)
            @($list.data.name) | Should -Be @('kept 3', 'kept 2', 'kept 1')
            Stop-BkSopsSandbox $again
        }
        finally { Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'refuses -Template entries that are not an id and a tree' {
        { Start-BkSopsSandbox -Template @{ abc = '{}' } -ErrorAction Stop } | Should -Throw -ErrorId 'BkSops.Input.TemplateId,BkSops.Commands.StartBkSopsSandboxCommand'
        { Start-BkSopsSandbox -Template @{ 5 = '[1]' } -ErrorAction Stop } | Should -Throw -ErrorId 'BkSops.Input.NotJsonOrFile,BkSops.Commands.StartBkSopsSandboxCommand'
        { Start-BkSopsSandbox -Template @{ 5 = 1, 2 } -ErrorAction Stop } | Should -Throw -ErrorId 'BkSops.Input.NotAnObject,BkSops.Commands.StartBkSopsSandboxCommand'
    }

    It 'stops when the PowerShell process that started it exits' {
        $output = (Invoke-ChildPwsh "Import-Module '$env:BKSOPS_TEST_MODULE'; (Start-BkSopsSandbox).Port").Output
        $port = [int] ($output | Select-Object -Last 1)
        $port | Should -BeGreaterThan 0
        $client = [System.Net.Sockets.TcpClient]::new()
        try { { $client.Connect('127.0.0.1', $port) } | Should -Throw }
        finally { $client.Dispose() }
    }
}

Describe 'Set-BkSopsSandboxFault' {
    It 'makes the next calls of a route fail as asked, then serves again' {
        $sb = Start-BkSopsSandbox
        try {
            $sb | Set-BkSopsSandboxFault -Route get_task_list -Fault Http429 -Count 2 -RetryAfter 3
            foreach ($i in 1..2) {
                $r = Invoke-WebRequest -Uri "$($sb.Uri)/prod/get_task_list/2/" -Headers (Get-Auth $sb) -SkipHttpErrorCheck
                $r.StatusCode | Should -Be 429
                "$($r.Headers['Retry-After'])" | Should -Be '3'
            }
            (Invoke-WebRequest -Uri "$($sb.Uri)/prod/get_task_list/2/" -Headers (Get-Auth $sb)).StatusCode | Should -Be 200
        }
        finally { Stop-BkSopsSandbox $sb }
    }

    It 'does the work first for a 502 on a create, and -Count 0 disarms' {
        $sb = Start-BkSopsSandbox
        try {
            $fault = Set-BkSopsSandboxFault $sb fast_create_task Http502 -PassThru
            $fault.Remaining | Should -Be 1
            { New-SandboxTask $sb } | Should -Throw
            $sb.TaskCount | Should -Be 1
            Set-BkSopsSandboxFault $sb fast_create_task Http500 -Count 5
            Set-BkSopsSandboxFault $sb fast_create_task Http500 -Count 0
            (New-SandboxTask $sb).result | Should -BeTrue
        }
        finally { Stop-BkSopsSandbox $sb }
    }

    It 'knows only the sandbox routes' {
        $sb = Start-BkSopsSandbox
        try { { Set-BkSopsSandboxFault $sb no_such_route Http500 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,BkSops.Commands.SetBkSopsSandboxFaultCommand' }
        finally { Stop-BkSopsSandbox $sb }
    }
}

Describe 'Stop-BkSopsSandbox' {
    It 'stops listening' {
        $sb = Start-BkSopsSandbox
        Stop-BkSopsSandbox $sb
        $sb.IsRunning | Should -BeFalse
        { Invoke-WebRequest -Uri "$($sb.Uri)/prod/get_task_list/2/" -Headers (Get-Auth $sb) -TimeoutSec 5 } | Should -Throw
        { Stop-BkSopsSandbox $sb } | Should -Not -Throw
    }

    It 'stops every sandbox with -All and honours -WhatIf' {
        $a = Start-BkSopsSandbox
        $b = Start-BkSopsSandbox
        Stop-BkSopsSandbox -All -WhatIf
        $a.IsRunning | Should -BeTrue
        Stop-BkSopsSandbox -All
        $a.IsRunning | Should -BeFalse
        $b.IsRunning | Should -BeFalse
    }

    It 'refuses objects that are not sandboxes' {
        { Stop-BkSopsSandbox -Sandbox 'http://127.0.0.1:1/' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,BkSops.Commands.StopBkSopsSandboxCommand'
    }
}
