# The help generator itself (src/BkSops.Help): refreshing markdown keeps hand-written text, compiling
# markdown gives MAML that Get-Help can show, rule files become the about_BkSops_Rules topic.
# Everything runs on copies under $TestDrive; docs/ is never written.

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    Import-Module ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'src', 'BkSops.Help', 'BkSops.Help.psm1')) -Force
    $script:RealDocs = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'BkSops')

    function Read-Text([string] $Path) { [IO.File]::ReadAllText($Path).Replace("`r`n", "`n") }
    function Write-Text([string] $Path, [string] $Text) { [IO.File]::WriteAllText($Path, $Text, [Text.UTF8Encoding]::new($false)) }

    function Get-ParameterBlock([string] $Text, [string] $Name) {
        # The '### -Name' subsection of a cmdlet page, up to the next H3 or H2.
        $m = [regex]::Match($Text, '(?ms)^### -' + $Name + '\n.*?(?=^###? |\z)')
        $m.Value
    }

    . ([IO.Path]::Combine($PSScriptRoot, 'ChildPowerShell.ps1'))
}

Describe 'Update-BkSopsMarkdownHelp' {
    BeforeAll {
        $docs = Join-Path $TestDrive 'docs'
        $null = New-Item -ItemType Directory $docs
        $noRules = Join-Path $TestDrive 'no-rules'
        Copy-Item (Join-Path $RealDocs 'Import-BkSopsPipeline.md') $docs
        Copy-Item (Join-Path $RealDocs 'BkSops.md') $docs
        $importPage = Join-Path $docs 'Import-BkSopsPipeline.md'
        $exportPage = Join-Path $docs 'Export-BkSopsPipeline.md'

        # Hand edits, a parameter the cmdlet does not have, a tampered yaml block, and a parameter left out
        # (as when the cmdlet gains one).
        $text = Read-Text $importPage
        $text = [regex]::Replace($text, '(?ms)(## SYNOPSIS\n\n).*?(?=\n\n## )', '${1}Hand-written synopsis.')
        $text = $text.Replace("## EXAMPLES`n", "## EXTRA SECTION`n`nHand-written extra section.`n`n## EXAMPLES`n")
        $text = $text.Replace('### Example 1: Read a tree from a file', '### Example 1: Hand-written example title')
        $text = [regex]::Replace($text, '(?ms)(### -LiteralPath\n\n).*?(?=\n\n```yaml)', '${1}Hand-written LiteralPath text.')
        $json = Get-ParameterBlock $text 'Json'
        $text = $text.Replace($json, '')
        $vanished = (Get-ParameterBlock $text 'LiteralPath').Replace('-LiteralPath', '-Vanished').Replace('Hand-written LiteralPath text.', 'Gone.')
        $text = $text.Replace('### CommonParameters', $vanished + '### CommonParameters')
        $path = Get-ParameterBlock $text 'Path'
        $text = $text.Replace($path, $path.Replace('  Position: 0', '  Position: 7'))
        $text = $text.Replace("## NOTES`n", "## NOTES`n`nHand-written note.`n")
        Write-Text $importPage $text

        $result = @(Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $docs -RulesPath $noRules)
        $import = Read-Text $importPage
        $export = Read-Text $exportPage
    }

    It 'reports what it did to each file' {
        ($result | Where-Object { $_.Path -eq $importPage }).Status | Should -Be 'Updated'
        ($result | Where-Object { $_.Path -eq $exportPage }).Status | Should -Be 'Created'
        @($result | Where-Object { $_.Path -like '*about_*' }).Count | Should -Be 0 -Because 'there are no rule files'
    }

    It 'keeps hand-written synopsis, examples, notes and extra sections in place' {
        $import | Should -Match '(?m)^## SYNOPSIS\n\nHand-written synopsis\.\n\n## SYNTAX'
        $import | Should -Match '(?m)^## DESCRIPTION\n\nThe `Import-BkSopsPipeline` cmdlet reads'
        $import | Should -Match '(?s)## DESCRIPTION.*## EXTRA SECTION\n\nHand-written extra section\.\n\n## EXAMPLES'
        $import | Should -Match '### Example 1: Hand-written example title'
        $import | Should -Match '## NOTES\n\nHand-written note\.'
        $import | Should -Match '- \[Export-BkSopsPipeline\]\(Export-BkSopsPipeline\.md\)'
    }

    It 'keeps hand-written parameter descriptions and restores their generated yaml' {
        Get-ParameterBlock $import 'LiteralPath' | Should -Match '### -LiteralPath\n\nHand-written LiteralPath text\.\n\n```yaml'
        Get-ParameterBlock $import 'Path' | Should -Match '- Name: Path\n  Position: 0\n'
    }

    It 'adds a new parameter with a placeholder and its yaml, and drops a vanished one' {
        $block = Get-ParameterBlock $import 'Json'
        $block | Should -Match '\{\{ Fill in the description of -Json \}\}'
        $block | Should -Match 'Type: System.String\[\]\n'
        $block | Should -Match '- Name: Json\n  Position: Named\n  IsRequired: true\n'
        $import | Should -Not -Match '### -Vanished'
        $import.IndexOf('### -InputObject') | Should -BeLessThan $import.IndexOf('### -Json') -Because 'parameters are sorted by name'
    }

    It 'creates the page of a cmdlet that has none, in PlatyPS 1.0 format with marked placeholders' {
        $export | Should -Match '(?s)\A---\ndocument type: cmdlet\nexternal help file: BkSops.dll-Help.xml\nHelpUri: .*\nLocale: en-US\nModule Name: BkSops\nms.date: \d\d/\d\d/\d{4}\nPlatyPS schema version: 2024-05-01\ntitle: Export-BkSopsPipeline\n---\n\n# Export-BkSopsPipeline\n'
        $headings = [regex]::Matches($export, '(?m)^## (.+)$') | ForEach-Object { $_.Groups[1].Value }
        ($headings -join '|') | Should -Be 'SYNOPSIS|SYNTAX|ALIASES|DESCRIPTION|EXAMPLES|PARAMETERS|INPUTS|OUTPUTS|NOTES|RELATED LINKS'
        $export | Should -Match '## SYNOPSIS\n\n\{\{ Fill in the synopsis'
        $export | Should -Match '### Example 2: \{\{ Fill in'
        $export | Should -Match '```powershell\nExport-BkSopsPipeline \[\[-Path\] <string>\] -InputObject <PipelineTree>'
        Get-ParameterBlock $export 'Compress' | Should -Match '\{\{ Fill in the description of -Compress \}\}'
        Get-ParameterBlock $export 'WhatIf' | Should -Match 'Shows what would happen if the cmdlet runs'
        $export | Should -Match '### CommonParameters\n\nThis cmdlet supports the common parameters'
        $export | Should -Match '## INPUTS\n\n### BkSops.Model.PipelineTree\n'
        $export | Should -Match '## OUTPUTS\n\n### System.String\n'
    }

    It 'writes the yaml block of a parameter the way PlatyPS 1.0 does' {
        $expected = @(
            '```yaml', 'Type: System.String[]', 'DefaultValue: None', 'SupportsWildcards: false', 'Aliases:', '- PSPath', '- LP',
            'ParameterSets:', '- Name: LiteralPath', '  Position: Named', '  IsRequired: true', '  ValueFromPipeline: false',
            '  ValueFromPipelineByPropertyName: true', '  ValueFromRemainingArguments: false', 'DontShow: false',
            'AcceptedValues: []', "HelpMessage: ''", '```') -join "`n"
        Get-ParameterBlock $import 'LiteralPath' | Should -Match ([regex]::Escape($expected))
    }

    It 'lists the cmdlets and their synopses on the module page' {
        $page = Read-Text (Join-Path $docs 'BkSops.md')
        $page | Should -Match '(?s)\A---\ndocument type: module\n'
        $page | Should -Match '### \[Import-BkSopsPipeline\]\(Import-BkSopsPipeline\.md\)\n\nHand-written synopsis\.'
        $page | Should -Match '### \[Export-BkSopsPipeline\]\(Export-BkSopsPipeline\.md\)'
    }

    It 'changes nothing on a second run, and writes nothing with -WhatIf' {
        $before = Get-ChildItem $docs | ForEach-Object { "$($_.Name)=$($_.LastWriteTimeUtc.Ticks)" }
        $again = @(Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $docs -RulesPath $noRules)
        @($again | Where-Object Status -ne 'Unchanged').Count | Should -Be 0
        Remove-Item $exportPage
        $whatIf = @(Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $docs -RulesPath $noRules -WhatIf)
        ($whatIf | Where-Object { $_.Path -eq $exportPage }).Status | Should -Be 'Created'
        $exportPage | Should -Not -Exist
        $null = Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $docs -RulesPath $noRules
        (Get-ChildItem $docs | Where-Object Name -ne 'Export-BkSopsPipeline.md' | ForEach-Object { "$($_.Name)=$($_.LastWriteTimeUtc.Ticks)" }) |
            Should -Be ($before | Where-Object { $_ -notlike 'Export-BkSopsPipeline.md=*' })
    }

    It 'needs the module to be imported' {
        { Update-BkSopsMarkdownHelp -ModuleName NoSuchModule -DocsPath $docs } | Should -Throw '*not imported*'
    }
}

Describe 'ConvertTo-BkSopsMaml' {
    BeforeAll {
        $docs = Join-Path $TestDrive 'maml-docs'
        $null = New-Item -ItemType Directory $docs
        $sample = @'
---
document type: cmdlet
external help file: Sample.dll-Help.xml
HelpUri: https://example.com/Get-Sample
Locale: en-US
Module Name: Sample
ms.date: 01/02/2026
PlatyPS schema version: 2024-05-01
title: Get-Sample
---

# Get-Sample

## SYNOPSIS

Gets samples.

## SYNTAX

### ByName (Default)

```powershell
Get-Sample [-Name] <string[]> [-Format <string>] [-Force] [<CommonParameters>]
```

### ById

```powershell
Get-Sample -Id <int> [-Force] [<CommonParameters>]
```

## ALIASES

This cmdlet has no aliases.

## DESCRIPTION

Gets samples by name
or by id.

- first point
- second point

## EXAMPLES

### Example 1: By name

```powershell
Get-Sample -Name a
```

```output
Name
----
a
```

Gets the sample named a.

### Example 2: By id

```powershell
Get-Sample -Id 1
```

Gets sample 1.

## PARAMETERS

### -Force

Forces it.

```yaml
Type: System.Management.Automation.SwitchParameter
DefaultValue: False
SupportsWildcards: false
Aliases: []
ParameterSets:
- Name: (All)
  Position: Named
  IsRequired: false
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
```

### -Format

The **output** format.

```yaml
Type: System.String
DefaultValue: Text
SupportsWildcards: false
Aliases: []
ParameterSets:
- Name: ByName
  Position: Named
  IsRequired: false
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues:
- Text
- Json
HelpMessage: ''
```

### -Id

The id.

```yaml
Type: System.Int32
DefaultValue: None
SupportsWildcards: false
Aliases: []
ParameterSets:
- Name: ById
  Position: Named
  IsRequired: true
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
```

### -Name

The names; wildcards work.

```yaml
Type: System.String[]
DefaultValue: None
SupportsWildcards: true
Aliases:
- N
ParameterSets:
- Name: ByName
  Position: 0
  IsRequired: true
  ValueFromPipeline: true
  ValueFromPipelineByPropertyName: true
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
```

### CommonParameters

This cmdlet supports the common parameters.

## INPUTS

### System.String[]

Names.

## OUTPUTS

### Sample.Item

One item per sample.

## NOTES

A note.

## RELATED LINKS

- [Set-Sample](Set-Sample.md)
- [Docs](https://example.com/docs)
'@
        Write-Text (Join-Path $docs 'Get-Sample.md') $sample.Replace("`r`n", "`n")
        Write-Text (Join-Path $docs 'Sample.md') "---`ndocument type: module`ntitle: Sample Module`n---`n`n# Sample Module`n"
        Write-Text (Join-Path $docs 'about_Sample.md') "---`ntitle: about_Sample`n---`n`n# about_Sample`n`n## Short description`n`nAbout samples.`n`n## Long description`n`nSamples are **small**.`n`n``````powershell`nGet-Sample`n```````n"
        $out = Join-Path $TestDrive 'maml-out'
        $files = @(ConvertTo-BkSopsMaml -DocsPath $docs -OutputPath (Join-Path $out 'Sample.dll-Help.xml') -AboutOutputPath $out -PassThru)
        [xml] $maml = Get-Content (Join-Path $out 'Sample.dll-Help.xml') -Raw
        $ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $commands = $maml.SelectNodes('//command:command', $ns)
        $command = $commands[0]
        function Select-Text([string] $XPath) { @($command.SelectNodes($XPath, $ns) | ForEach-Object InnerText) }
    }

    It 'writes one command per cmdlet page and skips module and about pages' {
        $commands.Count | Should -Be 1
        ($files | ForEach-Object Name) | Should -Be @('Sample.dll-Help.xml', 'about_Sample.help.txt')
    }

    It 'writes name, verb, noun, synopsis and description' {
        Select-Text 'command:details/command:name' | Should -Be 'Get-Sample'
        Select-Text 'command:details/command:verb' | Should -Be 'Get'
        Select-Text 'command:details/command:noun' | Should -Be 'Sample'
        Select-Text 'command:details/maml:description/maml:para' | Should -Be 'Gets samples.'
        Select-Text 'maml:description/maml:para' | Should -Be @('Gets samples by name or by id.', "- first point`n- second point")
    }

    It 'writes one syntax item per parameter set, with the parameters of that set in syntax order' {
        $items = $command.SelectNodes('command:syntax/command:syntaxItem', $ns)
        $items.Count | Should -Be 2
        @($items[0].SelectNodes('command:parameter/maml:name', $ns) | ForEach-Object InnerText) | Should -Be @('Name', 'Format', 'Force')
        @($items[1].SelectNodes('command:parameter/maml:name', $ns) | ForEach-Object InnerText) | Should -Be @('Id', 'Force')
        $name = $items[0].SelectSingleNode('command:parameter[maml:name="Name"]', $ns)
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.SelectSingleNode('command:parameterValue', $ns).InnerText | Should -Be 'String[]'
        $force = $items[1].SelectSingleNode('command:parameter[maml:name="Force"]', $ns)
        $force.SelectSingleNode('command:parameterValue', $ns) | Should -BeNullOrEmpty -Because 'a switch takes no value'
        $format = $items[0].SelectSingleNode('command:parameter[maml:name="Format"]', $ns)
        @($format.SelectNodes('command:parameterValueGroup/command:parameterValue', $ns) | ForEach-Object InnerText) | Should -Be @('Text', 'Json')
    }

    It 'writes every parameter with its attributes, type, default and description' {
        $parameters = $command.SelectNodes('command:parameters/command:parameter', $ns)
        @($parameters | ForEach-Object { $_.SelectSingleNode('maml:name', $ns).InnerText }) | Should -Be @('Force', 'Format', 'Id', 'Name')
        $name = $command.SelectSingleNode('command:parameters/command:parameter[maml:name="Name"]', $ns)
        $name.pipelineInput | Should -Be 'True (ByValue, ByPropertyName)'
        $name.globbing | Should -Be 'true'
        $name.aliases | Should -Be 'N'
        $name.SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be 'The names; wildcards work.'
        $name.SelectSingleNode('dev:type/maml:name', $ns).InnerText | Should -Be 'System.String[]'
        $format = $command.SelectSingleNode('command:parameters/command:parameter[maml:name="Format"]', $ns)
        $format.SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be 'Text'
        $format.SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be 'The output format.'
        $format.position | Should -Be 'named'
        $format.required | Should -Be 'false'
    }

    It 'writes inputs, outputs, notes, examples and related links' {
        Select-Text 'command:inputTypes/command:inputType/dev:type/maml:name' | Should -Be 'System.String[]'
        Select-Text 'command:inputTypes/command:inputType/maml:description/maml:para' | Should -Be 'Names.'
        Select-Text 'command:returnValues/command:returnValue/dev:type/maml:name' | Should -Be 'Sample.Item'
        Select-Text 'maml:alertSet/maml:alert/maml:para' | Should -Be 'A note.'
        $examples = $command.SelectNodes('command:examples/command:example', $ns)
        $examples.Count | Should -Be 2
        $examples[0].SelectSingleNode('maml:title', $ns).InnerText | Should -Match 'Example 1: By name'
        $examples[0].SelectSingleNode('dev:code', $ns).InnerText | Should -Be 'Get-Sample -Name a'
        $remarks = @($examples[0].SelectNodes('dev:remarks/maml:para', $ns) | ForEach-Object InnerText)
        $remarks[0] | Should -Be "Name`n----`na"
        $remarks[1] | Should -Be 'Gets the sample named a.'
        Select-Text 'command:relatedLinks/maml:navigationLink/maml:linkText' | Should -Be @('Online Version:', 'Set-Sample', 'Docs')
        Select-Text 'command:relatedLinks/maml:navigationLink/maml:uri' | Should -Be @('https://example.com/Get-Sample', '', 'https://example.com/docs')
    }

    It 'compiles about topics to plain text' {
        $text = Read-Text (Join-Path $out 'about_Sample.help.txt')
        $text | Should -Match '\ATOPIC\n    about_Sample\n\nSHORT DESCRIPTION\n    About samples\.\n\nLONG DESCRIPTION\n    Samples are small\.\n\n        Get-Sample\n'
    }

    It 'compiles the real docs into help Get-Help shows with syntax, parameters and examples' {
        $module = Join-Path $TestDrive 'module'
        Copy-Item (Split-Path $env:BKSOPS_TEST_MODULE -Parent) (Join-Path $module 'BkSops') -Recurse
        $null = ConvertTo-BkSopsMaml -DocsPath $RealDocs -OutputPath ([IO.Path]::Combine($module, 'BkSops', 'en-US', 'BkSops.dll-Help.xml'))
        $manifest = [IO.Path]::Combine($module, 'BkSops', 'BkSops.psd1')
        $shown = (Invoke-ChildPwsh "Import-Module '$manifest'; Get-Help Import-BkSopsPipeline -Full | Out-String -Width 200").Output -join "`n"
        $shown | Should -Match 'SYNTAX\s+Import-BkSopsPipeline \[-Path\] <String\[\]>'
        $shown | Should -Match 'Import-BkSopsPipeline -LiteralPath <String\[\]>'
        $shown | Should -Match 'Example 2:'
        $shown | Should -Match '-LiteralPath <String\[\]>\s+The JSON files to read'
    }
}

Describe 'about_BkSops_Rules from docs/rules' {
    BeforeAll {
        $docs = Join-Path $TestDrive 'rules-docs'
        $rules = Join-Path $TestDrive 'rules'
        $null = New-Item -ItemType Directory $docs, $rules
        Write-Text (Join-Path $rules 'ZebraRule.md') "# ZebraRule`n`nZebra explanation.`n`n## Failing example`n`n``````json`n{""a"": 1}`n```````n`n## Fixed`n`n``````json`n{""a"": 2}`n```````n"
        Write-Text (Join-Path $rules 'AlphaRule.md') "Alpha explanation.`n`n### Failing example`n`n``````json`n{}`n```````n"
        $status = Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $docs -RulesPath $rules | Where-Object { $_.Path -like '*about_BkSops_Rules.md' }
        $aboutPage = Join-Path $docs 'about_BkSops_Rules.md'
        $about = Read-Text $aboutPage
    }

    It 'is created with an intro and one subsection per rule, sorted by rule name' {
        $status.Status | Should -Be 'Created'
        $about | Should -Match '(?s)\A---\n.*title: about_BkSops_Rules\n---\n\n# about_BkSops_Rules\n\n## Short description\n'
        $about | Should -Match '## Long description\n\n`Test-BkSopsPipeline` checks'
        $about | Should -Match '(?s)## Rules\n\nThis topic describes 2 rules: AlphaRule, ZebraRule\.\n\n### AlphaRule\n\nAlpha explanation\..*### ZebraRule\n\nZebra explanation\.\n\n#### Failing example\n\n```json\n\{"a": 1\}\n```\n\n#### Fixed'
        $about | Should -Match '## See also\n'
    }

    It 'keeps a hand-edited intro and follows changes to the rule files' {
        Write-Text $aboutPage ($about.Replace('## Long description', "## Long description`n`nHand-written intro."))
        Write-Text (Join-Path $rules 'AlphaRule.md') 'Alpha explanation, revised.'
        $null = Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $docs -RulesPath $rules
        $again = Read-Text $aboutPage
        $again | Should -Match '## Long description\n\nHand-written intro\.'
        $again | Should -Match '### AlphaRule\n\nAlpha explanation, revised\.\n\n### ZebraRule'
    }

    It 'is found by Get-Help about_BkSops_Rules once compiled into the module' {
        $module = Join-Path $TestDrive 'rules-module'
        Copy-Item (Split-Path $env:BKSOPS_TEST_MODULE -Parent) (Join-Path $module 'BkSops') -Recurse
        $null = ConvertTo-BkSopsMaml -DocsPath $docs -OutputPath ([IO.Path]::Combine($module, 'BkSops', 'en-US', 'BkSops.dll-Help.xml'))
        $manifest = [IO.Path]::Combine($module, 'BkSops', 'BkSops.psd1')
        $shown = (Invoke-ChildPwsh "Import-Module '$manifest'; Get-Help about_BkSops_Rules | Out-String -Width 200").Output -join "`n"
        $shown | Should -Match 'TOPIC\s+about_BkSops_Rules'
        $shown | Should -Match '  AlphaRule\n  ---------'
        $shown | Should -Match '  ZebraRule\n  ---------\n\n    Zebra explanation\.'
    }
}
