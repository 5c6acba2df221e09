# Set-, Get- and Remove-MRGroupPolicy against the local registry: merge by Sid, replace, idempotence,
# -WhatIf, and the policy's effect on a second account.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
    $training = $registry.Account('training')
    # The policy's stored text, read and written around the module (Get-MRGroupPolicy shows its own rendering).
    $sageMaker = [ModelRegistry.Core.Client.SageMakerClient]::new(
        [ModelRegistry.Core.Client.AwsConnection]::new($registry.RegistryAccount.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl))
    $none = [System.Threading.CancellationToken]::None

    $auditorJson = '{"Version":"2012-10-17","Statement":[{"Sid":"Auditor","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sagemaker:DescribeModelPackageGroup","Resource":"*"}]}'

    function New-GroupWithPolicy([string] $Policy) {
        $name = New-TestName policy
        $null = New-MRModelGroup -Name $name
        if ($Policy) { $null = Set-MRGroupPolicy -Name $name -Policy $Policy -Replace }
        $name
    }

    # The FullyQualifiedErrorId of a registration from the training account, or nothing when it succeeds.
    function Register-FromTraining([string] $Name) {
        $group = Get-MRModelGroup -Name $Name
        $null = New-MRModelVersion -GroupName $group.Arn -Image '222222222222.dkr.ecr.us-east-1.amazonaws.com/m:1' -ModelDataUrl 's3://training-models/iris/model.tar.gz' `
            -Credential $training.Credential -ErrorAction SilentlyContinue -ErrorVariable failure
        if ($failure) { $failure[0].FullyQualifiedErrorId }
    }
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Set-MRGroupPolicy' {
    It 'adds a statement for -AllowAccount and keeps the statements already there' {
        $name = New-GroupWithPolicy $auditorJson
        $change = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
        $change | Should -BeOfType ([ModelRegistry.Core.Resources.ResourceChange])
        $change.Status | Should -Be 'Verified'
        $change.Diff | Should -BeLike "+ Add statement 'ModelRegistryCrossAccountRegister222222222222'*"
        $got = Get-MRGroupPolicy -Name $name
        $got.Policy.Statement.Sid | Should -Be @('Auditor', 'ModelRegistryCrossAccountRegister222222222222')
        $added = $got.Policy.Statement | Where-Object Sid -EQ 'ModelRegistryCrossAccountRegister222222222222'
        @($added.Action) | Should -Be @('sagemaker:CreateModelPackage')
        @($added.Resource) | Should -Be @("arn:aws:sagemaker:us-east-1:111111111111:model-package/$name/*")
        @($added.Principal.AWS) | Should -Be @('arn:aws:iam::222222222222:root')
        $got.ToPolicyDocument().FindStatement('Auditor').ToJson() | Should -Be ([ModelRegistry.Core.Policies.PolicyDocument]::Parse($auditorJson).FindStatement('Auditor').ToJson())

        # Help example 2: a hashtable statement is added by its Sid, and the others stay.
        $policy = @{
            Version   = '2012-10-17'
            Statement = @(@{ Sid = 'AuditorReads'; Effect = 'Allow'; Principal = @{ AWS = '333333333333' }
                    Action = 'sagemaker:DescribeModelPackageGroup'; Resource = '*' })
        }
        (Set-MRGroupPolicy -Name $name -Policy $policy).Diff | Should -BeLike "+ Add statement 'AuditorReads'*"
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor', 'ModelRegistryCrossAccountRegister222222222222', 'AuditorReads')
    }

    It 'lets the allowed account register versions, which it could not before' {
        $name = New-GroupWithPolicy
        Register-FromTraining $name | Should -Be 'AccessDeniedException,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $null = $name | Set-MRGroupPolicy -AllowAccount 222222222222 -IncludeReadAccess
        Register-FromTraining $name | Should -BeNullOrEmpty
        (Get-MRModelVersion -GroupName $name).Count | Should -Be 1
        $statement = (Get-MRGroupPolicy -Name $name).Policy.Statement | Where-Object Sid -EQ 'ModelRegistryCrossAccountRegister222222222222'
        @($statement.Action) | Should -Be @('sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages', 'sagemaker:DescribeModelPackageGroup')
        $groupArn = (Get-MRModelGroup -Name $name).Arn
        @($statement.Resource) | Should -Be @($groupArn, "arn:aws:sagemaker:us-east-1:111111111111:model-package/$name/*")
    }

    It 'lets an account allowed only CreateModelPackage register: the version as sent, with a warning and no error' {
        $name = New-GroupWithPolicy
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
        $group = Get-MRModelGroup -Name $name
        $version = New-MRModelVersion -GroupName $group.Arn -Image '222222222222.dkr.ecr.us-east-1.amazonaws.com/m:1' -ModelDataUrl 's3://training-models/iris/model.tar.gz' `
            -Credential $training.Credential -ErrorVariable failure -WarningVariable warnings -WarningAction SilentlyContinue
        $failure | Should -BeNullOrEmpty
        $version.Arn | Should -Be "arn:aws:sagemaker:us-east-1:111111111111:model-package/$name/1"
        $version.InferenceSpecification.Containers[0].ModelDataUrl | Should -Be 's3://training-models/iris/model.tar.gz'
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "Registered $($version.Arn), but this account may not describe it (AccessDeniedException)*"
        @(Get-MRModelVersion -GroupName $name).Arn | Should -Be @($version.Arn)
    }

    It 'names the statement -Sid, or after all the accounts it lets in, and refuses a bad -Sid or account' {
        $name = New-GroupWithPolicy
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 333333333333, 222222222222
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 444444444444 -Sid Auditors
        $statements = (Get-MRGroupPolicy -Name $name).Policy.Statement
        $statements.Sid | Should -Be @('ModelRegistryCrossAccountRegister222222222222333333333333', 'Auditors')
        @($statements[0].Principal.AWS | Sort-Object) | Should -Be @('arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root')
        @($statements[1].Principal.AWS) | Should -Be @('arn:aws:iam::444444444444:root')
        { Set-MRGroupPolicy -Name $name -AllowAccount 222222222222 -Sid 'not-a-sid' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ModelRegistry.PowerShell.Commands.SetMRGroupPolicyCommand'
        { Set-MRGroupPolicy -Name $name -AllowAccount 22222222222 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ModelRegistry.PowerShell.Commands.SetMRGroupPolicyCommand'
    }

    It 'takes a Get-MRGroupPolicy result, or its Policy, as -Policy' {
        $got = Get-MRGroupPolicy -Name (New-GroupWithPolicy $auditorJson)
        $fromResult = New-GroupWithPolicy
        $fromDocument = New-GroupWithPolicy
        (Set-MRGroupPolicy -Name $fromResult -Policy $got -Replace).Status | Should -Be 'Verified'
        (Set-MRGroupPolicy -Name $fromDocument -Policy $got.Policy).Status | Should -Be 'Verified'
        foreach ($name in $fromResult, $fromDocument) { (Get-MRGroupPolicy -Name $name).Json | Should -Be $got.Json }
    }

    It 'refuses a policy over SageMaker''s 20,480 characters before writing it' {
        $name = New-GroupWithPolicy $auditorJson
        $statements = foreach ($i in 1..160) {
            @{ Sid = "Filler$i"; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::333333333333:root' }; Action = 'sagemaker:DescribeModelPackage'; Resource = '*' }
        }
        $big = @{ Version = '2012-10-17'; Statement = @($statements) } | ConvertTo-Json -Depth 5 -Compress
        $big.Length | Should -BeGreaterThan 20480
        $before = Get-ServerCallCount $registry.EndpointUrl
        $change = Set-MRGroupPolicy -Name $name -Policy $big -Replace -ErrorVariable failure -ErrorAction SilentlyContinue
        $after = Get-ServerCallCount $registry.EndpointUrl
        $change.Status | Should -Be 'Failed'
        $change.Message | Should -BeLike '*Amazon SageMaker model package group policy would be*accepts at most 20,480 characters*'
        $failure[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,ModelRegistry.PowerShell.Commands.SetMRGroupPolicyCommand'
        $after['PutModelPackageGroupPolicy'] | Should -Be $before['PutModelPackageGroupPolicy']
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
    }

    It 'reports Unchanged and writes nothing when the policy already says it' {
        $name = New-GroupWithPolicy
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
        # Stored in another form that means the same: a write would replace it with the compact form.
        $indented = (Get-MRGroupPolicy -Name $name).Json
        $null = $sageMaker.PutModelPackageGroupPolicyAsync($name, $indented, $none).GetAwaiter().GetResult()
        $run = Measure-ServerCall $registry.EndpointUrl { Set-MRGroupPolicy -Name $name -AllowAccount 222222222222 }
        $run.Output.Status | Should -Be 'Unchanged'
        $run.Calls.Keys | Where-Object { $_ -notmatch '^(Get|List|Describe)' } | Should -BeNullOrEmpty
        $sageMaker.GetModelPackageGroupPolicyAsync($name, $none).GetAwaiter().GetResult() | Should -Be $indented
    }

    It 'merges a -Policy given as a hashtable by Sid, replacing the statement of the same Sid' {
        $name = New-GroupWithPolicy $auditorJson
        $policy = @{
            Version   = '2012-10-17'
            Statement = @(@{ Sid = 'Auditor'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::444444444444:root' }; Action = 'sagemaker:DescribeModelPackageGroup'; Resource = '*' })
        }
        $change = Set-MRGroupPolicy -Name $name -Policy $policy
        $change.Diff | Should -BeLike "~ Change statement 'Auditor'*"
        $after = (Get-MRGroupPolicy -Name $name).Policy
        @($after.Statement).Count | Should -Be 1
        @(($after.Statement | Where-Object Sid -EQ 'Auditor').Principal.AWS) | Should -Be @('arn:aws:iam::444444444444:root')
    }

    It 'reads the script properties of a -Policy object under the caller''s synchronization context' {
        # As for New-MRModelVersion -InputObject: a script property blocking on such a task would hang for good.
        $name = New-GroupWithPolicy
        $caller = "[$([System.Threading.SynchronizationContext]::Current)]"
        $seen = [System.Collections.Generic.List[string]]::new()
        $policy = [pscustomobject]@{ Statement = @(@{ Sid = 'Auditor'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::333333333333:root' }; Action = 'sagemaker:DescribeModelPackageGroup'; Resource = '*' }) }
        $policy | Add-Member ScriptProperty Version { $seen.Add("[$([System.Threading.SynchronizationContext]::Current)]"); '2012-10-17' }.GetNewClosure()
        (Set-MRGroupPolicy -Name $name -Policy $policy).Status | Should -Be 'Verified'
        @($seen | Select-Object -Unique) | Should -Be @($caller)
    }

    It 'overwrites the whole policy with -Replace' {
        $name = New-GroupWithPolicy $auditorJson
        $replacement = [pscustomobject]@{
            Version   = '2012-10-17'
            Statement = @([pscustomobject]@{ Sid = 'Only'; Effect = 'Allow'; Principal = @{ AWS = '222222222222' }; Action = 'sagemaker:DescribeModelPackage'; Resource = '*' })
        }
        $null = Set-MRGroupPolicy -Name $name -Policy $replacement -Replace
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Only')
    }

    It 'refuses to merge a statement without Sid and leaves the policy alone' {
        $name = New-GroupWithPolicy $auditorJson
        $unnamed = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sagemaker:CreateModelPackage","Resource":"*"}]}'
        Set-MRGroupPolicy -Name $name -Policy $unnamed -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.SetMRGroupPolicyCommand'
        $failure[0].Exception.Message | Should -BeLike '*Statement 1 has no Sid*-Replace*'
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
    }

    It 'refuses the principal <Principal>, which names no account, before sending' -ForEach @(
        @{ Principal = 'not-an-account' }, @{ Principal = 'arn:aws:iam::12:root' }
    ) {
        $name = New-GroupWithPolicy $auditorJson
        $policy = '{"Version":"2012-10-17","Statement":[{"Sid":"Bad","Effect":"Allow","Principal":{"AWS":"' + $Principal + '"},"Action":"sagemaker:CreateModelPackage","Resource":"*"}]}'
        Set-MRGroupPolicy -Name $name -Policy $policy -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.SetMRGroupPolicyCommand'
        $failure[0].Exception.Message | Should -BeLike "-Policy:*$Principal*"
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
    }

    It 'keeps every statement when twelve merges run at once' {
        $name = New-GroupWithPolicy $auditorJson
        $module = Get-ModuleUnderTest
        $endpoint = $registry.EndpointUrl
        $credential = $registry.RegistryAccount.Credential
        $changes = 1..12 | ForEach-Object -ThrottleLimit 12 -Parallel {
            Import-Module $using:module
            $statement = '{"Version":"2012-10-17","Statement":[{"Sid":"Parallel' + $_ + '","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}'
            Set-MRGroupPolicy -Name $using:name -Policy $statement -EndpointUrl $using:endpoint -Credential $using:credential -Region us-east-1
        }
        $changes.Status | Should -Not -Contain 'Failed'
        $sids = (Get-MRGroupPolicy -Name $name).Sids
        $sids.Count | Should -Be 13
        foreach ($i in 1..12) { $sids | Should -Contain "Parallel$i" }
    }

    It 'refuses JSON that is not a policy, naming -Policy' {
        $name = New-GroupWithPolicy
        Set-MRGroupPolicy -Name $name -Policy '{"Statement": 5}' -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.SetMRGroupPolicyCommand'
        $failure[0].Exception.Message | Should -BeLike '-Policy:*Statement*'
    }

    It 'shows the diff and changes nothing under -WhatIf' {
        $name = New-GroupWithPolicy $auditorJson
        $plan = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222 -WhatIf
        $plan.Status | Should -Be 'WillChange'
        $plan.ProposedPolicy | Should -BeLike '*ModelRegistryCrossAccountRegister222222222222*'
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
    }

    It 'writes the AWS error for a group that does not exist' {
        Set-MRGroupPolicy -Name 'no-such-group-for-policy' -AllowAccount 222222222222 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be 'no-such-group-for-policy'
    }
}

Describe 'A group named by its ARN' {
    It 'is what Set-, Get- and Remove-MRGroupPolicy take as -Name' {
        $name = New-GroupWithPolicy
        $arn = (Get-MRModelGroup -Name $name).Arn
        (Set-MRGroupPolicy -Name $arn -AllowAccount 222222222222).Status | Should -Be 'Verified'
        (Get-MRGroupPolicy -Name $arn).Sids | Should -Be @('ModelRegistryCrossAccountRegister222222222222')
        Remove-MRGroupPolicy -Name $arn -Force
        Get-MRGroupPolicy -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Get-MRGroupPolicy' {
    It 'returns the parsed policy for each piped name' {
        $names = (New-GroupWithPolicy $auditorJson), (New-GroupWithPolicy $auditorJson)
        $policies = $names | Get-MRGroupPolicy
        $policies | Should -BeOfType ([ModelRegistry.Core.CrossAccount.ModelGroupResourcePolicy])
        $policies.GroupName | Should -Be $names
        $policies[0].Policy.Statement.Sid | Should -Be 'Auditor'
    }

    It 'shows the Sids and the policy as indented JSON (help example 1)' {
        $name = New-GroupWithPolicy $auditorJson
        $got = Get-MRGroupPolicy -Name $name
        $got.Sids | Should -Be @('Auditor')
        $got.Json | Should -Be $got.ToPolicyDocument().ToJson($true)
        $got.Json | Should -Not -Be $got.ToPolicyDocument().ToJson()
        $shown = $got | Out-String
        $shown | Should -Match "GroupName\s*:\s*$name"
        $shown | Should -Match 'Sids\s*:\s*Auditor'
        $shown | Should -Match '"Sid": "Auditor"'
    }

    It 'finds the groups that let an account in from piped groups, skipping those without a policy (help example 2)' {
        $allowing = New-GroupWithPolicy
        $null = Set-MRGroupPolicy -Name $allowing -AllowAccount 222222222222
        $ours = $allowing, (New-GroupWithPolicy $auditorJson), (New-GroupWithPolicy)
        $found = Get-MRModelGroup | Where-Object Name -In $ours | Get-MRGroupPolicy -ErrorAction SilentlyContinue -ErrorVariable skipped |
            Where-Object { $_.Policy.Statement.Principal.AWS -match '222222222222' } | Select-Object GroupName, Sids
        $found.GroupName | Should -Be $allowing
        $found.Sids | Should -Be 'ModelRegistryCrossAccountRegister222222222222'
        @($skipped).Count | Should -Be 1
    }

    It 'writes GroupPolicyNotFound for a group without policy and goes on' {
        $bare = New-GroupWithPolicy
        $named = New-GroupWithPolicy $auditorJson
        $found = Get-MRGroupPolicy -Name $bare, $named -ErrorVariable failure -ErrorAction SilentlyContinue
        $found.GroupName | Should -Be $named
        $failure[0].FullyQualifiedErrorId | Should -Be 'GroupPolicyNotFound,ModelRegistry.PowerShell.Commands.GetMRGroupPolicyCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Remove-MRGroupPolicy' {
    It 'removes only the statements named by -Sid' {
        $name = New-GroupWithPolicy $auditorJson
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
        Remove-MRGroupPolicy -Name $name -Sid 'ModelRegistryCrossAccountRegister222222222222' -Force
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
    }

    It 'deletes the policy when its last statement goes, and the whole policy without -Sid' {
        $one = New-GroupWithPolicy $auditorJson
        Remove-MRGroupPolicy -Name $one -Sid 'Auditor' -Force
        Get-MRGroupPolicy -Name $one -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $all = New-GroupWithPolicy $auditorJson
        Remove-MRGroupPolicy -Name $all -Force
        Get-MRGroupPolicy -Name $all -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'changes nothing under -WhatIf, even with -Force' {
        $name = New-GroupWithPolicy $auditorJson
        Remove-MRGroupPolicy -Name $name -Force -WhatIf
        & { $WhatIfPreference = $true; Remove-MRGroupPolicy -Name $name -Force }
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
    }

    It 'does nothing for a group without policy and says Unchanged' {
        $name = New-GroupWithPolicy
        # An error would end the test here.
        $run = Measure-ServerCall $registry.EndpointUrl { Remove-MRGroupPolicy -Name $name -Force -PassThru -ErrorAction Stop }
        # Not even a delete whose error is swallowed: the command only reads.
        $run.Calls.Keys | Where-Object { $_ -notmatch '^(Get|List|Describe)' } | Should -BeNullOrEmpty
        $change = $run.Output
        $change.Status | Should -Be 'Unchanged'
        $change.CurrentPolicy | Should -BeNullOrEmpty
        Get-MRGroupPolicy -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'asks first, also with -Force and -Confirm, and removes without asking with -Confirm:$false; Set asks under -Confirm' {
        # A non-interactive child: a prompt there fails the command instead of waiting.
        $keys = "-EndpointUrl '$($registry.EndpointUrl)' -Region us-east-1 -AccessKey $($registry.RegistryAccount.AccessKeyId) -SecretKey $($registry.RegistryAccount.SecretAccessKey)"
        $name = New-GroupWithPolicy $auditorJson
        $commands = "Remove-MRGroupPolicy -Name $name", "Remove-MRGroupPolicy -Name $name -Force -Confirm", "Set-MRGroupPolicy -Name $name -AllowAccount 222222222222 -Confirm"
        $asked = Invoke-ChildPwsh ("Import-Module '$(Get-ModuleUnderTest)'; " + (($commands | ForEach-Object { "try { $_ $keys -ErrorAction Stop; 'changed' } catch { 'asked' }" }) -join '; '))
        $asked | Should -Be @('asked', 'asked', 'asked')
        (Get-MRGroupPolicy -Name $name).Sids | Should -Be @('Auditor')
        Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; Remove-MRGroupPolicy -Name $name $keys -Confirm:`$false -ErrorAction Stop; 'removed'" | Should -Be 'removed'
        Get-MRGroupPolicy -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'takes groups from Get-MRModelGroup and writes nothing without -PassThru' {
        $name = New-GroupWithPolicy $auditorJson
        Get-MRModelGroup -Name $name | Remove-MRGroupPolicy -Force | Should -BeNullOrEmpty
        Get-MRGroupPolicy -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'returns the verified change with -PassThru' {
        $name = New-GroupWithPolicy $auditorJson
        $change = Remove-MRGroupPolicy -Name $name -Sid Auditor -Force -PassThru
        $change | Should -BeOfType ([ModelRegistry.Core.Resources.ResourceChange])
        $change.Status | Should -Be 'Verified'
        $change.Diff | Should -BeLike "- Remove statement 'Auditor'*"
        $change.ProposedPolicy | Should -BeNullOrEmpty
    }
}

Describe 'One apply path for policy changes' {
    It 'prints -WhatIf plans of the same shape for Set- and Remove-MRGroupPolicy (Remove example 2, Set example 3)' {
        # What-if text goes to the host, so a child pwsh's output is what a user sees.
        $name = New-TestName whatif
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "$name.json"
        Set-Content $file '{"Version":"2012-10-17","Statement":[{"Sid":"Only","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}'
        $output = Invoke-ChildPwsh @"
Import-Module '$(Get-ModuleUnderTest)'
Start-MRLocalRegistry
`$null = New-MRModelGroup -Name $name
`$null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
`$null = Set-MRGroupPolicy -Name $name -Policy '$auditorJson'
`$null = Set-MRGroupPolicy -Name $name -AllowAccount 333333333333 -WhatIf
Remove-MRGroupPolicy -Name $name -WhatIf
`$null = Set-MRGroupPolicy -Name $name -Policy (Get-Content '$file' -Raw) -Replace -WhatIf
Stop-MRLocalRegistry
"@
        $target = [regex]::Escape("ModelGroupPolicy arn:aws:sagemaker:us-east-1:111111111111:model-package-group/$name (account 111111111111)")
        $plans = @($output | Where-Object { $_ -like 'What if:*' })
        $plans.Count | Should -Be 3
        $plans[0] | Should -Match "^What if: Merge into group policy: $target$"
        $plans[1] | Should -Match "^What if: Remove group policy: $target$"
        $plans[2] | Should -Match "^What if: Replace group policy: $target$"
        # Each plan is followed by its diff, statement by statement: removing the policy lists every statement.
        $diffs = @($output | Where-Object { $_ -match "^[+~-] (Add|Remove|Change) statement '" })
        $diffs | Should -Be @(
            "+ Add statement 'ModelRegistryCrossAccountRegister333333333333'"
            "- Remove statement 'ModelRegistryCrossAccountRegister222222222222'", "- Remove statement 'Auditor'"
            "- Remove statement 'ModelRegistryCrossAccountRegister222222222222'", "- Remove statement 'Auditor'", "+ Add statement 'Only'")
        Remove-Item $file
    }
}
