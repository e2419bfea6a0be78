BeforeAll {
    Import-Module $env:BKSOPS_TEST_MODULE -Force
    $script:Csv = Join-Path ([IO.Path]::GetTempPath()) "bksops-steps-$PID.csv"
}

AfterAll {
    Remove-Item $script:Csv -ErrorAction SilentlyContinue
}

Describe 'ConvertTo-BkSopsPipeline' {
    It 'builds a tree the server accepts from CSV rows read by Import-Csv' {
        @(
            'Name,Code,Stage,ParallelGroup,bk_timing,ErrorIgnorable'
            'Prepare,sleep_timer,setup,,1,'
            'Web,sleep_timer,deploy,hosts,${timing},true'
            'Db,sleep_timer,deploy,hosts,2,'
            'Check,sleep_timer,verify,,,'
        ) | Set-Content -Path $Csv -Encoding UTF8
        $tree = Import-Csv $Csv | ConvertTo-BkSopsPipeline -Name 'from csv' -Constant @{ timing = '3' } -Seed 1
        $tree | Should -BeOfType ([BkSops.Model.PipelineTree])
        $tree.Name | Should -Be 'from csv'
        $tree.ActivityCount | Should -Be 4
        @($tree.Gateways.Type) | Should -Be @('ParallelGateway', 'ConvergeGateway')
        $tree | Test-BkSopsPipeline | Should -BeTrue
        $web = $tree.FindNode('Web')
        $web.StageName | Should -Be 'deploy'
        $web.ErrorIgnorable | Should -BeTrue
        # An empty CSV cell is left out: Check has no bk_timing input.
        $tree.FindNode('Check').InputNames | Should -BeNullOrEmpty
        $tree.FindNode('Prepare').InputNames | Should -Be @('bk_timing')
        $tree.Constants.Key | Should -Be @('${timing}')
        $tree.Constants[0].Value | Should -Be '3'
    }

    It 'takes hashtables and PSCustomObjects, in order, and ids are reproducible with -Seed' {
        $steps = @(
            @{ Name = 'One'; Code = 'sleep_timer'; Data = @{ bk_timing = 1 } }
            [pscustomobject]@{ Name = 'Two'; Code = 'sleep_timer'; bk_timing = 2 }
        )
        $a = $steps | ConvertTo-BkSopsPipeline -Seed 5
        $b = ConvertTo-BkSopsPipeline -InputObject $steps -Seed 5
        ($a | Export-BkSopsPipeline) | Should -Be ($b | Export-BkSopsPipeline)
        @($a.Activities.Name) | Should -Be @('One', 'Two')
        $a.FindNode('One').Key | Should -Match '^node[0-9a-f]{28}$'
        $a | Test-BkSopsPipeline | Should -BeTrue
    }

    It 'names the CSV row of a step without Name, and builds nothing' {
        @('Name,Code', 'A,sleep_timer', ',sleep_timer') | Set-Content -Path $Csv -Encoding UTF8
        $tree = Import-Csv $Csv | ConvertTo-BkSopsPipeline -ErrorVariable problems -ErrorAction SilentlyContinue
        $tree | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.StepWithoutName,BkSops.Commands.ConvertToBkSopsPipelineCommand'
        $problems[0].Exception.Message | Should -BeLike 'Row 2 has no Name*'
    }

    It 'refuses two steps with one name and a constant name the server refuses' {
        $null = @{ Name = 'A'; Code = 'x' }, @{ Name = 'A'; Code = 'x' } | ConvertTo-BkSopsPipeline -ErrorVariable dup -ErrorAction SilentlyContinue
        $dup[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.DuplicateStepName,BkSops.Commands.ConvertToBkSopsPipelineCommand'
        $null = @{ Name = 'A'; Code = 'x' } | ConvertTo-BkSopsPipeline -Constant @{ 'my-var' = 1 } -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.InvalidConstantName,BkSops.Commands.ConvertToBkSopsPipelineCommand'
    }

    It 'warns about a name the server changes and carries the stored name' {
        $tree = @{ Name = 'Say "hi" & <go>'; Code = 'x' } | ConvertTo-BkSopsPipeline -WarningVariable w -WarningAction SilentlyContinue
        $w.Count | Should -Be 1
        "$w" | Should -BeLike "*stores the name as 'Say hi  go'*"
        $tree.Activities[0].Name | Should -Be 'Say hi  go'
    }

    It 'rebuilds a tree from the activities of another (new ids, same steps and inputs)' {
        $first = @{ Name = 'One'; Code = 'sleep_timer'; bk_timing = 1; Stage = 's' }, @{ Name = 'Two'; Code = 'sleep_timer' } | ConvertTo-BkSopsPipeline -Seed 1
        $again = $first.Activities | ConvertTo-BkSopsPipeline -Seed 2
        @($again.Activities.Name) | Should -Be @('One', 'Two')
        $again.FindNode('One').StageName | Should -Be 's'
        $again.FindNode('One').InputNames | Should -Be @('bk_timing')
        $again.FindNode('One').Key | Should -Not -Be $first.FindNode('One').Key
        $again | Test-BkSopsPipeline | Should -BeTrue
    }

    It 'exposes an input as a task parameter only when asked' {
        $tree = @{ Name = 'Wait'; Code = 'sleep_timer'; bk_timing = 5 } | ConvertTo-BkSopsPipeline -ExposeInput bk_timing
        $tree.Constants[0].SourceType | Should -Be 'component_inputs'
        $tree | Test-BkSopsPipeline | Should -BeTrue
        (@{ Name = 'Wait'; Code = 'sleep_timer'; bk_timing = 5 } | ConvertTo-BkSopsPipeline).ConstantCount | Should -Be 0
    }
}

Describe 'New-BkSopsPipeline' {
    It 'builds branches, loops and sub-processes from a script block' {
        $tree = New-BkSopsPipeline -Name deploy -Seed 3 -Constant @{ env = 'prod'; tries = 0 } {
            @{ Name = 'Fetch'; Code = 'sleep_timer'; bk_timing = 1 }
            New-BkSopsGateway Exclusive {
                New-BkSopsBranch -Condition '"${env}" == "prod"' { @{ Name = 'Prod'; Code = 'sleep_timer' } }
                New-BkSopsBranch -Default { @{ Name = 'Test'; Code = 'sleep_timer' } }
                New-BkSopsBranch -Condition '${tries} > 3' -GoTo Fetch
            }
            New-BkSopsGateway Parallel {
                @{ Name = 'Web'; Code = 'sleep_timer' }
                @{ Name = 'Db'; Code = 'sleep_timer' }
            }
            New-BkSopsSubProcess -Name 'Notify' -TemplateId 12
        }
        $tree | Test-BkSopsPipeline | Should -BeTrue
        $tree.ActivityCount | Should -Be 6
        $exclusive = $tree.Gateways | Where-Object Type -eq 'ExclusiveGateway'
        $exclusive.DefaultFlowId | Should -Not -BeNullOrEmpty
        $exclusive.Conditions.Count | Should -Be 2
        $tree.FindNode('Notify').Type | Should -Be 'SubProcess'
    }

    It 'loops back from inside a branch to a named earlier step, and names the step of a loop the server refuses' {
        $tree = New-BkSopsPipeline -Seed 4 -Constant @{ ok = 'false' } {
            @{ Name = 'Prepare'; Code = 'sleep_timer' }
            New-BkSopsGateway Exclusive {
                New-BkSopsBranch -Condition '"${ok}" == "true"' {
                    @{ Name = 'Deploy'; Code = 'sleep_timer' }
                    New-BkSopsGateway Exclusive {
                        New-BkSopsBranch -Condition '"${ok}" != "true"' -GoTo 'Prepare'
                        New-BkSopsBranch -Default
                    }
                }
                New-BkSopsBranch -Default { @{ Name = 'Skip'; Code = 'sleep_timer' } }
            }
        }
        $tree | Test-BkSopsPipeline | Should -BeTrue
        $prepare = $tree.FindNode('Prepare').Key
        @($tree.Flows | Where-Object Target -eq $prepare).Count | Should -Be 2

        $null = New-BkSopsPipeline -ErrorVariable e -ErrorAction SilentlyContinue {
            @{ Name = 'Prepare'; Code = 'sleep_timer' }
            New-BkSopsGateway Parallel -Name 'fan out' {
                New-BkSopsBranch {
                    @{ Name = 'Web'; Code = 'sleep_timer' }
                    New-BkSopsGateway Exclusive { New-BkSopsBranch -Condition '1 == 1' -GoTo 'Prepare'; New-BkSopsBranch -Default }
                }
                New-BkSopsBranch { @{ Name = 'Db'; Code = 'sleep_timer' } }
            }
        }
        $e[0].FullyQualifiedErrorId | Should -BeLike 'BkSops.Input.InvalidLoop*'
        $e[0].Exception.Message | Should -BeLike "*loops back to 'Prepare', which lies outside branch 1 of the Parallel gateway 'fan out'*"
    }

    It 'says which branch has no condition' {
        $null = New-BkSopsPipeline { New-BkSopsGateway Exclusive { @{ Name = 'A'; Code = 'x' }; @{ Name = 'B'; Code = 'x' } } } -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeExactly 'BkSops.Input.BranchWithoutCondition,BkSops.Commands.NewBkSopsPipelineCommand'
        $e[0].Exception.Message | Should -BeLike 'Branch 1 of the Exclusive gateway*'
    }
}
