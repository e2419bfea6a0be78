# The help every exported cmdlet shows (compiled from docs/BkSops into the staged module), and docs/ being
# in step with the compiled cmdlets. Nothing here writes to docs/: a cmdlet changed without running
# `build.ps1 -Task Docs` fails these tests.

BeforeDiscovery {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdlets = foreach ($name in ((Get-Module BkSops).ExportedCmdlets.Keys | Sort-Object)) {
        $parameters = @((Get-Command $name).Parameters.Keys | Where-Object { $commonParameters -notcontains $_ } | Sort-Object)
        @{ Name = $name; Parameters = $parameters }
    }
}

BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    Import-Module ([IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'src', 'BkSops.Help', 'BkSops.Help.psm1')) -Force
    $script:Docs = [IO.Path]::Combine($env:BKSOPS_TEST_ROOT, 'docs', 'BkSops')
    $script:Placeholder = '{{ Fill'

    function Get-HelpText($Node) {
        # Get-Help's description nodes are lists of paragraphs with a Text property.
        if ($null -eq $Node) { return '' }
        ((@($Node) | ForEach-Object { $_.Text }) -join "`n").Trim()
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $page = [IO.Path]::Combine($Docs, $Name + '.md')
    }

    It 'has a synopsis' {
        $synopsis = [string] $help.Synopsis
        $synopsis.Trim() | Should -Not -BeNullOrEmpty
        # Without compiled help, Get-Help shows the syntax as the synopsis.
        $synopsis.Trim() | Should -Not -BeLike "$Name *"
        $synopsis | Should -Not -BeLike "*$Placeholder*"
    }

    It 'has a description' {
        $description = Get-HelpText $help.description
        $description | Should -Not -BeNullOrEmpty
        $description | Should -Not -BeLike "*$Placeholder*"
    }

    It 'describes -<_>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $_name = $_
        $parameter = @($help.parameters.parameter | Where-Object { $_.name -eq $_name })
        $parameter.Count | Should -Be 1 -Because "Get-Help $Name should list -$_name once"
        $text = Get-HelpText $parameter[0].description
        $text | Should -Not -BeNullOrEmpty -Because "-$_name needs a description in docs/BkSops/$Name.md"
        $text | Should -Not -BeLike "*$Placeholder*"
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            ([string] $example.code).Trim() | Should -Not -BeNullOrEmpty
            ([string] $example.code) | Should -Not -BeLike "*$Placeholder*"
        }
    }

    It 'shows its syntax, one item per parameter set' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be @((Get-Command $Name).ParameterSets).Count
        ($help.syntax | Out-String).Trim() | Should -Match ([regex]::Escape($Name) + ' ')
    }

    It 'has a markdown page in docs/BkSops without placeholders' {
        $page | Should -Exist
        $left = @([regex]::Matches([IO.File]::ReadAllText($page), '(?m)^.*' + [regex]::Escape($Placeholder) + '.*$') | ForEach-Object { $_.Value.Trim() })
        $left -join "`n" | Should -BeNullOrEmpty -Because "each '{{ Fill in ... }}' in docs/BkSops/$Name.md needs real text ($($left.Count) left)"
    }

    It 'documents exactly the parameters the cmdlet has' {
        $documented = @((Read-BkSopsMarkdownHelp $page).Parameters | ForEach-Object Name | Sort-Object)
        ($documented -join ', ') | Should -BeExactly ($Parameters -join ', ') -Because 'run build.ps1 -Task Docs after changing parameters'
    }

    It 'documents the type, sets, mandatory, position and pipeline input of -<_> as compiled' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $_name = $_
        $doc = (Read-BkSopsMarkdownHelp $page).Parameters | Where-Object Name -eq $_name
        $doc | Should -Not -BeNullOrEmpty -Because 'run build.ps1 -Task Docs after adding a parameter'
        $compiled = (Get-Command $Name).Parameters[$_name]
        $typeName = & (Get-Module BkSops.Help) { param($t) Get-HelpTypeName $t } $compiled.ParameterType
        $doc.Metadata['Type'] | Should -BeExactly $typeName

        $expected = foreach ($setName in ($compiled.ParameterSets.Keys | Sort-Object)) {
            $set = $compiled.ParameterSets[$setName]
            $position = 'Named'
            if ($set.Position -ge 0) { $position = [string] $set.Position }
            $shown = $setName
            if ($setName -eq '__AllParameterSets') { $shown = '(All)' }
            '{0}: Position={1} IsRequired={2} ValueFromPipeline={3} ValueFromPipelineByPropertyName={4}' -f $shown, $position,
            "$($set.IsMandatory)".ToLowerInvariant(), "$($set.ValueFromPipeline)".ToLowerInvariant(),
            "$($set.ValueFromPipelineByPropertyName)".ToLowerInvariant()
        }
        $actual = foreach ($set in $doc.Metadata['ParameterSets']) {
            '{0}: Position={1} IsRequired={2} ValueFromPipeline={3} ValueFromPipelineByPropertyName={4}' -f $set['Name'], $set['Position'],
            $set['IsRequired'], $set['ValueFromPipeline'], $set['ValueFromPipelineByPropertyName']
        }
        (@($actual | Sort-Object) -join "`n") | Should -BeExactly (@($expected | Sort-Object) -join "`n") -Because 'run build.ps1 -Task Docs after changing a parameter'
    }
}

Describe 'docs/BkSops' {
    It 'is what build.ps1 -Task Docs would write (metadata, module page, rules topic)' {
        $stale = @(Update-BkSopsMarkdownHelp -ModuleName BkSops -DocsPath $Docs -WhatIf |
                Where-Object Status -ne 'Unchanged' | ForEach-Object { "$([IO.Path]::GetFileName($_.Path)) ($($_.Status))" })
        $stale -join ', ' | Should -BeNullOrEmpty -Because 'run build.ps1 -Task Docs and review the changes'
    }

    It 'lists every exported cmdlet on the module page' {
        $page = [IO.File]::ReadAllText([IO.Path]::Combine($Docs, 'BkSops.md'))
        foreach ($name in (Get-Module BkSops).ExportedCmdlets.Keys) {
            $page | Should -Match ([regex]::Escape("### [$name]($name.md)"))
        }
    }
}

Describe 'about_BkSops_Rules' {
    It 'is found by Get-Help and explains every rule of the validator' {
        # The rules come from the validator's registry, the one list every stage takes its rule names from.
        $rules = @([BkSops.Validation.Rules]::All | ForEach-Object Name)
        $rules.Count | Should -BeGreaterThan 70
        $text = Get-Help about_BkSops_Rules | Out-String
        $text | Should -Match 'about_BkSops_Rules'
        foreach ($rule in $rules) { $text | Should -Match ([regex]::Escape($rule)) -Because "rule $rule is in BkSops.Validation.Rules and has docs/rules/$rule.md" }
    }
}
