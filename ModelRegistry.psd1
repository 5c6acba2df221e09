@{
    RootModule             = 'ModelRegistry.PowerShell.dll'
    # Loaded first: it makes the dependencies/ folder (and, on PowerShell 7, the module's own load context) where the cmdlets' dependencies come from.
    NestedModules          = @('ModelRegistry.Loader.dll')
    # The one place the version lives: src/Directory.Build.props reads it for the assemblies.
    ModuleVersion          = '0.1.0'
    GUID                   = '5c0f3d4e-8a61-4f0b-9d4e-2b1f6c7a9e31'
    Author                 = 'ModelRegistry contributors'
    CompanyName            = 'ModelRegistry'
    Copyright              = '(c) ModelRegistry contributors. Apache-2.0.'
    Description            = 'Amazon SageMaker Model Registry from PowerShell: model groups, model versions, approvals and safe cross-account registration, with a local registry for offline use.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Core', 'Desktop')
    FormatsToProcess       = @('ModelRegistry.Format.ps1xml')
    TypesToProcess         = @('ModelRegistry.Types.ps1xml')
    CmdletsToExport        = @(
        'Get-MRConfiguration'
        'Start-MRLocalRegistry'
        'Stop-MRLocalRegistry'
        'New-MRModelGroup'
        'Get-MRModelGroup'
        'Remove-MRModelGroup'
        'New-MRInferenceContainer'
        'New-MRModelMetric'
        'New-MRModelVersion'
        'Get-MRModelVersion'
        'Set-MRModelVersion'
        'Approve-MRModelVersion'
        'Deny-MRModelVersion'
        'Remove-MRModelVersion'
        'Wait-MRModelVersion'
        'Copy-MRModelVersion'
        'Get-MRModelMetric'
        'Compare-MRModelVersion'
        'Assert-MRModelMetric'
        'ConvertTo-MRMarkdown'
        'Set-MRGroupPolicy'
        'Get-MRGroupPolicy'
        'Remove-MRGroupPolicy'
        'Grant-MRCrossAccountAccess'
        'Revoke-MRCrossAccountAccess'
        'Test-MRCrossAccountAccess'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('AWS', 'SageMaker', 'ModelRegistry', 'MLOps', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri = 'https://github.com/modelregistry/ModelRegistry'
        }
    }
}
