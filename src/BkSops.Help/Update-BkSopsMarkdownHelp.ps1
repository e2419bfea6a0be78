function Update-BkSopsMarkdownHelp {
    <#
    .SYNOPSIS
        Creates or refreshes the PlatyPS 1.0 markdown help of every cmdlet a loaded module exports.
    .DESCRIPTION
        For each exported cmdlet, <DocsPath>/<Cmdlet>.md is created (with '{{ Fill in ... }}' placeholders for the
        text a person must write) or refreshed: SYNTAX, ALIASES, the parameter list and each parameter's yaml block,
        and the INPUTS/OUTPUTS types come from the compiled cmdlet; every hand-written text (synopsis,
        description, examples, parameter descriptions, type descriptions, notes, links, extra sections) is kept.
        Then the module page <DocsPath>/<Module>.md and, when rule files exist, about_<Module>_Rules.md.
        A file is only rewritten (and its ms.date moved) when its content changes. Writes one object per file
        (Path, Status: Created, Updated or Unchanged); with -WhatIf nothing is written, so the statuses say
        whether docs/ is up to date.
    .EXAMPLE
        Import-Module ./out/BkSops/BkSops.psd1; Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath ./docs/BkSops
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        # The name of a module that is already imported.
        [Parameter(Mandatory = $true)]
        [string] $ModuleName,

        # The folder of the markdown files (created if missing).
        [Parameter(Mandatory = $true)]
        [string] $DocsPath,

        # One markdown file per validator rule; default: <DocsPath>/../rules.
        [string] $RulesPath
    )

    $module = Get-Module -Name $ModuleName | Select-Object -First 1
    if ($null -eq $module) { throw "Module '$ModuleName' is not imported; import it before updating its help." }
    $docs = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($DocsPath)
    if (-not $RulesPath) { $RulesPath = Join-Path (Split-Path $docs -Parent) 'rules' }
    if (-not (Test-Path -LiteralPath $docs) -and $PSCmdlet.ShouldProcess($docs, 'Create help folder')) {
        $null = New-Item -ItemType Directory -Path $docs -Force
    }

    $updates = [System.Collections.Generic.List[object]]::new()
    $synopses = [ordered]@{}
    $names = @($module.ExportedCmdlets.Keys | Sort-Object)
    foreach ($name in $names) {
        $update = Update-CommandHelpFile -Command $module.ExportedCmdlets[$name] -Path (Join-Path $docs ($name + '.md'))
        $synopses[$name] = $update.Synopsis
        $updates.Add($update)
    }
    $updates.Add((Update-ModuleHelpFile -Module $module -Path (Join-Path $docs ($ModuleName + '.md')) -Synopses $synopses))
    $about = Update-RulesAboutFile -RulesPath $RulesPath -Path (Join-Path $docs ('about_' + $ModuleName + '_Rules.md')) -ModuleName $ModuleName
    if ($null -ne $about) { $updates.Add($about) }

    foreach ($update in $updates) {
        if ($update.Status -ne 'Unchanged' -and $PSCmdlet.ShouldProcess($update.Path, "$($update.Status) help file")) {
            Save-HelpFileUpdate $update
        }
        [pscustomobject]@{ Path = $update.Path; Status = $update.Status }
    }

    if (Test-Path -LiteralPath $docs) {
        foreach ($file in Get-ChildItem -LiteralPath $docs -Filter '*.md') {
            $base = [IO.Path]::GetFileNameWithoutExtension($file.Name)
            if ($base -eq $ModuleName -or $base.StartsWith('about_') -or $names -contains $base) { continue }
            Write-Warning "$($file.Name) documents no cmdlet that $ModuleName exports; remove it if the cmdlet is gone."
        }
    }
}

$script:StandardParameterText = @{
    'WhatIf'  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    'Confirm' = 'Prompts you for confirmation before running the cmdlet.'
}

function Get-SectionBody($Document, [string] $Name, [string] $Default) {
    if ($null -ne $Document) {
        $section = Get-HelpSection $Document $Name
        if ($null -ne $section) { return $section.Body }
    }
    $Default
}

function New-ExamplePlaceholder {
    $examples = foreach ($n in 1, 2) {
        "### Example ${n}: " + (New-Placeholder 'the example title') + "`n`n" +
        '```powershell' + "`n" + (New-Placeholder 'the example code') + "`n" + '```' + "`n`n" +
        '```output' + "`n" + (New-Placeholder 'its real output') + "`n" + '```' + "`n`n" +
        (New-Placeholder 'what the example does')
    }
    $examples -join "`n`n"
}

function Copy-FrontMatter($Document) {
    $frontMatter = [ordered]@{}
    if ($null -ne $Document) { foreach ($key in $Document.FrontMatter.Keys) { $frontMatter[$key] = $Document.FrontMatter[$key] } }
    $frontMatter
}

function Update-CommandHelpFile($Command, [string] $Path) {
    $document = $null
    $existingParameters = @{}
    if (Test-Path -LiteralPath $Path) {
        $document = Read-CommandHelpDocument $Path
        foreach ($parameter in $document.Parameters) { $existingParameters[$parameter.Name] = $parameter }
    }
    $meta = Get-CommandHelpMetadata $Command
    foreach ($parameter in $meta.Parameters) {
        $standard = $script:StandardParameterText[$parameter.Name]
        if ($standard -and -not $existingParameters.ContainsKey($parameter.Name)) {
            $existingParameters[$parameter.Name] = [pscustomobject]@{ Name = $parameter.Name; Description = $standard; Metadata = @{} }
        }
    }

    $frontMatter = Copy-FrontMatter $document
    $helpFile = $Command.ModuleName + '-Help.xml'
    if ($Command.PSObject.Properties['HelpFile'] -and $Command.HelpFile) { $helpFile = [IO.Path]::GetFileName($Command.HelpFile) }
    $frontMatter['document type'] = 'cmdlet'
    $frontMatter['external help file'] = $helpFile
    if (-not $frontMatter['HelpUri']) { $frontMatter['HelpUri'] = $meta.HelpUri }
    if (-not $frontMatter['Locale']) { $frontMatter['Locale'] = 'en-US' }
    $frontMatter['Module Name'] = $Command.ModuleName
    if (-not $frontMatter['ms.date']) { $frontMatter['ms.date'] = '' }
    $frontMatter['PlatyPS schema version'] = $script:SchemaVersion
    $frontMatter['title'] = $Command.Name

    $synopsis = Get-SectionBody $document 'SYNOPSIS' ''
    if ($synopsis.Length -eq 0) { $synopsis = New-Placeholder 'the synopsis: one sentence that says what the cmdlet does' }
    $description = Get-SectionBody $document 'DESCRIPTION' ''
    if ($description.Length -eq 0) { $description = New-Placeholder 'the description' }
    $examples = Get-SectionBody $document 'EXAMPLES' ''
    if ($examples.Length -eq 0) { $examples = New-ExamplePlaceholder }

    $bodies = @{
        'SYNOPSIS'      = $synopsis
        'SYNTAX'        = Format-SyntaxSection $meta.Syntax
        'ALIASES'       = Format-AliasesSection $meta.Aliases
        'DESCRIPTION'   = $description
        'EXAMPLES'      = $examples
        'PARAMETERS'    = Format-ParametersSection $meta.Parameters $existingParameters
        'INPUTS'        = Format-TypeSection $meta.Inputs (Get-SectionBody $document 'INPUTS' '') 'You cannot pipe objects to this cmdlet.' 'what the cmdlet does with this input'
        'OUTPUTS'       = Format-TypeSection $meta.Outputs (Get-SectionBody $document 'OUTPUTS' '') 'This cmdlet writes no output.' 'when the cmdlet writes this output'
        'NOTES'         = Get-SectionBody $document 'NOTES' ''
        'RELATED LINKS' = Get-SectionBody $document 'RELATED LINKS' ''
    }
    $sections = Merge-HelpSections $document $script:CommandSectionOrder $bodies
    $preamble = ''
    if ($null -ne $document) { $preamble = $document.Preamble }
    $update = New-HelpFileUpdate $Path $frontMatter $Command.Name $preamble $sections
    $update | Add-Member -NotePropertyName Synopsis -NotePropertyValue $synopsis -PassThru
}

function Update-ModuleHelpFile($Module, [string] $Path, $Synopses) {
    $document = $null
    if (Test-Path -LiteralPath $Path) { $document = ConvertFrom-HelpMarkdown (Read-HelpText $Path) }
    $frontMatter = Copy-FrontMatter $document
    $frontMatter['document type'] = 'module'
    if ($null -eq $frontMatter['HelpInfoUri']) { $frontMatter['HelpInfoUri'] = [string] $Module.HelpInfoUri }
    if (-not $frontMatter['Locale']) { $frontMatter['Locale'] = 'en-US' }
    $frontMatter['Module Guid'] = $Module.Guid.ToString()
    $frontMatter['Module Name'] = $Module.Name
    if (-not $frontMatter['ms.date']) { $frontMatter['ms.date'] = '' }
    $frontMatter['PlatyPS schema version'] = $script:SchemaVersion
    $frontMatter['title'] = $Module.Name + ' Module'

    $description = Get-SectionBody $document 'Description' ''
    if ($description.Length -eq 0) { $description = $Module.Description }
    if (-not $description) { $description = New-Placeholder 'the module description' }
    $list = foreach ($name in $Synopses.Keys) { '### [' + $name + '](' + $name + '.md)' + "`n`n" + $Synopses[$name] }
    $cmdletSection = $Module.Name + ' Cmdlets'
    $bodies = @{ 'Description' = $description; $cmdletSection = (@($list) -join "`n`n") }
    $sections = Merge-HelpSections $document @('Description', $cmdletSection) $bodies
    New-HelpFileUpdate $Path $frontMatter ($Module.Name + ' Module') '' $sections
}
