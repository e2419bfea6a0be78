# Reads PlatyPS 1.0 markdown into a plain document model that keeps every hand-written text verbatim:
# front matter (ordered key/value), the H1 title, and the H2 sections in file order with their raw bodies.
# Headings inside fenced code blocks are text, not structure.
# The work is done with .NET regular expressions over whole texts, not line loops: this runs on every build
# and script-level loops and function calls are slow in PowerShell.

$script:FencePattern = [regex] '(?ms)^[ ]{0,3}(?<f>`{3,}|~{3,})[ \t]*(?<lang>[^\n`]*?)[ \t]*\n(?:(?<code>.*?)\n)??[ ]{0,3}\k<f>[ \t]*$'
$script:FrontMatterPattern = [regex] '(?s)\A---[ \t]*\n(?<yaml>.*?)\n?---[ \t]*(?:\n|\z)'
$script:HeadingPatterns = @{
    1 = [regex] '(?m)^#[ \t]+(?<title>.+?)[ \t]*$'
    2 = [regex] '(?m)^##[ \t]+(?<title>.+?)[ \t]*$'
    3 = [regex] '(?m)^###[ \t]+(?<title>.+?)[ \t]*$'
}
# Blank lines at the start and white space at the end of a block go; inner blank lines and indentation stay.
$script:BlankEdges = [regex] '\A(?:[ \t]*\n)+|\s+\z'
$script:BlankLineSplit = [regex] '\n[ \t]*\n'
$script:YamlBlockPattern = [regex] '(?ms)^[ ]{0,3}```[ \t]*yaml[ \t]*\n(?<yaml>.*?)\n[ ]{0,3}```[ \t]*$'

function Read-HelpText([string] $Path) {
    $text = [IO.File]::ReadAllText($Path, [Text.Encoding]::UTF8)
    $text.Replace("`r`n", "`n").Replace("`r", "`n")
}

function Split-MarkdownHeading([string] $Text, [int] $Level) {
    # Intro (text before the first heading of that level) and Items (Title, Body) per heading, skipping
    # headings that are inside fenced code.
    $fences = $script:FencePattern.Matches($Text)
    $items = [System.Collections.Generic.List[object]]::new()
    $starts = [System.Collections.Generic.List[object]]::new()
    foreach ($heading in $script:HeadingPatterns[$Level].Matches($Text)) {
        $inside = $false
        foreach ($fence in $fences) {
            if ($heading.Index -gt $fence.Index -and $heading.Index -lt $fence.Index + $fence.Length) { $inside = $true; break }
        }
        if (-not $inside) { $starts.Add($heading) }
    }
    $introEnd = $Text.Length
    if ($starts.Count -gt 0) { $introEnd = $starts[0].Index }
    for ($i = 0; $i -lt $starts.Count; $i++) {
        $bodyStart = $starts[$i].Index + $starts[$i].Length
        $bodyEnd = $Text.Length
        if ($i + 1 -lt $starts.Count) { $bodyEnd = $starts[$i + 1].Index }
        $items.Add([pscustomobject]@{
                Title = $starts[$i].Groups['title'].Value
                Body  = $script:BlankEdges.Replace($Text.Substring($bodyStart, $bodyEnd - $bodyStart), '')
            })
    }
    [pscustomobject]@{ Intro = $script:BlankEdges.Replace($Text.Substring(0, $introEnd), ''); Items = $items }
}

function ConvertFrom-HelpMarkdown([string] $Text) {
    $frontMatter = [ordered]@{}
    $match = $script:FrontMatterPattern.Match($Text)
    if ($match.Success) {
        foreach ($line in $match.Groups['yaml'].Value.Split("`n")) {
            $colon = $line.IndexOf(':')
            if ($colon -gt 0) { $frontMatter[$line.Substring(0, $colon).Trim()] = ConvertFrom-YamlScalar $line.Substring($colon + 1) }
        }
        $Text = $Text.Substring($match.Length)
    }
    $split = Split-MarkdownHeading $Text 2
    $title = $null
    $preamble = $split.Intro
    $heading = $script:HeadingPatterns[1].Match($preamble)
    if ($heading.Success) {
        $title = $heading.Groups['title'].Value
        $preamble = $script:BlankEdges.Replace($preamble.Substring(0, $heading.Index) + $preamble.Substring($heading.Index + $heading.Length), '')
    }
    $sections = [System.Collections.Generic.List[object]]::new()
    foreach ($item in $split.Items) { $sections.Add([pscustomobject]@{ Name = $item.Title; Body = $item.Body }) }
    [pscustomobject]@{
        FrontMatter = $frontMatter
        Title       = $title
        Preamble    = $preamble
        Sections    = $sections
    }
}

function Get-HelpSection($Document, [string] $Name) {
    foreach ($section in $Document.Sections) {
        if ($section.Name -eq $Name) { return $section }
    }
    $null
}

function Split-HelpSubsection([string] $Body) {
    Split-MarkdownHeading $Body 3
}

function Split-MarkdownBlock([string] $Body) {
    # Blocks in order: paragraphs and headings (Kind 'Text') and fenced code (Kind 'Code', Language).
    $blocks = [System.Collections.Generic.List[object]]::new()
    $texts = [System.Collections.Generic.List[object]]::new()  # a $null entry stands for the next fence
    $position = 0
    foreach ($fence in $script:FencePattern.Matches($Body)) {
        $texts.Add($Body.Substring($position, $fence.Index - $position))
        $texts.Add($null)
        $position = $fence.Index + $fence.Length
    }
    $texts.Add($Body.Substring($position))
    $fences = $script:FencePattern.Matches($Body)
    $fenceIndex = 0
    foreach ($text in $texts) {
        if ($null -eq $text) {
            $fence = $fences[$fenceIndex]
            $fenceIndex++
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $fence.Groups['lang'].Value; Text = $fence.Groups['code'].Value })
            continue
        }
        foreach ($paragraph in $script:BlankLineSplit.Split($text)) {
            if ($paragraph.Trim().Length -eq 0) { continue }
            if ($paragraph -notmatch '(?m)^#{1,6}[ \t]') {
                $blocks.Add([pscustomobject]@{ Kind = 'Text'; Language = ''; Text = $script:BlankEdges.Replace($paragraph, '') })
                continue
            }
            # A heading without blank lines around it is a block of its own.
            foreach ($part in [regex]::Split($paragraph, '(?m)^(#{1,6}[ \t][^\n]*)\n?')) {
                if ($part.Trim().Length -gt 0) { $blocks.Add([pscustomobject]@{ Kind = 'Text'; Language = ''; Text = $script:BlankEdges.Replace($part, '') }) }
            }
        }
    }
    , $blocks
}

function Split-ParameterBody([string] $Body) {
    # A parameter subsection is its description plus one ```yaml block (the generated metadata).
    $match = $script:YamlBlockPattern.Match($Body)
    if (-not $match.Success) { return [pscustomobject]@{ Description = $Body; Yaml = ''; HasYaml = $false } }
    $description = $Body.Substring(0, $match.Index) + "`n" + $Body.Substring($match.Index + $match.Length)
    [pscustomobject]@{ Description = $script:BlankEdges.Replace($description, ''); Yaml = $match.Groups['yaml'].Value; HasYaml = $true }
}

function Read-CommandHelpDocument([string] $Path) {
    # The cmdlet page as data: text parts verbatim, parameters with parsed yaml.
    $document = ConvertFrom-HelpMarkdown (Read-HelpText $Path)
    $parameters = [System.Collections.Generic.List[object]]::new()
    $section = Get-HelpSection $document 'PARAMETERS'
    if ($null -ne $section) {
        foreach ($item in (Split-HelpSubsection $section.Body).Items) {
            if ($item.Title -notmatch '^-(\S+)') { continue }
            $name = $Matches[1]
            $parts = Split-ParameterBody $item.Body
            $meta = [ordered]@{}
            if ($parts.HasYaml) { $meta = ConvertFrom-HelpYaml $parts.Yaml }
            $parameters.Add([pscustomobject]@{ Name = $name; Description = $parts.Description; Metadata = $meta })
        }
    }
    [pscustomobject]@{
        Path        = $Path
        FrontMatter = $document.FrontMatter
        Title       = $document.Title
        Preamble    = $document.Preamble
        Sections    = $document.Sections
        Parameters  = $parameters
    }
}
