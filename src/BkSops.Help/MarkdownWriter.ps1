# Writes the PlatyPS 1.0 markdown layout: front matter, generated blocks (syntax, parameter yaml, type lists)
# and the document from its sections.

$script:SchemaVersion = '2024-05-01'
$script:CommandSectionOrder = @('SYNOPSIS', 'SYNTAX', 'ALIASES', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS',
    'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:CommonParametersText = @'
This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable,
-InformationAction, -InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable,
-ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see
[about_CommonParameters](https://go.microsoft.com/fwlink/?LinkID=113216).
'@.Replace("`r`n", "`n").Trim()

# Placeholders for text a person must write. Help.Tests.ps1 fails while any '{{ Fill' is left in docs/.
function New-Placeholder([string] $What) { '{{ Fill in ' + $What + ' }}' }

function Format-FrontMatter($FrontMatter) {
    $keys = [System.Collections.Generic.List[string]]::new()
    foreach ($key in $FrontMatter.Keys) { $keys.Add([string] $key) }
    $keys.Sort([StringComparer]::OrdinalIgnoreCase)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('---')
    foreach ($key in $keys) { $lines.Add($key + ': ' + (ConvertTo-YamlScalar $FrontMatter[$key])) }
    $lines.Add('---')
    $lines -join "`n"
}

function Format-YamlList([string] $Key, $Items) {
    $values = @($Items | Where-Object { $null -ne $_ -and ([string] $_).Length -gt 0 })
    if ($values.Count -eq 0) { return $Key + ': []' }
    $lines = @($Key + ':')
    foreach ($value in $values) { $lines += '- ' + (ConvertTo-YamlScalar $value) }
    $lines -join "`n"
}

function Format-ParameterYaml($Parameter) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('Type: ' + $Parameter.Type)
    $default = $Parameter.DefaultValue
    if ($null -eq $default -or ([string] $default).Length -eq 0) { $default = 'None' }
    $lines.Add('DefaultValue: ' + (ConvertTo-YamlScalar $default))
    $lines.Add('SupportsWildcards: ' + (ConvertTo-YamlScalar ([bool] $Parameter.SupportsWildcards)))
    $lines.Add((Format-YamlList 'Aliases' $Parameter.Aliases))
    $lines.Add('ParameterSets:')
    foreach ($set in $Parameter.ParameterSets) {
        $lines.Add('- Name: ' + (ConvertTo-YamlScalar $set.Name))
        $lines.Add('  Position: ' + $set.Position)
        foreach ($flag in 'IsRequired', 'ValueFromPipeline', 'ValueFromPipelineByPropertyName', 'ValueFromRemainingArguments') {
            $lines.Add('  ' + $flag + ': ' + (ConvertTo-YamlScalar ([bool] $set.$flag)))
        }
    }
    $lines.Add('DontShow: ' + (ConvertTo-YamlScalar ([bool] $Parameter.DontShow)))
    $lines.Add((Format-YamlList 'AcceptedValues' $Parameter.AcceptedValues))
    $lines.Add('HelpMessage: ' + (ConvertTo-YamlScalar ([string] $Parameter.HelpMessage)))
    $lines -join "`n"
}

function Format-SyntaxSection($Syntax) {
    $parts = [System.Collections.Generic.List[string]]::new()
    foreach ($item in $Syntax) {
        $header = '### ' + $item.SetName
        if ($item.IsDefault) { $header += ' (Default)' }
        $parts.Add($header + "`n`n" + '```powershell' + "`n" + $item.Text + "`n" + '```')
    }
    $parts -join "`n`n"
}

function Format-ParametersSection($Parameters, $Existing) {
    # $Existing: the parameters read from the current page (name -> Description, Metadata), or empty.
    $parts = [System.Collections.Generic.List[string]]::new()
    foreach ($parameter in $Parameters) {
        $description = New-Placeholder ('the description of -' + $parameter.Name)
        $old = $Existing[$parameter.Name]
        if ($null -ne $old) {
            if ($old.Description.Length -gt 0) { $description = $old.Description }
            $oldDefault = $old.Metadata['DefaultValue']
            if ($null -eq $parameter.DefaultValue -and $oldDefault -and $oldDefault -ne 'None') {
                # A default the cmdlet cannot report (computed at run time) may be written by hand.
                $parameter = $parameter.PSObject.Copy()
                $parameter.DefaultValue = $oldDefault
            }
        }
        $parts.Add('### -' + $parameter.Name + "`n`n" + $description + "`n`n" + '```yaml' + "`n" +
            (Format-ParameterYaml $parameter) + "`n" + '```')
    }
    $parts.Add("### CommonParameters`n`n" + $script:CommonParametersText)
    $parts -join "`n`n"
}

function Format-TypeSection($TypeNames, $ExistingBody, [string] $NoneText, [string] $What) {
    # One H3 per type; the text under each type is hand-written and kept by type name.
    $kept = @{}
    if ($ExistingBody) {
        foreach ($item in (Split-HelpSubsection $ExistingBody).Items) { $kept[$item.Title] = $item.Body }
    }
    $names = @($TypeNames)
    $parts = [System.Collections.Generic.List[string]]::new()
    if ($names.Count -eq 0) {
        $text = $NoneText
        if ($kept['None']) { $text = $kept['None'] }
        return "### None`n`n" + $text
    }
    foreach ($name in $names) {
        $text = New-Placeholder $What
        if ($kept[$name]) { $text = $kept[$name] }
        $parts.Add('### ' + $name + "`n`n" + $text)
    }
    $parts -join "`n`n"
}

function Format-AliasesSection($Aliases) {
    $names = @($Aliases)
    if ($names.Count -eq 0) { return 'This cmdlet has no aliases.' }
    $lines = @('This cmdlet has the following aliases:', '')
    foreach ($name in $names) { $lines += '- ' + $name }
    $lines -join "`n"
}

function ConvertTo-HelpMarkdownText($FrontMatter, [string] $Title, [string] $Preamble, $Sections) {
    $parts = [System.Collections.Generic.List[string]]::new()
    $parts.Add((Format-FrontMatter $FrontMatter))
    $parts.Add('# ' + $Title)
    if ($Preamble) { $parts.Add($Preamble) }
    foreach ($section in $Sections) {
        $block = '## ' + $section.Name
        if ($section.Body.Length -gt 0) { $block += "`n`n" + $section.Body }
        $parts.Add($block)
    }
    ($parts -join "`n`n") + "`n"
}

function Merge-HelpSections($Existing, [string[]] $Order, [hashtable] $Bodies) {
    # The canonical sections in order with the new bodies; sections unknown to the schema stay after the
    # canonical section they followed, with their text untouched.
    $attached = @{ '' = [System.Collections.Generic.List[object]]::new() }
    foreach ($name in $Order) { $attached[$name] = [System.Collections.Generic.List[object]]::new() }
    $anchor = ''
    if ($null -ne $Existing) {
        foreach ($section in $Existing.Sections) {
            $canonical = $null
            foreach ($name in $Order) { if ($name -eq $section.Name) { $canonical = $name } }
            if ($null -ne $canonical) { $anchor = $canonical } else { $attached[$anchor].Add($section) }
        }
    }
    $result = [System.Collections.Generic.List[object]]::new()
    foreach ($section in $attached['']) { $result.Add($section) }
    foreach ($name in $Order) {
        $result.Add([pscustomobject]@{ Name = $name; Body = [string] $Bodies[$name] })
        foreach ($section in $attached[$name]) { $result.Add($section) }
    }
    , $result
}

function New-HelpFileUpdate([string] $Path, $FrontMatter, [string] $Title, [string] $Preamble, $Sections) {
    # The new text of a help file and whether it differs from the file on disk. ms.date moves only when the
    # content changes, so a Docs run without changes leaves docs/ untouched.
    $old = $null
    if (Test-Path -LiteralPath $Path) { $old = Read-HelpText $Path }
    $text = ConvertTo-HelpMarkdownText $FrontMatter $Title $Preamble $Sections
    $status = 'Unchanged'
    if ($null -eq $old) { $status = 'Created' } elseif ($text -cne $old) { $status = 'Updated' }
    if ($status -ne 'Unchanged') {
        $FrontMatter['ms.date'] = [DateTime]::Today.ToString('MM/dd/yyyy', [Globalization.CultureInfo]::InvariantCulture)
        $text = ConvertTo-HelpMarkdownText $FrontMatter $Title $Preamble $Sections
    }
    [pscustomobject]@{ Path = $Path; Status = $status; Text = $text }
}

function Save-HelpFileUpdate($Update) {
    [IO.File]::WriteAllText($Update.Path, $Update.Text, (New-Object System.Text.UTF8Encoding($false)))
}
