# Compiles cmdlet pages (PlatyPS 1.0 markdown) into the MAML that Get-Help reads for a binary module.

$script:MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$script:CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:MsHelpNs = 'http://msdn.microsoft.com/mshelp'

function Get-MamlParagraph([string] $Markdown) {
    # Get-Help keeps the line breaks of a para, so prose is wrapped here to 72 columns, which fits an
    # 80-column console after Get-Help's indentation; lists, tables and code keep their own line breaks.
    # (Inline rather than through ConvertTo-PlainInline/Format-WrappedText: function calls are slow and this
    # runs for every description on every build.)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    if (-not $Markdown) { return , $paragraphs }
    foreach ($block in (Split-MarkdownBlock $Markdown)) {
        if ($block.Kind -eq 'Code') { $paragraphs.Add($block.Text); continue }
        $plain = $script:RelativeLink.Replace($script:AbsoluteLink.Replace($block.Text, '$1 ($2)'), '$1').Replace('**', '')
        if ($plain -match '^#{1,6}[ \t]+(.+)$') { $paragraphs.Add($Matches[1] + ':') }
        elseif ($plain -match '(?m)^\s*([-*+]|\d+\.|\|)\s') { $paragraphs.Add($plain) }
        else { $paragraphs.Add($script:MamlWrap.Replace($script:WhiteSpaceRun.Replace($plain.Trim(), ' '), "`$1`n").TrimEnd("`n")) }
    }
    , $paragraphs
}

function Write-MamlDescription($Writer, [string] $Markdown) {
    $Writer.WriteStartElement('maml', 'description', $script:MamlNs)
    foreach ($para in (Get-MamlParagraph $Markdown)) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, $para) }
    $Writer.WriteEndElement()
}

function ConvertTo-MamlParameter($Parameter) {
    # Everything the MAML needs about a parameter, computed once (it is written once per syntax item too).
    $meta = $Parameter.Metadata
    $type = [string] $meta['Type']
    $aliases = [System.Collections.Generic.List[string]]::new()
    foreach ($alias in $meta['Aliases']) { if ($alias) { $aliases.Add($alias) } }
    $aliasText = 'none'
    if ($aliases.Count -gt 0) { $aliasText = $aliases -join ', ' }
    $accepted = [System.Collections.Generic.List[string]]::new()
    foreach ($value in $meta['AcceptedValues']) { if ($value) { $accepted.Add($value) } }
    $default = [string] $meta['DefaultValue']
    if (-not $default) { $default = 'None' }
    $globbing = 'false'
    if ($meta['SupportsWildcards'] -eq 'true') { $globbing = 'true' }
    $sets = [System.Collections.Generic.List[object]]::new()
    foreach ($set in $meta['ParameterSets']) { $sets.Add($set) }
    [pscustomobject]@{
        Name       = $Parameter.Name
        Paragraphs = (Get-MamlParagraph $Parameter.Description)
        Type       = $type
        ShortType  = [regex]::Replace($type, '(?<![\w])(?:\w+\.)+(?=\w)', '')
        IsSwitch   = $type -eq 'System.Management.Automation.SwitchParameter'
        Aliases    = $aliasText
        Accepted   = $accepted
        Default    = $default
        Globbing   = $globbing
        Sets       = $sets
    }
}

function Write-MamlParameter($Writer, $Parameter, $Sets) {
    # $Parameter: from ConvertTo-MamlParameter. $Sets: the yaml ParameterSets entries this element describes
    # (one set in a syntax item, all of them in the parameter list); required and position come from the first,
    # pipeline input from all.
    $required = 'false'
    $position = 'named'
    $byValue = $false
    $byName = $false
    $first = $true
    foreach ($set in $Sets) {
        if ($first) {
            if ($set['IsRequired'] -eq 'true') { $required = 'true' }
            if ($set['Position'] -and $set['Position'] -ne 'Named') { $position = [string] $set['Position'] }
            $first = $false
        }
        if ($set['ValueFromPipeline'] -eq 'true') { $byValue = $true }
        if ($set['ValueFromPipelineByPropertyName'] -eq 'true') { $byName = $true }
    }
    $pipeline = 'False'
    if ($byValue -and $byName) { $pipeline = 'True (ByValue, ByPropertyName)' }
    elseif ($byValue) { $pipeline = 'True (ByValue)' }
    elseif ($byName) { $pipeline = 'True (ByPropertyName)' }

    $Writer.WriteStartElement('command', 'parameter', $script:CommandNs)
    $Writer.WriteAttributeString('required', $required)
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Parameter.Globbing)
    $Writer.WriteAttributeString('pipelineInput', $pipeline)
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $Parameter.Aliases)
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $Parameter.Name)
    $Writer.WriteStartElement('maml', 'description', $script:MamlNs)
    foreach ($para in $Parameter.Paragraphs) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, $para) }
    $Writer.WriteEndElement()
    if ($Parameter.Accepted.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:CommandNs)
        foreach ($value in $Parameter.Accepted) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $script:CommandNs, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not $Parameter.IsSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Parameter.ShortType)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:DevNs)
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $Parameter.Type)
    $Writer.WriteElementString('maml', 'uri', $script:MamlNs, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $script:DevNs, $Parameter.Default)
    $Writer.WriteEndElement()
}

function Get-SyntaxSet($Document) {
    # Set names and, per set, the parameter order of its syntax block (the order PowerShell prints).
    $sets = [System.Collections.Generic.List[object]]::new()
    $section = Get-HelpSection $Document 'SYNTAX'
    if ($null -eq $section) { return , $sets }
    foreach ($item in (Split-HelpSubsection $section.Body).Items) {
        $name = ($item.Title -replace '\s*\(Default\)\s*$', '').Trim()
        $order = [System.Collections.Generic.List[string]]::new()
        foreach ($match in [regex]::Matches($item.Body, '(?<![\w<-])-(\w+)')) { $order.Add($match.Groups[1].Value) }
        $sets.Add([pscustomobject]@{ Name = $name; Order = $order })
    }
    , $sets
}

function Write-MamlSyntax($Writer, $Document, $Parameters, [string] $CommandName) {
    $Writer.WriteStartElement('command', 'syntax', $script:CommandNs)
    foreach ($set in (Get-SyntaxSet $Document)) {
        $Writer.WriteStartElement('command', 'syntaxItem', $script:CommandNs)
        $Writer.WriteElementString('maml', 'name', $script:MamlNs, $CommandName)
        # In the order of the set's syntax line; parameters missing from it go last.
        $ranked = [System.Collections.Generic.SortedDictionary[int, object]]::new()
        $extra = 10000
        foreach ($parameter in $Parameters) {
            # The parameter's entry for this set, or its (All) entry.
            $entry = $null
            foreach ($candidate in $parameter.Sets) {
                if ($candidate['Name'] -eq $set.Name) { $entry = $candidate; break }
                if ($null -eq $entry -and ($candidate['Name'] -eq '(All)' -or $candidate['Name'] -eq '__AllParameterSets')) { $entry = $candidate }
            }
            if ($null -eq $entry) { continue }
            $rank = $set.Order.IndexOf($parameter.Name)
            if ($rank -lt 0) { $rank = $extra; $extra++ }
            $ranked[$rank] = @($parameter, $entry)
        }
        foreach ($pair in $ranked.Values) { Write-MamlParameter $Writer $pair[0] @(, $pair[1]) }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlTypeList($Writer, [string] $ListName, [string] $ItemName, $Document, [string] $SectionName) {
    $Writer.WriteStartElement('command', $ListName, $script:CommandNs)
    $section = Get-HelpSection $Document $SectionName
    if ($null -ne $section) {
        foreach ($item in (Split-HelpSubsection $section.Body).Items) {
            $Writer.WriteStartElement('command', $ItemName, $script:CommandNs)
            $Writer.WriteStartElement('dev', 'type', $script:DevNs)
            $Writer.WriteElementString('maml', 'name', $script:MamlNs, $item.Title)
            $Writer.WriteEndElement()
            Write-MamlDescription $Writer $item.Body
            $Writer.WriteEndElement()
        }
    }
    $Writer.WriteEndElement()
}

function Write-MamlExample($Writer, $Document) {
    # The example's first code block is the code; the text and the other blocks (its output) are remarks.
    $Writer.WriteStartElement('command', 'examples', $script:CommandNs)
    $section = Get-HelpSection $Document 'EXAMPLES'
    if ($null -ne $section) {
        foreach ($item in (Split-HelpSubsection $section.Body).Items) {
            $code = $null
            $remarks = [System.Collections.Generic.List[string]]::new()
            foreach ($block in (Split-MarkdownBlock $item.Body)) {
                if ($block.Kind -eq 'Code' -and $null -eq $code) { $code = $block.Text; continue }
                if ($block.Kind -eq 'Code') { $remarks.Add('```' + "`n" + $block.Text + "`n" + '```') }
                else { $remarks.Add($block.Text) }
            }
            $Writer.WriteStartElement('command', 'example', $script:CommandNs)
            $Writer.WriteElementString('maml', 'title', $script:MamlNs, ('---------- ' + $item.Title + ' ----------'))
            $Writer.WriteElementString('dev', 'code', $script:DevNs, [string] $code)
            $Writer.WriteStartElement('dev', 'remarks', $script:DevNs)
            foreach ($para in (Get-MamlParagraph ($remarks -join "`n`n"))) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, $para) }
            # An empty para ends the remarks with a blank line before the next example's title.
            $Writer.WriteElementString('maml', 'para', $script:MamlNs, '')
            $Writer.WriteEndElement()
            $Writer.WriteEndElement()
        }
    }
    $Writer.WriteEndElement()
}

function Write-MamlRelatedLink($Writer, $Document) {
    $Writer.WriteStartElement('command', 'relatedLinks', $script:CommandNs)
    $links = [System.Collections.Generic.List[object]]::new()
    $online = [string] $Document.FrontMatter['HelpUri']
    if ($online) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $online }) }
    $section = Get-HelpSection $Document 'RELATED LINKS'
    if ($null -ne $section) {
        foreach ($line in $section.Body.Split("`n")) {
            $text = ($line -replace '^\s*[-*+]\s+', '').Trim()
            if (-not $text) { continue }
            if ($text -match '^\[([^\]]+)\]\(([^)]*)\)') {
                $linkText = $Matches[1]
                $uri = $Matches[2]
                if (-not ($uri.StartsWith('http://') -or $uri.StartsWith('https://'))) { $uri = '' }
                $links.Add([pscustomobject]@{ Text = $linkText; Uri = $uri })
            }
            else { $links.Add([pscustomobject]@{ Text = $text; Uri = '' }) }
        }
    }
    foreach ($link in $links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $script:MamlNs)
        $Writer.WriteElementString('maml', 'linkText', $script:MamlNs, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $script:MamlNs, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand($Writer, $Document) {
    $name = [string] $Document.FrontMatter['title']
    if (-not $name) { $name = $Document.Title }
    $verb = $name
    $noun = ''
    $dash = $name.IndexOf('-')
    if ($dash -gt 0) { $verb = $name.Substring(0, $dash); $noun = $name.Substring($dash + 1) }

    $Writer.WriteStartElement('command', 'command', $script:CommandNs)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $script:MamlNs)
    $Writer.WriteAttributeString('xmlns', 'command', $null, $script:CommandNs)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $script:DevNs)
    $Writer.WriteAttributeString('xmlns', 'MSHelp', $null, $script:MsHelpNs)

    $Writer.WriteStartElement('command', 'details', $script:CommandNs)
    $Writer.WriteElementString('command', 'name', $script:CommandNs, $name)
    $Writer.WriteElementString('command', 'verb', $script:CommandNs, $verb)
    $Writer.WriteElementString('command', 'noun', $script:CommandNs, $noun)
    $synopsis = Get-HelpSection $Document 'SYNOPSIS'
    $synopsisText = ''
    if ($null -ne $synopsis) { $synopsisText = $synopsis.Body }
    Write-MamlDescription $Writer $synopsisText
    $Writer.WriteEndElement()

    $description = Get-HelpSection $Document 'DESCRIPTION'
    $descriptionText = ''
    if ($null -ne $description) { $descriptionText = $description.Body }
    Write-MamlDescription $Writer $descriptionText

    $parameters = [System.Collections.Generic.List[object]]::new()
    foreach ($parameter in $Document.Parameters) { $parameters.Add((ConvertTo-MamlParameter $parameter)) }
    Write-MamlSyntax $Writer $Document $parameters $name

    $Writer.WriteStartElement('command', 'parameters', $script:CommandNs)
    foreach ($parameter in $parameters) { Write-MamlParameter $Writer $parameter $parameter.Sets }
    $Writer.WriteEndElement()

    Write-MamlTypeList $Writer 'inputTypes' 'inputType' $Document 'INPUTS'
    Write-MamlTypeList $Writer 'returnValues' 'returnValue' $Document 'OUTPUTS'

    $Writer.WriteStartElement('maml', 'alertSet', $script:MamlNs)
    $notes = Get-HelpSection $Document 'NOTES'
    if ($null -ne $notes -and $notes.Body) {
        $Writer.WriteStartElement('maml', 'alert', $script:MamlNs)
        foreach ($para in (Get-MamlParagraph $notes.Body)) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, $para) }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Write-MamlExample $Writer $Document
    Write-MamlRelatedLink $Writer $Document
    $Writer.WriteEndElement()
}

function Write-MamlFile([string] $Path, $Documents) {
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($document in $Documents) { Write-MamlCommand $writer $document }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Close()
    }
}
