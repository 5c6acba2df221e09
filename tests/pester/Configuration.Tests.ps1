# Get-MRConfiguration: where region, credentials and endpoint come from, in AWS.Tools' order.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force
    Register-ModuleTypes
    $profileDir = Join-Path ([System.IO.Path]::GetTempPath()) "mr-profiles-$PID"
    $null = New-Item -ItemType Directory -Path $profileDir -Force
    $credentialsFile = Join-Path $profileDir 'credentials'
    Set-Content $credentialsFile @'
[ci]
aws_access_key_id = AKIAPROFILEKEY000CI1
aws_secret_access_key = profileSecret
region = eu-central-1

[noregion]
aws_access_key_id = AKIAPROFILEKEY000NR2
aws_secret_access_key = profileSecret
'@
}

AfterAll { Remove-Item $profileDir -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Get-MRConfiguration' {
    BeforeEach { Clear-AwsEnvironment }

    It 'takes the region and keys from parameters' {
        $config = Get-MRConfiguration -Region eu-west-1 -AccessKey AKIAPARAMETERKEY0001 -SecretKey s
        $config | Should -BeOfType ([ModelRegistry.Core.Configuration.ConnectionReport])
        $config.Region | Should -Be 'eu-west-1'
        $config.RegionSource | Should -Be 'parameter (-Region)'
        $config.CredentialSource | Should -Be 'parameters (-AccessKey/-SecretKey)'
        $config.AccessKeyId | Should -Be '****************0001'
    }

    It 'takes the region from AWS_REGION and the keys from the environment' {
        $env:AWS_REGION = 'ap-southeast-2'
        $env:AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENTKEY01'
        $env:AWS_SECRET_ACCESS_KEY = 'envSecret'
        $config = Get-MRConfiguration
        $config.Region | Should -Be 'ap-southeast-2'
        $config.RegionSource | Should -Be 'environment variable AWS_REGION'
        $config.CredentialSource | Should -Match 'environment'
    }

    It 'reads a named profile, and its region, from -ProfileLocation' {
        $config = Get-MRConfiguration -ProfileName ci -ProfileLocation $credentialsFile
        $config.ProfileName | Should -Be 'ci'
        $config.CredentialSource | Should -Be "profile 'ci'"
        $config.AccessKeyId | Should -Be '****************0CI1'
        $config.Region | Should -Be 'eu-central-1'
        $config.RegionSource | Should -Be "profile 'ci'"
    }

    It 'lets -Region win over the profile region' {
        (Get-MRConfiguration -ProfileName ci -ProfileLocation $credentialsFile -Region us-west-2).Region | Should -Be 'us-west-2'
    }

    It 'finds a named profile in the shared credentials file (AWS_SHARED_CREDENTIALS_FILE)' {
        # The SDK reads the variable when it first locates the file, so this runs in a fresh process.
        $env:AWS_SHARED_CREDENTIALS_FILE = $credentialsFile
        $env:AWS_REGION = 'us-east-2'
        $json = Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; Get-MRConfiguration -ProfileName noregion | ConvertTo-Json"
        $config = $json | ConvertFrom-Json
        $config.AccessKeyId | Should -Be '****************0NR2'
        $config.CredentialSource | Should -Be "profile 'noregion'"
        $config.Region | Should -Be 'us-east-2'
    }

    It 'fails with ProfileNotFound for an unknown profile, never falling back' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENTKEY01'
        $env:AWS_SECRET_ACCESS_KEY = 'envSecret'
        $env:AWS_REGION = 'us-east-1'
        $failure = { Get-MRConfiguration -ProfileName does-not-exist -ProfileLocation $credentialsFile } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'ProfileNotFound,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be 'does-not-exist'
        $failure.Exception.Message | Should -Match "does-not-exist"
    }

    It 'uses $StoredAWSCredentials and $StoredAWSRegion as AWS.Tools.Common leaves them' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENTKEY01'
        $env:AWS_SECRET_ACCESS_KEY = 'envSecret'
        $env:AWS_REGION = 'us-east-1'
        # AWS.Tools stores an AWSPSCredentials wrapper: the SDK credentials are in its Credentials property.
        $global:StoredAWSCredentials = [pscustomobject]@{
            Name        = 'stored'
            Credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIASTOREDSESSION003', 'storedSecret')
        }
        $global:StoredAWSRegion = 'sa-east-1'
        $config = Get-MRConfiguration
        $config.CredentialSource | Should -Be "`$StoredAWSCredentials ('stored')"
        $config.AccessKeyId | Should -Be '****************N003'
        $config.Region | Should -Be 'sa-east-1'
        $config.RegionSource | Should -Be '$StoredAWSRegion'
    }

    It 'prefers parameters over the session defaults' {
        $global:StoredAWSCredentials = [pscustomobject]@{ Credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIASTOREDSESSION003', 's') }
        $global:StoredAWSRegion = 'sa-east-1'
        $config = Get-MRConfiguration -Region eu-north-1 -AccessKey AKIAPARAMETERKEY0001 -SecretKey s
        $config.AccessKeyId | Should -Be '****************0001'
        $config.Region | Should -Be 'eu-north-1'
    }

    It 'accepts SDK credentials objects through -Credential' {
        $credential = [Amazon.Runtime.SessionAWSCredentials]::new('AKIACREDENTIALOBJ004', 's', 'token')
        $config = Get-MRConfiguration -Credential $credential -Region us-east-1
        $config.CredentialSource | Should -Be 'parameter (-Credential)'
        $config.AccessKeyId | Should -Be '****************J004'
    }

    It 'shows the regional SageMaker endpoint by default and an override when given' {
        $config = Get-MRConfiguration -Region eu-west-1 -AccessKey AKIAPARAMETERKEY0001 -SecretKey s
        $config.EndpointUrl | Should -Be 'https://api.sagemaker.eu-west-1.amazonaws.com'
        $override = Get-MRConfiguration -Region eu-west-1 -AccessKey AKIAPARAMETERKEY0001 -SecretKey s -EndpointUrl http://127.0.0.1:4566
        $override.EndpointUrl | Should -Be 'http://127.0.0.1:4566'
        $override.EndpointSource | Should -Be 'parameter (-EndpointUrl)'
    }

    It 'honours AWS_ENDPOINT_URL_SAGEMAKER over AWS_ENDPOINT_URL' {
        $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:1111'
        $env:AWS_ENDPOINT_URL_SAGEMAKER = 'http://127.0.0.1:2222'
        $config = Get-MRConfiguration -Region eu-west-1 -AccessKey AKIAPARAMETERKEY0001 -SecretKey s
        $config.EndpointUrl | Should -Be 'http://127.0.0.1:2222'
        $config.EndpointSource | Should -Match 'AWS_ENDPOINT_URL_SAGEMAKER'
    }

    It 'rejects bad parameters with stable error ids: <Case>' -ForEach @(
        @{ Case = 'region'; Arguments = @{ Region = 'Mars'; AccessKey = 'AKIAPARAMETERKEY0001'; SecretKey = 's' }; ErrorId = 'InvalidRegion' }
        @{ Case = 'half a key pair'; Arguments = @{ Region = 'us-east-1'; AccessKey = 'AKIAPARAMETERKEY0001' }; ErrorId = 'IncompleteAccessKey' }
        @{ Case = 'endpoint'; Arguments = @{ Region = 'us-east-1'; AccessKey = 'AKIAPARAMETERKEY0001'; SecretKey = 's'; EndpointUrl = 'not a url' }; ErrorId = 'InvalidEndpointUrl' }
    ) {
        $failure = { Get-MRConfiguration @Arguments } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand"
    }

    It 'reports no credentials, and where it looked, instead of failing' {
        $config = Get-MRConfiguration -Region us-east-1 -ErrorVariable failure
        $failure | Should -BeNullOrEmpty
        $config.CredentialSource | Should -BeLike 'none found (tried: -AccessKey/-SecretKey, -ProfileName, -Credential, Start-MRLocalRegistry, $StoredAWSCredentials, AWS_ACCESS_KEY_ID*instance metadata)'
        $config.AccessKeyId | Should -BeNullOrEmpty
        $config.Region | Should -Be 'us-east-1'
        # Any other cmdlet still stops: it cannot call AWS without credentials.
        { Get-MRModelGroup -Region us-east-1 } | Should -Throw -ErrorId 'NoCredentials,ModelRegistry.PowerShell.Commands.GetMRModelGroupCommand'
    }

    It 'sends keys of no local account to AWS, without the region of the local registry (help example 4)' {
        Start-MRLocalRegistry
        try {
            $foreign = @{ AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
            $withRegion = Get-MRConfiguration -Region us-east-1 @foreign
            ($withRegion.EndpointUrl, $withRegion.EndpointSource) | Should -Be @('https://api.sagemaker.us-east-1.amazonaws.com', 'regional endpoint')
            $withoutRegion = Get-MRConfiguration @foreign
            ($withoutRegion.Region, $withoutRegion.EndpointUrl, $withoutRegion.EndpointSource) | Should -Be @($null, $null, 'no region, so no endpoint')
        }
        finally {
            Stop-MRLocalRegistry
        }
    }

    It 'names the local registry as the source of endpoint and credentials, and calls nothing (help example 3)' {
        $local = Start-MRLocalRegistry -PassThru
        try {
            $measured = Measure-ServerCall $local.EndpointUrl { Get-MRConfiguration | Select-Object EndpointUrl, EndpointSource, CredentialSource }
            $measured.Output.EndpointUrl | Should -Be $local.EndpointUrl
            $measured.Output.EndpointSource | Should -Be 'Start-MRLocalRegistry (registry (111111111111))'
            $measured.Output.CredentialSource | Should -Be 'Start-MRLocalRegistry (registry (111111111111))'
            $measured.Calls.Count | Should -Be 0
        }
        finally {
            Stop-MRLocalRegistry
        }
    }

    It 'reports the default profile the SDK''s chain finds and the region from AWS_REGION (help example 1)' {
        # The SDK locates the shared files once per process, so this runs in a fresh one.
        $defaultFile = Join-Path $profileDir 'default-credentials'
        Set-Content $defaultFile "[default]`naws_access_key_id = AKIADEFAULTPROFILE05`naws_secret_access_key = s`n"
        $env:AWS_SHARED_CREDENTIALS_FILE = $defaultFile
        $env:AWS_CONFIG_FILE = Join-Path $profileDir 'no-config'
        $env:AWS_REGION = 'us-east-1'
        $config = Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; Get-MRConfiguration | ConvertTo-Json" | ConvertFrom-Json
        ($config.Region, $config.RegionSource) | Should -Be @('us-east-1', 'environment variable AWS_REGION')
        $config.CredentialSource | Should -Be "profile 'default' (SDK default chain)"
        $config.AccessKeyId | Should -Be '****************LE05'
    }

    It 'says where credentials and region came from under -Debug, without the secret' {
        $debug = Get-MRConfiguration -Region eu-west-1 -AccessKey AKIAPARAMETERKEY0001 -SecretKey TopSecretValue -Debug 5>&1 |
            Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($debug.Message -join "`n") | Should -Match 'region eu-west-1 from parameter'
        ($debug.Message -join "`n") | Should -Match ([regex]::Escape('credentials from parameters (-AccessKey/-SecretKey)'))
        ($debug.Message -join "`n") | Should -Not -Match 'TopSecretValue'
    }
}
