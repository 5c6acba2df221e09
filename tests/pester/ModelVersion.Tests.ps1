# Model version cmdlets against the local registry, following the SageMaker guide's iris example.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
    $irisImage = '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1'
    $irisDescription = 'Model to detect 3 different types of irises (Setosa, Versicolour, and Virginica)'

    function New-IrisVersion([string] $Group, [hashtable] $Extra = @{}) {
        New-MRModelVersion -GroupName $Group -Image $irisImage -ModelDataUrl 's3://my-bucket/model.tar.gz' `
            -ContentType text/csv -ResponseContentType text/csv -Description $irisDescription @Extra
    }

    # What a version says about the model, without what the registry assigns (ARN, number, times).
    function Get-Registration($Version) {
        [ordered]@{
            Description    = $Version.Description
            ApprovalStatus = $Version.ApprovalStatus
            Specification  = $Version.InferenceSpecification.ToJson().ToJsonString()
        } | ConvertTo-Json -Compress
    }
}

AfterAll { Stop-MRLocalRegistry }

Describe 'New-MRModelVersion' {
    BeforeAll { $group = (New-MRModelGroup -Name (New-TestName iris)).Name }

    It 'registers the guide''s iris model from parameters' {
        $version = New-IrisVersion $group
        $version | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersion])
        $version.GroupName | Should -Be $group
        $version.Version | Should -BeGreaterThan 0
        $version.Arn | Should -Be "arn:aws:sagemaker:us-east-1:111111111111:model-package/$group/$($version.Version)"
        $version.ApprovalStatus | Should -Be 'PendingManualApproval'
        $version.InferenceSpecification.Containers[0].Image | Should -Be $irisImage
        $version.InferenceSpecification.Containers[0].ModelDataUrl | Should -Be 's3://my-bucket/model.tar.gz'
        $version.InferenceSpecification.SupportedContentTypes | Should -Be 'text/csv'
        $version.InferenceSpecification.SupportedResponseMIMETypes | Should -Be 'text/csv'
    }

    It 'registers the same version from the boto3 input dict, as JSON and as a hashtable' {
        $fromParameters = New-IrisVersion $group
        $inputDict = @{
            ModelPackageGroupName   = $group
            ModelPackageDescription = $irisDescription
            ModelApprovalStatus     = 'PendingManualApproval'
            InferenceSpecification  = @{
                Containers                 = @(@{ Image = $irisImage; ModelDataUrl = 's3://my-bucket/model.tar.gz' })
                SupportedContentTypes      = @('text/csv')
                SupportedResponseMIMETypes = @('text/csv')
            }
        }
        $fromJson = New-MRModelVersion -InputJson ($inputDict | ConvertTo-Json -Depth 10)
        $fromObject = New-MRModelVersion -InputObject $inputDict
        Get-Registration $fromJson | Should -Be (Get-Registration $fromParameters)
        Get-Registration $fromObject | Should -Be (Get-Registration $fromParameters)
        $fromJson.Version | Should -Not -Be $fromParameters.Version
    }

    It 'registers an inference pipeline from piped containers, in order, with their environment' {
        $containers = @(
            New-MRInferenceContainer -Image "$irisImage-pre" -ModelDataUrl s3://my-bucket/pre.tar.gz -Environment @{ STAGE = 'pre'; LOG = 'info' }
            New-MRInferenceContainer -Image $irisImage -ModelDataUrl s3://my-bucket/model.tar.gz -Framework XGBOOST -FrameworkVersion 1.2
            New-MRInferenceContainer -Image "$irisImage-post" -Environment @{ STAGE = 'post' }
        )
        $version = $containers | New-MRModelVersion -GroupName $group -ContentType text/csv -ResponseContentType application/json
        @($version).Count | Should -Be 1
        $registered = $version.InferenceSpecification.Containers
        $registered.Count | Should -Be 3
        $registered.Image | Should -Be @("$irisImage-pre", $irisImage, "$irisImage-post")
        $registered[0].Environment['STAGE'] | Should -Be 'pre'
        $registered[0].Environment['LOG'] | Should -Be 'info'
        $registered[1].Framework | Should -Be 'XGBOOST'
        $registered[2].Environment['STAGE'] | Should -Be 'post'
    }

    It 'returns the existing version when rerun with the same -ClientToken' {
        $tokenGroup = (New-MRModelGroup -Name (New-TestName token)).Name
        $first = New-IrisVersion $tokenGroup @{ ClientToken = 'ci-run-4711' }
        $rerun = New-IrisVersion $tokenGroup @{ ClientToken = 'ci-run-4711' }
        $rerun.Arn | Should -Be $first.Arn
        @(Get-MRModelVersion -GroupName $tokenGroup).Count | Should -Be 1
        (New-IrisVersion $tokenGroup @{ ClientToken = 'ci-run-4712' }).Arn | Should -Not -Be $first.Arn
    }

    It 'stores metadata, domain, task, sample payload and model metrics' {
        $metric = New-MRModelMetric -Kind ModelQualityStatistics -S3Uri s3://my-bucket/metrics/quality.json
        $version = New-IrisVersion $group @{
            Metadata = @{ owner = 'ml-team'; dataset = 'iris-v3' }; Domain = 'MACHINE_LEARNING'; Task = 'CLASSIFICATION'
            SamplePayloadUrl = 's3://my-bucket/payload.tar.gz'; ModelMetric = $metric; RealtimeInstanceType = 'ml.m5.large'
            TransformInstanceType = 'ml.m5.xlarge'
        }
        $version.CustomerMetadataProperties['owner'] | Should -Be 'ml-team'
        $version.CustomerMetadataProperties['dataset'] | Should -Be 'iris-v3'
        $version.Domain | Should -Be 'MACHINE_LEARNING'
        $version.Task | Should -Be 'CLASSIFICATION'
        $version.SamplePayloadUrl | Should -Be 's3://my-bucket/payload.tar.gz'
        $version.ModelMetrics.ModelQualityStatistics.S3Uri | Should -Be 's3://my-bucket/metrics/quality.json'
        $version.ModelMetrics.ModelQualityStatistics.ContentType | Should -Be 'application/json'
        $version.InferenceSpecification.SupportedRealtimeInferenceInstanceTypes | Should -Be 'ml.m5.large'
        $version.InferenceSpecification.SupportedTransformInstanceTypes | Should -Be 'ml.m5.xlarge'
    }

    It 'registers nothing under -WhatIf' {
        $whatIfGroup = (New-MRModelGroup -Name (New-TestName whatif)).Name
        $whatIf = Measure-ServerCall $registry.EndpointUrl { New-IrisVersion $whatIfGroup @{ WhatIf = $true } }
        $whatIf.Output | Should -BeNullOrEmpty
        $whatIf.Calls.Keys | Should -Not -Contain 'CreateModelPackage'
        Get-MRModelVersion -GroupName $whatIfGroup | Should -BeNullOrEmpty
    }

    It 'writes the AWS error for a group that does not exist' {
        New-MRModelVersion -GroupName 'no-such-group-for-versions' -Image $irisImage -ModelDataUrl 's3://my-bucket/model.tar.gz' `
            -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $failure[0].TargetObject | Should -Be 'no-such-group-for-versions'
    }
}

Describe 'Approving and rejecting through the pipeline' {
    BeforeAll {
        $group = New-MRModelGroup -Name (New-TestName approve)
        $versions = 1..4 | ForEach-Object { New-IrisVersion $group.Name }
    }

    It 'approves every pending version of a group' {
        $approved = Get-MRModelGroup -Name $group.Name | Get-MRModelVersion -ApprovalStatus PendingManualApproval |
            Select-Object -First 2 | Approve-MRModelVersion -Reason 'QA passed' -PassThru
        $approved.Count | Should -Be 2
        $approved.ApprovalStatus | Should -Be @('Approved', 'Approved')
        $approved.ApprovalDescription | Should -Be @('QA passed', 'QA passed')
        $approved[0].Description | Should -Be $irisDescription
    }

    It 'rejects versions and keeps their other fields' {
        $rejected = $versions[2] | Deny-MRModelVersion -Reason 'accuracy below 0.9' -PassThru
        $rejected.ApprovalStatus | Should -Be 'Rejected'
        $rejected.ApprovalDescription | Should -Be 'accuracy below 0.9'
        $rejected.Description | Should -Be $irisDescription
        $rejected.InferenceSpecification.ToJson().ToJsonString() | Should -Be $versions[2].InferenceSpecification.ToJson().ToJsonString()
    }

    It 'finds the newest approved version with -Latest, in one listing call, described with its tags' {
        $own = New-MRModelGroup -Name (New-TestName latest)
        $ownVersions = 1..3 | ForEach-Object { New-IrisVersion $own.Name }
        $null = $ownVersions[0], $ownVersions[1] | Approve-MRModelVersion
        $latest = Measure-ServerCall $registry.EndpointUrl { Get-MRModelVersion -GroupName $own.Name -ApprovalStatus Approved -Latest }
        $latest.Output.Count | Should -Be 1
        $latest.Output[0].Version | Should -Be 2
        $latest.Output[0].InferenceSpecification | Should -Not -BeNullOrEmpty
        ($latest.Calls.Keys | Sort-Object) | Should -Be @('DescribeModelPackage', 'ListModelPackages', 'ListTags')
        $latest.Calls.Values | Should -Be @(1, 1, 1)
    }

    It 'changes nothing under -WhatIf' {
        $versions[3] | Approve-MRModelVersion -WhatIf
        $versions[3] | Deny-MRModelVersion -WhatIf
        (Get-MRModelVersion -Arn $versions[3].Arn).ApprovalStatus | Should -Be 'PendingManualApproval'
    }

    It 'refuses a model group ARN with NotAModelVersionArn before sending' {
        $group | Approve-MRModelVersion -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotAModelVersionArn,ModelRegistry.PowerShell.Commands.ApproveMRModelVersionCommand'
    }
}

Describe 'Set-MRModelVersion' {
    BeforeAll { $group = (New-MRModelGroup -Name (New-TestName metadata)).Name }

    It 'adds and removes metadata keys and keeps every other field' {
        $version = New-IrisVersion $group @{ Metadata = @{ owner = 'ml-team'; stage = 'dev' } }
        $added = $version | Set-MRModelVersion -Metadata @{ stage = 'qa'; ticket = 'ML-42' } -PassThru
        $added.CustomerMetadataProperties.Keys | Sort-Object | Should -Be @('owner', 'stage', 'ticket')
        $added.CustomerMetadataProperties['stage'] | Should -Be 'qa'
        $removed = $version | Set-MRModelVersion -RemoveMetadata owner -PassThru
        $removed.CustomerMetadataProperties.Keys | Sort-Object | Should -Be @('stage', 'ticket')
        Get-Registration $removed | Should -Be (Get-Registration $version)
    }

    It 'sets the approval status and its description' {
        $version = New-IrisVersion $group
        $set = Set-MRModelVersion -Arn $version.Arn -ApprovalStatus Approved -ApprovalDescription 'manual check' -PassThru
        $set.ApprovalStatus | Should -Be 'Approved'
        $set.ApprovalDescription | Should -Be 'manual check'
    }

    It 'changes nothing under -WhatIf' {
        $version = New-IrisVersion $group @{ Metadata = @{ owner = 'ml-team' } }
        $version | Set-MRModelVersion -Metadata @{ owner = 'someone-else' } -WhatIf
        (Get-MRModelVersion -Arn $version.Arn).CustomerMetadataProperties['owner'] | Should -Be 'ml-team'
    }
}

Describe 'Get-MRModelVersion for one version or a missing group' {
    BeforeAll {
        $group = (New-MRModelGroup -Name (New-TestName single)).Name
        $version = New-IrisVersion $group
    }

    It 'takes a version object where an ARN is expected, by position and from the pipeline' {
        (Get-MRModelVersion $version).Arn | Should -Be $version.Arn
        ($version.Arn | Get-MRModelVersion).Arn | Should -Be $version.Arn
        $whatIf = Measure-ServerCall $registry.EndpointUrl { $version | Approve-MRModelVersion -WhatIf -PassThru }
        $whatIf.Output | Should -BeNullOrEmpty
        $whatIf.Calls.Keys | Should -Not -Contain 'UpdateModelPackage'
        (Get-MRModelVersion -Arn $version.Arn).ApprovalStatus | Should -Be 'PendingManualApproval'
    }

    It 'refuses listing filters for a single version with FilterNeedsGroup' {
        Get-MRModelVersion -Arn $version.Arn -Version 99 -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'FilterNeedsGroup,ModelRegistry.PowerShell.Commands.GetMRModelVersionCommand'
    }

    It 'says ObjectNotFound for a group that does not exist, rather than listing nothing' {
        Get-MRModelVersion -GroupName (New-TestName missing) -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses Set-MRModelVersion with nothing to set before sending' {
        { Set-MRModelVersion -Arn $version.Arn } | Should -Throw -ErrorId 'NothingToSet,ModelRegistry.PowerShell.Commands.SetMRModelVersionCommand'
    }

    It 'gives a metadata key that is not a string a stable error id' {
        Set-MRModelVersion -Arn $version.Arn -Metadata @{ '' = 'x' } -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.SetMRModelVersionCommand'
    }
}

Describe 'Remove-MRModelVersion' {
    It 'deletes a version, and the group never reuses its number' {
        $group = (New-MRModelGroup -Name (New-TestName remove)).Name
        $first = New-IrisVersion $group
        $second = New-IrisVersion $group
        $second | Remove-MRModelVersion -Force
        (Get-MRModelVersion -GroupName $group).Arn | Should -Be $first.Arn
        (New-IrisVersion $group).Version | Should -Be ($second.Version + 1)
    }

    It 'does not prompt with -Force, even with an explicit -WhatIf:$false' {
        $group = (New-MRModelGroup -Name (New-TestName forced)).Name
        $version = New-IrisVersion $group
        # Run in a non-interactive child: a prompt there would fail the command.
        $output = Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; Remove-MRModelVersion -Arn '$($version.Arn)' -Force -WhatIf:`$false -EndpointUrl '$($registry.EndpointUrl)' -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111 -ErrorAction Stop; 'removed'"
        $output | Should -Contain 'removed'
        Get-MRModelVersion -Arn $version.Arn -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'keeps the version under -WhatIf even with -Force' {
        $group = (New-MRModelGroup -Name (New-TestName keep)).Name
        $version = New-IrisVersion $group
        $version | Remove-MRModelVersion -Force -WhatIf
        (Get-MRModelVersion -Arn $version.Arn).Arn | Should -Be $version.Arn
    }
}

Describe 'Get-MRModelVersion over 250 versions' {
    BeforeAll {
        $group = (New-MRModelGroup -Name (New-TestName many)).Name
        $created = 1..250 | ForEach-Object { New-IrisVersion $group }
    }

    It 'lists all 250 across pages, once each' {
        $listed = Get-MRModelVersion -GroupName $group
        $listed.Count | Should -Be 250
        ($listed.Arn | Sort-Object -Unique).Count | Should -Be 250
        $listed[0] | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersionSummary])
    }

    It 'sorts by creation time in both directions' {
        (Get-MRModelVersion -GroupName $group -SortBy CreationTime -SortOrder Ascending -First 3).Version | Should -Be @(1, 2, 3)
        (Get-MRModelVersion -GroupName $group -SortBy CreationTime -SortOrder Descending -First 3).Version | Should -Be @(250, 249, 248)
    }

    It 'pages with -Skip and -First and counts with -IncludeTotalCount' {
        $page = Get-MRModelVersion -GroupName $group -SortBy CreationTime -SortOrder Ascending -Skip 120 -First 5
        $page.Version | Should -Be @(121, 122, 123, 124, 125)
        # The total is known once the listing has streamed by, so it comes last.
        $counted = Get-MRModelVersion -GroupName $group -First 1 -IncludeTotalCount
        $counted.Count | Should -Be 2
        $counted[0].Version | Should -Be 1
        $counted[-1].ToString() | Should -Match '\b250\b'
    }

    It 'gets chosen versions by number' {
        (Get-MRModelVersion -GroupName $group -Version 7, 200 -SortBy CreationTime -SortOrder Ascending).Version | Should -Be @(7, 200)
    }

    It 'adds artifact locations with -Detailed, from one batched describe per 100 versions' {
        $detailed = Measure-ServerCall $registry.EndpointUrl { Get-MRModelVersion -GroupName $group -Detailed }
        $detailed.Output.Count | Should -Be 250
        ($detailed.Output | Where-Object { $_.InferenceSpecification.Containers[0].ModelDataUrl -eq 's3://my-bucket/model.tar.gz' }).Count | Should -Be 250
        $detailed.Calls['ListModelPackages'] | Should -Be 3
        $detailed.Calls['BatchDescribeModelPackage'] | Should -Be 3
        $detailed.Calls.Keys | Should -Not -Contain 'DescribeModelPackage'
    }

    It 'stops listing at the first page when -First is satisfied' {
        $first = Measure-ServerCall $registry.EndpointUrl { Get-MRModelVersion -GroupName $group -First 3 }
        $first.Output.Count | Should -Be 3
        $first.Calls['ListModelPackages'] | Should -Be 1
        $detailedFirst = Measure-ServerCall $registry.EndpointUrl { Get-MRModelVersion -GroupName $group -Detailed -First 3 }
        $detailedFirst.Calls['ListModelPackages'] | Should -Be 1
        $detailedFirst.Calls['BatchDescribeModelPackage'] | Should -Be 1
    }

    It 'gets a single version with its full description' {
        $single = Get-MRModelVersion -Arn $created[41].Arn
        $single | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersion])
        $single.Version | Should -Be 42
        $single.Description | Should -Be $irisDescription
    }
}

Describe 'Approve-, Deny-, Set- and Remove-MRModelVersion as their help describes them' {
    BeforeAll { $group = (New-MRModelGroup -Name (New-TestName decide)).Name }

    It 'returns nothing without -PassThru, and one more describe with it' {
        $version = New-IrisVersion $group
        $quiet = Measure-ServerCall $registry.EndpointUrl { Approve-MRModelVersion -Arn $version.Arn -Reason first }
        $quiet.Output | Should -BeNullOrEmpty
        $quiet.Calls.Keys | Should -Not -Contain 'DescribeModelPackage'
        $passed = Measure-ServerCall $registry.EndpointUrl { Deny-MRModelVersion -Arn $version.Arn -Reason second -PassThru }
        $passed.Output.ApprovalStatus | Should -Be 'Rejected'
        $passed.Calls['DescribeModelPackage'] | Should -Be 1
    }

    It 'approves an approved version again with a new description, and leaves the description alone without -Reason' {
        $version = New-IrisVersion $group
        Approve-MRModelVersion -Arn $version.Arn -Reason 'first review'
        (Approve-MRModelVersion -Arn $version.Arn -Reason 'second review' -PassThru).ApprovalDescription | Should -Be 'second review'
        $rejected = Deny-MRModelVersion -Arn $version.Arn -PassThru
        $rejected.ApprovalStatus | Should -Be 'Rejected'
        $rejected.ApprovalDescription | Should -Be 'second review'
        (Approve-MRModelVersion -Arn $version.Arn -PassThru).ApprovalDescription | Should -Be 'second review'
    }

    It 'finds the ARN of -Version from the group in one DescribeModelPackageGroup call, without listing' {
        $own = (New-MRModelGroup -Name (New-TestName bynumber)).Name
        $version = New-IrisVersion $own
        $found = Measure-ServerCall $registry.EndpointUrl { Approve-MRModelVersion -GroupName $own -Version $version.Version -Reason ok }
        $found.Calls['DescribeModelPackageGroup'] | Should -Be 1
        $found.Calls.Keys | Should -Not -Contain 'ListModelPackages'
        (Get-MRModelVersion -Arn $version.Arn).ApprovalStatus | Should -Be 'Approved'
    }

    It 'refuses a model group ARN on <Command> with NotAModelVersionArn, sending nothing' -ForEach @(
        @{ Command = 'Deny-MRModelVersion'; Extra = @{} }
        @{ Command = 'Set-MRModelVersion'; Extra = @{ Metadata = @{ k = 'v' } } }
        @{ Command = 'Remove-MRModelVersion'; Extra = @{ Force = $true } }
        @{ Command = 'Wait-MRModelVersion'; Extra = @{ Timeout = 5 } }
    ) {
        $groupArn = (Get-MRModelGroup -Name $group).Arn
        $refused = Measure-ServerCall $registry.EndpointUrl { & $Command -Arn $groupArn @Extra -ErrorAction Continue 2>&1 }
        $failure = @($refused.Output)
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'NotAModelVersionArn,*'
        $refused.Calls.Count | Should -Be 0
    }

    It 'writes ValidationException (ObjectNotFound) for a version that does not exist and goes on with the next piped one' {
        $version = New-IrisVersion $group
        $missing = "arn:aws:sagemaker:us-east-1:111111111111:model-package/$group/9999"
        $missing, $version.Arn | Approve-MRModelVersion -Reason ok -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'ValidationException,ModelRegistry.PowerShell.Commands.ApproveMRModelVersionCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-MRModelVersion -Arn $version.Arn).ApprovalStatus | Should -Be 'Approved'
        $missing, $version.Arn | Remove-MRModelVersion -Force -ErrorVariable removeFailure -ErrorAction SilentlyContinue
        $removeFailure[0].FullyQualifiedErrorId | Should -BeLike 'ValidationException,*'
        Get-MRModelVersion -Arn $version.Arn -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-MRModelVersion -Arn $missing -ErrorVariable getFailure -ErrorAction SilentlyContinue
        $getFailure[0].FullyQualifiedErrorId | Should -BeLike 'ValidationException,*'
        $getFailure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'prints the What if lines the examples show' {
        $own = (New-MRModelGroup -Name (New-TestName whatiftext)).Name
        $version = New-IrisVersion $own
        $connection = "-EndpointUrl '$($registry.EndpointUrl)' -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111"
        $json = (@{ ModelPackageGroupName = $own; InferenceSpecification = @{ Containers = @(@{ Image = $irisImage }) } } | ConvertTo-Json -Depth 5 -Compress) -replace "'", "''"
        $lines = Invoke-ChildPwsh ("Import-Module '$(Get-ModuleUnderTest)'; " +
            "Approve-MRModelVersion -Arn '$($version.Arn)' -Reason ok -WhatIf $connection; " +
            "Set-MRModelVersion -Arn '$($version.Arn)' -Metadata @{ deprecated = 'true' } -WhatIf $connection; " +
            "Remove-MRModelVersion -Arn '$($version.Arn)' -Force -WhatIf $connection; " +
            "Remove-MRModelGroup -Name '$own' -Force -WhatIf $connection; " +
            "'churn-models', 'fraud-models' | New-MRModelGroup -WhatIf $connection; " +
            "New-MRModelVersion -InputJson '$json' -WhatIf $connection")
        $lines | Should -Contain "What if: Performing the operation `"Approve model version`" on target `"$($version.Arn)`"."
        $lines | Should -Contain "What if: Performing the operation `"Set Metadata`" on target `"$($version.Arn)`"."
        $lines | Should -Contain "What if: Performing the operation `"Remove model version`" on target `"$($version.Arn)`"."
        $lines | Should -Contain "What if: Performing the operation `"Remove model group`" on target `"$own`"."
        $lines | Should -Contain 'What if: Performing the operation "Create model group" on target "churn-models".'
        $lines | Should -Contain 'What if: Performing the operation "Create model group" on target "fraud-models".'
        $lines | Should -Contain "What if: Performing the operation `"Register a model version with 1 container(s)`" on target `"$own`"."
        (Get-MRModelVersion -Arn $version.Arn).ApprovalStatus | Should -Be 'PendingManualApproval'
        Get-MRModelGroup -Name churn-models -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'still builds the request under -WhatIf, so malformed -InputJson fails' {
        { New-MRModelVersion -InputJson '{"ModelPackageGroupName": ' -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
    }

    It 'withdraws the newest approval through the pipeline (Set example 3)' {
        $own = (New-MRModelGroup -Name (New-TestName withdraw)).Name
        $older, $newer = 1..2 | ForEach-Object { New-IrisVersion $own @{ ApprovalStatus = 'Approved' } }
        $withdrawn = Get-MRModelVersion -GroupName $own -ApprovalStatus Approved -Latest |
            Set-MRModelVersion -ApprovalStatus PendingManualApproval -ApprovalDescription 'Re-review after data drift alert' -PassThru
        $withdrawn.Arn | Should -Be $newer.Arn
        $withdrawn.ApprovalStatus | Should -Be 'PendingManualApproval'
        $withdrawn.ApprovalDescription | Should -Be 'Re-review after data drift alert'
        (Get-MRModelVersion -Arn $older.Arn).ApprovalStatus | Should -Be 'Approved'
    }

    It 'replaces the lifecycle whole: a -StageDescription not given is removed' {
        $version = New-IrisVersion $group @{ Stage = 'Development'; StageStatus = 'InProgress'; StageDescription = 'first run' }
        $changed = Set-MRModelVersion -Arn $version.Arn -Stage Staging -StageStatus InProgress -PassThru
        $changed.LifeCycle.Stage | Should -Be 'Staging'
        $changed.LifeCycle.StageDescription | Should -BeNullOrEmpty
    }

    It 'refuses -Stage without -StageStatus before sending' {
        $version = New-IrisVersion $group
        $refused = Measure-ServerCall $registry.EndpointUrl { Set-MRModelVersion -Arn $version.Arn -Stage Staging -ErrorAction Continue 2>&1 }
        $failure = @($refused.Output)
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.required,*'
        $failure[0].Exception.Message | Should -BeLike '-StageStatus:*'
        $refused.Calls.Keys | Should -Not -Contain 'UpdateModelPackage'
    }
}

Describe 'Get-MRModelVersion as its help describes it' {
    BeforeAll {
        $group = New-MRModelGroup -Name (New-TestName listing)
        $versions = foreach ($status in 'Approved', 'PendingManualApproval', 'Approved', 'Rejected') {
            New-IrisVersion $group.Name @{ ApprovalStatus = $status }
            # Distinct creation times, so a time filter has a version on each side of it.
            Start-Sleep -Milliseconds 20
        }
    }

    It 'lists the group given by its ARN as -Arn, and a version''s string form is its ARN' {
        (Get-MRModelVersion -Arn $group.Arn).Arn | Should -Be $versions.Arn
        "$($versions[0])" | Should -Be $versions[0].Arn
    }

    It 'filters by -ApprovalStatus' {
        (Get-MRModelVersion -GroupName $group.Name -ApprovalStatus Approved).Arn | Should -Be @($versions[0].Arn, $versions[2].Arn)
        (Get-MRModelVersion -GroupName $group.Name -ApprovalStatus Rejected).Arn | Should -Be @($versions[3].Arn)
    }

    It 'filters by -CreatedAfter and -CreatedBefore, taking local times as the same instant in UTC' {
        $after = Get-MRModelVersion -GroupName $group.Name -CreatedAfter $versions[1].CreationTime
        $after.Arn | Should -Be @($versions[2].Arn, $versions[3].Arn)
        (Get-MRModelVersion -GroupName $group.Name -CreatedAfter $versions[1].CreationTime.ToLocalTime()).Arn | Should -Be $after.Arn
        (Get-MRModelVersion -GroupName $group.Name -CreatedBefore $versions[1].CreationTime.ToLocalTime()).Arn | Should -Be @($versions[0].Arn)
        (Get-MRModelVersion -GroupName $group.Name -CreatedAfter $versions[0].CreationTime -CreatedBefore $versions[3].CreationTime).Arn |
            Should -Be @($versions[1].Arn, $versions[2].Arn)
    }

    It 'takes -Latest as the newest, whatever -SortBy and -SortOrder say' {
        (Get-MRModelVersion -GroupName $group.Name -Latest -SortBy CreationTime -SortOrder Ascending).Arn | Should -Be $versions[3].Arn
    }

    It 'returns nothing for -ApprovalStatus Approved -Latest when no version is approved' {
        $pending = (New-MRModelGroup -Name (New-TestName pending)).Name
        $null = New-IrisVersion $pending
        Get-MRModelVersion -GroupName $pending -ApprovalStatus Approved -Latest -ErrorVariable failure | Should -BeNullOrEmpty
        $failure | Should -BeNullOrEmpty
    }

    It 'writes FilterNeedsGroup for a version ARN with -Latest and goes on with the next piped item' {
        $found = $versions[0].Arn, $group.Name | Get-MRModelVersion -Latest -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'FilterNeedsGroup,ModelRegistry.PowerShell.Commands.GetMRModelVersionCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure[0].TargetObject | Should -Be $versions[0].Arn
        $found.Arn | Should -Be $versions[3].Arn
    }
}

Describe 'New-MRInferenceContainer and New-MRModelVersion inputs as their help describes them' {
    BeforeAll { $group = New-MRModelGroup -Name (New-TestName inputs) -Description 'the group''s own description' }

    It 'builds containers from CSV rows by property name, in file order' {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) "$(New-TestName containers).csv"
        try {
            @(
                [pscustomobject]@{ Image = "$irisImage-pre"; ModelDataUrl = 's3://my-bucket/pre.tar.gz'; Framework = 'SKLEARN'; FrameworkVersion = '1.2'; NearestModelName = 'sklearn'; ContainerHostname = 'pre' }
                [pscustomobject]@{ Image = $irisImage; ModelDataUrl = 's3://my-bucket/model.tar.gz'; Framework = 'XGBOOST'; FrameworkVersion = '1.2'; NearestModelName = 'xgboost'; ContainerHostname = 'model' }
            ) | Export-Csv $path
            $version = Import-Csv $path | New-MRInferenceContainer | New-MRModelVersion -GroupName $group.Name
            $containers = (Get-MRModelVersion -Arn $version.Arn).InferenceSpecification.Containers
            $containers.Image | Should -Be @("$irisImage-pre", $irisImage)
            $containers.ContainerHostname | Should -Be @('pre', 'model')
            $containers.NearestModelName | Should -Be @('sklearn', 'xgboost')
            $containers.Framework | Should -Be @('SKLEARN', 'XGBOOST')
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }

    It 'takes -Image and -ModelDataUrl by position, and converts environment values to strings' {
        $container = New-MRInferenceContainer $irisImage s3://my-bucket/model.tar.gz -Environment @{ WORKERS = 4 }
        $container.Image | Should -Be $irisImage
        $container.ModelDataUrl | Should -Be 's3://my-bucket/model.tar.gz'
        $container.Environment['WORKERS'] | Should -Be '4'
    }

    It 'refuses an empty -Environment key with InvalidParameter, and a sixteenth container naming -Container before sending' {
        { New-MRInferenceContainer -Image $irisImage -Environment @{ '' = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
        $containers = 1..16 | ForEach-Object { New-MRInferenceContainer -Image "$irisImage-$_" }
        $refused = Measure-ServerCall $registry.EndpointUrl { New-MRModelVersion -GroupName $group.Name -Container $containers -ErrorAction Continue 2>&1 }
        $failure = @($refused.Output)
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.max,*'
        $failure[0].Exception.Message | Should -BeLike '-Container:*'
        $refused.Calls.Keys | Should -Not -Contain 'CreateModelPackage'
    }

    It 'takes a piped group by its name, never its description' {
        $version = Get-MRModelGroup -Name $group.Name | New-MRModelVersion -Image $irisImage
        $version.GroupName | Should -Be $group.Name
        $version.Description | Should -BeNullOrEmpty
    }

    It 'lets -ClientToken replace the ClientToken of -InputJson' {
        $json = @{ ModelPackageGroupName = $group.Name; ClientToken = 'token-in-the-json'; InferenceSpecification = @{ Containers = @(@{ Image = $irisImage }) } } | ConvertTo-Json -Depth 5
        $first = New-MRModelVersion -InputJson $json
        $replaced = New-MRModelVersion -InputJson $json -ClientToken (New-TestName replaced)
        $replaced.Arn | Should -Not -Be $first.Arn
        (New-MRModelVersion -InputJson $json).Arn | Should -Be $first.Arn
    }

    It 'registers into another account''s group whose policy allows only CreateModelPackage: the version from what was sent, with a warning' {
        $central = New-MRModelGroup -Name (New-TestName central)
        $null = Set-MRGroupPolicy -Name $central.Name -AllowAccount 222222222222 -Action sagemaker:CreateModelPackage
        $training = $registry.Account('training').Credential
        $version = New-MRModelVersion -GroupName $central.Arn -Image $irisImage -ModelDataUrl s3://training-bucket/model.tar.gz -Credential $training `
            -ErrorVariable failure -WarningVariable warned -WarningAction SilentlyContinue
        $failure | Should -BeNullOrEmpty
        $version.Arn | Should -Be "$($central.Arn -replace 'model-package-group', 'model-package')/1"
        $version.Version | Should -Be 1
        $version.Status | Should -BeNullOrEmpty
        $version.InferenceSpecification.Containers[0].ModelDataUrl | Should -Be 's3://training-bucket/model.tar.gz'
        "$warned" | Should -BeLike '*may not describe*'
        (Get-MRModelVersion -GroupName $central.Name).Arn | Should -Be @($version.Arn)
    }
}

Describe 'Commands fed by a model version cmdlet' {
    BeforeAll { $group = (New-MRModelGroup -Name (New-TestName fed)).Name }

    It 'run under the caller''s synchronization context' {
        # The cmdlets resume their own work on the pipeline thread through a context of their own; a script they
        # feed that blocks on a task resuming on the current context would wait forever under that one.
        $caller = "$([System.Threading.SynchronizationContext]::Current)"
        New-IrisVersion $group | ForEach-Object { "$([System.Threading.SynchronizationContext]::Current)" } | Should -Be $caller
        $null = New-IrisVersion $group
        $listed = @(Get-MRModelVersion -GroupName $group | ForEach-Object { "$([System.Threading.SynchronizationContext]::Current)" })
        $listed | Should -Be @($caller, $caller)
    }
}

Describe 'Scripts a model version cmdlet runs on its input' {
    BeforeAll { $group = (New-MRModelGroup -Name (New-TestName scripted)).Name }

    It 'reads the script properties of -InputObject under the caller''s synchronization context' {
        # A script property that blocks on a task resuming on the current context would wait forever under the
        # cmdlet's own context, whose queue only the blocked pipeline thread runs (Ctrl+C cannot end that wait).
        $caller = "[$([System.Threading.SynchronizationContext]::Current)]"
        $seen = [System.Collections.Generic.List[string]]::new()
        $name = $group
        $registration = [pscustomobject]@{ InferenceSpecification = @{ Containers = @(@{ Image = $irisImage }) } }
        $registration | Add-Member ScriptProperty ModelPackageGroupName { $seen.Add("[$([System.Threading.SynchronizationContext]::Current)]"); $name }.GetNewClosure()
        (New-MRModelVersion -InputObject $registration).GroupName | Should -Be $group
        @($seen | Select-Object -Unique) | Should -Be @($caller)
    }
}
