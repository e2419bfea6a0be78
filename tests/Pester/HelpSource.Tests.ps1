# Cmdlet help has one source, docs/BkSops/*.md (issue #14, item 6): build.ps1 compiles it into the module's MAML.
# Help text written a second time in the C# (XmlDoc2CmdletDoc-style <para type="synopsis"> comments) drifts from
# the pages, so none may come back.

BeforeDiscovery {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $cmdlets = @((Get-Module BkSops).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Docs = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'BkSops')
    $script:Src = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'src')
}

Describe 'Cmdlet help source' {
    It 'is not written in the C# sources' {
        $sources = Get-ChildItem $Src -Recurse -Filter *.cs |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        $sources.Count | Should -BeGreaterThan 0
        $found = @($sources | Select-String -Pattern '<para\s+type\s*=' |
                ForEach-Object { "$($_.Path.Substring($Src.Length + 1)):$($_.LineNumber)" })
        $found | Should -BeNullOrEmpty -Because 'help text belongs in docs/BkSops/<cmdlet>.md only (found it in the C# at these lines)'
    }

    It 'gives <Name> the synopsis of its page in docs/BkSops' -ForEach $cmdlets {
        $page = [IO.File]::ReadAllText([IO.Path]::Combine($Docs, "$Name.md")) -replace '\r\n', "`n"
        $section = [regex]::Match($page, '(?ms)^## SYNOPSIS\n\n(?<text>.+?)\n\n## ')
        $section.Success | Should -BeTrue -Because "docs/BkSops/$Name.md needs a SYNOPSIS section"
        $written = ($section.Groups['text'].Value -replace '\s+', ' ').Trim()
        $shown = ([string] (Get-Help $Name).Synopsis -replace '\s+', ' ').Trim()
        $shown | Should -BeExactly $written
    }
}
