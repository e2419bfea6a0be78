function Read-BkSopsMarkdownHelp {
    <#
    .SYNOPSIS
        Reads a cmdlet page into an object: front matter, title, sections (raw text) and parameters with their
        description and parsed yaml (Type, ParameterSets with Position, IsRequired, pipeline flags, ...).
    .DESCRIPTION
        Used by the help tests to compare docs/ with the compiled cmdlets without writing anything.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        # The markdown file of one cmdlet.
        [Parameter(Mandatory = $true, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [string] $Path
    )
    process {
        Read-CommandHelpDocument ($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
    }
}
