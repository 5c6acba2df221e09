# Start-/Stop-MRLocalRegistry: a real server process, the session defaults it sets, persistence.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Start-MRLocalRegistry' {
    BeforeAll {
        # The error a start that must fail raises, to check its ErrorId and its one-line message.
        function Get-StartFailure([hashtable] $Parameters) {
            try { Start-MRLocalRegistry @Parameters } catch { return $_ }
            throw 'Start-MRLocalRegistry started although it should have failed.'
        }

        # Runs a script with the module in a runspace of this process that has no host to answer questions.
        function Invoke-InHostlessRunspace([string] $Script) {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$(Get-ModuleUnderTest)'; $Script; Remove-Module ModelRegistry")
                $shell.Invoke()
            }
            finally {
                $shell.Dispose()
            }
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
        # The seed accounts, with their published test keys.
        $registry.Accounts.Name | Should -Be @('registry', 'training')
        $registry.Accounts.AccessKeyId | Should -Be @('AKIALOCALREGISTRY001', 'AKIALOCALTRAINING002')
        $registry.Accounts.SecretAccessKey | Should -Be @('LocalRegistrySecretKey1111111111111111111', 'LocalTrainingSecretKey2222222222222222222')
        $registry.Port | Should -Be ([uri] $registry.EndpointUrl).Port
        $registry.Region | Should -Be 'us-east-1'
        $health = Invoke-RestMethod "$($registry.EndpointUrl)/_localregistry/health" -NoProxy
        $health.status | Should -Be 'ok'
        $health.region | Should -Be 'us-east-1'
        # ProcessId is the server's, and the server is told to end with this process.
        (Get-Process -Id $registry.ProcessId).CommandLine | Should -Match "ModelRegistry\.LocalRegistry\.dll .*--parent-pid $PID(\s|$)"
    }

    It 'listens on the port given with -Port' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()

        $registry = Start-MRLocalRegistry -Port $port -PassThru

        $registry.Port | Should -Be $port
        $registry.EndpointUrl | Should -Be "http://127.0.0.1:$port"
        (Invoke-RestMethod "http://127.0.0.1:$port/_localregistry/health" -NoProxy).status | Should -Be 'ok'
    }

    It 'signs for its -Region unless a call names another region' {
        $registry = Start-MRLocalRegistry -Region eu-west-1 -PassThru
        $registry.Region | Should -Be 'eu-west-1'
        (Invoke-RestMethod "$($registry.EndpointUrl)/_localregistry/health" -NoProxy).region | Should -Be 'eu-west-1'
        (Get-MRConfiguration).Region | Should -Be 'eu-west-1'
        (New-MRModelGroup -Name (New-TestName group)).Arn | Should -Match '^arn:aws:sagemaker:eu-west-1:111111111111:'

        # -Region wins, and the call still goes to the local registry (its keys sign it).
        $elsewhere = New-MRModelGroup -Name (New-TestName group) -Region us-west-2
        $elsewhere.Arn | Should -Match '^arn:aws:sagemaker:us-west-2:111111111111:'
        (Get-MRModelGroup -Name $elsewhere.Name -Region us-west-2).Arn | Should -Be $elsewhere.Arn
    }

    It 'lets the region of a profile with one of its accounts'' keys win over its -Region' {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName profile)
        $null = New-Item -ItemType Directory $folder
        Set-Content (Join-Path $folder 'config') "[profile local-training]`nregion = ap-south-1`n"
        Set-Content (Join-Path $folder 'credentials') "[local-training]`naws_access_key_id = AKIALOCALTRAINING002`naws_secret_access_key = LocalTrainingSecretKey2222222222222222222`n"
        try {
            # A child pwsh: the AWS SDK reads the location of the shared files once per process.
            $seen = Invoke-ChildPwsh ("`$env:AWS_CONFIG_FILE = '$folder/config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$folder/credentials'; " +
                "Import-Module '$(Get-ModuleUnderTest)'; `$registry = Start-MRLocalRegistry -Region eu-west-1 -PassThru; " +
                "`$config = Get-MRConfiguration -ProfileName local-training; `$config.Region; `$config.EndpointUrl -eq `$registry.EndpointUrl; Stop-MRLocalRegistry")
            $seen | Should -Be @('ap-south-1', 'True')
        }
        finally {
            Remove-Item $folder -Recurse -Force
        }
    }

    It 'keeps state in memory without -DataPath: a restart starts empty' {
        $name = New-TestName gone
        Start-MRLocalRegistry
        $null = New-MRModelGroup -Name $name
        Stop-MRLocalRegistry

        $registry = Start-MRLocalRegistry -PassThru

        (Invoke-RestMethod "$($registry.EndpointUrl)/_localregistry/health" -NoProxy).persistent | Should -BeFalse
        @(Get-MRModelGroup).Name | Should -Not -Contain $name
    }

    It 'serves the accounts of -AccountsFile instead of the seed accounts, the first as the registry account' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "$(New-TestName accounts).json"
        @{ accounts = @(
                @{ name = 'prod-registry'; accountId = '333333333333'; accessKeyId = 'AKIAFILEREGISTRY0003'; secretAccessKey = 'FileRegistrySecretKey3333333333333333333' }
                @{ name = 'ci'; accountId = '444444444444'; accessKeyId = 'AKIAFILECI0000000004'; secretAccessKey = 'FileCiSecretKey44444444444444444444444444' }
            )
        } | ConvertTo-Json -Depth 3 | Set-Content $file
        try {
            $registry = Start-MRLocalRegistry -AccountsFile $file -PassThru

            $registry.Accounts.AccountId | Should -Be @('333333333333', '444444444444')
            $registry.RegistryAccount.Name | Should -Be 'prod-registry'
            (Get-MRConfiguration).AccessKeyId | Should -Match '0003$'
            (New-MRModelGroup -Name (New-TestName group)).Arn | Should -Match ':333333333333:model-package-group/'
            (New-MRModelGroup -Name (New-TestName group) -Credential $registry.Account('ci').Credential).Arn | Should -Match ':444444444444:model-package-group/'
            # The seed accounts are gone: the server does not know their keys.
            { Get-MRModelGroup -EndpointUrl $registry.EndpointUrl -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111 -ErrorAction Stop } |
                Should -Throw -ErrorId 'UnrecognizedClientException,*'
        }
        finally {
            Stop-MRLocalRegistry
            Remove-Item $file
        }
    }

    It 'asks before it starts anything under -Confirm' {
        # A runspace without a host: the question fails instead of waiting for an answer, so it shows it was asked.
        $seen = Invoke-InHostlessRunspace "try { Start-MRLocalRegistry -Confirm } catch { `$_.FullyQualifiedErrorId }; (Get-MRConfiguration -Region us-east-1).CredentialSource"
        $seen[0] | Should -Be 'HostFunctionNotImplemented,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
        $seen[1] | Should -BeLike 'none found*'
    }

    It 'says under -WhatIf what it would start and what it would stop' {
        $seen = Invoke-ChildPwsh ("Import-Module '$(Get-ModuleUnderTest)'; Start-MRLocalRegistry -WhatIf; `$registry = Start-MRLocalRegistry -PassThru; " +
            "Stop-MRLocalRegistry -WhatIf; `$registry.IsRunning; `$registry.EndpointUrl; Stop-MRLocalRegistry")
        $seen[0] | Should -Be 'What if: Performing the operation "Start the local registry" on target "127.0.0.1 (a free port)".'
        $seen[1] | Should -Be "What if: Performing the operation `"Stop the local registry`" on target `"$($seen[3])`"."
        $seen[2] | Should -Be 'True'
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

    It 'is called directly, not through the proxy HTTP_PROXY and HTTPS_PROXY name, without NO_PROXY' {
        # A proxy cannot reach this machine's loopback; port 9 stands for one that answers nothing.
        $output = Invoke-ChildPwsh @"
`$env:HTTP_PROXY = `$env:HTTPS_PROXY = 'http://127.0.0.1:9'
Remove-Item env:NO_PROXY, env:no_proxy -ErrorAction Ignore
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-ModuleUnderTest)'
`$null = Start-MRLocalRegistry
`$group = New-MRModelGroup -Name proxied
`$version = New-MRModelVersion -GroupName proxied -Image 257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1 -ModelMetric (New-MRModelMetric ModelQualityStatistics s3://no-such-bucket/evaluation.json)
'group ' + (Get-MRModelGroup -Name proxied).Name
try { Get-MRModelMetric -Arn `$version.Arn } catch { 'S3 ' + `$_.FullyQualifiedErrorId.Split(',')[0] }
"@
        $output | Should -Contain 'group proxied'
        $output | Should -Contain 'S3 NoSuchBucket' -Because 'the S3 call reached the local registry, which has no such bucket'
    }

    It 'lets explicit parameters win over its defaults' {
        $registry = Start-MRLocalRegistry -PassThru
        $training = $registry.Account('training')
        $group = New-MRModelGroup -Name (New-TestName group) -Credential $training.Credential
        $group.Arn | Should -Match ':222222222222:model-package-group/'
        # Its keys given as parameters go to it too.
        (Get-MRConfiguration -AccessKey $training.AccessKeyId -SecretKey $training.SecretAccessKey).EndpointUrl | Should -Be $registry.EndpointUrl
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

    It 'stops gracefully, so the data folder''s registry.db alone holds what was written' {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
        $copy = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName copy)
        try {
            $null = Start-MRLocalRegistry -DataPath $data
            try { $null = New-MRModelGroup -Name kept-whole } finally { Stop-MRLocalRegistry }
            # SQLite folds its write-ahead log into the database when the server closes it.
            $wal = Join-Path $data 'registry.db-wal'
            if (Test-Path $wal) { (Get-Item $wal).Length | Should -Be 0 }

            $null = New-Item -ItemType Directory $copy
            Copy-Item (Join-Path $data 'registry.db') $copy
            $null = Start-MRLocalRegistry -DataPath $copy
            try { (Get-MRModelGroup -Name kept-whole).Name | Should -Be 'kept-whole' } finally { Stop-MRLocalRegistry }
        }
        finally {
            Remove-Item $data, $copy -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'stops nothing when an empty pipeline is piped in' {
        $registry = Start-MRLocalRegistry -PassThru
        @() | Stop-MRLocalRegistry
        $registry.IsRunning | Should -BeTrue
    }

    It 'stops every registry of the runspace when given no input' {
        $first = Start-MRLocalRegistry -PassThru
        $second = Start-MRLocalRegistry -PassThru
        Stop-MRLocalRegistry
        $first.IsRunning | Should -BeFalse
        $second.IsRunning | Should -BeFalse
        (Get-MRConfiguration -Region us-east-1).CredentialSource | Should -BeLike 'none found*'
    }

    It 'stops only the registries given to -InputObject' {
        $first = Start-MRLocalRegistry -PassThru
        $second = Start-MRLocalRegistry -PassThru
        Stop-MRLocalRegistry -InputObject $first
        $first.IsRunning | Should -BeFalse
        $second.IsRunning | Should -BeTrue
        (Get-MRConfiguration).EndpointUrl | Should -Be $second.EndpointUrl
    }

    It 'stops only the registries a filter lets through, and nothing when it lets none through' {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
        try {
            $registries = @(Start-MRLocalRegistry -PassThru; Start-MRLocalRegistry -DataPath $data -PassThru)
            $stopped = $registries | Where-Object DataPath | Stop-MRLocalRegistry -PassThru
            $stopped.EndpointUrl | Should -Be $registries[1].EndpointUrl
            $registries[1].IsRunning | Should -BeFalse
            $registries[0].IsRunning | Should -BeTrue

            $registries | Where-Object DataPath -EQ 'no such folder' | Stop-MRLocalRegistry
            $registries[0].IsRunning | Should -BeTrue
        }
        finally {
            Stop-MRLocalRegistry
            Remove-Item $data -Recurse -Force
        }
    }

    It 'asks before it stops a registry under -Confirm' {
        $seen = Invoke-InHostlessRunspace ("`$registry = Start-MRLocalRegistry -PassThru; try { Stop-MRLocalRegistry -Confirm } catch { `$_.FullyQualifiedErrorId }; " +
            "`$registry.IsRunning; Stop-MRLocalRegistry")
        $seen[0] | Should -Be 'HostFunctionNotImplemented,ModelRegistry.PowerShell.Commands.StopMRLocalRegistryCommand'
        $seen[1] | Should -BeTrue
    }

    It 'stops the registries of its runspace on Remove-Module' {
        $processId = Invoke-InHostlessRunspace '(Start-MRLocalRegistry -PassThru).ProcessId'
        $processId | Should -BeGreaterThan 0
        Get-Process -Id $processId -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'ends with the PowerShell process that started it' {
        $processId = Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; (Start-MRLocalRegistry -PassThru).ProcessId"
        $processId | Should -BeGreaterThan 0
        $server = Get-Process -Id $processId -ErrorAction Ignore
        try {
            # The child pwsh has exited; the server notices within a moment (it watches its parent).
            if ($server) { $server.WaitForExit(30000) | Should -BeTrue }
        }
        finally {
            if ($server -and -not $server.HasExited) { $server.Kill() }
        }
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
Stop-MRLocalRegistry
Remove-Module ModelRegistry
"@)
            $seen = $other.Invoke()
            $seen[0] | Should -BeLike 'none found (tried: *'
            $seen[1] | Should -Be 'https://api.sagemaker.us-east-1.amazonaws.com'
        }
        finally {
            $other.Dispose()
        }
        $registry.IsRunning | Should -BeTrue -Because 'Stop-MRLocalRegistry and Remove-Module in another runspace must not stop this one'
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

    It 'lists model groups for the AWS CLI signing with the seed keys (aws sagemaker list-model-package-groups --endpoint-url)' -Skip:(-not (Test-Path '/usr/bin/aws')) {
        $registry = Start-MRLocalRegistry -PassThru
        $group = New-MRModelGroup -Name (New-TestName cli)
        $saved = @{ Id = $env:AWS_ACCESS_KEY_ID; Secret = $env:AWS_SECRET_ACCESS_KEY }
        $env:AWS_ACCESS_KEY_ID = 'AKIALOCALREGISTRY001'
        $env:AWS_SECRET_ACCESS_KEY = 'LocalRegistrySecretKey1111111111111111111'
        try {
            $listed = & /usr/bin/aws sagemaker list-model-package-groups --region us-east-1 --endpoint-url $registry.EndpointUrl | ConvertFrom-Json
            $LASTEXITCODE | Should -Be 0
            $listed.ModelPackageGroupSummaryList.ModelPackageGroupName | Should -Contain $group.Name
        }
        finally {
            $env:AWS_ACCESS_KEY_ID = $saved.Id
            $env:AWS_SECRET_ACCESS_KEY = $saved.Secret
        }
    }

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

Describe 'The README example' {
    AfterEach { Stop-MRLocalRegistry }

    It 'runs against the local registry as written, ending with the approved version' {
        # The README's own lines, less the build and Import-Module that the test run has done already.
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $block = [regex]::Match($readme, '(?s)## Use the built module\s+```powershell\n(.*?)```').Groups[1].Value
        $example = ($block -split '\n' | Where-Object { $_ -notmatch '^(dotnet pwsh ./build.ps1|Import-Module )' }) -join "`n"
        $example | Should -Match 'Start-MRLocalRegistry'

        # What the example writes ends with its last line: the latest approved version.
        $approved = @(Invoke-Expression $example)[-1]

        $approved.GroupName | Should -Be 'iris-models'
        $approved.Version | Should -Be 1
        $approved.ApprovalStatus | Should -Be 'Approved'
        (Get-MRConfiguration).CredentialSource | Should -Match 'Start-MRLocalRegistry'
    }

    It 'runs the demo (build.ps1 -Task Demo runs docs/examples/demo.ps1) to the end' {
        $demo = Join-Path $PSScriptRoot '../../docs/examples/demo.ps1'
        $null = Invoke-ChildPwsh "& '$demo' -ModulePath '$(Get-ModuleUnderTest)'"
        $LASTEXITCODE | Should -Be 0
    }
}

Describe 'Fault rules against the module' {
    AfterEach { Stop-MRLocalRegistry }

    It 'New-MRModelVersion registers once when the answer to its create is lost (dropResponse)' {
        $registry = Start-MRLocalRegistry -PassThru
        $group = (New-MRModelGroup -Name (New-TestName dropped)).Name
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; count = 1; operation = 'CreateModelPackage' }

        $version = New-MRModelVersion -GroupName $group -Image '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1' `
            -ModelDataUrl 's3://my-bucket/model.tar.gz' -ContentType text/csv -ResponseContentType text/csv

        $version.Version | Should -Be 1
        @(Get-MRModelVersion -GroupName $group).Count | Should -Be 1
        # The rule did fire: the create was sent twice.
        (Get-ServerCallCount $registry.EndpointUrl).CreateModelPackage | Should -Be 2
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

    It 'ships a server built for .NET 8 that rolls forward to the newest runtime installed' {
        $server = Join-Path (Split-Path (Get-ModuleUnderTest)) 'LocalRegistry/ModelRegistry.LocalRegistry.runtimeconfig.json'
        $options = (Get-Content $server -Raw | ConvertFrom-Json).runtimeOptions
        $options.tfm | Should -Be 'net8.0'
        $options.rollForward | Should -Be 'LatestMajor'
        ($options.frameworks | Where-Object name -EQ 'Microsoft.AspNetCore.App').version | Should -Be '8.0.0'
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
            $failure = { Start-MRLocalRegistry } | Should -Throw -PassThru
            $report.Problem | Should -Be $failure.Exception.Message
        }
    }
}
