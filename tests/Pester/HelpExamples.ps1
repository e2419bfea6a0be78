# The example runner behind HelpExamples.Tests.ps1: finds the examples of every cmdlet the staged module exports
# (docs/BkSops/<name>.md, the source of Get-Help), runs each as a new user would type it, in a fresh folder holding
# the example trees of docs/examples, and renders what the console would show at 120 columns.
#
# Examples that need a bk-sops server (they call a command with a -Connection parameter, or Connect-BkSops) run
# against a sandbox the runner starts, once the module has Start-BkSopsSandbox; until then they are skipped with
# that reason. An example that calls Start-BkSopsSandbox itself gets no second one. An example that names a host
# under example.com (the documentation domain) talks to a real server and is shown, not run.

$script:ExampleWidth = 120                      # the width of the prompt the examples were typed at
$script:ExampleFolderShownAs = '/tmp/trees'     # how the help shows the folder the examples run in
$script:ExampleTimeoutSeconds = 120

function Get-HelpExample {
    # One entry per example of every exported cmdlet that has a help page.
    param([string] $ModuleName, [string] $DocsPath)
    $help = Get-Module BkSops.Help
    foreach ($name in ((Get-Module $ModuleName).ExportedCommands.Keys | Sort-Object)) {
        $page = [IO.Path]::Combine($DocsPath, "$name.md")
        if (-not (Test-Path $page)) { continue }   # Help.Tests.ps1 fails a cmdlet without a page
        $examples = & $help {
            param($Page)
            $document = Read-CommandHelpDocument $Page
            $section = Get-HelpSection $document 'EXAMPLES'
            if ($null -eq $section) { return }
            foreach ($item in (Split-HelpSubsection $section.Body).Items) {
                $blocks = Split-MarkdownBlock $item.Body
                $code = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -ne 'output' })
                $output = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'output' })
                [pscustomobject]@{
                    Title  = $item.Title
                    Code   = if ($code.Count) { $code[0].Text } else { '' }
                    Output = if ($output.Count) { $output[0].Text } else { $null }
                    Text   = @($blocks | Where-Object { $_.Kind -eq 'Text' } | ForEach-Object Text) -join "`n"
                }
            }
        } $page
        foreach ($example in $examples) {
            @{ Command = $name; Title = $example.Title; Code = $example.Code; Output = $example.Output; Text = $example.Text }
        }
    }
}

function Get-ReadmeExample {
    # The README's tour: each powershell block with `PS> ` prompts is one example; the lines after a prompt are
    # what it shows. Run in the same folder as the cmdlets' examples.
    param([string] $ReadmePath)
    $text = [IO.File]::ReadAllText($ReadmePath) -replace '\r\n', "`n"
    $index = 0
    foreach ($m in [regex]::Matches($text, '(?ms)^```powershell[ \t]*\n(?<body>.*?)^```')) {
        $lines = $m.Groups['body'].Value.TrimEnd("`n") -split "`n"
        if (-not ($lines | Where-Object { $_ -like 'PS> *' })) { continue }
        $index++
        $code = @($lines | Where-Object { $_ -like 'PS> *' } | ForEach-Object { $_.Substring(4) }) -join "`n"
        $shown = @($lines | Where-Object { $_ -notlike 'PS> *' })
        @{ Command = 'README.md'; Title = "tour block $index"; Code = $code; Output = if ($shown.Count) { $shown -join "`n" } else { $null }; Text = '' }
    }
}

function Test-ExampleLine {
    # Whether the actual lines are the expected ones; an expected line `...` stands for any number of lines.
    param([string[]] $Actual, [string[]] $Expected)
    $pattern = '\A' + (($Expected | ForEach-Object { if ($_ -eq '...') { '(?:[^\n]*\n)*?' } else { [regex]::Escape($_) + '\n' } }) -join '') + '\z'
    [regex]::IsMatch((($Actual | ForEach-Object { $_ + "`n" }) -join ''), $pattern)
}

function Get-ExampleCommandName([string] $Code) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
    @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) |
            ForEach-Object { $_.GetCommandName() } | Where-Object { $_ } | Sort-Object -Unique)
}

function Get-ExampleNeed {
    # What an example needs beyond the example trees: 'None', 'Sandbox' (the runner starts one), or a reason to skip.
    param([string] $Code, [string] $ModuleName)
    if ($Code -match '(?i)\b[\w.-]*\.?example\.com\b') { return 'Skip: talks to a server under example.com, the documentation domain; shown, not run' }
    $module = Get-Module $ModuleName
    $names = Get-ExampleCommandName $Code
    # Examples may call tools the help names as prerequisites (Graphviz's dot); a machine without them skips, visibly.
    foreach ($tool in @('dot')) {
        if ($names -contains $tool -and -not (Get-Command $tool -CommandType Application -ErrorAction Ignore)) {
            return "Skip: needs '$tool' (Graphviz), which is not installed here"
        }
    }
    $server = @($names | Where-Object {
            $command = $module.ExportedCommands[$_]
            $null -ne $command -and ($command.Parameters.ContainsKey('Connection') -or $command.Verb -eq 'Connect')
        })
    if ($server.Count -eq 0 -or $names -contains 'Start-BkSopsSandbox') { return 'None' }
    if (-not $module.ExportedCommands.ContainsKey('Start-BkSopsSandbox')) {
        return "Skip: needs a bk-sops server ($($server -join ', ')); runs against a sandbox once the module has Start-BkSopsSandbox"
    }
    'Sandbox'
}

function New-ExampleFolder([string] $ExamplesPath) {
    $folder = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'bksops-example-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $folder
    Copy-Item -Path ([IO.Path]::Combine($ExamplesPath, '*')) -Destination $folder -Recurse
    (Resolve-Path -LiteralPath $folder).ProviderPath
}

function Invoke-HelpExample {
    # Runs the code in a new runspace with the staged module, in $Folder; returns the console text and the errors.
    param([string] $Code, [string] $Folder, [string] $ModulePath, [string] $Need)
    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule($ModulePath)
    $runspace = [runspacefactory]::CreateRunspace($state)
    $runspace.Open()
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    try {
        $prelude = ''; $postlude = ''
        if ($Need -eq 'Sandbox') {
            $prelude = '$sb = Start-BkSopsSandbox; if (Get-Command Connect-BkSops -ErrorAction Ignore) { Connect-BkSops -Sandbox $sb }'
            $postlude = 'if ($sb) { $sb | Stop-BkSopsSandbox }'
        }
        # Every stream goes into one list in order, so that `exit` in an example keeps what came before it. Records
        # of the other streams are shown as the prompt shows them, one line each; objects through Out-String. The
        # help is English, and PowerShell's own wrapping (Format-List, tables) depends on the culture: en-US.
        $script = @"
[System.Globalization.CultureInfo]::CurrentCulture = 'en-US'
Set-Location -LiteralPath '$($Folder -replace "'", "''")'
`$global:__shown = [System.Collections.Generic.List[object]]::new()
`$global:__errors = [System.Collections.Generic.List[object]]::new()
function __line([string] `$text) { [pscustomobject]@{ PSTypeName = 'BkSops.ExampleLine'; Text = `$text } }
$prelude
try {
& {
$Code
} *>&1 | ForEach-Object {
    switch (`$_) {
        { `$_ -is [System.Management.Automation.ErrorRecord] } {
            `$global:__errors.Add(`$_)
            `$message = if (`$_.ErrorDetails -and `$_.ErrorDetails.Message) { `$_.ErrorDetails.Message } else { `$_.Exception.Message }
            `$global:__shown.Add((__line "`$(`$_.InvocationInfo.MyCommand.Name): `$message"))
            if (`$_.ErrorDetails -and `$_.ErrorDetails.RecommendedAction) { `$global:__shown.Add((__line "  Recommendation: `$(`$_.ErrorDetails.RecommendedAction)")) }
            break
        }
        { `$_ -is [System.Management.Automation.WarningRecord] } { `$global:__shown.Add((__line ('WARNING: ' + `$_.Message))); break }
        { `$_ -is [System.Management.Automation.VerboseRecord] } { `$global:__shown.Add((__line ('VERBOSE: ' + `$_.Message))); break }
        { `$_ -is [System.Management.Automation.DebugRecord] } { `$global:__shown.Add((__line ('DEBUG: ' + `$_.Message))); break }
        { `$_ -is [System.Management.Automation.InformationRecord] } { `$global:__shown.Add((__line ([string] `$_.MessageData))); break }
        default { `$global:__shown.Add(`$_) }
    }
}
}
finally { $postlude }
"@
        $null = $shell.AddScript($script)
        $async = $shell.BeginInvoke()
        if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($script:ExampleTimeoutSeconds))) {
            $shell.Stop()
            throw "The example did not end within $($script:ExampleTimeoutSeconds) seconds."
        }
        $terminating = $null
        try { $null = $shell.EndInvoke($async) } catch { $terminating = $_ }
        if ($null -eq $terminating -and $shell.Streams.Error.Count -gt 0) { $terminating = $shell.Streams.Error[0] }

        $shell.Commands.Clear()
        $null = $shell.AddScript(@"
[System.Globalization.CultureInfo]::CurrentCulture = 'en-US'
`$text = [System.Text.StringBuilder]::new()
`$objects = [System.Collections.Generic.List[object]]::new()
foreach (`$item in @(`$global:__shown) + @(__line `$null)) {
    if (`$item.PSTypeNames -notcontains 'BkSops.ExampleLine') { `$objects.Add(`$item); continue }
    if (`$objects.Count) { `$null = `$text.Append((`$objects | Out-String -Width $($script:ExampleWidth))); `$objects.Clear() }
    if (`$null -ne `$item.Text) { `$null = `$text.AppendLine(`$item.Text) }
}
`$text.ToString()
"@)
        $text = -join $shell.Invoke()
        $errors = @($runspace.SessionStateProxy.GetVariable('__errors'))
        [pscustomobject]@{
            Text        = $text
            Errors      = @($errors | Where-Object { $null -ne $_ } | ForEach-Object { "$($_.InvocationInfo.MyCommand.Name): $($_.Exception.Message)" })
            Terminating = if ($terminating) { "$terminating" } else { $null }
        }
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

function Get-ExampleIdSet([string] $ExamplesPath) {
    # Node and flow ids that the example trees fix; any other such id in shown output was made at random.
    $ids = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($file in (Get-ChildItem $ExamplesPath -Recurse -Filter *.json)) {
        foreach ($m in [regex]::Matches([IO.File]::ReadAllText($file.FullName), '(?:node|line)[0-9a-f]{28}')) { $null = $ids.Add($m.Value) }
    }
    , $ids
}

function Test-ExampleOutputComparable {
    # Output is compared only when the help shows none of: random ids, ports, times, GUIDs.
    param([string] $Output, [System.Collections.Generic.HashSet[string]] $FixedIds)
    if ($Output -match '(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b') { return $false }
    if ($Output -match '(?i)(127\.0\.0\.1|localhost|\]):\d{2,5}\b') { return $false }
    if ($Output -match '\b\d{1,2}:\d{2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}[T ]\d') { return $false }
    foreach ($m in [regex]::Matches($Output, '(?:node|line)[0-9a-f]{28}')) { if (-not $FixedIds.Contains($m.Value)) { return $false } }
    $true
}

function ConvertTo-ComparableLine {
    # Lines without trailing blanks or blank lines; the example folder shown as the help shows it. What the host
    # alone writes (What if:) is not captured from a runspace, so it is left out of the expected text.
    param([string] $Text, [string] $Folder, [switch] $Expected)
    if ($Folder) {
        $Text = $Text.Replace($Folder + [IO.Path]::DirectorySeparatorChar, $script:ExampleFolderShownAs + '/').Replace($Folder, $script:ExampleFolderShownAs)
    }
    @($Text -split '\r?\n' | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ -ne '' } |
            Where-Object { -not ($Expected -and $_ -like 'What if: *') })
}
