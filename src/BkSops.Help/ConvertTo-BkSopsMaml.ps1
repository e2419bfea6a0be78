function ConvertTo-BkSopsMaml {
    <#
    .SYNOPSIS
        Compiles the cmdlet pages (PlatyPS 1.0 markdown) into MAML, and about_*.md into about_*.help.txt.
    .DESCRIPTION
        Every *.md in DocsPath whose front matter says 'document type: cmdlet' becomes one command in the MAML
        file: details, description, one syntax item per parameter set (from the SYNTAX headings and the
        parameters' yaml), parameters, input and output types, notes, examples and related links.
        Each about_*.md becomes about_*.help.txt in AboutOutputPath. Runs on Windows PowerShell 5.1 and
        PowerShell 7.2+; it runs on every build, so it only reads text and writes XML.
    .EXAMPLE
        ConvertTo-BkSopsMaml -DocsPath docs/BkSops -OutputPath out/BkSops/en-US/BkSops.dll-Help.xml -AboutOutputPath out/BkSops/en-US
    #>
    [CmdletBinding()]
    [OutputType([System.IO.FileInfo])]
    param(
        # The folder of the markdown help.
        [Parameter(Mandatory = $true)]
        [string] $DocsPath,

        # The MAML file to write, e.g. out/BkSops/en-US/BkSops.dll-Help.xml.
        [Parameter(Mandatory = $true)]
        [string] $OutputPath,

        # Where the about_*.help.txt files go; default: the folder of OutputPath.
        [string] $AboutOutputPath,

        # Write the files it created to the pipeline.
        [switch] $PassThru
    )

    $docs = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($DocsPath)
    $output = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
    if (-not $AboutOutputPath) { $AboutOutputPath = Split-Path $output -Parent }
    $about = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($AboutOutputPath)
    $folder = Split-Path $output -Parent
    if (-not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder -Force }

    $documents = [System.Collections.Generic.List[object]]::new()
    if (Test-Path -LiteralPath $docs) {
        foreach ($file in (Get-ChildItem -LiteralPath $docs -Filter '*.md' | Sort-Object Name)) {
            if ($file.Name.StartsWith('about_')) { continue }
            $document = Read-CommandHelpDocument $file.FullName
            if ($document.FrontMatter['document type'] -ne 'cmdlet') { continue }
            $documents.Add($document)
        }
    }
    Write-MamlFile $output $documents
    Write-Verbose "Compiled $($documents.Count) cmdlet pages to $output"
    $files = @(Get-Item -LiteralPath $output)
    if (Test-Path -LiteralPath $docs) { $files += @(Export-AboutHelpText $docs $about) }
    if ($PassThru) { $files }
}
