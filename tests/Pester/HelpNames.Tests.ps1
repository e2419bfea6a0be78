# Help describes the commands a user has (issue #12, item 7): every command, parameter and type member that the
# help text names exists in the module as staged (or in PowerShell itself). Checked against the staged module, so
# cmdlets that other branches add are checked as they arrive.

BeforeDiscovery {
    $docs = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'BkSops')
    $pages = @(Get-ChildItem $docs -Filter *.md | ForEach-Object { @{ Page = $_.Name; File = $_.FullName } })
    $pages += @{ Page = 'README.md'; File = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'README.md') }
}

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Module = Get-Module BkSops
    $script:Verbs = @(Get-Verb | ForEach-Object Verb)
    $script:CommandPattern = [regex] '(?<![\w-])(?<name>(?<verb>[A-Z][a-z]+)-(?<noun>[A-Z][A-Za-z0-9]+))(?![\w-])'

    # Types a user meets: what the cmdlets take and return, and the types of their properties.
    $script:UserTypes = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($command in $Module.ExportedCommands.Values) {
        $types = @($command.OutputType | ForEach-Object Type) + @($command.Parameters.Values | ForEach-Object ParameterType)
        foreach ($type in $types) {
            if ($null -eq $type) { continue }
            $null = $UserTypes.Add($type.Name)
            foreach ($property in $type.GetProperties()) { $null = $UserTypes.Add($property.PropertyType.Name) }
        }
    }
    $script:ModuleTypes = @($Module.ImplementingAssembly, [BkSops.Model.PipelineTree].Assembly |
            ForEach-Object { $_.GetExportedTypes() } | ForEach-Object Name | Sort-Object -Unique)

    function Get-HelpProse([string] $Text) {
        # The text outside fenced code and outside the generated SYNTAX and PARAMETERS metadata.
        $Text = [regex]::Replace($Text, '(?ms)^```.*?^```[ \t]*$', '')
        [regex]::Replace($Text, '(?ms)^## SYNTAX.*?(?=^## )', '')
    }

    function Get-HelpCode([string] $Text) {
        # PowerShell in the help: fenced powershell blocks (outside SYNTAX) and inline code spans.
        $Text = [regex]::Replace($Text, '(?ms)^## SYNTAX.*?(?=^## )', '')
        foreach ($m in [regex]::Matches($Text, '(?ms)^```(?:powershell|ps1)[ \t]*\n(?<code>.*?)^```')) {
            ($m.Groups['code'].Value -split '\n' | ForEach-Object { $_ -replace '^PS> ', '' } |
                Where-Object { $_ -notmatch '^(VERBOSE|WARNING|What if):' }) -join "`n"
        }
        $prose = [regex]::Replace($Text, '(?ms)^```.*?^```[ \t]*$', '')
        foreach ($m in [regex]::Matches($prose, '(?<!`)`(?<code>[^`\n]+)`(?!`)')) { $m.Groups['code'].Value }
    }

    function Resolve-HelpCommand([string] $Name) {
        if ($Name -like '*-BkSops*') { return $Module.ExportedCommands[$Name] }
        Get-Command $Name -ErrorAction Ignore | Select-Object -First 1
    }

    function Test-ParameterName($Command, [string] $Name) {
        if ($Command.CommandType -eq 'Application') { return $true }
        $all = @($Command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
        @($all | Where-Object { $_ -like "$Name*" }).Count -ge 1
    }
}

Describe 'Names in <Page>' -ForEach $pages {
    BeforeAll { $text = [IO.File]::ReadAllText($File) }

    It 'names only commands that exist' {
        $missing = foreach ($m in $CommandPattern.Matches($text)) {
            if ($Verbs -notcontains $m.Groups['verb'].Value) { continue }
            if (-not (Resolve-HelpCommand $m.Groups['name'].Value)) { $m.Groups['name'].Value }
        }
        (@($missing | Sort-Object -Unique) -join ', ') | Should -BeNullOrEmpty
    }

    It 'gives each command in its code only parameters the command has' {
        $wrong = foreach ($code in (Get-HelpCode $text)) {
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
            foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $name = $call.GetCommandName()
                if (-not $name -or -not $CommandPattern.IsMatch($name)) { continue }
                $command = Resolve-HelpCommand $name
                if (-not $command) { continue }   # reported by the test above
                foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    if (-not (Test-ParameterName $command $parameter.ParameterName)) { "$name -$($parameter.ParameterName)" }
                }
            }
        }
        (@($wrong | Sort-Object -Unique) -join ', ') | Should -BeNullOrEmpty
    }

    It 'names in its text only parameters that a BkSops cmdlet has' {
        $known = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($command in $Module.ExportedCommands.Values) { foreach ($p in $command.Parameters.Values) { $null = $known.Add($p.Name); foreach ($a in $p.Aliases) { $null = $known.Add($a) } } }
        $prose = [regex]::Replace((Get-HelpProse $text), '`[^`\n]+`', '')
        $unknown = foreach ($m in [regex]::Matches($prose, '(?<![\w`/-])-(?<name>[A-Z][A-Za-z]+)\b')) {
            if (-not $known.Contains($m.Groups['name'].Value)) { '-' + $m.Groups['name'].Value }
        }
        (@($unknown | Sort-Object -Unique) -join ', ') | Should -BeNullOrEmpty
    }

    It 'names no member of a BkSops type that users never get' {
        $internal = foreach ($m in [regex]::Matches($text, '\b(?<type>[A-Z]\w+)\.(?<member>[A-Z]\w+)\b')) {
            $type = $m.Groups['type'].Value
            if ($ModuleTypes -contains $type -and -not $UserTypes.Contains($type)) { $m.Value }
        }
        (@($internal | Sort-Object -Unique) -join ', ') | Should -BeNullOrEmpty
    }

    It 'does not list itself under related links, and links no online address the project does not have' {
        $name = [IO.Path]::GetFileNameWithoutExtension($File)
        $links = [regex]::Match($text, '(?ms)^## RELATED LINKS\s*\n(?<links>.*?)(?=^## |\z)').Groups['links'].Value
        $links | Should -Not -Match ([regex]::Escape("]($name.md)"))
        $text | Should -Not -Match '(?m)^HelpUri: *[''"]?https?:'
    }
}

Describe 'Texts copied from one cmdlet to another (item 9)' {
    It 'says what Repair-BkSopsPipeline does with -Path' {
        $help = Get-Help Repair-BkSopsPipeline -Parameter Path
        ($help.description | Out-String) | Should -Not -Match 'checks every tree'
        ($help.description | Out-String) | Should -Match 'repairs every tree'
    }

    It 'says in Import-BkSopsPipeline''s INPUTS that piped files are read, as they are' {
        $inputs = (Get-Help Import-BkSopsPipeline -Full).inputTypes | Out-String
        $inputs | Should -Not -Match 'read as a tree and\s+fails'
        $tree = Get-Item (Join-Path $env:BKSOPS_TEST_ROOT 'docs/examples/seed-tree.json') | Import-BkSopsPipeline
        $tree.ActivityCount | Should -Be 4
    }
}
