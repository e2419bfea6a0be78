# The module's views (BkSops.format.ps1xml) load on a runspace's first viewed output, not at Import-Module (issue #8,
# "Starting quickly"). Each case runs in a runspace of its own, since this one has long had them loaded.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:ModulePath = $env:BKSOPS_TEST_MODULE
    $script:ModuleFolder = Split-Path $env:BKSOPS_TEST_MODULE
    $script:Examples = Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples'
    $script:Seed = Join-Path $Examples 'seed-tree.json'
    # Every type the format file has a view for (ViewSelectedBy), read from the staged file itself.
    [xml] $format = Get-Content -Raw (Join-Path $ModuleFolder 'BkSops.format.ps1xml')
    $script:ViewedTypes = @($format.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName | Sort-Object -Unique)

    function New-TestRunspace([switch] $DisableFormatUpdates, [string] $LanguageMode = 'FullLanguage') {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.DisableFormatUpdates = [bool] $DisableFormatUpdates
        $iss.LanguageMode = $LanguageMode
        $runspace = [runspacefactory]::CreateRunspace($iss)
        $runspace.Open()
        $runspace
    }

    function Invoke-InRunspace($Runspace, [string] $Script, [hashtable] $Arguments = @{}) {
        # Runs $Script there with $Arguments as variables; returns its output, errors and verbose text.
        $shell = [powershell]::Create()
        $shell.Runspace = $Runspace
        try {
            foreach ($k in $Arguments.Keys) { $Runspace.SessionStateProxy.SetVariable($k, $Arguments[$k]) }
            $output = $shell.AddScript($Script).Invoke()
            [pscustomobject]@{
                Output  = @($output)
                Errors  = @($shell.Streams.Error | ForEach-Object { "$_" })
                Verbose = @($shell.Streams.Verbose | ForEach-Object { "$_" })
            }
        }
        finally { $shell.Dispose() }
    }

    # Which of the module's viewed types have format data in the runspace the script runs in.
    $script:LoadedTypes = '@(foreach ($t in $ViewedTypes) { if (Get-FormatData -TypeName $t) { $t } })'
}

Describe 'The staged manifest' {
    It 'names no FormatsToProcess, and the format file lies beside BkSops.dll' {
        $manifest = Import-PowerShellDataFile $ModulePath
        $manifest.ContainsKey('FormatsToProcess') | Should -BeFalse
        Join-Path $ModuleFolder 'BkSops.format.ps1xml' | Should -Exist
        $ViewedTypes.Count | Should -BeGreaterThan 10
    }
}

Describe 'Views load on the first viewed output' {
    BeforeEach { $script:Runspace = New-TestRunspace }
    AfterEach { $Runspace.Dispose() }

    It 'are not loaded by Import-Module, nor by Test-BkSopsPipeline''s $true/$false' {
        $r = Invoke-InRunspace $Runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$atImport = $LoadedTypes
`$verdict = Test-BkSopsPipeline -LiteralPath `$Seed
`$afterCheck = $LoadedTypes
"import=`$(`$atImport.Count) verdict=`$verdict check=`$(`$afterCheck.Count)"
"@ @{ ModulePath = $ModulePath; Seed = $Seed; ViewedTypes = $ViewedTypes }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Be 'import=0 verdict=False check=0'
    }

    It 'applies every view the moment Import-BkSopsPipeline''s tree is shown' {
        $r = Invoke-InRunspace $Runspace @"
Import-Module `$ModulePath -ErrorAction Stop
Import-BkSopsPipeline -LiteralPath `$Seed | Out-String -Width 200
($LoadedTypes) -join ','
"@ @{ ModulePath = $ModulePath; Seed = $Seed; ViewedTypes = $ViewedTypes }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0] | Should -Match 'Activities\s+Gateways\s+Flows\s+Constants\s+Source'
        $r.Output[0] | Should -Not -Match 'HasPositions' -Because 'the default list view would show every property'
        $r.Output[1] -split ',' | Should -Be $ViewedTypes
    }

    It 'loads them without auto-loading Microsoft.PowerShell.Utility (Update-FormatData is run from its type)' {
        $r = Invoke-InRunspace $Runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$null = Import-BkSopsPipeline -LiteralPath `$Seed
[bool] (Get-Module Microsoft.PowerShell.Utility)
[bool] ([runspace]::DefaultRunspace.InitialSessionState.Formats | Where-Object { `$_.FileName -and (Split-Path -Leaf `$_.FileName) -eq 'BkSops.format.ps1xml' })
"@ @{ ModulePath = $ModulePath; Seed = $Seed }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Be @($false, $true)
    }

    It 'loads them when <Name> writes its object' -TestCases @(
        @{ Name = 'Test-BkSopsPipeline -Detailed'; Script = 'Test-BkSopsPipeline -LiteralPath $Seed -Detailed'; Pattern = 'errors?, \d+ warnings?' }
        @{ Name = 'Repair-BkSopsPipeline -Detailed'; Script = 'Repair-BkSopsPipeline -LiteralPath $Seed -Detailed -ErrorAction SilentlyContinue'; Pattern = 'Changes\s*:' }
        @{ Name = 'New-BkSopsPipeline'; Script = 'New-BkSopsPipeline -Seed 1 { @{ Name = ''a''; Code = ''sleep_timer'' } }'; Pattern = 'Activities\s+Gateways' }
        @{ Name = 'New-BkSopsGateway'; Script = 'New-BkSopsGateway Parallel { @{ Name = ''a''; Code = ''sleep_timer'' } }'; Pattern = 'Kind\s+Name\s+Branches' }
        @{ Name = 'New-BkSopsBranch'; Script = 'New-BkSopsBranch -Default { @{ Name = ''a''; Code = ''sleep_timer'' } }'; Pattern = 'Condition\s+IsDefault\s+GoTo\s+Steps' }
        @{ Name = 'New-BkSopsSubProcess'; Script = 'New-BkSopsSubProcess -Name n -TemplateId 12'; Pattern = 'Kind\s+Name\s+Code\s+TemplateId' }
    ) {
        param($Name, $Script, $Pattern)
        $r = Invoke-InRunspace $Runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$before = $LoadedTypes
`$text = & { $Script } | Out-String -Width 200
`$after = $LoadedTypes
"before=`$(`$before.Count) after=`$(`$after.Count)"
`$text
"@ @{ ModulePath = $ModulePath; Seed = $Seed; ViewedTypes = $ViewedTypes }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0] | Should -Be "before=0 after=$($ViewedTypes.Count)"
        $r.Output[1] | Should -Match $Pattern
    }
}

Describe 'Views load on the first viewed output of the sandbox and client cmdlets' {
    BeforeAll {
        $script:Sb = Start-BkSopsSandbox -TimeScale 0.01
        # A connection made here, handed to the runspaces below with -Connection, so that the task is their first output.
        $script:Connection = Connect-BkSops -Sandbox $Sb
    }
    AfterAll {
        Disconnect-BkSops
        Stop-BkSopsSandbox -Sandbox $Sb
    }
    BeforeEach { $script:Runspace = New-TestRunspace }
    AfterEach { $Runspace.Dispose() }

    It 'loads them when <Name> writes its object' -TestCases @(
        @{ Name = 'Start-BkSopsSandbox'; Script = '$s = Start-BkSopsSandbox; try { $s | Out-String -Width 200 } finally { Stop-BkSopsSandbox -Sandbox $s }'; Pattern = 'Uri\s+AppCode\s+Tasks\s+Running\s+DataPath' }
        @{ Name = 'Connect-BkSops'; Script = 'Connect-BkSops -Sandbox $Sb | Out-String -Width 200; Disconnect-BkSops'; Pattern = 'Id\s+Channel\s+Uri\s+Stage\s+AppCode\s+User\s+Scope' }
        @{ Name = 'New-BkSopsTask'; Script = 'New-BkSopsTask -Connection $Connection -ProjectId 2 -Name lazy -Pipeline (Import-BkSopsPipeline -LiteralPath $Seed) | Out-String -Width 200'; Pattern = 'TaskId\s+ProjectId\s+Scope\s+State\s+Nodes\s+Name' }
    ) {
        param($Name, $Script, $Pattern)
        $r = Invoke-InRunspace $Runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$before = $LoadedTypes
`$text = & { $Script }
`$after = $LoadedTypes
"before=`$(`$before.Count) after=`$(`$after.Count)"
`$text
"@ @{ ModulePath = $ModulePath; Seed = $Seed; ViewedTypes = $ViewedTypes; Sb = $Sb; Connection = $Connection }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0] | Should -Be "before=0 after=$($ViewedTypes.Count)"
        $r.Output[1] | Should -Match $Pattern
    }
}

Describe 'Each runspace loads the views for itself' {
    It 'gives a second runspace the views at its own first viewed output' {
        $first = New-TestRunspace
        $second = New-TestRunspace
        try {
            $arguments = @{ ModulePath = $ModulePath; Seed = $Seed; ViewedTypes = $ViewedTypes }
            $one = Invoke-InRunspace $first "Import-Module `$ModulePath; `$null = Import-BkSopsPipeline -LiteralPath `$Seed; ($LoadedTypes).Count" $arguments
            $one.Output | Should -Be $ViewedTypes.Count
            $two = Invoke-InRunspace $second "Import-Module `$ModulePath; ($LoadedTypes).Count; Import-BkSopsPipeline -LiteralPath `$Seed | Out-String -Width 200" $arguments
            $two.Errors | Should -BeNullOrEmpty
            $two.Output[0] | Should -Be 0 -Because 'the first runspace''s load is its own'
            $two.Output[1] | Should -Match 'Activities\s+Gateways\s+Flows\s+Constants\s+Source'
        }
        finally { $first.Dispose(); $second.Dispose() }
    }

    It 'gives a ThreadJob the views' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModulePath
            Import-BkSopsPipeline -LiteralPath $using:Seed | Out-String -Width 200
        }
        $text = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force
        $text | Should -Match 'Activities\s+Gateways\s+Flows\s+Constants\s+Source'
    }
}

Describe 'Restricted sessions' {
    It 'that cannot take format data still run the cmdlets, with default formatting, and say why once on Verbose' {
        $runspace = New-TestRunspace -DisableFormatUpdates
        try {
            $r = Invoke-InRunspace $runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$tree = Import-BkSopsPipeline -LiteralPath `$Seed -Verbose
`$tree | Out-String -Width 200
(Test-BkSopsPipeline -LiteralPath `$Seed -Detailed -Verbose).ErrorCount
`$null = Import-BkSopsPipeline -LiteralPath `$Seed -Verbose
"@ @{ ModulePath = $ModulePath; Seed = $Seed }
            $r.Errors | Should -BeNullOrEmpty
            $r.Output[0] | Should -Match 'ActivityCount\s*:\s*4' -Because 'the default list view shows every property'
            $r.Output[1] | Should -Be 3
            $notes = @($r.Verbose | Where-Object { $_ -like 'BkSops could not load its views*' })
            $notes.Count | Should -Be 1
            $notes[0] | Should -Match 'DisableFormatUpdates'
            $notes[0] | Should -Match 'default formatting'
        }
        finally { $runspace.Dispose() }
    }

    It 'load in a ConstrainedLanguage session (the module runs Update-FormatData itself, not a script)' {
        $runspace = New-TestRunspace -LanguageMode ConstrainedLanguage
        try {
            $r = Invoke-InRunspace $runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$ExecutionContext.SessionState.LanguageMode
Import-BkSopsPipeline -LiteralPath `$Seed -Verbose | Out-String -Width 200
"@ @{ ModulePath = $ModulePath; Seed = $Seed }
            $r.Errors | Should -BeNullOrEmpty
            "$($r.Output[0])" | Should -Be 'ConstrainedLanguage'
            $r.Output[1] | Should -Match 'Activities\s+Gateways\s+Flows\s+Constants\s+Source'
            $r.Verbose | Where-Object { $_ -like 'BkSops could not load its views*' } | Should -BeNullOrEmpty
        }
        finally { $runspace.Dispose() }
    }
}

Describe 'Importing the module again' {
    It 'keeps the views, loaded once, after Import-Module -Force' {
        $runspace = New-TestRunspace
        try {
            $r = Invoke-InRunspace $runspace @"
Import-Module `$ModulePath -ErrorAction Stop
`$null = Import-BkSopsPipeline -LiteralPath `$Seed
Import-Module `$ModulePath -Force -ErrorAction Stop
Import-BkSopsPipeline -LiteralPath `$Seed | Out-String -Width 200
@([runspace]::DefaultRunspace.InitialSessionState.Formats | Where-Object { `$_.FileName -and (Split-Path -Leaf `$_.FileName) -eq 'BkSops.format.ps1xml' }).Count
@((Get-FormatData -TypeName BkSops.Model.PipelineTree).FormatViewDefinition).Count
"@ @{ ModulePath = $ModulePath; Seed = $Seed }
            $r.Errors | Should -BeNullOrEmpty
            $r.Output[0] | Should -Match 'Activities\s+Gateways\s+Flows\s+Constants\s+Source'
            $r.Output[1] | Should -Be 1
            $r.Output[2] | Should -Be 1
        }
        finally { $runspace.Dispose() }
    }
}

Describe 'about_BkSops_Views' {
    It 'tells the user when the views load and how to load them earlier' {
        $text = Get-Help about_BkSops_Views | Out-String
        $text | Should -Match 'about_BkSops_Views'
        $text | Should -Match 'not loaded by\s+Import-Module BkSops'
        $text | Should -Match 'Update-FormatData -AppendPath'
        $text | Should -Match 'DisableFormatUpdates'
    }
}
