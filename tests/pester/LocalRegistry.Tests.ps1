# Start-/Stop-MRLocalRegistry: a real server process, the session defaults it sets, persistence.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force
    Clear-AwsEnvironment
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Start-MRLocalRegistry' {
    AfterEach { Stop-MRLocalRegistry }

    It 'starts a server that answers, and returns its endpoint and accounts with -PassThru' {
        $registry = Start-MRLocalRegistry -PassThru
        $registry | Should -BeOfType ([ModelRegistry.Core.LocalRegistry.LocalRegistryInstance])
        $registry.EndpointUrl | Should -Match '^http://127\.0\.0\.1:\d+$'
        $registry.IsRunning | Should -BeTrue
        $registry.Accounts.AccountId | Should -Be @('111111111111', '222222222222')
        $registry.Account('training').AccessKeyId | Should -Be 'AKIALOCALTRAINING002'
        $health = Invoke-RestMethod "$($registry.EndpointUrl)/_localregistry/health" -NoProxy
        $health.status | Should -Be 'ok'
    }

    It 'makes MR cmdlets use it as the registry account' {
        $registry = Start-MRLocalRegistry -PassThru
        $config = Get-MRConfiguration
        $config.EndpointUrl | Should -Be $registry.EndpointUrl
        $config.CredentialSource | Should -Match 'Start-MRLocalRegistry'
        $config.AccessKeyId | Should -Match 'Y001$'
        $group = New-MRModelGroup -Name (New-TestName group)
        $group.Arn | Should -Match '^arn:aws:sagemaker:us-east-1:111111111111:model-package-group/'
    }

    It 'lets explicit parameters win over its defaults' {
        $registry = Start-MRLocalRegistry -PassThru
        $training = $registry.Account('training')
        $group = New-MRModelGroup -Name (New-TestName group) -Credential $training.Credential
        $group.Arn | Should -Match ':222222222222:model-package-group/'
    }

    It 'stops the server and restores the previous defaults' {
        $global:StoredAWSCredentials = [pscustomobject]@{ Name = 'before'; Credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIASTOREDBEFORE0001', 's') }
        try {
            $registry = Start-MRLocalRegistry -PassThru
            (Get-MRConfiguration).EndpointUrl | Should -Be $registry.EndpointUrl
            Stop-MRLocalRegistry
            $registry.IsRunning | Should -BeFalse
            $restored = Get-MRConfiguration -Region us-east-1
            $restored.CredentialSource | Should -Be "`$StoredAWSCredentials ('before')"
            $restored.EndpointUrl | Should -Be 'https://api.sagemaker.us-east-1.amazonaws.com'
            # Its own keys are ordinary keys again: nothing sends them to the stopped server.
            (Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey s).EndpointUrl |
                Should -Be 'https://api.sagemaker.us-east-1.amazonaws.com'
        }
        finally {
            Remove-Variable -Name StoredAWSCredentials -Scope Global
        }
    }

    It 'falls back to the older registry when the newest one is stopped' {
        $first = Start-MRLocalRegistry -PassThru
        $second = Start-MRLocalRegistry -PassThru
        $second | Stop-MRLocalRegistry
        (Get-MRConfiguration).EndpointUrl | Should -Be $first.EndpointUrl
        $first.IsRunning | Should -BeTrue
    }

    It 'starts nothing under -WhatIf' {
        $result = Start-MRLocalRegistry -PassThru -WhatIf
        $result | Should -BeNullOrEmpty
        { Get-MRConfiguration } | Should -Throw -ErrorId 'NoCredentials,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand'
    }

    It 'keeps state in -DataPath across a restart' {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
        $name = New-TestName kept
        try {
            Start-MRLocalRegistry -DataPath $data
            $null = New-MRModelGroup -Name $name -Description 'survives restarts'
            Stop-MRLocalRegistry
            Start-MRLocalRegistry -DataPath $data
            (Get-MRModelGroup -Name $name).Description | Should -Be 'survives restarts'
        }
        finally {
            Stop-MRLocalRegistry
            Remove-Item $data -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'sends calls signed with other credentials to AWS, not to the local registry' {
        $null = Start-MRLocalRegistry
        $config = Get-MRConfiguration -AccessKey AKIAREALACCOUNTKEY01 -SecretKey s -Region eu-west-1
        $config.EndpointUrl | Should -Be 'https://api.sagemaker.eu-west-1.amazonaws.com'
        # Nor does the local registry's region leak into such a call.
        $env:AWS_REGION = 'ap-south-1'
        try {
            $elsewhere = Get-MRConfiguration -AccessKey AKIAREALACCOUNTKEY01 -SecretKey s
            $elsewhere.Region | Should -Be 'ap-south-1'
            $elsewhere.EndpointUrl | Should -Be 'https://api.sagemaker.ap-south-1.amazonaws.com'
        }
        finally {
            Remove-Item env:AWS_REGION
        }
    }

    It 'copes with credentials that have no access key (anonymous) while it runs' {
        $null = Start-MRLocalRegistry
        $config = Get-MRConfiguration -Credential ([Amazon.Runtime.AnonymousAWSCredentials]::new()) -Region eu-west-1
        $config.EndpointUrl | Should -Be 'https://api.sagemaker.eu-west-1.amazonaws.com'
        $config.AccessKeyId | Should -BeNullOrEmpty
    }

    It 'stops nothing when an empty pipeline is piped in' {
        $registry = Start-MRLocalRegistry -PassThru
        @() | Stop-MRLocalRegistry
        $registry.IsRunning | Should -BeTrue
    }

    It 'stops nothing under -WhatIf' {
        $registry = Start-MRLocalRegistry -PassThru
        Stop-MRLocalRegistry -WhatIf
        $registry.IsRunning | Should -BeTrue
        (Get-MRConfiguration).EndpointUrl | Should -Be $registry.EndpointUrl
    }

    It 'keeps its default to the runspace that started it' {
        $registry = Start-MRLocalRegistry -PassThru
        $other = [powershell]::Create()
        try {
            # There, nothing is the default: no credentials at all, and the registry's own keys go to AWS.
            $null = $other.AddScript(@"
Import-Module '$(Get-ModuleUnderTest)'
try { Get-MRConfiguration -Region us-east-1 -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }
(Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey s).EndpointUrl
Remove-Module ModelRegistry
"@)
            $seen = $other.Invoke()
            $seen[0] | Should -Be 'NoCredentials,ModelRegistry.PowerShell.Commands.GetMRConfigurationCommand'
            $seen[1] | Should -Be 'https://api.sagemaker.us-east-1.amazonaws.com'
        }
        finally {
            $other.Dispose()
        }
        $registry.IsRunning | Should -BeTrue -Because 'Remove-Module in another runspace must not stop this one'
        (Get-MRConfiguration).EndpointUrl | Should -Be $registry.EndpointUrl
    }

    It 'reports its process id after it stopped' {
        $registry = Start-MRLocalRegistry -PassThru
        $stopped = $registry | Stop-MRLocalRegistry -PassThru
        $stopped.ProcessId | Should -Be $registry.ProcessId
        $stopped.ProcessId | Should -BeGreaterThan 0
    }

    It 'fails with a clear error when the port is taken' {
        $registry = Start-MRLocalRegistry -PassThru
        { Start-MRLocalRegistry -Port $registry.Port } | Should -Throw -ErrorId 'LocalRegistryExited,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
    }
}
