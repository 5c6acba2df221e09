# Every credential source the AWS SDK resolves, against the local registry: IAM Identity Center
# (SSO) profiles on the token cache `aws sso login` writes, assume-role profiles, web identity,
# container credentials, credential_process; plus FIPS and dual-stack endpoints. The account id in the ARN of the group a
# call creates tells as whom it ran (registry 111111111111, training 222222222222).
# AWSSDK.Core reads AWS_CONFIG_FILE once per process, so every check that needs profiles runs in a
# fresh child pwsh whose HOME and shared files point into a temporary folder: nothing touches the
# real user's files.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $server = Start-TestRegistry
    $registryAccount = $server.Account('registry')
    $trainingAccount = $server.Account('training')
    $savedHome = $env:HOME
    $fakeHome = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName home)
    $ssoCache = Join-Path $fakeHome '.aws/sso/cache'

    # Fresh shared files in the temporary HOME and an empty token cache, as before any `aws sso login`.
    function Set-AwsFiles([string] $Config, [string] $Credentials = '') {
        Remove-Item $fakeHome -Recurse -Force -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Path $ssoCache -Force
        $env:HOME = $fakeHome
        $env:AWS_CONFIG_FILE = Join-Path $fakeHome '.aws/config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $fakeHome '.aws/credentials'
        Set-Content $env:AWS_CONFIG_FILE $Config
        Set-Content $env:AWS_SHARED_CREDENTIALS_FILE $Credentials
    }

    # What `aws sso login` leaves: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json.
    function Write-SsoToken([string] $CacheKey, [string] $StartUrl, [int] $ExpiresInSeconds = 3600) {
        $issued = Invoke-RestMethod -Method Post -Uri "$($server.EndpointUrl)/_localregistry/sso/tokens" -ContentType 'application/json' `
            -Body (@{ userName = 'alice'; expiresInSeconds = $ExpiresInSeconds } | ConvertTo-Json)
        $hash = [System.Security.Cryptography.SHA1]::HashData([System.Text.Encoding]::UTF8.GetBytes($CacheKey))
        $file = Join-Path $ssoCache (([System.BitConverter]::ToString($hash) -replace '-', '').ToLowerInvariant() + '.json')
        @{ startUrl = $StartUrl; region = 'us-east-1'; accessToken = $issued.accessToken; expiresAt = $issued.expiresAt } |
            ConvertTo-Json | Set-Content $file
    }

    # Runs $Command in a new pwsh with this process's environment; returns its output, or the
    # ErrorId and message of the error that ended it.
    function Invoke-FreshSession([string] $Command) {
        $script = "Import-Module '$(Get-ModuleUnderTest)'; try { $Command | ConvertTo-Json -Compress } " +
            "catch { [pscustomobject]@{ ErrorId = `$_.FullyQualifiedErrorId; Message = `$_.Exception.Message } | ConvertTo-Json -Compress }"
        ((Invoke-ChildPwsh $script) -join "`n") | ConvertFrom-Json
    }

    # The same in an interactive pwsh (no -NonInteractive) whose standard input answers prompts.
    function Invoke-InteractiveSession([string] $Command, [string] $Answer) {
        $script = "Import-Module '$(Get-ModuleUnderTest)'; `$ErrorActionPreference = 'Stop'; " +
            "try { $Command } catch { 'ERROR ' + `$_.FullyQualifiedErrorId + ': ' + `$_.Exception.Message }"
        $pwshHost = [Environment]::ProcessPath
        $arguments = @('-NoProfile', '-Command', $script)
        if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments }
        @($Answer | & $pwshHost @arguments)[-1]
    }

    function Get-CallerAccount([string] $Arguments = '') {
        $arn = Invoke-FreshSession "(New-MRModelGroup -Name $(New-TestName who) $Arguments).Arn"
        if ($arn -isnot [string]) { throw "No group was created: $($arn.ErrorId): $($arn.Message)" }
        ($arn -split ':')[4]
    }

    $ssoConfig = @"
[profile sso-dev]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = DataScientist
region = us-east-1

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
"@
}

AfterAll {
    $server.Stop()
    $env:HOME = $savedHome
    Remove-Item $fakeHome -Recurse -Force -ErrorAction SilentlyContinue
    Clear-AwsEnvironment
}

Describe 'IAM Identity Center (SSO) profiles' {
    BeforeEach {
        Clear-AwsEnvironment
        Set-AwsFiles $ssoConfig
        $env:AWS_ENDPOINT_URL = $server.EndpointUrl
    }

    It 'registers as the profile''s account with an sso_session profile and a cached token' {
        Write-SsoToken -CacheKey 'corp' -StartUrl 'https://corp.awsapps.com/start'
        Get-CallerAccount '-ProfileName sso-dev' | Should -Be '222222222222'
        $config = Invoke-FreshSession 'Get-MRConfiguration -ProfileName sso-dev'
        $config.CredentialSource | Should -Be "profile 'sso-dev' (IAM Identity Center, account 222222222222, role DataScientist)"
        # Fetched over the network: no access key id to show.
        $config.AccessKeyId | Should -BeNullOrEmpty
    }

    It 'registers a version with a legacy sso_start_url profile' {
        Write-SsoToken -CacheKey 'https://legacy.awsapps.com/start' -StartUrl 'https://legacy.awsapps.com/start'
        $name = New-TestName legacy
        $arn = Invoke-FreshSession ("`$null = New-MRModelGroup -Name $name -ProfileName sso-legacy; " +
            "(New-MRModelVersion -GroupName $name -ProfileName sso-legacy -Image 222222222222.dkr.ecr.us-east-1.amazonaws.com/m:1 " +
            "-ModelDataUrl s3://training-models/m.tar.gz -ContentType text/csv -ResponseContentType text/csv).Arn")
        $arn | Should -Match '^arn:aws:sagemaker:us-east-1:222222222222:model-package/'
    }

    It 'uses AWS_PROFILE and the profile''s services section for every endpoint' {
        Set-AwsFiles ($ssoConfig + @"

[profile sso-services]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = DataScientist
region = us-east-1
services = local-registry

[services local-registry]
sagemaker =
  endpoint_url = $($server.EndpointUrl)
sso =
  endpoint_url = $($server.EndpointUrl)
"@)
        Remove-Item env:AWS_ENDPOINT_URL
        $env:AWS_PROFILE = 'sso-services'
        Write-SsoToken -CacheKey 'corp' -StartUrl 'https://corp.awsapps.com/start'
        Get-CallerAccount | Should -Be '222222222222'
        (Invoke-FreshSession 'Get-MRConfiguration').EndpointSource |
            Should -Be "shared config (profile 'sso-services', services sagemaker endpoint_url)"
    }

    It 'says to run aws sso login when the cached token has expired' {
        Write-SsoToken -CacheKey 'corp' -StartUrl 'https://corp.awsapps.com/start' -ExpiresInSeconds -60
        $failure = Invoke-FreshSession 'Get-MRConfiguration -ProfileName sso-dev'
        $failure.ErrorId | Should -Be 'SsoLoginRequired,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand'
        $failure.Message | Should -Match 'expired'
        $failure.Message | Should -Match ([regex]::Escape("run 'aws sso login --profile sso-dev'"))
    }

    It 'says to run aws sso login when no token is cached, also through AWS_PROFILE, and calls nothing' {
        $env:AWS_PROFILE = 'sso-legacy'
        $name = New-TestName nologin
        $failure = Invoke-FreshSession "New-MRModelGroup -Name $name"
        $failure.ErrorId | Should -Be 'SsoLoginRequired,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        $failure.Message | Should -Match ([regex]::Escape("run 'aws sso login --profile sso-legacy'"))
        Get-MRModelGroup -NameContains $name -EndpointUrl $server.EndpointUrl -Region us-east-1 `
            -AccessKey $trainingAccount.AccessKeyId -SecretKey $trainingAccount.SecretAccessKey | Should -BeNullOrEmpty
    }
}

Describe 'Assume-role profiles, web identity and credential_process' {
    BeforeEach {
        Clear-AwsEnvironment
        $env:AWS_ENDPOINT_URL = $server.EndpointUrl
        $env:AWS_REGION = 'us-east-1'
        Set-AwsFiles -Config @"
[profile publisher]
role_arn = arn:aws:iam::222222222222:role/ModelPublisher
source_profile = base
external_id = pipeline-42
region = us-east-1

[profile from-environment]
role_arn = arn:aws:iam::222222222222:role/FromEnvironment
credential_source = Environment

[profile needs-mfa]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile process]
credential_process = cat $(Join-Path $fakeHome 'process-credentials.json')
region = us-east-1
"@ -Credentials @"
[base]
aws_access_key_id = $($registryAccount.AccessKeyId)
aws_secret_access_key = $($registryAccount.SecretAccessKey)
"@
    }

    It 'assumes the role of a source_profile profile with external_id, calling as the role''s account' {
        Get-CallerAccount '-ProfileName publisher' | Should -Be '222222222222'
        $config = Invoke-FreshSession 'Get-MRConfiguration -ProfileName publisher'
        $config.CredentialSource | Should -Be "profile 'publisher' (assumed role arn:aws:iam::222222222222:role/ModelPublisher)"
        $config.AccessKeyId | Should -BeNullOrEmpty
    }

    It 'assumes the role of a credential_source = Environment profile' {
        $env:AWS_ACCESS_KEY_ID = $registryAccount.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $registryAccount.SecretAccessKey
        Get-CallerAccount '-ProfileName from-environment' | Should -Be '222222222222'
    }

    It 'refuses an mfa_serial profile clearly in a non-interactive session instead of waiting for a code' {
        $failure = Invoke-FreshSession 'Get-MRConfiguration -ProfileName needs-mfa'
        $failure.ErrorId | Should -Be 'MfaCodeRequired,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand'
        $failure.Message | Should -Match 'mfa_serial'
    }

    It 'asks for the MFA code of an mfa_serial profile in an interactive session and sends it to STS' {
        $command = "(New-MRModelGroup -Name $(New-TestName mfa) -ProfileName needs-mfa).Arn"
        Invoke-InteractiveSession $command -Answer '123456' | Should -Match '^arn:aws:sagemaker:us-east-1:222222222222:'
        # STS checks the code's form (six digits): a wrong one fails AssumeRole, so the code is what was sent.
        Invoke-InteractiveSession $command -Answer '12ab56' | Should -Match '^ERROR .*AssumeRole'
        Invoke-InteractiveSession $command -Answer '' | Should -Match '^ERROR MfaCodeRequired,'
    }

    It 'assumes AWS_ROLE_ARN with the token in AWS_WEB_IDENTITY_TOKEN_FILE, as on EKS and in CI' {
        $tokenFile = Join-Path $fakeHome 'web-identity-token'
        Set-Content $tokenFile -NoNewline 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm9yZy9hcHAifQ.c2ln'
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $tokenFile
        $env:AWS_ROLE_ARN = 'arn:aws:iam::222222222222:role/GitHubDeploy'
        $env:AWS_ROLE_SESSION_NAME = 'ci-run'
        try {
            Get-CallerAccount | Should -Be '222222222222'
            (Invoke-FreshSession 'Get-MRConfiguration').CredentialSource |
                Should -Be 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), role arn:aws:iam::222222222222:role/GitHubDeploy'
        }
        finally {
            Remove-Item env:AWS_WEB_IDENTITY_TOKEN_FILE, env:AWS_ROLE_ARN, env:AWS_ROLE_SESSION_NAME
        }
    }

    It 'forgets web identity credentials in the same session once the variables are gone' {
        $tokenFile = Join-Path $fakeHome 'web-identity-token'
        Set-Content $tokenFile -NoNewline 'opaque-token'
        $script = "`$env:AWS_WEB_IDENTITY_TOKEN_FILE = '$tokenFile'; `$env:AWS_ROLE_ARN = 'arn:aws:iam::222222222222:role/Once'; " +
            "`$null = Get-MRConfiguration; Remove-Item env:AWS_WEB_IDENTITY_TOKEN_FILE, env:AWS_ROLE_ARN; Get-MRConfiguration"
        (Invoke-FreshSession $script).CredentialSource | Should -BeLike 'none found*'
    }

    It 'uses container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI), as in ECS tasks and EKS pods' {
        $env:AWS_CONTAINER_CREDENTIALS_FULL_URI = "$($server.EndpointUrl)/_localregistry/container-credentials/222222222222"
        $env:AWS_CONTAINER_AUTHORIZATION_TOKEN = 'pod-identity-token'
        try {
            Get-CallerAccount | Should -Be '222222222222'
            (Invoke-FreshSession 'Get-MRConfiguration').CredentialSource | Should -Be 'container credentials (ECS/EKS)'
        }
        finally {
            Remove-Item env:AWS_CONTAINER_CREDENTIALS_FULL_URI, env:AWS_CONTAINER_AUTHORIZATION_TOKEN
        }
    }

    It 'names the AWS_EXECUTION_ENV set after Import-Module in the container credentials request, though the import prepared the first call' {
        # A listener in the child serves the registry's container credentials and reports the User-Agent it was asked with.
        $credentials = Invoke-WebRequest -NoProxy "$($server.EndpointUrl)/_localregistry/container-credentials/222222222222" -Headers @{ 'X-LocalRegistry-Admin' = 'tests' }
        $script = @'
$ErrorActionPreference = 'Stop'
$free = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0); $free.Start(); $port = $free.LocalEndpoint.Port; $free.Stop()
$listener = [System.Net.HttpListener]::new(); $listener.Prefixes.Add("http://127.0.0.1:$port/"); $listener.Start()
$serve = [powershell]::Create().AddScript({
    param($Listener, $Body)
    $context = $Listener.GetContext()
    $context.Request.UserAgent
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($Body)
    $context.Response.ContentType = 'application/json'
    $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
    $context.Response.Close()
}).AddArgument($listener).AddArgument('SERVED_BODY')
$served = $serve.BeginInvoke()
Import-Module 'MODULE_PATH'
# The warm-up, done now rather than waited for (it runs once more on its pool thread, alike).
[System.Reflection.Assembly]::Load('ModelRegistry.Core').GetType('ModelRegistry.Core.Client.FirstCallWarmup', $true)::Run()
$env:AWS_EXECUTION_ENV = 'AWS_ECS_FARGATE'
$env:AWS_CONTAINER_CREDENTIALS_FULL_URI = "http://127.0.0.1:$port/credentials"
$account = ((New-MRModelGroup -Name 'GROUP_NAME').Arn -split ':')[4]
"account $account; user agent: $($serve.EndInvoke($served))"
'@.Replace('MODULE_PATH', (Get-ModuleUnderTest)).Replace('SERVED_BODY', $credentials.Content).Replace('GROUP_NAME', (New-TestName exec-env))

        Invoke-ChildPwsh $script | Should -BeLike 'account 222222222222; user agent: * exec-env/AWS_ECS_FARGATE *'
    }

    It 'runs credential_process and uses the keys it prints' {
        @{ Version = 1; AccessKeyId = $registryAccount.AccessKeyId; SecretAccessKey = $registryAccount.SecretAccessKey } |
            ConvertTo-Json | Set-Content (Join-Path $fakeHome 'process-credentials.json')
        Get-CallerAccount '-ProfileName process' | Should -Be '111111111111'
        (Invoke-FreshSession 'Get-MRConfiguration -ProfileName process').CredentialSource | Should -Be "profile 'process' (credential_process)"
    }
}

Describe 'FIPS and dual-stack endpoints' {
    BeforeEach {
        Clear-AwsEnvironment
        $keys = @{ AccessKey = $registryAccount.AccessKeyId; SecretKey = $registryAccount.SecretAccessKey }
    }

    It 'resolves <Region> FIPS=<Fips> dual-stack=<DualStack> to <Expected> from the environment' -ForEach @(
        @{ Region = 'us-east-1'; Fips = 'true'; DualStack = 'false'; Expected = 'https://api-fips.sagemaker.us-east-1.amazonaws.com' }
        @{ Region = 'us-east-1'; Fips = 'false'; DualStack = 'true'; Expected = 'https://api.sagemaker.us-east-1.api.aws' }
        @{ Region = 'us-gov-west-1'; Fips = 'true'; DualStack = 'false'; Expected = 'https://api-fips.sagemaker.us-gov-west-1.amazonaws.com' }
        @{ Region = 'us-iso-east-1'; Fips = 'false'; DualStack = 'false'; Expected = 'https://api.sagemaker.us-iso-east-1.c2s.ic.gov' }
        @{ Region = 'us-isob-east-1'; Fips = 'true'; DualStack = 'false'; Expected = 'https://api.sagemaker-fips.us-isob-east-1.sc2s.sgov.gov' }
        @{ Region = 'cn-north-1'; Fips = 'false'; DualStack = 'true'; Expected = 'https://api.sagemaker.cn-north-1.api.amazonwebservices.com.cn' }
    ) {
        $env:AWS_USE_FIPS_ENDPOINT = $Fips
        $env:AWS_USE_DUALSTACK_ENDPOINT = $DualStack
        try {
            $config = Get-MRConfiguration -Region $Region @keys
            $config.EndpointUrl | Should -Be $Expected
            $config.UseFipsEndpoint | Should -Be ($Fips -eq 'true')
        }
        finally {
            Remove-Item env:AWS_USE_FIPS_ENDPOINT, env:AWS_USE_DUALSTACK_ENDPOINT
        }
    }

    It 'refuses FIPS with a custom endpoint, as the rule set says' {
        $failure = { Get-MRConfiguration -Region us-east-1 @keys -EndpointUrl http://127.0.0.1:1 -UseFipsEndpoint } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'InvalidEndpointConfiguration,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand'
        $failure.Exception.Message | Should -Be 'Invalid Configuration: FIPS and custom endpoint are not supported'
    }

    It 'reads use_fips_endpoint and use_dualstack_endpoint from the shared config, and the parameters win' {
        Set-AwsFiles -Config @"
[default]
use_fips_endpoint = true
use_dualstack_endpoint = true
"@
        $keyArguments = "-AccessKey $($registryAccount.AccessKeyId) -SecretKey $($registryAccount.SecretAccessKey)"
        (Invoke-FreshSession "Get-MRConfiguration -Region us-east-1 $keyArguments").EndpointUrl |
            Should -Be 'https://api.sagemaker-fips.us-east-1.api.aws'
        (Invoke-FreshSession "Get-MRConfiguration -Region us-east-1 $keyArguments -UseFipsEndpoint:`$false -UseDualStackEndpoint:`$false").EndpointUrl |
            Should -Be 'https://api.sagemaker.us-east-1.amazonaws.com'
    }
}
