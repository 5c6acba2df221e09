# Side by side with AWS Tools for PowerShell: the module keeps its AWS SDK in its own load context,
# whichever copy of the SDK another module loaded first or loads later. Each case runs in a fresh
# child pwsh, as a user's session would start.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $packages = (Get-Module Pester).ModuleBase | Split-Path | Split-Path | Split-Path
    $sdkV3 = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
    $sdkOlderV4 = Join-Path $packages 'awssdk.core/4.0.102.19/lib/net8.0/AWSSDK.Core.dll'
    $module = Get-ModuleUnderTest
    $dependencies = Join-Path (Split-Path $module) 'dependencies'

    # The module's own AWSSDK.Core: the one in the load context of ModelRegistry.Core.
    $ownSdk = @'
$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ModelRegistry.Core' }
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)
($context.Assemblies | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' }).Location
'@

    function Invoke-Session([string] $Script) {
        $lines = Invoke-ChildPwsh "`$ErrorActionPreference = 'Stop'; $Script" 2>&1
        $json = ($lines | Where-Object { "$_" -like '{*' } | Select-Object -Last 1)
        if (-not $json) { throw "The session printed no result:`n$($lines -join "`n")" }
        $json | ConvertFrom-Json
    }
}

Describe 'AWS SDK copies of other modules' {
    It 'works when the SDK v3 of AWS Tools 4.x is loaded first: registers, lists and grants' {
        $sdkV3 | Should -Exist
        $result = Invoke-Session @"
Add-Type -Path '$sdkV3'
Import-Module '$module'
`$registry = Start-MRLocalRegistry -PassThru
`$group = New-MRModelGroup -Name side-by-side-v3
`$version = New-MRModelVersion -GroupName side-by-side-v3 -Image '222222222222.dkr.ecr.us-east-1.amazonaws.com/m:1'
`$listed = @(Get-MRModelVersion -GroupName side-by-side-v3)
`$grant = Grant-MRCrossAccountAccess -RegistryAccountId 111111111111 -TrainingAccountId 222222222222 -ModelGroupName side-by-side-v3 ``
    -RepositoryName r -BucketName b -BucketPrefix models/ -KmsKeyId 1234abcd-12ab-34cd-56ef-1234567890ab -WarningAction SilentlyContinue
`$training = New-MRModelVersion -GroupName `$group.Arn -Image '222222222222.dkr.ecr.us-east-1.amazonaws.com/m:1' -Credential `$registry.Account('training').Credential
Stop-MRLocalRegistry
[pscustomobject]@{
    Version = `$version.Arn; Listed = `$listed.Count; Grant = @(`$grant.Status | ForEach-Object ToString); Training = `$training.Arn
    V3 = ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' -and `$_.GetName().Version.Major -eq 3 }).Location
    Own = & { $ownSdk }
} | ConvertTo-Json -Compress
"@
        $result.Version | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package/side-by-side-v3/1'
        $result.Listed | Should -Be 1
        $result.Grant | Should -Be @('Skipped', 'Skipped', 'Skipped', 'Verified')
        $result.Training | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package/side-by-side-v3/2'
        $result.V3 | Should -Be $sdkV3
        $result.Own | Should -BeLike "$dependencies*"
    }

    It 'lets the SDK v3 load and work after the module' {
        $result = Invoke-Session @"
Import-Module '$module'
`$null = Get-MRConfiguration -Region us-east-1 -AccessKey AKIAEXAMPLE -SecretKey secret
Add-Type -Path '$sdkV3'
`$credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIAFROMV3', 'secret')
[pscustomobject]@{
    Key = `$credentials.GetCredentials().AccessKey
    From = [Amazon.Runtime.BasicAWSCredentials].Assembly.Location
    Version = [Amazon.Runtime.BasicAWSCredentials].Assembly.GetName().Version.ToString()
} | ConvertTo-Json -Compress
"@
        $result.Key | Should -Be 'AKIAFROMV3'
        $result.From | Should -Be $sdkV3
        $result.Version | Should -Be '3.3.0.0'
    }

    It 'uses its own SDK when an older SDK v4 is loaded first' {
        $sdkOlderV4 | Should -Exist
        $result = Invoke-Session @"
Add-Type -Path '$sdkOlderV4'
Import-Module '$module'
Start-MRLocalRegistry
`$group = New-MRModelGroup -Name side-by-side-v4
Stop-MRLocalRegistry
[pscustomobject]@{ Group = `$group.Arn; Own = & { $ownSdk }; Older = [Amazon.Runtime.AWSCredentials].Assembly.Location } | ConvertTo-Json -Compress
"@
        $result.Group | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package-group/side-by-side-v4'
        $result.Own | Should -BeLike "$dependencies*"
        $result.Older | Should -Be $sdkOlderV4
    }

    It 'calls as the account of credentials from another SDK copy, given as -Credential or $StoredAWSCredentials' {
        $result = Invoke-Session @"
Add-Type -Path '$sdkV3'
Import-Module '$module'
`$registry = Start-MRLocalRegistry -PassThru
`$training = `$registry.Account('training')
`$foreign = [Amazon.Runtime.BasicAWSCredentials]::new(`$training.AccessKeyId, `$training.SecretAccessKey)
`$byParameter = New-MRModelGroup -Name side-by-side-parameter -Credential `$foreign
# What Set-AWSCredential leaves: an AWSPSCredentials wrapper, here of the SDK v3 copy.
`$global:StoredAWSCredentials = [pscustomobject]@{ Credentials = `$foreign; Name = 'training' }
`$bySession = New-MRModelGroup -Name side-by-side-session
`$source = (Get-MRConfiguration).CredentialSource
Stop-MRLocalRegistry
[pscustomobject]@{ Parameter = `$byParameter.Arn; Session = `$bySession.Arn; Source = `$source; Type = `$foreign.GetType().Assembly.GetName().Version.ToString() } | ConvertTo-Json -Compress
"@
        $result.Type | Should -Be '3.3.0.0'
        $result.Parameter | Should -Be 'arn:aws:sagemaker:us-east-1:222222222222:model-package-group/side-by-side-parameter'
        $result.Session | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package-group/side-by-side-session' -Because 'Start-MRLocalRegistry''s default comes before $StoredAWSCredentials'
        $result.Source | Should -BeLike 'Start-MRLocalRegistry*'
    }

    It 'uses $StoredAWSCredentials of another SDK copy when nothing comes before them' {
        $result = Invoke-Session @"
Add-Type -Path '$sdkV3'
Import-Module '$module'
Import-Module '$(Join-Path $PSScriptRoot 'TestHelpers.psm1')'
`$registry = Start-TestRegistry
`$training = `$registry.Account('training')
`$global:StoredAWSCredentials = [pscustomobject]@{ Credentials = [Amazon.Runtime.BasicAWSCredentials]::new(`$training.AccessKeyId, `$training.SecretAccessKey); Name = 'training' }
`$global:StoredAWSRegion = 'us-east-1'
`$group = New-MRModelGroup -Name side-by-side-stored -EndpointUrl `$registry.EndpointUrl
`$source = (Get-MRConfiguration).CredentialSource
`$registry.Stop()
[pscustomobject]@{ Group = `$group.Arn; Source = `$source } | ConvertTo-Json -Compress
"@
        $result.Group | Should -Be 'arn:aws:sagemaker:us-east-1:222222222222:model-package-group/side-by-side-stored'
        $result.Source | Should -Be "`$StoredAWSCredentials ('training')"
    }
}

Describe 'The module layout' {
    It 'keeps only the cmdlets'' assembly and the loader beside the manifest, and the cmdlets'' assembly references no AWS SDK' {
        $root = Split-Path $module
        (Get-ChildItem $root -Filter *.dll).Name | Sort-Object | Should -Be @('ModelRegistry.Loader.dll', 'ModelRegistry.PowerShell.dll')
        (Get-ChildItem $dependencies -Filter 'AWSSDK.Core.dll') | Should -Not -BeNullOrEmpty
        $stream = [System.IO.File]::OpenRead((Join-Path $root 'ModelRegistry.PowerShell.dll'))
        try {
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
            $names = foreach ($handle in $reader.AssemblyReferences) { $reader.GetString($reader.GetAssemblyReference($handle).Name) }
        }
        finally { $stream.Dispose() }
        $names | Should -Contain 'ModelRegistry.Core'
        $names | Where-Object { $_ -like 'AWSSDK*' } | Should -BeNullOrEmpty
    }
}
