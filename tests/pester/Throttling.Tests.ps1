# Bulk registration against SageMaker-style request-rate limits: the client stays within them instead of failing.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $irisImage = '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1'

    function Get-RateLimitCounts($Registry) {
        Invoke-RestMethod "$($Registry.EndpointUrl)/_localregistry/rate-limits" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = 'tests' }
    }
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Registering under a request-rate limit' {
    BeforeAll {
        $registry = Start-MRLocalRegistry -RateLimit @{ CreateModelPackage = 20 } -PassThru
    }

    It 'registers 200 piped version specifications at 20/s with no failure and versions 1..200' {
        $group = (New-MRModelGroup -Name (New-TestName throttled)).Name
        $specifications = 1..200 | ForEach-Object {
            @{
                ModelPackageGroupName   = $group
                ModelPackageDescription = "specification $_"
                InferenceSpecification  = @{
                    Containers                 = @(@{ Image = $irisImage; ModelDataUrl = "s3://my-bucket/model-$_.tar.gz" })
                    SupportedContentTypes      = @('text/csv')
                    SupportedResponseMIMETypes = @('text/csv')
                }
            }
        }

        $failures = $null
        $versions = $specifications | ForEach-Object { New-MRModelVersion -InputObject $_ } -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $versions.Count | Should -Be 200
        $versions.Version | Should -Be (1..200)
        $versions.Description | Should -Be (1..200 | ForEach-Object { "specification $_" })
        $listed = Get-MRModelVersion -GroupName $group
        @($listed).Count | Should -Be 200
        ($listed.Version | Sort-Object) | Should -Be (1..200)

        # The limit did bite: the server refused calls over the rate, and none of them took effect.
        $counts = (Get-RateLimitCounts $registry).buckets | Where-Object operation -EQ 'CreateModelPackage'
        $counts.admitted | Should -Be 200
        $counts.throttled | Should -BeGreaterThan 0
    }
}

Describe 'Retry settings from the environment and the shared config file' {
    BeforeAll {
        # One registration per 100 s and account and region: a second one at once is throttled.
        $limited = Start-TestRegistry -RateLimit @{ CreateModelPackageGroup = 0.01 }
        $configFile = Join-Path ([System.IO.Path]::GetTempPath()) "mr-retry-config-$PID"

        # Two groups in a row in a child pwsh with the given settings; each test uses its own region, so its own bucket.
        function Invoke-TwoRegistrations([string] $Region, [string] $Settings) {
            $connection = "-EndpointUrl '$($limited.EndpointUrl)' -Region $Region -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111"
            Invoke-ChildPwsh ("$Settings; Import-Module '$(Get-ModuleUnderTest)'; `$null = New-MRModelGroup -Name first-$Region $connection -ErrorAction Stop; " +
                "try { `$null = New-MRModelGroup -Name second-$Region $connection -ErrorAction Stop; 'created' } catch { `$_.FullyQualifiedErrorId }")
        }
    }

    AfterAll {
        $limited.Stop()
        Remove-Item $configFile -ErrorAction SilentlyContinue
    }

    It 'AWS_MAX_ATTEMPTS=1 gives up at the first throttling' {
        Invoke-TwoRegistrations us-west-1 "`$env:AWS_MAX_ATTEMPTS = '1'" | Should -Be 'ThrottlingException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
    }

    It 'max_attempts in the shared config file does the same, for the selected profile' {
        Set-Content $configFile "[default]`nmax_attempts = 10`n[profile bulk]`nmax_attempts = 1`n"
        Invoke-TwoRegistrations us-west-2 "`$env:AWS_CONFIG_FILE = '$configFile'; `$env:AWS_PROFILE = 'bulk'" |
            Should -Be 'ThrottlingException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
    }

    It 'AWS_MAX_ATTEMPTS=1 sends a create whose answer is lost once, without sending it again' {
        Add-RegistryFault $limited.EndpointUrl @{ kind = 'dropResponse'; operation = 'CreateModelPackageGroup'; count = 20 }
        try {
            $connection = "-EndpointUrl '$($limited.EndpointUrl)' -Region eu-west-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111"
            $made = Measure-ServerCall $limited.EndpointUrl {
                Invoke-ChildPwsh ("`$env:AWS_MAX_ATTEMPTS = '1'; Import-Module '$(Get-ModuleUnderTest)'; " +
                    "try { `$null = New-MRModelGroup -Name lost-eu-west-1 $connection -ErrorAction Stop; 'created' } catch { `$_.FullyQualifiedErrorId }")
            }
        }
        finally { Clear-RegistryFault $limited.EndpointUrl }

        $made.Output | Should -Be 'AwsClientError,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        $made.Calls.CreateModelPackageGroup | Should -Be 1
    }

    It 'every client the module creates takes AWS_RETRY_MODE, AWS_MAX_ATTEMPTS and retry_mode' {
        Set-Content $configFile "[default]`nretry_mode = adaptive`nmax_attempts = 10`n"
        $clients = "Import-Module '$(Get-ModuleUnderTest)'; Import-Module '$(Join-Path $PSScriptRoot TestHelpers.psm1)'; Register-ModuleTypes; " +
            "`$connection = [ModelRegistry.Core.Client.AwsConnection]::new([Amazon.Runtime.AnonymousAWSCredentials]::new(), [Amazon.RegionEndpoint]::USEast1); " +
            "@([ModelRegistry.Core.Client.JsonServiceClient]::new([ModelRegistry.Core.Client.JsonServiceDescriptor]::SageMaker, `$connection), " +
            "[ModelRegistry.Core.Client.JsonServiceClient]::new([ModelRegistry.Core.Client.JsonServiceDescriptor]::Ecr, `$connection), " +
            "[ModelRegistry.Core.Client.AwsClientFactory]::CreateS3Client(`$connection), [ModelRegistry.Core.Client.AwsClientFactory]::CreateKmsClient(`$connection), " +
            "[ModelRegistry.Core.Client.AwsClientFactory]::CreateStsClient(`$connection)) | ForEach-Object { '{0} {1}' -f `$_.Config.RetryMode, (`$_.Config.MaxErrorRetry + 1) }"
        Invoke-ChildPwsh $clients | Should -Be (@('Standard 3') * 5)
        Invoke-ChildPwsh "`$env:AWS_RETRY_MODE = 'adaptive'; `$env:AWS_MAX_ATTEMPTS = '7'; $clients" | Should -Be (@('Adaptive 7') * 5)
        Invoke-ChildPwsh "`$env:AWS_CONFIG_FILE = '$configFile'; $clients" | Should -Be (@('Adaptive 10') * 5)
        Invoke-ChildPwsh "`$env:AWS_CONFIG_FILE = '$configFile'; `$env:AWS_MAX_ATTEMPTS = '4'; $clients" | Should -Be (@('Adaptive 4') * 5)
    }
}

Describe 'Start-MRLocalRegistry -RateLimit' {
    It 'refuses <Case> with an error naming -RateLimit, before starting anything' -ForEach @(
        @{ Case = 'an unknown operation'; Table = @{ CreateTrainingJob = 5 }; Rule = 'is not an operation' }
        @{ Case = 'a rate of zero'; Table = @{ CreateModelPackage = 0 }; Rule = 'positive number' }
        @{ Case = 'a negative rate'; Table = @{ CreateModelPackage = -1 }; Rule = 'positive number' }
        @{ Case = 'a rate that is not a number'; Table = @{ CreateModelPackage = 'fast' }; Rule = 'positive number' }
    ) {
        $before = Get-MRConfiguration
        { Start-MRLocalRegistry -RateLimit $Table } | Should -Throw -ErrorId 'InvalidRateLimit,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand' -ExpectedMessage "-RateLimit: *$Rule*"
        (Get-MRConfiguration).EndpointUrl | Should -Be $before.EndpointUrl
    }

    It 'spells operation names as the service model does and accepts fractional rates' {
        $limited = Start-MRLocalRegistry -RateLimit @{ listmodelpackagegroups = 0.5 } -PassThru
        try {
            $null = Get-MRModelGroup
            (Get-RateLimitCounts $limited).limits.ListModelPackageGroups | Should -Be 0.5
            ((Get-RateLimitCounts $limited).buckets | Where-Object operation -EQ 'ListModelPackageGroups').admitted | Should -Be 1
        }
        finally { Stop-MRLocalRegistry }
    }
}
