# Model group cmdlets against the local registry.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
}

AfterAll { Stop-MRLocalRegistry }

Describe 'New-MRModelGroup' {
    It 'creates a group and returns it' {
        $name = New-TestName iris
        $group = New-MRModelGroup -Name $name -Description 'Iris classifiers' -Tag @{ team = 'ml' }
        $group | Should -BeOfType ([ModelRegistry.Core.Model.ModelGroup])
        $group.Name | Should -Be $name
        $group.Description | Should -Be 'Iris classifiers'
        $group.Arn | Should -Be "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/$name"
        $group.Status | Should -Be 'Completed'
    }

    It 'creates one group per piped name' {
        $names = 1..3 | ForEach-Object { New-TestName piped }
        $groups = $names | New-MRModelGroup
        $groups.Name | Should -Be $names
    }

    It 'refuses a duplicate name with the AWS error code and leaves the first group as it was' {
        $name = New-TestName dup
        $null = New-MRModelGroup -Name $name -Description first
        New-MRModelGroup -Name $name -Description second -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        $failure[0].TargetObject | Should -Be $name
        (Get-MRModelGroup -Name $name).Description | Should -Be 'first'
    }

    It 'changes nothing under -WhatIf' {
        $name = New-TestName whatif
        New-MRModelGroup -Name $name -WhatIf | Should -BeNullOrEmpty
        Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'honours a $WhatIfPreference inherited from a calling script' {
        $name = New-TestName inherited
        & { $WhatIfPreference = $true; New-MRModelGroup -Name $name }
        Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Get-MRModelGroup' {
    BeforeAll {
        $prefix = New-TestName find
        $created = 'alpha', 'beta', 'gamma' | ForEach-Object { New-MRModelGroup -Name "$prefix-$_" }
    }

    It 'gets a group by name and by ARN' {
        (Get-MRModelGroup -Name "$prefix-beta").Arn | Should -Be $created[1].Arn
        (Get-MRModelGroup -Name $created[2].Arn).Name | Should -Be "$prefix-gamma"
    }

    It 'lists groups matching a wildcard' {
        (Get-MRModelGroup -Name "$prefix-*a").Name | Sort-Object | Should -Be @("$prefix-alpha", "$prefix-beta", "$prefix-gamma")
        (Get-MRModelGroup -Name "$prefix-?eta").Name | Should -Be "$prefix-beta"
    }

    It 'refuses listing filters with one plain name (FilterNeedsListing)' {
        Get-MRModelGroup -Name "$prefix-alpha" -SortBy Name -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'FilterNeedsListing,ModelRegistry.PowerShell.Commands.GetMRModelGroupCommand'
    }

    It 'lists groups whose name contains a text' {
        (Get-MRModelGroup -NameContains $prefix).Count | Should -Be 3
    }

    It 'writes ObjectNotFound for a missing group and goes on with the next name' {
        $found = Get-MRModelGroup -Name 'no-such-group-anywhere', "$prefix-alpha" -ErrorVariable failure -ErrorAction SilentlyContinue
        $found.Name | Should -Be "$prefix-alpha"
        $failure.Count | Should -Be 1
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be 'no-such-group-anywhere'
    }
}

Describe 'Connections to the service' {
    It 'keeps one connection across the cmdlets of a session, whatever their credentials' {
        # A connection per call cost more than the call itself on loopback, and a TLS handshake against AWS.
        # A fresh session, so no connection is open yet, on four processors: the SDK build the module loads
        # keeps one HTTP client per processor off Windows, each with its own connections.
        $name = New-TestName conn
        $null = New-MRModelGroup -Name $name
        $own = $registry.Account('registry')
        $training = $registry.Account('training')
        $before = Get-ServerConnectionCount $registry.EndpointUrl

        $env:DOTNET_PROCESSOR_COUNT = 4
        try {
            $output = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-ModuleUnderTest)'
`$PSDefaultParameterValues = @{ '*-MR*:EndpointUrl' = '$($registry.EndpointUrl)'; '*-MR*:Region' = 'us-east-1' }
1..5 | ForEach-Object { `$null = Get-MRModelGroup -Name $name -AccessKey $($own.AccessKeyId) -SecretKey $($own.SecretAccessKey) }
`$null = Get-MRModelVersion -GroupName $name -AccessKey $($own.AccessKeyId) -SecretKey $($own.SecretAccessKey)
`$null = Get-MRModelGroup -AccessKey $($training.AccessKeyId) -SecretKey $($training.SecretAccessKey)
'processors ' + [Environment]::ProcessorCount
"@
        }
        finally { Remove-Item env:DOTNET_PROCESSOR_COUNT }

        $output | Should -Be 'processors 4'
        (Get-ServerConnectionCount $registry.EndpointUrl) - $before | Should -Be 1
    }
}

Describe 'A lost answer (the call took effect, its answer never came, the SDK sent it again)' {
    AfterEach { Clear-RegistryFault $registry.EndpointUrl }

    It 'New-MRModelGroup returns the group its first attempt created, with a warning, not "already exists"' {
        $name = New-TestName lost
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; operation = 'CreateModelPackageGroup'; count = 1 }

        $made = Measure-ServerCall $registry.EndpointUrl { New-MRModelGroup -Name $name -Description 'first try' -ErrorAction Stop 3>&1 }

        $made.Calls.CreateModelPackageGroup | Should -Be 2
        $group, $warned = $made.Output.Where({ $_ -isnot [System.Management.Automation.WarningRecord] }, 'Split')
        $group.Name | Should -Be $name
        $group.Description | Should -Be 'first try'
        $warned | Should -HaveCount 1
        "$warned" | Should -BeLike '*answer to CreateModelPackageGroup was lost*'
    }

    It 'New-MRModelGroup still refuses a name another group with another description holds' {
        $name = New-TestName taken
        $null = New-MRModelGroup -Name $name -Description 'theirs'
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; operation = 'CreateModelPackageGroup'; count = 1 }

        New-MRModelGroup -Name $name -Description 'mine' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        (Get-MRModelGroup -Name $name).Description | Should -Be 'theirs'
    }

    It 'New-MRModelGroup still refuses a name held by a group with the description sent but not the tags sent' {
        # drop: the first attempt never took effect, so the group found is the older one, untagged.
        $name = New-TestName untagged
        $null = New-MRModelGroup -Name $name -Description 'same'
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'drop'; operation = 'CreateModelPackageGroup'; count = 1 }

        New-MRModelGroup -Name $name -Description 'same' -Tag @{ team = 'fraud' } -ErrorVariable failure -ErrorAction SilentlyContinue 3>$null |
            Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        (Get-MRModelGroup -Name $name).Tags.Count | Should -Be 0
    }

    It 'Remove-MRModelGroup and Remove-MRModelVersion succeed with a warning when the retry finds the item gone' {
        $name = (New-MRModelGroup -Name (New-TestName lostdel)).Name
        $version = New-MRModelVersion -GroupName $name -Image '111111111111.dkr.ecr.us-east-1.amazonaws.com/iris:1' -ModelDataUrl 's3://models/iris.tar.gz'
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; operation = 'DeleteModelPackage'; count = 1 }
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; operation = 'DeleteModelPackageGroup'; count = 1 }

        $removed = Measure-ServerCall $registry.EndpointUrl {
            $version | Remove-MRModelVersion -Force -ErrorAction Stop 3>&1
            Remove-MRModelGroup -Name $name -Force -ErrorAction Stop 3>&1
        }

        $removed.Calls.DeleteModelPackage | Should -Be 2
        $removed.Calls.DeleteModelPackageGroup | Should -Be 2
        $warned = $removed.Output
        $warned | Should -HaveCount 2
        $warned | Should -BeOfType ([System.Management.Automation.WarningRecord])
        "$($warned[0])" | Should -BeLike "*answer to DeleteModelPackage was lost and the retry found no $($version.Arn)*"
        "$($warned[1])" | Should -BeLike "*answer to DeleteModelPackageGroup was lost and the retry found no group '$name'*"
        Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'New-MRModelGroup gives up after the three attempts of standard retries when every answer is lost' {
        $name = New-TestName alllost
        $null = Get-MRModelGroup # the create goes out on the session's open connection
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; operation = 'CreateModelPackageGroup'; count = 20 }

        $made = Measure-ServerCall $registry.EndpointUrl { New-MRModelGroup -Name $name -ErrorAction Continue 2>&1 }

        $made.Calls.CreateModelPackageGroup | Should -Be 3
        $made.Output.FullyQualifiedErrorId | Should -Be 'AwsClientError,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
    }

    It 'tab completion lists the group names once, and does not send the listing again, when its answer is lost' {
        $typed = New-TestName complete
        $line = "Get-MRModelGroup -Name $typed"
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'dropResponse'; operation = 'ListModelPackageGroups'; count = 20 }

        $listed = Measure-ServerCall $registry.EndpointUrl { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches }

        $listed.Calls.ListModelPackageGroups | Should -Be 1
        $listed.Output | Should -BeNullOrEmpty
    }
}

Describe 'Remove-MRModelGroup' {
    It 'deletes a group with -Force' {
        $name = New-TestName gone
        $null = New-MRModelGroup -Name $name
        Remove-MRModelGroup -Name $name -Force
        Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'keeps the group under -WhatIf even with -Force' {
        $name = New-TestName kept
        $null = New-MRModelGroup -Name $name
        Remove-MRModelGroup -Name $name -Force -WhatIf
        (Get-MRModelGroup -Name $name).Name | Should -Be $name
    }

    It 'deletes piped groups' {
        $names = 1..2 | ForEach-Object { New-TestName pipe-gone }
        $names | New-MRModelGroup | Remove-MRModelGroup -Force
        foreach ($name in $names) { Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty }
    }
}

Describe 'AWS failures as PowerShell errors' {
    AfterEach { Clear-RegistryFault $registry.EndpointUrl }

    It 'reports throttling that outlasts the SDK''s retries as LimitsExceeded' {
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'throttle'; count = 10; operation = 'CreateModelPackageGroup' }
        $name = New-TestName throttled
        New-MRModelGroup -Name $name -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ThrottlingException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'rides out a short throttle through the SDK''s retries' {
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'throttle'; count = 2; operation = 'CreateModelPackageGroup' }
        $name = New-TestName retried
        (New-MRModelGroup -Name $name).Name | Should -Be $name
    }

    It 'reports a cross-account call without a group policy as PermissionDenied' {
        $group = New-MRModelGroup -Name (New-TestName private)
        $training = $registry.Account('training').Credential
        New-MRModelVersion -GroupName $group.Arn -Image 257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1 `
            -ModelDataUrl s3://my-bucket/model.tar.gz -Credential $training -ErrorVariable failure -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'AccessDeniedException,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'cancels the request in flight when the pipeline is stopped (Ctrl+C)' {
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'latency'; latencyMs = 30000; count = 1; operation = 'ListModelPackageGroups' }
        $shell = [powershell]::Create()
        try {
            # A new runspace: the local registry is this runspace's default, so name it explicitly.
            $null = $shell.AddScript("Import-Module '$(Get-ModuleUnderTest)'; Get-MRModelGroup -EndpointUrl '$($registry.EndpointUrl)' -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111")
            $running = $shell.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $shell.InvocationStateInfo.State | Should -Be 'Running'
            $shell.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # The delayed call was in flight when the pipeline stopped: the server took the latency rule's one hit.
            (Invoke-RestMethod "$($registry.EndpointUrl)/_localregistry/faults" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = '1' }).rules | Should -BeNullOrEmpty
            # And the stop reached the request: the client closed it before the 30 s delay ended, which the server
            # counts as abandoned (a stop that only stopped waiting would leave the call to finish and count nothing).
            $abandoned = $null
            foreach ($poll in 1..50) {
                $abandoned = (Invoke-RestMethod "$($registry.EndpointUrl)/_localregistry/calls" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = '1' }).abandoned.ListModelPackageGroups
                if ($abandoned) { break }
                Start-Sleep -Milliseconds 200
            }
            $abandoned | Should -Be 1
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'Get-MRModelGroup -CrossAccount' {
    It 'lists the groups another account shares through its resource policy, and only those' {
        $shared = New-MRModelGroup -Name (New-TestName shared)
        $private = New-MRModelGroup -Name (New-TestName private)
        $null = Set-MRGroupPolicy -Name $shared.Name -AllowAccount 222222222222 -IncludeReadAccess
        $training = $registry.Account('training').Credential
        $seen = Get-MRModelGroup -CrossAccount -Credential $training
        $seen.Arn | Should -Contain $shared.Arn
        $seen.Arn | Should -Not -Contain $private.Arn
        (Get-MRModelGroup -Credential $training).Arn | Should -Not -Contain $shared.Arn
    }
}

Describe 'Model group cmdlets as their help describes them' {
    BeforeAll {
        $prefix = New-TestName docs
        # Created in an order that is not the names' order, so sorting by name shows.
        $created = foreach ($suffix in 'beta', 'Alpha', 'gamma') {
            New-MRModelGroup -Name "$prefix-$suffix"
            # Distinct creation times, so a time filter has a group on each side of it.
            Start-Sleep -Milliseconds 20
        }
    }

    It 'filters a listing by -CreatedAfter and -CreatedBefore, taking local times as the same instant in UTC' {
        (Get-MRModelGroup -Name "$prefix-*" -CreatedAfter $created[0].CreationTime).Name | Should -Be @("$prefix-Alpha", "$prefix-gamma")
        (Get-MRModelGroup -NameContains $prefix -CreatedAfter $created[0].CreationTime.ToLocalTime()).Name | Should -Be @("$prefix-Alpha", "$prefix-gamma")
        (Get-MRModelGroup -NameContains $prefix -CreatedBefore $created[2].CreationTime.ToLocalTime()).Name | Should -Be @("$prefix-beta", "$prefix-Alpha")
    }

    It 'sorts a listing by name in both directions' {
        (Get-MRModelGroup -NameContains $prefix -SortBy Name -SortOrder Descending).Name | Should -Be @("$prefix-gamma", "$prefix-beta", "$prefix-Alpha")
        (Get-MRModelGroup -NameContains $prefix -SortBy Name -SortOrder Ascending).Name | Should -Be @("$prefix-Alpha", "$prefix-beta", "$prefix-gamma")
    }

    It 'matches [...] wildcards, ignoring case' {
        (Get-MRModelGroup -Name "$($prefix.ToUpperInvariant())-[ab]*").Name | Sort-Object | Should -Be @("$prefix-Alpha", "$prefix-beta")
    }

    It 'refuses <Filter> with one plain name (FilterNeedsListing)' -ForEach @(
        @{ Filter = '-CrossAccount'; Extra = @{ CrossAccount = $true } }
        @{ Filter = '-CreatedAfter'; Extra = @{ CreatedAfter = [datetime]'2020-01-01' } }
        @{ Filter = '-CreatedBefore'; Extra = @{ CreatedBefore = [datetime]'2020-01-01' } }
        @{ Filter = '-SortOrder'; Extra = @{ SortOrder = 'Descending' } }
    ) {
        Get-MRModelGroup -Name "$prefix-beta" @Extra -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'FilterNeedsListing,ModelRegistry.PowerShell.Commands.GetMRModelGroupCommand'
    }

    It 'says who created a described group but not a listed one, and a group''s string form is its name' {
        (Get-MRModelGroup -Name "$prefix-beta").CreatedBy | Should -Not -BeNullOrEmpty
        (Get-MRModelGroup -Name "$prefix-b*").CreatedBy | Should -BeNullOrEmpty
        "$($created[0])" | Should -Be "$prefix-beta"
    }

    It 'creates groups from CSV rows with Name and Description, a failing row not stopping the others' {
        $names = (New-TestName csv), "$prefix-beta", (New-TestName csv)
        $path = Join-Path ([System.IO.Path]::GetTempPath()) "$(New-TestName groups).csv"
        try {
            $names | ForEach-Object { [pscustomobject]@{ Name = $_; Description = "about $_" } } | Export-Csv $path
            $groups = Import-Csv $path | New-MRModelGroup -ErrorVariable failure -ErrorAction SilentlyContinue
            $groups.Name | Should -Be @($names[0], $names[2])
            $groups.Description | Should -Be @("about $($names[0])", "about $($names[2])")
            $failure.Count | Should -Be 1
            $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }

    It 'refuses an empty tag key before sending' {
        $name = New-TestName emptytag
        { New-MRModelGroup -Name $name -Tag @{ '' = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter*'
        Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a group that still holds versions with ConflictException (ResourceExists), keeps it, and goes on with the next piped group' {
        $full = (New-MRModelGroup -Name (New-TestName full)).Name
        $empty = (New-MRModelGroup -Name (New-TestName empty)).Name
        $version = New-MRModelVersion -GroupName $full -Image 257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1
        $full, $empty | Remove-MRModelGroup -Force -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'ConflictException,ModelRegistry.PowerShell.Commands.RemoveMRModelGroupCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-MRModelGroup -Name $full).Name | Should -Be $full
        Get-MRModelGroup -Name $empty -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        # Example 2: the versions first, then the group.
        Get-MRModelVersion -GroupName $full | Remove-MRModelVersion -Force
        Remove-MRModelGroup -Name $full -Force
        Get-MRModelGroup -Name $full -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-MRModelVersion -Arn $version.Arn -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'writes ValidationException (ObjectNotFound) for removing a group that does not exist' {
        Remove-MRModelGroup -Name (New-TestName never) -Force -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.RemoveMRModelGroupCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'honours an inherited $WhatIfPreference over -Force, and -WhatIf:$false turns it off' {
        $name = (New-MRModelGroup -Name (New-TestName inherited)).Name
        & { $WhatIfPreference = $true; Remove-MRModelGroup -Name $name -Force }
        (Get-MRModelGroup -Name $name).Name | Should -Be $name
        & { $WhatIfPreference = $true; Remove-MRModelGroup -Name $name -Force -WhatIf:$false }
        Get-MRModelGroup -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'fails in a non-interactive session without -Force, deleting nothing' {
        $name = (New-MRModelGroup -Name (New-TestName prompt)).Name
        $output = Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; Remove-MRModelGroup -Name '$name' -EndpointUrl '$($registry.EndpointUrl)' -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111; `"succeeded: `$?`"" 2>&1
        $output | Should -Contain 'succeeded: False'
        "$output" | Should -BeLike '*NonInteractive*'
        (Get-MRModelGroup -Name $name).Name | Should -Be $name
    }
}
