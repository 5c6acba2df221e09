# Grant/Revoke/Test-MRCrossAccountAccess end to end: two accounts of the local registry, the four
# places (ECR repository policy, S3 bucket policy and KMS grant in the training account, the model
# group policy in the registry account), and a real cross-account registration before and after.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    # The session default is the registry account; the training account is always passed explicitly.
    $registry = Start-MRLocalRegistry -PassThru
    $registryAccount = $registry.Account('registry')
    $trainingAccount = $registry.Account('training')
    $none = [System.Threading.CancellationToken]::None
    $noRegistryId = [NullString]::Value  # a plain $null would reach .NET as ''


    $trainingConnection = [ModelRegistry.Core.Client.AwsConnection]::new($trainingAccount.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl)
    $ecr = [ModelRegistry.Core.Client.EcrClient]::new($trainingConnection)
    $s3 = [ModelRegistry.Core.Client.AwsClientFactory]::CreateS3Client($trainingConnection)
    $kms = [ModelRegistry.Core.Client.AwsClientFactory]::CreateKmsClient($trainingConnection)
    # The group policy's stored text, read and written around the module (Get-MRGroupPolicy shows its own rendering).
    $sageMaker = [ModelRegistry.Core.Client.SageMakerClient]::new(
        [ModelRegistry.Core.Client.AwsConnection]::new($registryAccount.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl))

    # Statements someone else wrote before the module came along; they must survive grant and revoke.
    $auditor = 'arn:aws:iam::333333333333:root'
    function Get-ForeignStatement([string] $Sid, [string[]] $Action, [string] $Resource) {
        [ordered]@{ Sid = $Sid; Effect = 'Allow'; Principal = @{ AWS = $auditor }; Action = $Action; Resource = $Resource }
    }
    function ConvertTo-PolicyJson([object[]] $Statement) {
        # Indented on purpose: only a write by the module would store it compact.
        [ordered]@{ Version = '2012-10-17'; Statement = $Statement } | ConvertTo-Json -Depth 10
    }

    # A model group in the registry account and a repository, bucket and key in the training
    # account, each with a policy holding one foreign statement.
    function New-Scenario([switch] $WithoutBucket) {
        $name = New-TestName xacct
        $scenario = [ordered]@{
            Group = $name; Repository = "$name-repo"; Bucket = "$name-bucket"; Prefix = 'models/'
            Policies = @{}
        }
        $groupArn = (New-MRModelGroup -Name $name).Arn
        $scenario.GroupArn = $groupArn
        $scenario.Policies.ModelGroupPolicy = ConvertTo-PolicyJson @(Get-ForeignStatement 'AuditorReadsGroup' 'sagemaker:DescribeModelPackageGroup' $groupArn)
        $null = Set-MRGroupPolicy -Name $name -Policy $scenario.Policies.ModelGroupPolicy -Replace

        $repository = Wait-Task $ecr.CreateRepositoryAsync($scenario.Repository, $null, $none)
        $scenario.Policies.RepositoryPolicy = ConvertTo-PolicyJson @(Get-ForeignStatement 'AuditorPulls' 'ecr:BatchGetImage' $repository.Arn)
        $null = Wait-Task $ecr.SetRepositoryPolicyAsync($scenario.Repository, $scenario.Policies.RepositoryPolicy, $false, $noRegistryId, $none)

        if (-not $WithoutBucket) {
            $null = Wait-Task $s3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = $scenario.Bucket }, $none)
            $scenario.Policies.BucketPolicy = ConvertTo-PolicyJson @(Get-ForeignStatement 'AuditorReads' 's3:GetObject' "arn:aws:s3:::$($scenario.Bucket)/audit/*")
            $null = Wait-Task $s3.PutBucketPolicyAsync([Amazon.S3.Model.PutBucketPolicyRequest]@{ BucketName = $scenario.Bucket; Policy = $scenario.Policies.BucketPolicy }, $none)
        }

        $key = (Wait-Task $kms.CreateKeyAsync([Amazon.KeyManagementService.Model.CreateKeyRequest]::new(), $none)).KeyMetadata
        $scenario.KeyArn = $key.Arn
        $scenario.Policies.KeyPolicy = ConvertTo-PolicyJson @(
            [ordered]@{ Sid = 'OwnerAdministers'; Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::$($trainingAccount.AccountId):root" }; Action = 'kms:*'; Resource = '*' },
            (Get-ForeignStatement 'AuditorDecrypts' 'kms:Decrypt' '*'))
        $null = Wait-Task $kms.PutKeyPolicyAsync([Amazon.KeyManagementService.Model.PutKeyPolicyRequest]@{ KeyId = $key.KeyId; PolicyName = 'default'; Policy = $scenario.Policies.KeyPolicy }, $none)

        $scenario.Arguments = @{
            RegistryAccountId = $registryAccount.AccountId; TrainingAccountId = $trainingAccount.AccountId
            ModelGroupName = $name; RepositoryName = $scenario.Repository; BucketName = $scenario.Bucket
            BucketPrefix = $scenario.Prefix; KmsKeyId = $key.Arn; TrainingCredential = $trainingAccount.Credential
        }
        [pscustomobject] $scenario
    }

    # The policy text each place holds now (null when it has none), read as its owner.
    function Get-StoredPolicy($Scenario) {
        $stored = @{}
        $stored.ModelGroupPolicy = Get-MRGroupPolicy -Name $Scenario.Group -ErrorAction SilentlyContinue | ForEach-Object { $_.ToPolicyDocument() }
        $stored.RepositoryPolicy = try { Wait-Task $ecr.GetRepositoryPolicyAsync($Scenario.Repository, $noRegistryId, $none) } catch { $null }
        $stored.BucketPolicy = try { (Wait-Task $s3.GetBucketPolicyAsync([Amazon.S3.Model.GetBucketPolicyRequest]@{ BucketName = $Scenario.Bucket }, $none)).Policy } catch { $null }
        $stored.KeyPolicy = (Wait-Task $kms.GetKeyPolicyAsync([Amazon.KeyManagementService.Model.GetKeyPolicyRequest]@{ KeyId = $Scenario.KeyArn; PolicyName = 'default' }, $none)).Policy
        $stored
    }

    function Get-Grant($Scenario) {
        $request = [Amazon.KeyManagementService.Model.ListGrantsRequest]@{ KeyId = $Scenario.KeyArn }
        @((Wait-Task $kms.ListGrantsAsync($request, $none)).Grants | Where-Object Name -EQ "ModelRegistryCrossAccount-$($registryAccount.AccountId)")
    }

    # Every foreign statement is still there, byte for byte as its author's statement.
    function Assert-ForeignStatementsKept($Scenario) {
        $now = Get-StoredPolicy $Scenario
        foreach ($place in $Scenario.Policies.Keys) {
            $before = [ModelRegistry.Core.Policies.PolicyDocument]::Parse($Scenario.Policies[$place])
            $after = $now[$place]
            $after | Should -Not -BeNullOrEmpty -Because "$place must keep its foreign statements"
            $afterDocument = if ($after -is [ModelRegistry.Core.Policies.PolicyDocument]) { $after } else { [ModelRegistry.Core.Policies.PolicyDocument]::Parse($after) }
            foreach ($statement in $before.Statements) {
                $afterDocument.FindStatement($statement.Sid).ToJson() | Should -Be $statement.ToJson() -Because "$place keeps $($statement.Sid)"
            }
        }
    }

    # A registration from the training account into the registry account's group: the version and the errors.
    function New-CrossAccountVersion($Scenario) {
        $version = New-MRModelVersion -GroupName $Scenario.GroupArn -Credential $trainingAccount.Credential `
            -Image "$($trainingAccount.AccountId).dkr.ecr.us-east-1.amazonaws.com/$($Scenario.Repository):1" `
            -ModelDataUrl "s3://$($Scenario.Bucket)/models/model.tar.gz" -ErrorAction SilentlyContinue -ErrorVariable failure
        [pscustomobject]@{ Version = $version; Errors = @($failure) }
    }
}

AfterAll {
    Stop-MRLocalRegistry
}

Describe 'Grant-MRCrossAccountAccess and Revoke-MRCrossAccountAccess' {
    BeforeAll {
        $scenario = New-Scenario
        $arguments = $scenario.Arguments
    }

    It 'starts with a cross-account registration denied' {
        $registration = New-CrossAccountVersion $scenario
        $registration.Version | Should -BeNullOrEmpty
        $registration.Errors[0].FullyQualifiedErrorId | Should -Be 'AccessDeniedException,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
    }

    It 'shows the plan under -WhatIf and writes nothing' {
        $before = Get-StoredPolicy $scenario
        $plan = Grant-MRCrossAccountAccess @arguments -WhatIf
        $plan.Resource | Should -Be @('RepositoryPolicy', 'BucketPolicy', 'KmsGrant', 'ModelGroupPolicy')
        $plan.Status | Should -Be @('WillChange', 'WillChange', 'WillChange', 'WillChange')
        ($plan | Where-Object Resource -EQ BucketPolicy).Diff | Should -BeLike "*+ Add statement 'ModelRegistryCrossAccountRead111111111111'*arn:aws:s3:::$($scenario.Bucket)/models/*"
        ($plan | Where-Object Resource -EQ RepositoryPolicy).CurrentPolicy | Should -BeLike '*AuditorPulls*'
        ($plan | Where-Object Resource -EQ KmsGrant).Diff | Should -BeLike "*+ Create grant 'ModelRegistryCrossAccount-111111111111'*"
        $after = Get-StoredPolicy $scenario
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy', 'KeyPolicy') { $after[$place] | Should -Be $before[$place] }
        $after.ModelGroupPolicy.ToJson() | Should -Be $before.ModelGroupPolicy.ToJson()
        Get-Grant $scenario | Should -BeNullOrEmpty
    }

    It 'applies all four places, verifies them and keeps every foreign statement' {
        $keyPolicy = (Get-StoredPolicy $scenario).KeyPolicy
        $result = Grant-MRCrossAccountAccess @arguments
        $result.Status | Should -Be @('Verified', 'Verified', 'Verified', 'Verified')
        $result.AccountId | Should -Be @('222222222222', '222222222222', '222222222222', '111111111111')
        $result.Target | Should -Be @("arn:aws:ecr:us-east-1:222222222222:repository/$($scenario.Repository)", "arn:aws:s3:::$($scenario.Bucket)", $scenario.KeyArn, $scenario.GroupArn)
        $result.Message | Select-Object -Unique | Should -Be "Applied and verified by reading it back."
        # The grant is what gives access to the key: its key policy stays as its owner wrote it.
        (Get-StoredPolicy $scenario).KeyPolicy | Should -Be $keyPolicy
        Assert-ForeignStatementsKept $scenario
        $grant = Get-Grant $scenario
        $grant.Count | Should -Be 1
        $grant[0].GranteePrincipal | Should -Be 'arn:aws:iam::111111111111:root'
        @($grant[0].Operations) | Sort-Object | Should -Be @('Decrypt', 'GenerateDataKey')
    }

    It 'lets the training account register a version that the registry account sees' {
        $registration = New-CrossAccountVersion $scenario
        $registration.Errors | Should -BeNullOrEmpty
        $version = $registration.Version
        $version.Arn | Should -BeLike "arn:aws:sagemaker:us-east-1:111111111111:model-package/$($scenario.Group)/1"
        (Get-MRModelVersion -GroupName $scenario.Group).Arn | Should -Be $version.Arn
    }

    It 'reports every resource Unchanged on a second run and writes nothing' {
        # Rewritten by their owners in another (indented) form: a write by the module would store compact JSON.
        $indentedGroup = [ModelRegistry.Core.Policies.PolicyDocument]::Parse((Wait-Task $sageMaker.GetModelPackageGroupPolicyAsync($scenario.Group, $none))).ToJson($true)
        $null = Wait-Task $sageMaker.PutModelPackageGroupPolicyAsync($scenario.Group, $indentedGroup, $none)
        $indentedRepository = [ModelRegistry.Core.Policies.PolicyDocument]::Parse((Wait-Task $ecr.GetRepositoryPolicyAsync($scenario.Repository, $noRegistryId, $none))).ToJson($true)
        $null = Wait-Task $ecr.SetRepositoryPolicyAsync($scenario.Repository, $indentedRepository, $false, $noRegistryId, $none)
        # ECR hands back its own pretty-printed rendering, whatever form was written.
        $storedRepository = Wait-Task $ecr.GetRepositoryPolicyAsync($scenario.Repository, $noRegistryId, $none)
        $indentedBucket = [ModelRegistry.Core.Policies.PolicyDocument]::Parse((Get-StoredPolicy $scenario).BucketPolicy).ToJson($true)
        $null = Wait-Task $s3.PutBucketPolicyAsync([Amazon.S3.Model.PutBucketPolicyRequest]@{ BucketName = $scenario.Bucket; Policy = $indentedBucket }, $none)
        $grantId = (Get-Grant $scenario)[0].GrantId

        $run = Measure-ServerCall $registry.EndpointUrl { Grant-MRCrossAccountAccess @arguments }
        $run.Output.Status | Should -Be @('Unchanged', 'Unchanged', 'Unchanged', 'Unchanged')
        # Each place was read and none written. The stored text cannot show every write: ECR answers its
        # own rendering, and KMS answers a repeated CreateGrant of the same name with the same grant.
        foreach ($read in 'GetRepositoryPolicy', 'GetBucketPolicy', 'ListGrants', 'GetModelPackageGroupPolicy') { $run.Calls.Keys | Should -Contain $read }
        $run.Calls.Keys | Where-Object { $_ -notmatch '^(Get|List|Describe)' } | Should -BeNullOrEmpty
        $stored = Get-StoredPolicy $scenario
        $stored.RepositoryPolicy | Should -Be $storedRepository
        $stored.BucketPolicy | Should -Be $indentedBucket
        Wait-Task $sageMaker.GetModelPackageGroupPolicyAsync($scenario.Group, $none) | Should -Be $indentedGroup
        @(Get-Grant $scenario).GrantId | Should -Be @($grantId)
    }

    It 'shows the revoke plan under -WhatIf and removes nothing' {
        $before = Get-StoredPolicy $scenario
        $grantId = (Get-Grant $scenario)[0].GrantId
        $plan = Revoke-MRCrossAccountAccess @arguments -WhatIf
        $plan.Status | Should -Be @('WillChange', 'WillChange', 'WillChange', 'WillChange')
        $after = Get-StoredPolicy $scenario
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy', 'KeyPolicy') { $after[$place] | Should -Be $before[$place] }
        (Get-Grant $scenario).GrantId | Should -Be $grantId
        (New-CrossAccountVersion $scenario).Errors | Should -BeNullOrEmpty
    }

    It 'revokes exactly what it granted: registration denied again, foreign statements identical' {
        $result = Revoke-MRCrossAccountAccess @arguments
        $result.Status | Should -Be @('Verified', 'Verified', 'Verified', 'Verified')
        Assert-ForeignStatementsKept $scenario
        $stored = Get-StoredPolicy $scenario
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy', 'KeyPolicy') {
            [ModelRegistry.Core.Policies.PolicyDocument]::SemanticallyEquals(
                [ModelRegistry.Core.Policies.PolicyDocument]::Parse($stored[$place]),
                [ModelRegistry.Core.Policies.PolicyDocument]::Parse($scenario.Policies[$place])) | Should -BeTrue -Because "$place is back to its author's policy"
        }
        [ModelRegistry.Core.Policies.PolicyDocument]::SemanticallyEquals($stored.ModelGroupPolicy,
            [ModelRegistry.Core.Policies.PolicyDocument]::Parse($scenario.Policies.ModelGroupPolicy)) | Should -BeTrue
        Get-Grant $scenario | Should -BeNullOrEmpty

        $registration = New-CrossAccountVersion $scenario
        $registration.Version | Should -BeNullOrEmpty
        $registration.Errors[0].FullyQualifiedErrorId | Should -Be 'AccessDeniedException,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
    }

    It 'reports every resource Unchanged when revoked twice' {
        (Revoke-MRCrossAccountAccess @arguments).Status | Should -Be @('Unchanged', 'Unchanged', 'Unchanged', 'Unchanged')
    }
}

Describe 'Test-MRCrossAccountAccess' {
    BeforeAll {
        $scenario = New-Scenario
        $arguments = $scenario.Arguments
        $null = Grant-MRCrossAccountAccess @arguments
        $grantCommand = "Grant-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName '$($scenario.Group)'*"
    }

    It 'passes all four checks after the grant' {
        $checks = Test-MRCrossAccountAccess @arguments
        $checks.Resource | Should -Be @('RepositoryPolicy', 'BucketPolicy', 'KmsGrant', 'ModelGroupPolicy')
        $checks.Result | Should -Be @('Passed', 'Passed', 'Passed', 'Passed')
        $checks.Missing | Should -BeNullOrEmpty
    }

    It 'reports the <Resource> missing when it is removed, with the command that fixes it' -ForEach @(
        @{ Resource = 'RepositoryPolicy'; Missing = 'ecr:BatchGetImage on arn:aws:ecr:*' }
        @{ Resource = 'BucketPolicy'; Missing = 's3:GetObject on arn:aws:s3:::*/models/*' }
        @{ Resource = 'KmsGrant'; Missing = 'kms:Decrypt on *' }
        @{ Resource = 'ModelGroupPolicy'; Missing = 'sagemaker:CreateModelPackage on *' }
    ) {
        switch ($Resource) {
            'RepositoryPolicy' {
                $policy = [ModelRegistry.Core.Policies.PolicyDocument]::Parse((Wait-Task $ecr.GetRepositoryPolicyAsync($scenario.Repository, $noRegistryId, $none)))
                $null = Wait-Task $ecr.SetRepositoryPolicyAsync($scenario.Repository, $policy.WithoutStatements([string[]]'ModelRegistryCrossAccountRead111111111111').ToJson(), $false, $noRegistryId, $none)
            }
            'BucketPolicy' {
                $null = Wait-Task $s3.DeleteBucketPolicyAsync([Amazon.S3.Model.DeleteBucketPolicyRequest]@{ BucketName = $scenario.Bucket }, $none)
            }
            'KmsGrant' {
                foreach ($grant in Get-Grant $scenario) {
                    $null = Wait-Task $kms.RevokeGrantAsync([Amazon.KeyManagementService.Model.RevokeGrantRequest]@{ KeyId = $scenario.KeyArn; GrantId = $grant.GrantId }, $none)
                }
            }
            'ModelGroupPolicy' {
                Remove-MRGroupPolicy -Name $scenario.Group -Sid 'ModelRegistryCrossAccountRegister222222222222' -Force
            }
        }

        $checks = Test-MRCrossAccountAccess @arguments
        $failed = @($checks | Where-Object Result -EQ 'Failed')
        $failed.Resource | Should -Be $Resource
        $failed[0].Missing | Should -Contain ($failed[0].Missing | Where-Object { $_ -like $Missing } | Select-Object -First 1)
        @($failed[0].Missing | Where-Object { $_ -like $Missing }).Count | Should -BeGreaterThan 0
        $failed[0].Command | Should -BeLike $grantCommand
        ($checks | Where-Object Resource -NE $Resource).Result | Should -Be @('Passed', 'Passed', 'Passed')

        # The command it names puts the piece back, and only that piece.
        $repair = Grant-MRCrossAccountAccess @arguments
        ($repair | Where-Object Resource -EQ $Resource).Status | Should -Be 'Verified'
        ($repair | Where-Object Resource -NE $Resource).Status | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
    }
}

Describe 'Credentials per account' {
    BeforeAll {
        $scenario = New-Scenario
        $arguments = $scenario.Arguments
        $profiles = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName credentials)
        Set-Content $profiles "[training]`naws_access_key_id = $($trainingAccount.AccessKeyId)`naws_secret_access_key = $($trainingAccount.SecretAccessKey)`n"
    }

    AfterAll { Remove-Item $profiles -ErrorAction SilentlyContinue }

    It 'reads -TrainingProfileName from -ProfileLocation, the registry side using the session''s credentials' {
        $fromFile = $arguments.Clone()
        $fromFile.Remove('TrainingCredential')
        $checks = Test-MRCrossAccountAccess @fromFile -TrainingProfileName training -ProfileLocation $profiles -ErrorAction Stop -WarningVariable warnings
        $checks.Resource | Should -Be @('RepositoryPolicy', 'BucketPolicy', 'KmsGrant', 'ModelGroupPolicy')
        $checks.Result | Should -Not -Contain 'NotChecked'
        $warnings | Should -BeNullOrEmpty
    }

    It 'still refuses -ProfileLocation when no profile name is given for it' {
        $fromFile = $arguments.Clone()
        $fromFile.Remove('TrainingCredential')
        { Test-MRCrossAccountAccess @fromFile -ProfileLocation $profiles -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileLocationWithoutProfileName,*'
    }

    It 'with only the training account''s credentials does that side and names the command for the other' {
        $trainingOnly = $arguments.Clone()
        $trainingOnly.Remove('TrainingCredential')
        $result = Grant-MRCrossAccountAccess @trainingOnly -Credential $trainingAccount.Credential -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Status | Should -Be @('Verified', 'Verified', 'Verified', 'Skipped')
        $skipped = $result | Where-Object Status -EQ Skipped
        $skipped.AccountId | Should -Be '111111111111'
        $skipped.Command | Should -BeLike "Grant-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName '$($scenario.Group)' -RepositoryName '$($scenario.Repository)' -BucketName '$($scenario.Bucket)' -BucketPrefix 'models/' -KmsKeyId '$($scenario.KeyArn)' -Region 'us-east-1'"
        $warnings -join "`n" | Should -BeLike "*$($skipped.Command)*"
        (Get-MRGroupPolicy -Name $scenario.Group).Sids | Should -Not -Contain 'ModelRegistryCrossAccountRegister222222222222'
        $script:skippedCommand = $skipped.Command
    }

    It 'lets the registry account''s administrator finish with the named command and their own credentials' {
        # Run as written, with the session's (registry account) credentials.
        $result = Invoke-Expression "$script:skippedCommand -WarningAction SilentlyContinue"
        $result.Status | Should -Be @('Skipped', 'Skipped', 'Skipped', 'Verified') -Because 'the session default is the registry account, so the training side is left to its administrator'
    }

    It 'checks only the side it has credentials for and names the command for the other, in the object and a warning' {
        $trainingOnly = $arguments.Clone()
        $trainingOnly.Remove('TrainingCredential')
        $checks = Test-MRCrossAccountAccess @trainingOnly -Credential $trainingAccount.Credential -WarningVariable warnings -WarningAction SilentlyContinue
        $checks.Result | Should -Be @('Passed', 'Passed', 'Passed', 'NotChecked')
        $checks[3].Command | Should -BeLike "Test-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName '$($scenario.Group)'*"
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Be "Not checked: ModelGroupPolicy of account 111111111111: no credentials for it were given. Its administrator runs:`n$($checks[3].Command)"
    }

    It 'checks with the session''s credentials alone, as a pipeline gate does (help example 2), and only reads' {
        $sessionOnly = $arguments.Clone()
        $sessionOnly.Remove('TrainingCredential')
        $before = Get-ServerCallCount $registry.EndpointUrl
        $checks = Test-MRCrossAccountAccess @sessionOnly -WarningVariable warnings -WarningAction SilentlyContinue
        $after = Get-ServerCallCount $registry.EndpointUrl
        $checks.Result | Should -Be @('NotChecked', 'NotChecked', 'NotChecked', 'Passed')
        @($checks | Where-Object Result -EQ 'Failed') | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike 'Not checked: RepositoryPolicy, BucketPolicy, KmsGrant of account 222222222222:*Test-MRCrossAccountAccess -RegistryAccountId*'
        $called = @($after.Keys | Where-Object { $after[$_] -ne $before[$_] })
        $called | Should -Not -BeNullOrEmpty
        foreach ($operation in $called) { $operation | Should -Match '^(Get|List|Describe)' -Because 'Test-MRCrossAccountAccess changes nothing' }
    }

    It 'asks before changing each resource under -Confirm' {
        $fresh = New-Scenario
        $keys = "-EndpointUrl '$($registry.EndpointUrl)' -Region us-east-1 -AccessKey $($registryAccount.AccessKeyId) -SecretKey $($registryAccount.SecretAccessKey)"
        $training = '-TrainingProfileName training'
        $set = "-RegistryAccountId 111111111111 -TrainingAccountId 222222222222 -ModelGroupName $($fresh.Group) -RepositoryName $($fresh.Repository) -BucketName $($fresh.Bucket) -BucketPrefix models/ -KmsKeyId $($fresh.KeyArn)"
        # An interactive child whose standard input answers the four prompts: yes, no, yes, no.
        $script = "`$env:AWS_SHARED_CREDENTIALS_FILE = '$profiles'; Import-Module '$(Get-ModuleUnderTest)'; (Grant-MRCrossAccountAccess $set $keys $training -Confirm).Status -join ','"
        $pwshHost = [Environment]::ProcessPath
        $arguments = @('-NoProfile', '-Command', $script)
        if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments }
        $output = @("y`nn`ny`nn" | & $pwshHost @arguments 2>&1)
        $output[-1] | Should -Be 'Verified,WillChange,Verified,WillChange' -Because ($output -join "`n")
        @(Get-Grant $fresh).Count | Should -Be 1
        (Get-StoredPolicy $fresh).BucketPolicy | Should -Be $fresh.Policies.BucketPolicy
    }

    It 'refuses one account as both registry and training account' {
        $same = $arguments.Clone()
        $same.TrainingAccountId = $registryAccount.AccountId
        { Grant-MRCrossAccountAccess @same } | Should -Throw -ErrorId 'InvalidCrossAccountGrant,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand'
    }

    It 'refuses credentials of the wrong account before changing anything' {
        $fresh = New-Scenario
        $before = Get-StoredPolicy $fresh
        $wrong = $fresh.Arguments.Clone()
        $wrong.TrainingCredential = $registryAccount.Credential
        { Grant-MRCrossAccountAccess @wrong } | Should -Throw -ErrorId 'CredentialAccountMismatch,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand'
        $after = Get-StoredPolicy $fresh
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy', 'KeyPolicy') { $after[$place] | Should -Be $before[$place] }
        $after.ModelGroupPolicy.ToJson() | Should -Be $before.ModelGroupPolicy.ToJson()
        Get-Grant $fresh | Should -BeNullOrEmpty
    }

    It 'refuses <Parameter> <Value> before anything is sent, naming the parameter' -ForEach @(
        @{ Parameter = 'RepositoryName'; Value = 'UPPER REPO' }, @{ Parameter = 'ModelGroupName'; Value = 'a b' }, @{ Parameter = 'BucketName'; Value = 'Bad_Bucket' }
    ) {
        $bad = $arguments.Clone()
        $bad[$Parameter] = $Value
        $bad.EndpointUrl = 'http://127.0.0.1:9'
        { Grant-MRCrossAccountAccess @bad } | Should -Throw -ErrorId 'InvalidCrossAccountGrant,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand' -ExpectedMessage "-$($Parameter):*"
    }

    It 'refuses an account id that is not 12 digits as -<Parameter>' -ForEach @(@{ Parameter = 'RegistryAccountId' }, @{ Parameter = 'TrainingAccountId' }) {
        $bad = $arguments.Clone()
        $bad[$Parameter] = '12345'
        { Grant-MRCrossAccountAccess @bad } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand'
    }

    It 'refuses a wildcard bucket prefix before anything is sent, naming the parameter' {
        $wildcard = $arguments.Clone()
        $wildcard.BucketPrefix = '*'
        $wildcard.EndpointUrl = 'http://127.0.0.1:9'  # nothing listens there: a request would fail differently
        { Grant-MRCrossAccountAccess @wildcard } | Should -Throw -ErrorId 'InvalidCrossAccountGrant,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand' -ExpectedMessage '-BucketPrefix:*-WholeBucket*'
    }
}

Describe 'A failure part-way' {
    It 'writes nothing while one resource cannot be read, and a rerun does it all' {
        $scenario = New-Scenario -WithoutBucket
        $arguments = $scenario.Arguments
        $before = Get-StoredPolicy $scenario
        $result = Grant-MRCrossAccountAccess @arguments -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Status | Should -Be @('WillChange', 'Failed', 'WillChange', 'WillChange')
        ($result | Where-Object Resource -EQ BucketPolicy).Message | Should -BeLike '*NoSuchBucket*'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand'
        $warnings -join "`n" | Should -BeLike '*Nothing was written*BucketPolicy*'
        $after = Get-StoredPolicy $scenario
        $after.RepositoryPolicy | Should -Be $before.RepositoryPolicy
        $after.ModelGroupPolicy.ToJson() | Should -Be $before.ModelGroupPolicy.ToJson()
        Get-Grant $scenario | Should -BeNullOrEmpty

        $null = Wait-Task $s3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = $scenario.Bucket }, $none)
        (Grant-MRCrossAccountAccess @arguments).Status | Should -Be @('Verified', 'Verified', 'Verified', 'Verified')
    }

    It 'changes nothing when the KMS key does not exist' {
        $scenario = New-Scenario
        $arguments = $scenario.Arguments.Clone()
        $arguments.KmsKeyId = '00000000-0000-0000-0000-000000000000'
        $before = Get-StoredPolicy $scenario
        $result = Grant-MRCrossAccountAccess @arguments -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        ($result | Where-Object Resource -EQ KmsGrant).Status | Should -Be 'Failed'
        $after = Get-StoredPolicy $scenario
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy') { $after[$place] | Should -Be $before[$place] }
        $after.ModelGroupPolicy.ToJson() | Should -Be $before.ModelGroupPolicy.ToJson()
    }

    It 'reports what was applied and what was not when a write fails, and a rerun finishes the job' {
        $scenario = New-Scenario
        $arguments = $scenario.Arguments
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'error500'; count = 10; operation = 'PutBucketPolicy' }
        try {
            $result = Grant-MRCrossAccountAccess @arguments -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally { Clear-RegistryFault $registry.EndpointUrl }
        $result.Status | Should -Be @('Verified', 'Failed', 'Verified', 'Verified')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand'
        $warnings -join "`n" | Should -BeLike '*1 of 4 resources failed; in place: RepositoryPolicy, KmsGrant, ModelGroupPolicy*'

        (Grant-MRCrossAccountAccess @arguments).Status | Should -Be @('Unchanged', 'Verified', 'Unchanged', 'Unchanged')
    }

    It 'refuses a <Resource> over the service''s size limit (<Limit>) before writing anything' -ForEach @(
        @{ Resource = 'RepositoryPolicy'; Limit = '10,240 characters'; Size = 10240; Action = 'ecr:BatchGetImage'; Service = 'Amazon ECR repository policy' }
        @{ Resource = 'BucketPolicy'; Limit = '20,480 bytes'; Size = 20480; Action = 's3:GetObject'; Service = 'Amazon S3 bucket policy' }
        @{ Resource = 'ModelGroupPolicy'; Limit = '20,480 characters'; Size = 20480; Action = 'sagemaker:DescribeModelPackage'; Service = 'Amazon SageMaker model package group policy' }
    ) {
        $scenario = New-Scenario
        $target = @{
            RepositoryPolicy = "arn:aws:ecr:us-east-1:222222222222:repository/$($scenario.Repository)"
            BucketPolicy     = "arn:aws:s3:::$($scenario.Bucket)/audit/*"
            ModelGroupPolicy = $scenario.GroupArn
        }[$Resource]
        # Just under the limit (ASCII, so characters and bytes agree), so that adding the module's statements would go over.
        $statements = [System.Collections.Generic.List[object]]::new()
        do {
            $statements.Add((Get-ForeignStatement "Filler$($statements.Count)" $Action $target))
            $almostFull = [ModelRegistry.Core.Policies.PolicyDocument]::Parse((ConvertTo-PolicyJson $statements.ToArray())).ToJson()
        } while ($almostFull.Length -lt ($Size - 240))
        switch ($Resource) {
            'RepositoryPolicy' { $null = Wait-Task $ecr.SetRepositoryPolicyAsync($scenario.Repository, $almostFull, $false, $noRegistryId, $none) }
            'BucketPolicy' { $null = Wait-Task $s3.PutBucketPolicyAsync([Amazon.S3.Model.PutBucketPolicyRequest]@{ BucketName = $scenario.Bucket; Policy = $almostFull }, $none) }
            'ModelGroupPolicy' { $null = Set-MRGroupPolicy -Name $scenario.Group -Policy $almostFull -Replace }
        }
        $before = Get-StoredPolicy $scenario
        $arguments = $scenario.Arguments
        $result = Grant-MRCrossAccountAccess @arguments -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $refused = $result | Where-Object Resource -EQ $Resource
        $refused.Status | Should -Be 'Failed'
        $refused.Message | Should -BeLike "*$Service would be*accepts at most $Limit*"
        ($result | Where-Object Resource -NE $Resource).Status | Should -Be @('WillChange', 'WillChange', 'WillChange')
        $failures[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,ModelRegistry.PowerShell.Commands.GrantMRCrossAccountAccessCommand'
        $warnings -join "`n" | Should -BeLike "*Nothing was written*$Resource*"
        $after = Get-StoredPolicy $scenario
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy', 'KeyPolicy') { $after[$place] | Should -Be $before[$place] }
        $after.ModelGroupPolicy.ToJson() | Should -Be $before.ModelGroupPolicy.ToJson()
        Get-Grant $scenario | Should -BeNullOrEmpty
    }
}

Describe 'A Deny that overrides the grant' {
    It 'warns which permission stays denied, and Test-MRCrossAccountAccess reports it' {
        $scenario = New-Scenario
        $deny = [ordered]@{ Sid = 'NoAclReads'; Effect = 'Deny'; Principal = '*'; Action = 's3:GetObjectAcl'; Resource = "arn:aws:s3:::$($scenario.Bucket)/*" }
        $policy = ConvertTo-PolicyJson @((Get-ForeignStatement 'AuditorReads' 's3:GetObject' "arn:aws:s3:::$($scenario.Bucket)/audit/*"), $deny)
        $null = Wait-Task $s3.PutBucketPolicyAsync([Amazon.S3.Model.PutBucketPolicyRequest]@{ BucketName = $scenario.Bucket; Policy = $policy }, $none)
        $arguments = $scenario.Arguments
        $result = Grant-MRCrossAccountAccess @arguments -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Status | Should -Be @('Verified', 'Verified', 'Verified', 'Verified')
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "The BucketPolicy of arn:aws:s3:::$($scenario.Bucket) denies s3:GetObjectAcl on arn:aws:s3:::$($scenario.Bucket)/models/* even after this grant*"
        $bucket = Test-MRCrossAccountAccess @arguments | Where-Object Resource -EQ BucketPolicy
        $bucket.Result | Should -Be 'Failed'
        $bucket.Missing | Should -Be @("s3:GetObjectAcl on arn:aws:s3:::$($scenario.Bucket)/models/*")
    }
}

Describe 'The documented scenario as written, with named profiles (docs/cross-account.md, help examples)' {
    BeforeAll {
        $scenario = New-Scenario
        $profiles = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName credentials)
        Set-Content $profiles @"
[training-admin]
aws_access_key_id = $($trainingAccount.AccessKeyId)
aws_secret_access_key = $($trainingAccount.SecretAccessKey)
region = us-east-1

[registry-admin]
aws_access_key_id = $($registryAccount.AccessKeyId)
aws_secret_access_key = $($registryAccount.SecretAccessKey)
region = us-east-1
"@
        # The page's $setup with this scenario's names. A child pwsh: profiles are read from AWS_SHARED_CREDENTIALS_FILE
        # once per process, and what-if text and warnings go to the host. AWS_ENDPOINT_URL stands in for AWS.
        $setup = "`$setup = @{ RegistryAccountId = '111111111111'; TrainingAccountId = '222222222222'; ModelGroupName = '$($scenario.Group)'; " +
            "RepositoryName = '$($scenario.Repository)'; BucketName = '$($scenario.Bucket)'; BucketPrefix = 'models/'; KmsKeyId = '$($scenario.KeyArn)'; Region = 'us-east-1' }"
        function Invoke-AsAdministrator([string] $Command) {
            $output = Invoke-ChildPwsh @"
`$env:AWS_SHARED_CREDENTIALS_FILE = '$profiles'
`$env:AWS_ENDPOINT_URL = '$($registry.EndpointUrl)'
Import-Module '$(Get-ModuleUnderTest)'
$setup
$Command
"@ 2>&1
            @($output | ForEach-Object { "$_".TrimEnd() })
        }
        $both = '-TrainingProfileName training-admin -RegistryProfileName registry-admin'
    }

    AfterAll { Remove-Item $profiles -ErrorAction SilentlyContinue }

    It '1. prints, under -WhatIf, what each of the four resources would get, and changes nothing' {
        $before = Get-StoredPolicy $scenario
        $output = Invoke-AsAdministrator "Grant-MRCrossAccountAccess @setup $both -WhatIf | ForEach-Object { 'Plan ' + `$_.Resource + ' ' + `$_.Status }"
        @($output -like 'What if: Grant cross-account access: *') | Should -Be @(
            "What if: Grant cross-account access: RepositoryPolicy arn:aws:ecr:us-east-1:222222222222:repository/$($scenario.Repository) (account 222222222222)"
            "What if: Grant cross-account access: BucketPolicy arn:aws:s3:::$($scenario.Bucket) (account 222222222222)"
            "What if: Grant cross-account access: KmsGrant $($scenario.KeyArn) (account 222222222222)"
            "What if: Grant cross-account access: ModelGroupPolicy $($scenario.GroupArn) (account 111111111111)")
        @($output -match "^\+ (Add statement|Create grant) '") | Should -Be @(
            "+ Add statement 'ModelRegistryCrossAccountRead111111111111'"
            "+ Add statement 'ModelRegistryCrossAccountRead111111111111'"
            "+ Add statement 'ModelRegistryCrossAccountReadBucket111111111111'"
            "+ Create grant 'ModelRegistryCrossAccount-111111111111'"
            "+ Add statement 'ModelRegistryCrossAccountRegister222222222222'")
        @($output -like 'Plan *') | Should -Be @('Plan RepositoryPolicy WillChange', 'Plan BucketPolicy WillChange', 'Plan KmsGrant WillChange', 'Plan ModelGroupPolicy WillChange')
        $after = Get-StoredPolicy $scenario
        foreach ($place in 'RepositoryPolicy', 'BucketPolicy', 'KeyPolicy') { $after[$place] | Should -Be $before[$place] }
        $after.ModelGroupPolicy.ToJson() | Should -Be $before.ModelGroupPolicy.ToJson()
        Get-Grant $scenario | Should -BeNullOrEmpty
    }

    It '2a. grants with both profiles and shows every resource Verified in the default table' {
        $output = Invoke-AsAdministrator "Grant-MRCrossAccountAccess @setup $both"
        # At 80 columns the view shows what the page shows (the Message column needs a wider window); long ARNs end in '…'.
        @($output -match '^Resource\s+AccountId\s+Status\s+Target') | Should -Be 'Resource         AccountId    Status   Target'
        $rows = @($output -match '^(RepositoryPolicy|BucketPolicy|KmsGrant|ModelGroupPolicy) ' | ForEach-Object { , ($_ -split '\s+') })
        $rows.Count | Should -Be 4
        $expected = @(
            , @('RepositoryPolicy', '222222222222', "arn:aws:ecr:us-east-1:222222222222:repository/$($scenario.Repository)")
            , @('BucketPolicy', '222222222222', "arn:aws:s3:::$($scenario.Bucket)")
            , @('KmsGrant', '222222222222', $scenario.KeyArn)
            , @('ModelGroupPolicy', '111111111111', $scenario.GroupArn))
        foreach ($i in 0..3) {
            $rows[$i][0..2] | Should -Be @($expected[$i][0], $expected[$i][1], 'Verified')
            $expected[$i][2].StartsWith($rows[$i][3].TrimEnd([char] 0x2026)) | Should -BeTrue -Because "$($rows[$i][3]) shows $($expected[$i][2])"
        }
    }

    It '3. checks with both profiles: four results, all Passed' {
        Invoke-AsAdministrator "Test-MRCrossAccountAccess @setup $both | ForEach-Object { `$_.Resource.ToString() + '=' + `$_.Result }" |
            Should -Be @('RepositoryPolicy=Passed', 'BucketPolicy=Passed', 'KmsGrant=Passed', 'ModelGroupPolicy=Passed')
    }

    It '6. revokes with both profiles: every resource Verified, the foreign statements as they were' {
        Invoke-AsAdministrator "(Revoke-MRCrossAccountAccess @setup $both).Status -join ','" | Should -Be 'Verified,Verified,Verified,Verified'
        Assert-ForeignStatementsKept $scenario
        Get-Grant $scenario | Should -BeNullOrEmpty
    }

    It '2b. grants with the training profile alone and prints the command for the registry account''s administrator' {
        $output = Invoke-AsAdministrator "(Grant-MRCrossAccountAccess @setup -ProfileName training-admin).Status -join ','"
        $output | Should -Contain 'Verified,Verified,Verified,Skipped'
        $command = "Grant-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName '$($scenario.Group)' " +
            "-RepositoryName '$($scenario.Repository)' -BucketName '$($scenario.Bucket)' -BucketPrefix 'models/' -KmsKeyId '$($scenario.KeyArn)' -Region 'us-east-1'"
        $at = [array]::IndexOf($output, 'WARNING: Skipped ModelGroupPolicy of account 111111111111: no credentials for it were given. Its administrator runs:')
        $at | Should -BeGreaterOrEqual 0
        $output[$at + 1] | Should -Be $command
        $script:printedCommand = $output[$at + 1]
    }

    It '2b. lets the registry account''s administrator run that command as written, with their profile' {
        Invoke-AsAdministrator "($script:printedCommand -ProfileName registry-admin -WarningAction SilentlyContinue).Status -join ','" |
            Should -Be 'Skipped,Skipped,Skipped,Verified'
        # The registry side alone, as Set-MRGroupPolicy writes it, is the same statement.
        Invoke-AsAdministrator "(Set-MRGroupPolicy -Name '$($scenario.Group)' -AllowAccount 222222222222 -IncludeReadAccess -ProfileName registry-admin).Status" |
            Should -Be 'Unchanged'
    }

    It 'previews a revoke with the registry profile alone: the group statement goes, the training side is Skipped with its Revoke command (Revoke example 2)' {
        $output = Invoke-AsAdministrator "Revoke-MRCrossAccountAccess @setup -RegistryProfileName registry-admin -WhatIf -WarningAction SilentlyContinue | ForEach-Object { 'Plan ' + `$_.Resource + ' ' + `$_.Status + ' ' + `$_.Command }"
        @($output -like 'What if: *') | Should -Be "What if: Revoke cross-account access: ModelGroupPolicy $($scenario.GroupArn) (account 111111111111)"
        @($output -match "^[+~-] (Add|Remove|Change) statement '") | Should -Be "- Remove statement 'ModelRegistryCrossAccountRegister222222222222'"
        $plans = @($output -like 'Plan *')
        $plans[3] | Should -Be 'Plan ModelGroupPolicy WillChange'
        foreach ($skipped in $plans[0..2]) { $skipped | Should -BeLike "Plan * Skipped Revoke-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName '$($scenario.Group)'*" }
        (Get-MRGroupPolicy -Name $scenario.Group).Sids | Should -Contain 'ModelRegistryCrossAccountRegister222222222222'
    }
}
