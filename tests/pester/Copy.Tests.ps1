# Copy-MRModelVersion: promotion from the local registry's training account (the dev registry) to its
# registry account (prod), and across two regions of one account.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    # The session default is the registry account (the destination); the dev account is passed explicitly.
    $registry = Start-MRLocalRegistry -PassThru
    $dev = $registry.Account('training')
    $prod = $registry.Account('registry')
    $none = [System.Threading.CancellationToken]::None

    $devConnection = [ModelRegistry.Core.Client.AwsConnection]::new($dev.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl)
    $ecr = [ModelRegistry.Core.Client.EcrClient]::new($devConnection)
    $s3 = [ModelRegistry.Core.Client.AwsClientFactory]::CreateS3Client($devConnection)

    # A repository and a bucket in the dev account; with -ReadableBy their policies let that account pull and read.
    function New-DevArtifacts([string] $ReadableBy) {
        $name = New-TestName art
        $repository = Wait-Task $ecr.CreateRepositoryAsync($name, $null, $none)
        $null = Wait-Task $s3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = $name }, $none)
        if ($ReadableBy) {
            $principal = @{ AWS = "arn:aws:iam::$($ReadableBy):root" }
            $repositoryPolicy = @{ Version = '2012-10-17'; Statement = @(@{ Sid = 'ProdPulls'; Effect = 'Allow'; Principal = $principal; Action = @('ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'); Resource = $repository.Arn }) }
            $null = Wait-Task $ecr.SetRepositoryPolicyAsync($name, ($repositoryPolicy | ConvertTo-Json -Depth 5), $false, [NullString]::Value, $none)
            $bucketPolicy = @{ Version = '2012-10-17'; Statement = @(@{ Sid = 'ProdReads'; Effect = 'Allow'; Principal = $principal; Action = 's3:GetObject'; Resource = "arn:aws:s3:::$name/*" }) }
            $null = Wait-Task $s3.PutBucketPolicyAsync([Amazon.S3.Model.PutBucketPolicyRequest]@{ BucketName = $name; Policy = ($bucketPolicy | ConvertTo-Json -Depth 5) }, $none)
        }
        [pscustomobject]@{ Image = "$($dev.AccountId).dkr.ecr.us-east-1.amazonaws.com/$($name):1.0"; ModelDataUrl = "s3://$name/fraud/model.tar.gz"; Name = $name }
    }

    # A dev version with every member a copy carries.
    function New-DevVersion($Artifacts, [string] $Group) {
        $metric = New-MRModelMetric -Kind ModelQualityStatistics -S3Uri "s3://$($Artifacts.Name)/fraud/quality.json"
        New-MRModelVersion -GroupName $Group -Image $Artifacts.Image -ModelDataUrl $Artifacts.ModelDataUrl -ContentType text/csv -ResponseContentType text/csv `
            -Description 'XGBoost, AUC 0.94' -Domain MACHINE_LEARNING -Task CLASSIFICATION -SamplePayloadUrl "s3://$($Artifacts.Name)/fraud/sample.tar.gz" `
            -ModelMetric $metric -Metadata @{ team = 'fraud'; dataset = '2026-11' } -CommitId ffac537e -Repository https://github.com/octo-org/fraud-model `
            -GeneratedBy https://github.com/octo-org/fraud-model/actions/runs/1 -Stage Staging -StageStatus Approved -StageDescription 'shadow tests passed' `
            -ApprovalStatus Approved -Credential $dev.Credential
    }

    function Assert-Copied($Source, $Copy) {
        $sourceJson = $Source.ToJson()
        $described = Get-MRModelVersion -Arn $Copy.Arn
        $copied = $described.ToJson()
        foreach ($member in [ModelRegistry.Core.Workflow.ModelVersionCopy]::CopiedMembers) {
            $sourceJson[$member] | Should -Not -BeNullOrEmpty -Because "the source has $member"
            $copied[$member].ToJsonString() | Should -Be $sourceJson[$member].ToJsonString() -Because $member
        }
        $described.SourceUri | Should -Be $Source.Arn
    }

    $devGroup = (New-MRModelGroup -Name (New-TestName fraud-dev) -Credential $dev.Credential).Name
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Copy-MRModelVersion across accounts' {
    BeforeAll {
        $artifacts = New-DevArtifacts -ReadableBy $prod.AccountId
        $source = New-DevVersion $artifacts $devGroup
        $prodGroup = New-MRModelGroup -Name (New-TestName fraud-prod)
    }

    It 'registers a copy equal to the source in every copied member, pending approval, with the source ARN' {
        $copy = Copy-MRModelVersion -SourceArn $source.Arn -SourceCredential $dev.Credential -DestinationGroupName $prodGroup.Name
        $copy | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersion])
        $copy.Arn | Should -BeLike "arn:aws:sagemaker:us-east-1:$($prod.AccountId):model-package/$($prodGroup.Name)/1"
        $copy.ApprovalStatus | Should -Be 'PendingManualApproval'
        $copy.SourceUri | Should -Be $source.Arn
        Assert-Copied $source $copy
    }

    It 'returns the same version when rerun, by name or ARN, piped or not' {
        $first = Copy-MRModelVersion -SourceArn $source.Arn -SourceCredential $dev.Credential -DestinationGroupName $prodGroup.Name
        $again = Get-MRModelVersion -GroupName $devGroup -Credential $dev.Credential | Copy-MRModelVersion -SourceCredential $dev.Credential -DestinationGroupName $prodGroup.Arn
        $again.Arn | Should -Be $first.Arn
        @(Get-MRModelVersion -GroupName $prodGroup.Name).Count | Should -Be 1
    }

    It 'sets -ApprovalStatus on the copy, checking images and artifacts but no KMS key' {
        $approvedGroup = New-MRModelGroup -Name (New-TestName fraud-prod)
        $measured = Measure-ServerCall $registry.EndpointUrl {
            Copy-MRModelVersion -SourceArn $source.Arn -SourceCredential $dev.Credential -DestinationGroupName $approvedGroup.Name -ApprovalStatus Approved
        }
        $measured.Output.ApprovalStatus | Should -Be 'Approved'
        $measured.Calls.Keys | Should -Contain 'GetRepositoryPolicy'
        $measured.Calls.Keys | Should -Contain 'GetBucketPolicy'
        @($measured.Calls.Keys | Where-Object { $_ -match 'Key|Grant' }) | Should -BeNullOrEmpty
        { Copy-MRModelVersion -SourceArn $source.Arn -DestinationGroupName $approvedGroup.Name -ApprovalStatus Maybe } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ModelRegistry.PowerShell.Commands.CopyMRModelVersionCommand'
    }

    It 'shows under -WhatIf what would be registered, asks under -Confirm, and registers nothing' {
        $whatIfGroup = New-MRModelGroup -Name (New-TestName fraud-prod)
        # What-if text goes to the host, so a child pwsh's output is what a user sees; the source is a named profile there.
        $profiles = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName credentials)
        Set-Content $profiles "[dev]`naws_access_key_id = $($dev.AccessKeyId)`naws_secret_access_key = $($dev.SecretAccessKey)`n"
        $output = (Invoke-ChildPwsh @"
`$env:AWS_SHARED_CREDENTIALS_FILE = '$profiles'
Import-Module '$(Get-ModuleUnderTest)'
Copy-MRModelVersion -SourceArn '$($source.Arn)' -SourceProfileName dev -DestinationGroupName '$($whatIfGroup.Name)' -WhatIf ``
    -EndpointUrl '$($registry.EndpointUrl)' -AccessKey '$($prod.AccessKeyId)' -SecretKey '$($prod.SecretAccessKey)' -Region us-east-1
# -Confirm asks before registering: in this non-interactive session the question itself fails the copy.
try {
    Copy-MRModelVersion -SourceArn '$($source.Arn)' -SourceProfileName dev -DestinationGroupName '$($whatIfGroup.Name)' -Confirm -ErrorAction Stop ``
        -EndpointUrl '$($registry.EndpointUrl)' -AccessKey '$($prod.AccessKeyId)' -SecretKey '$($prod.SecretAccessKey)' -Region us-east-1
    'registered'
}
catch { 'asked' }
"@ 2>&1) -join "`n"
        Remove-Item $profiles
        $output | Should -Match ([regex]::Escape("What if: Register a copy of $($source.Arn): $($whatIfGroup.Arn)"))
        $output | Should -Match ([regex]::Escape("""SourceUri"": ""$($source.Arn)"""))
        $output | Should -Match ([regex]::Escape($artifacts.Image))
        $output | Should -Match 'asked$'
        @(Get-MRModelVersion -GroupName $whatIfGroup.Name).Count | Should -Be 0
    }

    It 'refuses a destination group that does not exist, saying so, and does not create it' {
        $missing = New-TestName nowhere
        $failure = { Copy-MRModelVersion -SourceArn $source.Arn -SourceCredential $dev.Credential -DestinationGroupName $missing -ErrorAction Stop } |
            Should -Throw -ErrorId 'DestinationGroupNotFound,*' -ExpectedMessage "-DestinationGroupName: the model group '$missing' does not exist in the destination (region us-east-1)*" -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-MRModelGroup -Name $missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a model group ARN as -SourceArn with NotAModelVersionArn' {
        { Copy-MRModelVersion -SourceArn "arn:aws:sagemaker:us-east-1:$($dev.AccountId):model-package-group/$devGroup" -SourceCredential $dev.Credential -DestinationGroupName $prodGroup.Name -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAModelVersionArn,*'
    }

    It 'keeps the AWS error code when the source cannot be described' {
        # The dev group has no policy: the destination's credentials may not describe its versions.
        { Copy-MRModelVersion -SourceArn $source.Arn -DestinationGroupName $prodGroup.Name -ErrorAction Stop } | Should -Throw -ErrorId 'AccessDeniedException,*'
    }

    It 'is refused with ConflictException when rerun after the source changed, and registers nothing more' {
        $target = New-MRModelGroup -Name (New-TestName fraud-prod)
        $changing = New-DevVersion $artifacts $devGroup
        $null = Copy-MRModelVersion -SourceArn $changing.Arn -SourceCredential $dev.Credential -DestinationGroupName $target.Name
        $null = Set-MRModelVersion -Arn $changing.Arn -Metadata @{ team = 'risk' } -Credential $dev.Credential
        { Copy-MRModelVersion -SourceArn $changing.Arn -SourceCredential $dev.Credential -DestinationGroupName $target.Name -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConflictException,*'
        @(Get-MRModelVersion -GroupName $target.Name).Count | Should -Be 1
    }

    It 'reads -SourceProfileName, like -ProfileName, from -ProfileLocation when given (as help example 1 names both profiles)' {
        $profiles = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName credentials)
        Set-Content $profiles ("[dev]`naws_access_key_id = $($dev.AccessKeyId)`naws_secret_access_key = $($dev.SecretAccessKey)`n" +
            "[prod]`naws_access_key_id = $($prod.AccessKeyId)`naws_secret_access_key = $($prod.SecretAccessKey)`n")
        try {
            $target = New-MRModelGroup -Name (New-TestName fraud-prod)
            $copy = Get-MRModelVersion -Arn $source.Arn -Credential $dev.Credential |
                Copy-MRModelVersion -SourceProfileName dev -DestinationGroupName $target.Name -ProfileName prod -ProfileLocation $profiles
            $copy.SourceUri | Should -Be $source.Arn
            $copy.Arn | Should -BeLike "arn:aws:sagemaker:us-east-1:$($prod.AccountId):model-package/$($target.Name)/1"
        }
        finally { Remove-Item $profiles }
    }

    It 'reads -SourceProfileName alone from -ProfileLocation, the destination using the session''s credentials' {
        $profiles = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName credentials)
        Set-Content $profiles "[dev]`naws_access_key_id = $($dev.AccessKeyId)`naws_secret_access_key = $($dev.SecretAccessKey)`n"
        try {
            $target = New-MRModelGroup -Name (New-TestName fraud-prod)
            $copy = Copy-MRModelVersion -SourceArn $source.Arn -SourceProfileName dev -ProfileLocation $profiles -DestinationGroupName $target.Name -ErrorAction Stop
            $copy.SourceUri | Should -Be $source.Arn
            $copy.Arn | Should -BeLike "arn:aws:sagemaker:us-east-1:$($prod.AccountId):model-package/$($target.Name)/1"
        }
        finally { Remove-Item $profiles }
    }

    It 'says which grant is missing when prod cannot read the image and artifacts, and copies with -SkipAccessCheck' {
        $private = New-DevArtifacts
        $privateSource = New-DevVersion $private $devGroup
        $target = New-MRModelGroup -Name (New-TestName fraud-prod)
        $failure = $null
        try { Copy-MRModelVersion -SourceArn $privateSource.Arn -SourceCredential $dev.Credential -DestinationGroupName $target.Name -ErrorAction Stop }
        catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'SourceNotReadable,*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $repositoryArn = "arn:aws:ecr:us-east-1:$($dev.AccountId):repository/$($private.Name)"
        $failure.Exception.Message | Should -BeLike "Account $($prod.AccountId) could not deploy the copy of $($privateSource.Arn): it lacks ecr:BatchGetImage on $repositoryArn*"
        $failure.Exception.Message | Should -BeLike "*s3:GetObject on arn:aws:s3:::$($private.Name)/fraud/model.tar.gz*"
        $failure.Exception.Message | Should -BeLike "*Grant-MRCrossAccountAccess -RegistryAccountId $($prod.AccountId) -TrainingAccountId $($dev.AccountId) -RepositoryName '$($private.Name)'*"
        @(Get-MRModelVersion -GroupName $target.Name).Count | Should -Be 0

        (Copy-MRModelVersion -SourceArn $privateSource.Arn -SourceCredential $dev.Credential -DestinationGroupName $target.Name -SkipAccessCheck).SourceUri | Should -Be $privateSource.Arn
    }

    It 'warns about what it could not check' {
        $elsewhere = New-DevArtifacts -ReadableBy $prod.AccountId
        $elsewhere.Image = "333333333333.dkr.ecr.us-east-1.amazonaws.com/shared:1"
        $foreignSource = New-DevVersion $elsewhere $devGroup
        $target = New-MRModelGroup -Name (New-TestName fraud-prod)
        $copy = Copy-MRModelVersion -SourceArn $foreignSource.Arn -SourceCredential $dev.Credential -DestinationGroupName $target.Name -WarningVariable warnings -WarningAction SilentlyContinue
        $copy | Should -Not -BeNullOrEmpty
        $warnings | Should -Be @("Not checked: 333333333333.dkr.ecr.us-east-1.amazonaws.com/shared:1: its repository belongs to account 333333333333, not to the source account $($dev.AccountId)")
    }
    It 'reads the source with the destination''s credentials when the source group''s policy allows it, warning what those cannot check' {
        $sharedGroup = (New-MRModelGroup -Name (New-TestName fraud-dev) -Credential $dev.Credential).Name
        $null = Set-MRGroupPolicy -Name $sharedGroup -AllowAccount $prod.AccountId -Action sagemaker:DescribeModelPackage -Credential $dev.Credential
        $shared = New-DevVersion (New-DevArtifacts -ReadableBy $prod.AccountId) $sharedGroup
        $target = New-MRModelGroup -Name (New-TestName fraud-prod)
        $copy = Copy-MRModelVersion -SourceArn $shared.Arn -DestinationGroupName $target.Name -WarningVariable warnings -WarningAction SilentlyContinue
        $copy.SourceUri | Should -Be $shared.Arn
        Assert-Copied $shared $copy
        $warnings.Count | Should -Be 2
        $warnings[0] | Should -BeLike "Not checked: $($dev.AccountId).dkr.ecr.*: the policy of arn:aws:ecr:us-east-1:$($dev.AccountId):repository/* could not be read (AccessDeniedException:*"
        $warnings[1] | Should -BeLike 'Not checked: s3://*: the policy of arn:aws:s3:::* could not be read (AccessDenied:*'
    }
}

Describe 'Copy-MRModelVersion across regions' {
    It 'copies a us-west-2 version to a us-east-1 group of the same account, once' {
        $westGroup = (New-MRModelGroup -Name (New-TestName fraud-west) -Region us-west-2).Name
        $artifacts = [pscustomobject]@{ Image = "$($prod.AccountId).dkr.ecr.us-west-2.amazonaws.com/fraud:1"; ModelDataUrl = 's3://west-models/fraud/model.tar.gz'; Name = 'west-models' }
        $metric = New-MRModelMetric -Kind ModelQualityStatistics -S3Uri 's3://west-models/fraud/quality.json'
        $source = New-MRModelVersion -GroupName $westGroup -Image $artifacts.Image -ModelDataUrl $artifacts.ModelDataUrl -Description 'west' -Domain MACHINE_LEARNING `
            -Task CLASSIFICATION -SamplePayloadUrl 's3://west-models/sample.tar.gz' -ModelMetric $metric -Metadata @{ team = 'fraud' } -CommitId abc `
            -Stage Production -StageStatus Approved -Region us-west-2
        $source.Arn | Should -BeLike 'arn:aws:sagemaker:us-west-2:*'
        $eastGroup = New-MRModelGroup -Name (New-TestName fraud-east)

        $copy = Copy-MRModelVersion -SourceArn $source.Arn -DestinationGroupName $eastGroup.Name
        $copy.Arn | Should -BeLike "arn:aws:sagemaker:us-east-1:$($prod.AccountId):model-package/$($eastGroup.Name)/1"
        Assert-Copied (Get-MRModelVersion -Arn $source.Arn -Region us-west-2) $copy
        (Copy-MRModelVersion -SourceArn $source.Arn -SourceRegion us-west-2 -DestinationGroupName $eastGroup.Name).Arn | Should -Be $copy.Arn
        @(Get-MRModelVersion -GroupName $eastGroup.Name).Count | Should -Be 1
    }

    It 'refuses a bad -SourceRegion before anything is asked or sent' {
        { Copy-MRModelVersion -SourceArn 'arn:aws:sagemaker:us-east-1:111111111111:model-package/g/1' -SourceRegion Mars -DestinationGroupName g -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRegion,*'
    }
}
