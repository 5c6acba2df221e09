# Which credentials a call really uses, in AWS.Tools' order: the account id in the ARN of the group
# it creates tells (registry 111111111111, training 222222222222).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $server = Start-TestRegistry
    $registryAccount = $server.Account('registry')
    $trainingAccount = $server.Account('training')
    $profiles = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName credentials)
    Set-Content $profiles @"
[training]
aws_access_key_id = $($trainingAccount.AccessKeyId)
aws_secret_access_key = $($trainingAccount.SecretAccessKey)
region = us-east-1
"@

    function Get-CallerAccount([hashtable] $Arguments = @{}) {
        $group = New-MRModelGroup -Name (New-TestName who) -EndpointUrl $server.EndpointUrl @Arguments
        ($group.Arn -split ':')[4]
    }

    function Set-StoredCredential($Account) {
        $global:StoredAWSCredentials = [pscustomobject]@{ Name = $Account.Name; Credentials = $Account.Credential }
    }
}

AfterAll {
    $server.Stop()
    Remove-Item $profiles -ErrorAction SilentlyContinue
}

Describe 'Credential resolution against the local registry' {
    BeforeEach {
        Clear-AwsEnvironment
        $env:AWS_REGION = 'us-east-1'
    }

    It 'uses -AccessKey/-SecretKey' {
        Get-CallerAccount @{ AccessKey = $trainingAccount.AccessKeyId; SecretKey = $trainingAccount.SecretAccessKey } | Should -Be '222222222222'
    }

    It 'uses -SessionToken with the -AccessKey/-SecretKey of temporary credentials, which are refused without it' {
        $connection = [ModelRegistry.Core.Client.AwsConnection]::new($trainingAccount.Credential, [Amazon.RegionEndpoint]::USEast1, $server.EndpointUrl)
        $sts = [ModelRegistry.Core.Client.AwsClientFactory]::CreateStsClient($connection)
        $request = [Amazon.SecurityToken.Model.AssumeRoleRequest]@{ RoleArn = 'arn:aws:iam::222222222222:role/Publisher'; RoleSessionName = 'session-token' }
        $temporary = $sts.AssumeRoleAsync($request).GetAwaiter().GetResult().Credentials
        $keys = @{ AccessKey = $temporary.AccessKeyId; SecretKey = $temporary.SecretAccessKey }
        Get-CallerAccount ($keys + @{ ST = $temporary.SessionToken }) | Should -Be '222222222222'
        New-MRModelGroup -Name (New-TestName notoken) -EndpointUrl $server.EndpointUrl @keys -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'uses -ProfileName with -ProfileLocation' {
        Get-CallerAccount @{ ProfileName = 'training'; ProfileLocation = $profiles } | Should -Be '222222222222'
    }

    It 'uses -Credential' {
        Get-CallerAccount @{ Credential = $trainingAccount.Credential } | Should -Be '222222222222'
    }

    It 'uses $StoredAWSCredentials when no parameter says otherwise' {
        Set-StoredCredential $trainingAccount
        Get-CallerAccount | Should -Be '222222222222'
    }

    It 'lets parameters win over $StoredAWSCredentials' {
        Set-StoredCredential $trainingAccount
        Get-CallerAccount @{ Credential = $registryAccount.Credential } | Should -Be '111111111111'
        Get-CallerAccount @{ ProfileName = 'training'; ProfileLocation = $profiles } | Should -Be '222222222222'
    }

    It 'uses the environment when nothing else is set' {
        $env:AWS_ACCESS_KEY_ID = $trainingAccount.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $trainingAccount.SecretAccessKey
        Get-CallerAccount | Should -Be '222222222222'
    }

    It 'lets $StoredAWSCredentials win over the environment' {
        $env:AWS_ACCESS_KEY_ID = $trainingAccount.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $trainingAccount.SecretAccessKey
        Set-StoredCredential $registryAccount
        Get-CallerAccount | Should -Be '111111111111'
    }

    It 'signs for $StoredAWSRegion, which the registry checks' {
        Set-StoredCredential $registryAccount
        $global:StoredAWSRegion = 'eu-west-1'
        $group = New-MRModelGroup -Name (New-TestName region) -EndpointUrl $server.EndpointUrl
        $group.Arn | Should -Match '^arn:aws:sagemaker:eu-west-1:111111111111:'
    }

    It 'signs for AWS_DEFAULT_REGION, which the AWS CLI and boto3 read, when AWS_REGION is not set' {
        Remove-Item env:AWS_REGION
        $env:AWS_DEFAULT_REGION = 'eu-west-2'
        $group = New-MRModelGroup -Name (New-TestName region) -Credential $registryAccount.Credential -EndpointUrl $server.EndpointUrl
        $group.Arn | Should -Match '^arn:aws:sagemaker:eu-west-2:111111111111:'
    }

    It 'lets AWS_REGION win over AWS_DEFAULT_REGION' {
        $env:AWS_DEFAULT_REGION = 'eu-west-2'
        $group = New-MRModelGroup -Name (New-TestName region) -Credential $registryAccount.Credential -EndpointUrl $server.EndpointUrl
        $group.Arn | Should -Match '^arn:aws:sagemaker:us-east-1:111111111111:'
    }

    It 'refuses an AWS_REGION that is no region name, naming the variable, before any call' {
        $env:AWS_REGION = 'Frankfurt'
        $measured = Measure-ServerCall $server.EndpointUrl {
            try { $null = New-MRModelGroup -Name (New-TestName region) -Credential $registryAccount.Credential -EndpointUrl $server.EndpointUrl }
            catch { $_ }
        }
        $measured.Output | Should -HaveCount 1
        $measured.Output[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRegion,*'
        "$($measured.Output[0])" | Should -BeLike "AWS_REGION: 'Frankfurt' is not a region name*"
        $measured.Calls.Count | Should -Be 0
    }

    It 'finds the endpoint in AWS_ENDPOINT_URL_SAGEMAKER' {
        $env:AWS_ENDPOINT_URL_SAGEMAKER = $server.EndpointUrl
        $group = New-MRModelGroup -Name (New-TestName endpoint) -Credential $trainingAccount.Credential
        $group.Arn | Should -Match ':222222222222:'
    }

    It 'rejects a wrong secret with the AWS error code and PermissionDenied-like category' {
        New-MRModelGroup -Name (New-TestName denied) -EndpointUrl $server.EndpointUrl -AccessKey $trainingAccount.AccessKeyId -SecretKey 'wrong' `
            -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidSignatureException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }
}
