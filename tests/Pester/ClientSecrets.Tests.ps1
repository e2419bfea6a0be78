# The app secret and the user token never appear in any stream, in $Error, or in the string form of any
# output, whatever cmdlet runs with -Verbose -Debug, on either channel, in success and in failure.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Seed = Import-BkSopsPipeline -Path (Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/seed-tree.json')
    $script:Sb = Start-BkSopsSandbox -TimeScale 0.01
    $script:Secret = $Sb.Credential.GetNetworkCredential().Password
    $script:Token = [pscredential]::new('t', $Sb.UserToken).GetNetworkCredential().Password
    $Secret.Length | Should -BeGreaterThan 8
    $Token.Length | Should -BeGreaterThan 8

    function Get-EverythingSaid([scriptblock] $Script) {
        # Every stream, the transcript of host output (WhatIf, progress-free), and the string forms of the output.
        $Error.Clear()
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "bksops-secrets-$PID.txt"
        $null = Start-Transcript -LiteralPath $transcript
        $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'
        try { $all = @(& $Script *>&1) } catch { $all = @($_) } finally { $null = Stop-Transcript }
        $text = [Text.StringBuilder]::new()
        [void]$text.AppendLine((Get-Content -LiteralPath $transcript -Raw))
        Remove-Item -LiteralPath $transcript
        foreach ($item in $all + @($Error)) {
            [void]$text.AppendLine(($item | Out-String -Width 4096))
            [void]$text.AppendLine(($item | Format-List * -Force | Out-String -Width 4096))
            [void]$text.AppendLine([string]$item)
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                [void]$text.AppendLine($item.Exception.ToString())
                foreach ($v in $item.Exception.Data.Values) { [void]$text.AppendLine([string]$v) }
                [void]$text.AppendLine([string]$item.ErrorDetails)
            }
        }
        $text.ToString()
    }
}

AfterAll {
    Disconnect-BkSops -ErrorAction SilentlyContinue
    if ($Sb) { Stop-BkSopsSandbox -Sandbox $Sb }
}

Describe 'No secret in any stream on <Channel>' -ForEach @(@{ Channel = 'ApiGateway' }, @{ Channel = 'Esb' }) {
    It 'every cmdlet, with -Verbose -Debug, succeeding and failing' {
        $said = Get-EverythingSaid {
            $c = Connect-BkSops -Sandbox $Sb -Channel $Channel -UserToken $Sb.UserToken -Verbose -Debug
            $c
            Get-BkSopsConnection -Verbose -Debug
            Get-BkSopsProject -Verbose -Debug
            Get-BkSopsPlugin -ProjectId 2 -Verbose -Debug
            New-BkSopsTask -ProjectId 2 -Name 'leak?' -Pipeline $Seed -WhatIf -Verbose -Debug
            $t = New-BkSopsTask -ProjectId 2 -Name 'leak?' -Pipeline $Seed -Verbose -Debug
            $t
            $t | Start-BkSopsTask -PassThru -Verbose -Debug | Wait-BkSopsTask -Timeout 60 -Verbose -Debug
            $t | Get-BkSopsTask -Verbose -Debug
            $p = New-BkSopsTask -ProjectId 2 -Name 'steer' -Pipeline $Seed -Start -Verbose -Debug
            $p | Suspend-BkSopsTask -PassThru -Verbose -Debug -ErrorAction SilentlyContinue
            $p | Resume-BkSopsTask -PassThru -Verbose -Debug -ErrorAction SilentlyContinue
            $p | Stop-BkSopsTask -Force -PassThru -Verbose -Debug -ErrorAction SilentlyContinue
            # Failures: the server's refusals, a fault, a cryptic answer, wrong credentials.
            New-BkSopsTask -ProjectId 99 -Name 'x' -Pipeline $Seed -Scope project -Verbose -Debug -ErrorAction SilentlyContinue
            New-BkSopsTask -ProjectId 2 -Name 'x' -Pipeline $Seed -SkipValidation -Verbose -Debug -ErrorAction SilentlyContinue
            Set-BkSopsSandboxFault -Sandbox $Sb -Route fast_create_task -Fault Http502
            New-BkSopsTask -ProjectId 2 -Name 'x' -Pipeline $Seed -Verbose -Debug -ErrorAction SilentlyContinue
            Set-BkSopsSandboxFault -Sandbox $Sb -Route get_plugin_list -Fault Http429 -RetryAfter 0
            Get-BkSopsPlugin -ProjectId 2 -Verbose -Debug -WarningAction Continue  # -Debug alone would ask about the retry warning
            $wrong = [pscredential]::new('bksops-sandbox', (ConvertTo-SecureString ($Secret + 'x') -AsPlainText -Force))
            Connect-BkSops -Uri $(if ($Channel -eq 'Esb') { $Sb.EsbUri } else { $Sb.Uri }) -Channel $Channel -Credential $wrong -UserName admin -Verbose -Debug
            Get-BkSopsProject -Verbose -Debug -ErrorAction SilentlyContinue
            Disconnect-BkSops -Verbose -Debug
        }
        $said | Should -Match 'POST /' -Because 'the capture holds the Verbose lines'
        $said | Should -Match 'Request:' -Because 'the capture holds the Debug bodies'
        $said | Should -Match 'bk_app_secret' -Because 'the requests were shown, redacted'
        $said.Contains($Secret) | Should -BeFalse -Because 'the app secret must never be shown'
        $said.Contains($Token) | Should -BeFalse -Because 'the bk_token must never be shown'
        $said.Contains($Secret + 'x') | Should -BeFalse
    }
}
