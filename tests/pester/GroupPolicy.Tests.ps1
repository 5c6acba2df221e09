# Set-, Get- and Remove-MRGroupPolicy against the local registry: merge by Sid, replace, idempotence,
# -WhatIf, and the policy's effect on a second account.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force
    Register-ModuleTypes
    Clear-AwsEnvironment
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
        $policy = (Get-MRGroupPolicy -Name $name).Policy
        $policy.Statements.Sid | Should -Be @('Auditor', 'ModelRegistryCrossAccountRegister222222222222')
        $added = $policy.FindStatement('ModelRegistryCrossAccountRegister222222222222')
        @($added.Actions) | Should -Be @('sagemaker:CreateModelPackage')
        @($added.Resources) | Should -Be @("arn:aws:sagemaker:us-east-1:111111111111:model-package/$name/*")
        $policy.FindStatement('Auditor').ToJson() | Should -Be ([ModelRegistry.Core.Policies.PolicyDocument]::Parse($auditorJson).FindStatement('Auditor').ToJson())
    }

    It 'lets the allowed account register versions, which it could not before' {
        $name = New-GroupWithPolicy
        Register-FromTraining $name | Should -Be 'AccessDeniedException,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222 -IncludeReadAccess
        Register-FromTraining $name | Should -BeNullOrEmpty
        (Get-MRModelVersion -GroupName $name).Count | Should -Be 1
    }

    It 'reports Unchanged and writes nothing when the policy already says it' {
        $name = New-GroupWithPolicy
        $null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
        # Stored in another form that means the same: a write would replace it with the compact form.
        $indented = (Get-MRGroupPolicy -Name $name).Policy.ToJson($true)
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
        $after.Statements.Count | Should -Be 1
        @($after.FindStatement('Auditor').Principal.Aws) | Should -Be @('arn:aws:iam::444444444444:root')
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

Describe 'Get-MRGroupPolicy' {
    It 'returns the parsed policy for each piped name' {
        $names = (New-GroupWithPolicy $auditorJson), (New-GroupWithPolicy $auditorJson)
        $policies = $names | Get-MRGroupPolicy
        $policies | Should -BeOfType ([ModelRegistry.Core.CrossAccount.ModelGroupResourcePolicy])
        $policies.GroupName | Should -Be $names
        $policies[0].Policy.Statements[0].Sid | Should -Be 'Auditor'
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
    It 'prints -WhatIf plans of the same shape for Set- and Remove-MRGroupPolicy' {
        # What-if text goes to the host, so a child pwsh's output is what a user sees.
        $name = New-TestName whatif
        $output = Invoke-ChildPwsh @"
Import-Module '$(Get-ModuleUnderTest)'
Start-MRLocalRegistry
`$null = New-MRModelGroup -Name $name
`$null = Set-MRGroupPolicy -Name $name -AllowAccount 222222222222
`$null = Set-MRGroupPolicy -Name $name -AllowAccount 333333333333 -WhatIf
Remove-MRGroupPolicy -Name $name -WhatIf
Stop-MRLocalRegistry
"@
        $target = [regex]::Escape("ModelGroupPolicy arn:aws:sagemaker:us-east-1:111111111111:model-package-group/$name (account 111111111111)")
        $plans = @($output | Where-Object { $_ -like 'What if:*' })
        $plans.Count | Should -Be 2
        $plans[0] | Should -Match "^What if: Merge into group policy: $target$"
        $plans[1] | Should -Match "^What if: Remove group policy: $target$"
        # Each plan is followed by its diff, statement by statement.
        $diffs = @($output | Where-Object { $_ -match "^[+~-] (Add|Remove|Change) statement '" })
        $diffs | Should -Be @("+ Add statement 'ModelRegistryCrossAccountRegister333333333333'", "- Remove statement 'ModelRegistryCrossAccountRegister222222222222'")
    }
}
