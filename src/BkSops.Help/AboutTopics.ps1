# about_* topics: assembling about_<Module>_Rules.md from docs/rules/*.md, and compiling about_*.md into the
# plain-text about_*.help.txt files Get-Help shows.

$script:RulesIntroShort = 'Explains each rule BkSops applies when it checks a bk-sops pipeline tree, with a failing and a fixed example for each.'
$script:RulesIntroLong = @'
`Test-BkSopsPipeline` checks a bk-sops pipeline tree offline with the rules the bk-sops server applies when
`fast_create_task` receives it, plus a few checks of its own. Each finding is a diagnostic with a **RuleName**,
a **Severity** (Error, Warning or Information), the **NodeId** and JSON **Path** of the part at fault, a
**Message** that says what is wrong and a **Hint** that says how to fix it. An Error is something the server
rejects; its **ServerMessage** holds the answer the server would give.

Rule names are stable, so scripts can select on them. Validation errors written as error records have the
FullyQualifiedErrorId `BkSops.Validation.<RuleName>`.

To list the rules a tree breaks:

```powershell
(Test-BkSopsPipeline -Path ./tree.json -Detailed).Diagnostics | Format-Table RuleName, Severity, Path
```

Each rule below has a short explanation, a tree fragment that breaks it, and the fixed fragment.
'@.Replace("`r`n", "`n").Trim()
$script:RulesSeeAlso = @'
- [Test-BkSopsPipeline](Test-BkSopsPipeline.md)
- [Repair-BkSopsPipeline](Repair-BkSopsPipeline.md)
- [Import-BkSopsPipeline](Import-BkSopsPipeline.md)
'@.Replace("`r`n", "`n").Trim()

function Get-RuleFile([string] $RulesPath) {
    # Rule files sorted by rule name (ordinal, so the order is the same on every machine).
    if (-not $RulesPath -or -not (Test-Path -LiteralPath $RulesPath)) { return @() }
    $byName = [System.Collections.Generic.SortedDictionary[string, object]]::new([StringComparer]::Ordinal)
    foreach ($file in Get-ChildItem -LiteralPath $RulesPath -Filter '*.md' -File) { $byName[$file.BaseName] = $file }
    @($byName.Values)
}

function Step-HeadingLevel([string] $Text) {
    # H3 and H4 inside a rule file go two levels down (H5, H6); fenced code is left alone.
    $parts = [System.Collections.Generic.List[string]]::new()
    $position = 0
    foreach ($fence in $script:FencePattern.Matches($Text)) {
        $parts.Add([regex]::Replace($Text.Substring($position, $fence.Index - $position), '(?m)^(#{3,4})(?=[ \t])', '##$1'))
        $parts.Add($fence.Value)
        $position = $fence.Index + $fence.Length
    }
    $parts.Add([regex]::Replace($Text.Substring($position), '(?m)^(#{3,4})(?=[ \t])', '##$1'))
    $parts -join ''
}

function ConvertTo-RuleSubsection([string] $RuleName, [string] $Text) {
    # The rule file's own H1 is dropped (the subsection title is the rule name); its other headings move
    # below the H3 so they stay inside the rule.
    $document = ConvertFrom-HelpMarkdown $Text
    $body = [System.Collections.Generic.List[string]]::new()
    if ($document.Preamble) { $body.Add((Step-HeadingLevel $document.Preamble)) }
    foreach ($section in $document.Sections) {
        $body.Add('#### ' + $section.Name)
        if ($section.Body) { $body.Add((Step-HeadingLevel $section.Body)) }
    }
    '### ' + $RuleName + "`n`n" + $script:BlankEdges.Replace($body -join "`n`n", '')
}

function Update-RulesAboutFile([string] $RulesPath, [string] $Path, [string] $ModuleName) {
    $files = @(Get-RuleFile $RulesPath)
    if ($files.Count -eq 0) { return $null }
    $document = $null
    if (Test-Path -LiteralPath $Path) { $document = ConvertFrom-HelpMarkdown (Read-HelpText $Path) }
    $topic = 'about_' + $ModuleName + '_Rules'

    $frontMatter = Copy-FrontMatter $document
    if (-not $frontMatter['description']) { $frontMatter['description'] = $script:RulesIntroShort }
    if (-not $frontMatter['Locale']) { $frontMatter['Locale'] = 'en-US' }
    if (-not $frontMatter['ms.date']) { $frontMatter['ms.date'] = '' }
    if (-not $frontMatter['schema']) { $frontMatter['schema'] = '2.0.0' }
    $frontMatter['title'] = $topic

    $rules = [System.Collections.Generic.List[string]]::new()
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($file in $files) {
        $names.Add($file.BaseName)
        $rules.Add((ConvertTo-RuleSubsection $file.BaseName (Read-HelpText $file.FullName)))
    }
    $index = 'This topic describes ' + $names.Count + ' rules: ' + ($names -join ', ') + '.'
    $bodies = @{
        'Short description' = Get-SectionBody $document 'Short description' $script:RulesIntroShort
        'Long description'  = Get-SectionBody $document 'Long description' $script:RulesIntroLong
        'Rules'             = $index + "`n`n" + ($rules -join "`n`n")
        'See also'          = Get-SectionBody $document 'See also' $script:RulesSeeAlso
    }
    $sections = Merge-HelpSections $document @('Short description', 'Long description', 'Rules', 'See also') $bodies
    New-HelpFileUpdate $Path $frontMatter $topic '' $sections
}

function Format-AboutTextBlock([string] $Text, [string] $Indent) {
    # A markdown paragraph as wrapped text; list items get a hanging indent, tables stay as they are.
    $raw = $Text.Split("`n")
    if ($raw[0].TrimStart().StartsWith('|')) {
        return $Indent + (($raw -replace '^\s+|\s+$', '') -join ("`n" + $Indent))
    }
    $items = [System.Collections.Generic.List[string]]::new()
    $current = $null
    foreach ($line in $raw) {
        if ($line -match '^\s*([-*+]|\d+\.)\s+') {
            if ($null -ne $current) { $items.Add($current) }
            $current = $line.Trim()
        }
        elseif ($null -eq $current) { $current = $line.Trim() }
        else { $current += ' ' + $line.Trim() }
    }
    if ($null -ne $current) { $items.Add($current) }
    $out = foreach ($item in $items) {
        $hanging = $Indent
        if ($item -match '^([-*+]|\d+\.)\s+') { $hanging = $Indent + (' ' * ($Matches[0].Length)) }
        Format-WrappedText (ConvertTo-PlainInline $item) $Indent $hanging
    }
    $out -join "`n"
}

function ConvertTo-AboutHelpText([string] $Markdown) {
    # The classic about_*.help.txt layout: upper-case section names at column 0, text indented by four and
    # wrapped at 80 columns, code indented by eight; H3 subtopics are underlined.
    $document = ConvertFrom-HelpMarkdown $Markdown
    $topic = $document.Title
    if (-not $topic) { $topic = $document.FrontMatter['title'] }
    $parts = [System.Collections.Generic.List[string]]::new()
    $parts.Add("TOPIC`n    " + $topic)
    foreach ($section in $document.Sections) {
        $heading = $section.Name.ToUpperInvariant()
        $inner = Split-HelpSubsection $section.Body
        $groups = [System.Collections.Generic.List[object]]::new()
        $groups.Add([pscustomobject]@{ Title = $null; Body = $inner.Intro })
        foreach ($item in $inner.Items) { $groups.Add($item) }
        foreach ($group in $groups) {
            if ($group.Title) {
                $title = ConvertTo-PlainInline $group.Title
                $parts.Add('  ' + $title + "`n  " + ('-' * $title.Length))
            }
            if (-not $group.Body) { continue }
            foreach ($block in (Split-MarkdownBlock $group.Body)) {
                if ($block.Kind -eq 'Code') {
                    $text = [regex]::Replace('        ' + $block.Text.Replace("`n", "`n        "), '[ \t]+(?=\n|\z)', '')
                }
                elseif ($block.Text -match '^#{4,6}\s+(.+)$') {
                    $text = '    ' + (ConvertTo-PlainInline $Matches[1]) + ':'
                }
                else {
                    $text = Format-AboutTextBlock $block.Text '    '
                }
                # The first text of a section sits right under its name (Get-Help reads the synopsis there).
                if ($null -ne $heading) { $text = $heading + "`n" + $text; $heading = $null }
                $parts.Add($text)
            }
        }
        if ($null -ne $heading) { $parts.Add($heading) }
    }
    ($parts -join "`n`n") + "`n"
}

function Export-AboutHelpText([string] $DocsPath, [string] $OutputPath) {
    if (-not (Test-Path -LiteralPath $OutputPath)) { $null = New-Item -ItemType Directory -Path $OutputPath -Force }
    $utf8 = New-Object System.Text.UTF8Encoding($false)
    foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md') {
        $text = ConvertTo-AboutHelpText (Read-HelpText $file.FullName)
        $target = Join-Path $OutputPath ($file.BaseName + '.help.txt')
        [IO.File]::WriteAllText($target, $text, $utf8)
        Get-Item -LiteralPath $target
    }
}
