# The project's own PlatyPS 1.0 compatible help generator (PlatyPS itself is not installable on the build machines):
# Update-BkSopsMarkdownHelp refreshes docs/ from the compiled cmdlets, ConvertTo-BkSopsMaml compiles docs/ to MAML.
# Runs on Windows PowerShell 5.1 and PowerShell 7.2+.
Set-StrictMode -Version 3.0

foreach ($file in 'Yaml', 'PlainText', 'MarkdownReader', 'MarkdownWriter', 'CommandMetadata', 'AboutTopics', 'MamlWriter',
    'Update-BkSopsMarkdownHelp', 'ConvertTo-BkSopsMaml', 'Read-BkSopsMarkdownHelp') {
    . ([IO.Path]::Combine($PSScriptRoot, $file + '.ps1'))
}

Export-ModuleMember -Function 'Update-BkSopsMarkdownHelp', 'ConvertTo-BkSopsMaml', 'Read-BkSopsMarkdownHelp'
