@{
    RootModule             = 'BkSops.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '3c1f6a52-8d0e-4b6b-9a57-2f4d8e1b7c90'
    Author                 = 'BkSops developers'
    CompanyName            = 'BkSops'
    Copyright              = '(c) BkSops developers. MIT License.'
    Description            = 'Read, check offline with the server''s own rules, repair and write BlueKing Standard Operation Procedures (bk-sops) pipeline trees.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport        = @(
        'Import-BkSopsPipeline'
        'Export-BkSopsPipeline'
        'Test-BkSopsPipeline'
        'Repair-BkSopsPipeline'
        'Export-BkSopsDiagnostic'
        'Start-BkSopsSandbox'
        'Stop-BkSopsSandbox'
        'Set-BkSopsSandboxFault'
        'Connect-BkSops'
        'Get-BkSopsConnection'
        'Disconnect-BkSops'
        'New-BkSopsTask'
        'Start-BkSopsTask'
        'Get-BkSopsTask'
        'Wait-BkSopsTask'
        'Suspend-BkSopsTask'
        'Resume-BkSopsTask'
        'Stop-BkSopsTask'
        'Get-BkSopsPlugin'
        'Get-BkSopsProject'
        'ConvertTo-BkSopsPipeline'
        'New-BkSopsPipeline'
        'New-BkSopsGateway'
        'New-BkSopsBranch'
        'New-BkSopsSubProcess'
        'ConvertTo-BkSopsDiagram'
        'Show-BkSopsPipeline'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('bk-sops', 'BlueKing', 'pipeline', 'workflow', 'validation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
