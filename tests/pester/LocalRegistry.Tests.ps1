# Start-/Stop-MRLocalRegistry: a real server process, the session defaults it sets, persistence.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force
    Register-ModuleTypes
    Clear-AwsEnvironment
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Start-MRLocalRegistry' {
    BeforeAll {
        # The error a start that must fail raises, to check its ErrorId and its one-line message.
        function Get-StartFailure([hashtable] $Parameters) {
            try { Start-MRLocalRegistry @Parameters } catch { return $_ }
            throw 'Start-MRLocalRegistry started although it should have failed.'
        }
    }

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
        (Get-MRConfiguration -Region us-east-1).CredentialSource | Should -BeLike 'none found*'
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

    It 'refuses a second registry on the same -DataPath, naming the process that holds it, in one line' {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
        $first = Start-MRLocalRegistry -DataPath $data -PassThru
        try {
            $caught = Get-StartFailure @{ DataPath = $data }
            $caught.FullyQualifiedErrorId | Should -Be 'LocalRegistryDataPathInUse,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
            $caught.Exception.Message | Should -BeLike "The data folder '$data' is in use by another local registry (process $($first.ProcessId), dotnet)*"
            $caught.Exception.Message | Should -Not -Match '\n'
            (Get-MRConfiguration).EndpointUrl | Should -Be $first.EndpointUrl
        }
        finally {
            Stop-MRLocalRegistry
            Remove-Item $data -Recurse -Force
        }
    }

    It 'puts the cause first, in one line, when -DataPath holds a corrupt database' {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
        $null = New-Item -ItemType Directory $data
        [System.IO.File]::WriteAllBytes((Join-Path $data 'registry.db'), [byte[]](1..8192 | ForEach-Object { $_ % 251 }))
        try {
            $caught = Get-StartFailure @{ DataPath = $data }
            $caught.FullyQualifiedErrorId | Should -Be 'LocalRegistryDataPathUnusable,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
            $caught.Exception.Message | Should -BeLike "SQLite Error 26: 'file is not a database', in '*registry.db'.*"
            $caught.Exception.Message | Should -Not -Match '\n|   at '
        }
        finally {
            Remove-Item $data -Recurse -Force
        }
    }

    It 'puts the cause first, in one line, when -DataPath is a file' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
        Set-Content -LiteralPath $file -Value 'not a folder'
        try {
            $caught = Get-StartFailure @{ DataPath = $file }
            $caught.FullyQualifiedErrorId | Should -Be 'LocalRegistryDataPathUnusable,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
            $caught.Exception.Message | Should -BeLike "The data folder '$file' is a file, not a folder*"
            $caught.Exception.Message | Should -Not -Match '\n|   at '
        }
        finally {
            Remove-Item $file -Force
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
(Get-MRConfiguration -Region us-east-1).CredentialSource
(Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey s).EndpointUrl
Remove-Module ModelRegistry
"@)
            $seen = $other.Invoke()
            $seen[0] | Should -BeLike 'none found (tried: *'
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
        $caught = Get-StartFailure @{ Port = $registry.Port }
        $caught.FullyQualifiedErrorId | Should -Be 'LocalRegistryExited,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
        $caught.Exception.Message | Should -BeLike "*$($registry.Port)*address already in use*"
        $caught.Exception.Message | Should -Not -Match '\n|   at '
    }
}

Describe 'The AWS CLI against the local registry' {
    BeforeAll {
        $aws = '/usr/bin/aws'
        $script:hasCli = Test-Path $aws
        if (-not $hasCli) { Write-Warning "Skipping the AWS CLI tests: $aws is not installed (Debian package awscli)." }
    }

    AfterEach { Stop-MRLocalRegistry }

    It 'copies a 10 MB model artifact up in parts and back down unchanged (aws s3 cp)' -Skip:(-not (Test-Path '/usr/bin/aws')) {
        $registry = Start-MRLocalRegistry -PassThru
        $account = $registry.Account('registry')
        $work = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName cli)
        $null = New-Item -ItemType Directory $work
        $bucket = (New-TestName artifacts).ToLowerInvariant()
        $original = Join-Path $work 'model.tar.gz'
        $bytes = [byte[]]::new(10MB)
        [System.Random]::new(14).NextBytes($bytes)
        [System.IO.File]::WriteAllBytes($original, $bytes)
        $partMd5s = [System.Security.Cryptography.MD5]::HashData($bytes[0..(8MB - 1)]) + [System.Security.Cryptography.MD5]::HashData($bytes[(8MB)..(10MB - 1)])
        $expectedETag = '"' + [System.Convert]::ToHexStringLower([System.Security.Cryptography.MD5]::HashData([byte[]]$partMd5s)) + '-2"'
        $saved = @{ Id = $env:AWS_ACCESS_KEY_ID; Secret = $env:AWS_SECRET_ACCESS_KEY; Region = $env:AWS_DEFAULT_REGION }
        $env:AWS_ACCESS_KEY_ID = $account.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $account.SecretAccessKey
        $env:AWS_DEFAULT_REGION = 'us-east-1'
        try {
            & /usr/bin/aws --endpoint-url $registry.EndpointUrl s3 mb "s3://$bucket" | Out-Null
            $LASTEXITCODE | Should -Be 0
            # Above 8 MB the CLI uploads in 8 MB parts: CreateMultipartUpload, UploadPart x2, CompleteMultipartUpload.
            & /usr/bin/aws --endpoint-url $registry.EndpointUrl s3 cp $original "s3://$bucket/models/model.tar.gz" --only-show-errors
            $LASTEXITCODE | Should -Be 0
            $head = & /usr/bin/aws --endpoint-url $registry.EndpointUrl s3api head-object --bucket $bucket --key models/model.tar.gz | ConvertFrom-Json
            & /usr/bin/aws --endpoint-url $registry.EndpointUrl s3 cp "s3://$bucket/models/model.tar.gz" (Join-Path $work 'back.tar.gz') --only-show-errors
            $LASTEXITCODE | Should -Be 0

            $head.ContentLength | Should -Be 10MB
            $head.ETag | Should -Be $expectedETag
            (Get-FileHash (Join-Path $work 'back.tar.gz')).Hash | Should -Be (Get-FileHash $original).Hash
        }
        finally {
            $env:AWS_ACCESS_KEY_ID = $saved.Id
            $env:AWS_SECRET_ACCESS_KEY = $saved.Secret
            $env:AWS_DEFAULT_REGION = $saved.Region
            Remove-Item $work -Recurse -Force
        }
    }
}

Describe 'The runtime of the local registry' {
    It 'is reported under -Diagnose, which starts nothing' {
        $report = Start-MRLocalRegistry -Diagnose
        $report | Should -BeOfType ([ModelRegistry.Core.LocalRegistry.LocalRegistryRuntime])
        $report.IsUsable | Should -BeTrue
        $report.HostPath | Should -Exist
        [version] $report.AspNetCoreVersion | Should -BeGreaterOrEqual ([version] '8.0')
        $report.Searched[-1] | Should -BeLike "*(Microsoft.AspNetCore.App $($report.AspNetCoreVersion), would be used)"
        $report.Problem | Should -BeNullOrEmpty
        (Get-MRConfiguration -Region us-east-1).CredentialSource | Should -BeLike 'none found*'
    }

    It 'takes no start parameters with -Diagnose' {
        { Start-MRLocalRegistry -Diagnose -Port 4566 } | Should -Throw -ErrorId 'AmbiguousParameterSet,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
    }

    Context 'when DOTNET_ROOT is an empty folder' {
        BeforeAll {
            $savedRoot = $env:DOTNET_ROOT
            $emptyRoot = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName dotnet-root)
            $null = New-Item -ItemType Directory -Path $emptyRoot
            $env:DOTNET_ROOT = $emptyRoot
        }

        AfterAll {
            $env:DOTNET_ROOT = $savedRoot
            Remove-Item $emptyRoot -Recurse -Force
        }

        It 'fails in one line that says what to install and how to check' {
            $failure = { Start-MRLocalRegistry } | Should -Throw -ErrorId 'AspNetCoreRuntimeNotFound,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand' -PassThru
            $message = $failure.Exception.Message
            $message | Should -Not -Match '[\r\n]'
            $message | Should -BeLike "The local registry needs the ASP.NET Core runtime 8.0 or later, and DOTNET_ROOT is '$emptyRoot', which holds no dotnet host. Install the ASP.NET Core Runtime 8 or later*"
            $message | Should -BeLike "*check that 'dotnet --list-runtimes' lists Microsoft.AspNetCore.App 8.0 or later*"
            (Get-MRConfiguration -Region us-east-1).CredentialSource | Should -BeLike 'none found*'
        }

        It 'is reported as not usable under -Diagnose, with the same line' {
            $report = Start-MRLocalRegistry -Diagnose
            $report.IsUsable | Should -BeFalse
            $report.HostPath | Should -BeNullOrEmpty
            $report.Searched | Should -Be "DOTNET_ROOT: $emptyRoot (holds no dotnet host)"
            $report.Problem | Should -BeLike '*dotnet --list-runtimes*'
        }
    }
}
