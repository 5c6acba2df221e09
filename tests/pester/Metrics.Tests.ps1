# Get-MRModelMetric, Compare-MRModelVersion, Assert-MRModelMetric and ConvertTo-MRMarkdown against the
# local registry: reports of each kind SageMaker writes, uploaded to its S3, read back as metrics.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
    $registryAccount = $registry.Account('registry')
    $trainingAccount = $registry.Account('training')
    $none = [System.Threading.CancellationToken]::None
    function New-S3Client($Account) {
        [ModelRegistry.Core.Client.AwsClientFactory]::CreateS3Client(
            [ModelRegistry.Core.Client.AwsConnection]::new($Account.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl))
    }
    $s3 = New-S3Client $registryAccount
    $bucket = New-TestName reports
    $null = Wait-Task $s3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = $bucket }, $none)

    # Uploads a report and returns its metric source; -Digest 'wrong' registers a digest of other bytes.
    function New-Report([string] $Kind, [string] $Json, [string] $Digest, $Client = $s3, [string] $Bucket = $bucket, [string] $Key = "reports/$(New-TestName r).json") {
        $null = Wait-Task $Client.PutObjectAsync([Amazon.S3.Model.PutObjectRequest]@{ BucketName = $Bucket; Key = $Key; ContentBody = $Json }, $none)
        $sha256 = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($(if ($Digest -eq 'wrong') { $Json + ' ' } else { $Json })))
        $arguments = @{ Kind = $Kind; S3Uri = "s3://$Bucket/$Key" }
        if ($Digest) { $arguments.ContentDigest = 'sha256:' + [Convert]::ToHexString($sha256).ToLowerInvariant() }
        New-MRModelMetric @arguments
    }

    function Get-BinaryQuality([double] $Accuracy, [double] $F1, [double] $Auc) {
        @"
{"version": 0.0, "dataset": {"item_count": 1000},
 "binary_classification_metrics": {"confusion_matrix": {"0": {"0": 500, "1": 20}, "1": {"0": 30, "1": 450}},
   "accuracy": {"value": $Accuracy, "standard_deviation": 0.003}, "f1": {"value": $F1, "standard_deviation": 0.004},
   "auc": {"value": $Auc, "standard_deviation": 0.001}}}
"@
    }

    $image = '111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud'
    $group = (New-MRModelGroup -Name (New-TestName metrics)).Name
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Get-MRModelMetric' {
    It 'reads each kind of report SageMaker writes, and an unknown JSON report by path' {
        $reports = @(
            New-Report ModelQualityStatistics (Get-BinaryQuality 0.95 0.9 0.98) -Digest right
            New-Report ModelQualityConstraints '{"version": 0.0, "binary_classification_constraints": {"f1": {"threshold": 0.85, "comparison_operator": "LessThanThreshold"}}}'
            New-Report ModelDataQualityStatistics '{"version": 0.0, "dataset": {"item_count": 200}, "features": [{"name": "age", "inferred_type": "Integral", "numerical_statistics": {"common": {"num_present": 198, "num_missing": 2}, "mean": 41.5, "std_dev": 12.1, "distribution": {"kll": {"buckets": []}}}}]}'
            New-Report ModelDataQualityConstraints '{"version": 0.0, "features": [{"name": "age", "inferred_type": "Integral", "completeness": 0.99}]}'
            New-Report BiasReport '{"version": "1.0", "post_training_bias_metrics": {"label": "fraud", "facets": {"Gender": [{"value_or_threshold": "0", "metrics": [{"name": "DPPL", "description": "Difference in positive proportions in predicted labels", "value": 0.02}]}]}}}'
            New-Report ExplainabilityReport '{"version": "1.0", "explanations": {"kernel_shap": {"label0": {"global_shap_values": {"age": 0.12, "amount": 0.31}, "expected_value": 0.4}}}}'
            New-Report BiasPreTrainingReport '{"team": "fraud", "holdout": {"lift": 3.2}}'
        )
        $version = New-MRModelVersion -GroupName $group -Image "$image`:1" -ModelMetric $reports
        $metrics = Get-MRModelMetric -Arn $version.Arn
        $value = @{}
        foreach ($metric in $metrics) { $value["$($metric.Report)/$($metric.Metric)"] = $metric }

        $accuracy = $value['ModelQualityStatistics/binary_classification_metrics.accuracy']
        $accuracy.Value | Should -Be 0.95
        $accuracy.StandardDeviation | Should -Be 0.003
        $accuracy.Version | Should -Be $version.Version
        $accuracy.VersionArn | Should -Be $version.Arn
        $accuracy.ReportUri | Should -Be $reports[0].Source.S3Uri
        $value['ModelQualityConstraints/binary_classification_constraints.f1.threshold'].Value | Should -Be 0.85
        $value['ModelDataQualityStatistics/features.age.numerical_statistics.mean'].Value | Should -Be 41.5
        $value['ModelDataQualityConstraints/features.age.completeness'].Value | Should -Be 0.99
        $value['BiasReport/post_training_bias_metrics.Gender=0.DPPL'].Value | Should -Be 0.02
        $value['ExplainabilityReport/explanations.kernel_shap.label0.global_shap_values.amount'].Value | Should -Be 0.31
        $value['BiasPreTrainingReport/holdout.lift'].Value | Should -Be 3.2
        $metrics.Metric | Should -Not -Contain 'binary_classification_metrics.confusion_matrix.0.1'
        @($metrics | Where-Object Metric -like '*distribution*').Count | Should -Be 0
    }

    It 'binds piped versions and -GroupName -Latest' {
        $version = New-MRModelVersion -GroupName $group -Image "$image`:2" -ModelMetric (New-Report ModelQualityStatistics '{"regression_metrics": {"rmse": {"value": 1.5}, "r2": {"value": 0.9}}}')
        (Get-MRModelVersion -Arn $version.Arn | Get-MRModelMetric).Metric | Should -Be @('regression_metrics.rmse', 'regression_metrics.r2')
        (Get-MRModelMetric -GroupName $group -Latest).VersionArn | Select-Object -Unique | Should -Be $version.Arn
    }

    It 'gives one error for a report whose digest does not match, or whose object is missing, and the other reports still' {
        $good = New-Report ModelQualityStatistics (Get-BinaryQuality 0.9 0.8 0.97) -Digest right
        $tampered = New-Report BiasReport '{"post_training_bias_metrics": {"facets": {}}}' -Digest wrong
        $missing = New-MRModelMetric -Kind ExplainabilityReport -S3Uri "s3://$bucket/reports/never-uploaded.json"
        $version = New-MRModelVersion -GroupName $group -Image "$image`:3" -ModelMetric $good, $tampered, $missing

        $metrics = Get-MRModelMetric -Arn $version.Arn -ErrorVariable failures -ErrorAction SilentlyContinue
        $metrics.Report | Select-Object -Unique | Should -Be 'ModelQualityStatistics'
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'MetricDigestMismatch,ModelRegistry.PowerShell.Commands.GetMRModelMetricCommand'
        $failures[0].TargetObject | Should -Be $tampered.Source.S3Uri
        $failures[0].Exception.Message | Should -BeLike "*does not match the version's ContentDigest*"
        $failures[1].FullyQualifiedErrorId | Should -Be 'NoSuchKey,ModelRegistry.PowerShell.Commands.GetMRModelMetricCommand'
        $failures[1].TargetObject | Should -Be $missing.Source.S3Uri
    }

    It 'warns about a version without reports' {
        $version = New-MRModelVersion -GroupName $group -Image "$image`:4"
        Get-MRModelMetric -Arn $version.Arn -WarningVariable warned -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$warned" | Should -BeLike '*has no metric reports*'
    }

    It 'reads a report in the training account''s bucket only after Grant-MRCrossAccountAccess' {
        $name = New-TestName xacct
        $training = [ModelRegistry.Core.Client.AwsConnection]::new($trainingAccount.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl)
        $trainingS3 = New-S3Client $trainingAccount
        $null = Wait-Task $trainingS3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = "$name-bucket" }, $none)
        $null = Wait-Task ([ModelRegistry.Core.Client.EcrClient]::new($training)).CreateRepositoryAsync("$name-repo", $null, $none)
        $key = (Wait-Task ([ModelRegistry.Core.Client.AwsClientFactory]::CreateKmsClient($training)).CreateKeyAsync([Amazon.KeyManagementService.Model.CreateKeyRequest]::new(), $none)).KeyMetadata
        $null = New-MRModelGroup -Name $name
        $report = New-Report ModelQualityStatistics (Get-BinaryQuality 0.93 0.88 0.97) -Client $trainingS3 -Bucket "$name-bucket" -Key 'models/quality.json'
        $version = New-MRModelVersion -GroupName $name -Image "$image`:5" -ModelMetric $report

        Get-MRModelMetric -Arn $version.Arn -ErrorVariable denied -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $denied[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,ModelRegistry.PowerShell.Commands.GetMRModelMetricCommand'
        $denied[0].TargetObject | Should -Be "s3://$name-bucket/models/quality.json"

        $null = Grant-MRCrossAccountAccess -RegistryAccountId $registryAccount.AccountId -TrainingAccountId $trainingAccount.AccountId -ModelGroupName $name `
            -RepositoryName "$name-repo" -BucketName "$name-bucket" -BucketPrefix 'models/' -KmsKeyId $key.Arn -TrainingCredential $trainingAccount.Credential -Confirm:$false
        (Get-MRModelMetric -Arn $version.Arn | Where-Object Metric -EQ 'binary_classification_metrics.accuracy').Value | Should -Be 0.93
    }
}

Describe 'Compare-MRModelVersion' {
    BeforeAll {
        $compared = (New-MRModelGroup -Name (New-TestName compare)).Name
        $approved = New-MRModelVersion -GroupName $compared -Image "$image`:5" -ContentType text/csv -Environment @{ MODE = 'fast' } -Metadata @{ team = 'fraud' } `
            -ModelMetric (New-Report ModelQualityStatistics (Get-BinaryQuality 0.90 0.85 0.95)) -ApprovalStatus Approved
        $candidate = New-MRModelVersion -GroupName $compared -Image "$image`:7" -ContentType text/csv, application/json -Environment @{ MODE = 'accurate' } -Metadata @{ team = 'fraud' } `
            -ModelMetric (New-Report ModelQualityStatistics (Get-BinaryQuality 0.92 0.80 0.95))
    }

    It 'compares with the newest approved version: better, worse and same per metric, and the members that differ' {
        $rows = Compare-MRModelVersion -GroupName $compared -DifferenceVersion $candidate.Version
        $byName = @{}
        foreach ($row in $rows) { $byName[$row.Name] = $row }
        $accuracy = $byName['binary_classification_metrics.accuracy']
        $accuracy.ReferenceArn | Should -Be $approved.Arn
        $accuracy.DifferenceArn | Should -Be $candidate.Arn
        $accuracy.ReferenceValue, $accuracy.DifferenceValue | Should -Be 0.90, 0.92
        [math]::Round($accuracy.Change, 6) | Should -Be 0.02
        $accuracy.Verdict | Should -Be 'Better'
        $byName['binary_classification_metrics.f1'].Verdict | Should -Be 'Worse'
        $byName['binary_classification_metrics.auc'].Verdict | Should -Be 'Same'
        $byName['dataset.item_count'].Verdict | Should -Be 'Same' -Because 'equal values are the same whatever the direction'
        $byName['dataset.item_count'].Direction | Should -Be 'Unknown'
        $byName['Containers[0].Image'].Reference, $byName['Containers[0].Image'].Difference | Should -Be "$image`:5", "$image`:7"
        $byName['Containers[0].Environment.MODE'].Difference | Should -Be 'accurate'
        $byName['SupportedContentTypes'].Difference | Should -Be 'text/csv, application/json'
        $byName.Keys | Should -Not -Contain 'CustomerMetadataProperties.team'
    }

    It 'takes versions as objects, ARNs or numbers, and -Property limits the rows' {
        $rows = $candidate | Compare-MRModelVersion -ReferenceVersion $approved.Arn -Property accuracy, '*Image'
        $rows.Name | Should -Be @('binary_classification_metrics.accuracy', 'Containers[0].Image')
        (Compare-MRModelVersion -DifferenceVersion $candidate.Arn -ReferenceVersion 1 -GroupName $compared -Property f1).Verdict | Should -Be 'Worse'
    }

    It 'takes an object whose Arn is a calculated property' {
        # Select-Object keeps a calculated value wrapped in a PSObject.
        $selected = $candidate | Select-Object @{ Name = 'Arn'; Expression = { $_.Arn } }
        ($selected | Compare-MRModelVersion -ReferenceVersion $approved.Arn -Property f1).Verdict | Should -Be 'Worse'
    }

    It 'reads the script properties of the versions given under the caller''s synchronization context' {
        # As for New-MRModelVersion -InputObject: a script property blocking on such a task would hang for good.
        $caller = "[$([System.Threading.SynchronizationContext]::Current)]"
        $seen = [System.Collections.Generic.List[string]]::new()
        $candidateArn, $approvedArn = $candidate.Arn, $approved.Arn
        $difference = [pscustomobject]@{ Role = 'difference' } | Add-Member ScriptProperty Arn { $seen.Add("[$([System.Threading.SynchronizationContext]::Current)]"); $candidateArn }.GetNewClosure() -PassThru
        $reference = [pscustomobject]@{ Role = 'reference' } | Add-Member ScriptProperty Arn { $seen.Add("[$([System.Threading.SynchronizationContext]::Current)]"); $approvedArn }.GetNewClosure() -PassThru
        (Compare-MRModelVersion -DifferenceVersion $difference -ReferenceVersion $reference -Property f1).Verdict | Should -Be 'Worse'
        $seen.Count | Should -Be 2
        @($seen | Select-Object -Unique) | Should -Be @($caller)
    }

    It 'names the report, its kind and its version in the message when a report cannot be read, as a CI log shows only the message' {
        $missing = New-MRModelMetric -Kind ModelQualityStatistics -S3Uri "s3://$bucket/reports/$(New-TestName never-uploaded).json"
        $broken = New-MRModelVersion -GroupName $compared -Image "$image`:8" -ModelMetric $missing
        $failure = { Compare-MRModelVersion -DifferenceVersion $broken.Arn -ReferenceVersion $approved.Arn -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'NoSuchKey,*'
        "$failure" | Should -BeLike "The ModelQualityStatistics report $($missing.Source.S3Uri) of $($broken.Arn): GetObject at *: *"
    }

    It 'refuses a number without a group, and a group without an approved version' {
        { Compare-MRModelVersion -DifferenceVersion 7 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidModelVersionReference,ModelRegistry.PowerShell.Commands.CompareMRModelVersionCommand' -ExpectedMessage '-DifferenceVersion: version number 7 needs -GroupName*'
        $pending = New-MRModelVersion -GroupName (New-MRModelGroup -Name (New-TestName unapproved)).Name -Image "$image`:9"
        { Compare-MRModelVersion -DifferenceVersion $pending -ErrorAction Stop } | Should -Throw -ErrorId 'NoApprovedVersion,*'
    }

    It 'renders the comparison as a Markdown table, and metrics over versions as Mermaid charts' {
        $markdown = Compare-MRModelVersion -GroupName $compared -DifferenceVersion $candidate.Version -Property accuracy, f1 | ConvertTo-MRMarkdown -Title 'Candidate'
        $markdown | Should -BeOfType [string]
        $lines = $markdown -split "`n"
        $lines[0] | Should -Be '### Candidate'
        $lines | Should -Contain ('Reference: `' + $approved.Arn + '`  ')
        $lines | Should -Contain '| Kind | Name | Reference | Difference | Change | Verdict |'
        $lines | Should -Contain '| Metric | binary_classification_metrics.accuracy | 0.9 | 0.92 | +0.02 | better |'
        $lines | Should -Contain '| Metric | binary_classification_metrics.f1 | 0.85 | 0.8 | -0.05 | **worse** |'

        $history = $approved, $candidate | Get-MRModelMetric | ConvertTo-MRMarkdown -Metric accuracy
        $history.Contains("| ModelQualityStatistics | binary_classification_metrics.accuracy | 0.9 | 0.92 |") | Should -BeTrue
        $chart = '```mermaid', 'xychart-beta', '    title "binary_classification_metrics.accuracy"', '    x-axis ["v1", "v2"]', '    y-axis "accuracy"', '    line [0.9, 0.92]', '```'
        $history.Contains($chart -join "`n") | Should -BeTrue -Because $history
        $history.Contains('title "binary_classification_metrics.f1"') | Should -BeFalse -Because '-Metric accuracy charts accuracy only'
    }

    It 'refuses input it has no Markdown form for' {
        'text' | ConvertTo-MRMarkdown -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.ConvertToMRMarkdownCommand'
    }
}

Describe 'Assert-MRModelMetric in a CI step' {
    BeforeAll {
        $gated = (New-MRModelGroup -Name (New-TestName gate)).Name
        $null = New-MRModelVersion -GroupName $gated -Image "$image`:1" -ModelMetric (New-Report ModelQualityStatistics (Get-BinaryQuality 0.90 0.85 0.95)) -ApprovalStatus Approved
        $null = New-MRModelVersion -GroupName $gated -Image "$image`:2" -ModelMetric (New-Report ModelQualityStatistics (Get-BinaryQuality 0.92 0.80 0.96))
        # A CI step: a fresh pwsh with the standard AWS variables and $ErrorActionPreference Stop (as GitHub
        # Actions and Azure Pipelines run pwsh steps); its exit code is what the CI system sees.
        function Invoke-Step([string] $Script) {
            $saved = @{ AWS_ACCESS_KEY_ID = $env:AWS_ACCESS_KEY_ID; AWS_SECRET_ACCESS_KEY = $env:AWS_SECRET_ACCESS_KEY; AWS_REGION = $env:AWS_REGION; AWS_ENDPOINT_URL = $env:AWS_ENDPOINT_URL }
            $env:AWS_ACCESS_KEY_ID = $registryAccount.AccessKeyId; $env:AWS_SECRET_ACCESS_KEY = $registryAccount.SecretAccessKey
            $env:AWS_REGION = 'us-east-1'; $env:AWS_ENDPOINT_URL = $registry.EndpointUrl
            try {
                $output = Invoke-ChildPwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-ModuleUnderTest)'; $Script" 2>&1 | Out-String
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
            }
            finally { foreach ($entry in $saved.GetEnumerator()) { Set-Item "env:$($entry.Key)" -Value $entry.Value } }
        }
    }

    It 'passes with exit code 0 when no tracked metric is worse' {
        $step = Invoke-Step "Compare-MRModelVersion -GroupName $gated -DifferenceVersion 2 | Assert-MRModelMetric -Metric accuracy, auc; 'approved'"
        $step.Output | Should -BeLike '*approved*'
        $step.ExitCode | Should -Be 0
    }

    It 'fails the step (exit code 1, MetricGateFailed naming the metric) when one is worse' {
        $step = Invoke-Step "Compare-MRModelVersion -GroupName $gated -DifferenceVersion 2 | Assert-MRModelMetric -Metric accuracy, f1; 'approved'"
        $step.ExitCode | Should -Be 1
        $step.Output | Should -Not -BeLike '*approved*'
        $step.Output | Should -BeLike '*binary_classification_metrics.f1 (ModelQualityStatistics): 0.8 is worse than 0.85*'
    }

    It 'passes within -Tolerance and reports the failure id to a script that catches it' {
        $rows = Compare-MRModelVersion -GroupName $gated -DifferenceVersion 2
        $rows | Assert-MRModelMetric -Metric f1 -Tolerance 0.06 -PassThru | ForEach-Object Name | Should -Be 'binary_classification_metrics.f1'
        { $rows | Assert-MRModelMetric -Metric f1 -Tolerance 0.04 } | Should -Throw -ErrorId 'MetricGateFailed,ModelRegistry.PowerShell.Commands.AssertMRModelMetricCommand'
        { $rows | Assert-MRModelMetric -Metric precision } | Should -Throw -ExpectedMessage '*precision: not in the comparison*'
    }
}

Describe 'Metric cmdlets as their help describes them' {
    It 'registers each kind under its ModelMetrics section, from positional and piped report descriptions' {
        $reports = @(
            New-MRModelMetric ModelQualityStatistics s3://my-bucket/iris/evaluation.json
            [pscustomobject]@{ Kind = 'BiasReport'; S3Uri = 's3://my-bucket/iris/bias.json' } | New-MRModelMetric
            [pscustomobject]@{ S3Uri = 's3://my-bucket/iris/explainability.json'; ContentType = 'application/json' } | New-MRModelMetric -Kind ExplainabilityReport
        )
        $version = New-MRModelVersion -GroupName $group -Image "$image`:kinds" -ModelMetric $reports
        $json = (Get-MRModelVersion -Arn $version.Arn).ModelMetrics.ToJson()
        $json['ModelQuality']['Statistics']['S3Uri'].ToString() | Should -Be 's3://my-bucket/iris/evaluation.json'
        $json['Bias']['Report']['S3Uri'].ToString() | Should -Be 's3://my-bucket/iris/bias.json'
        $json['Explainability']['Report']['S3Uri'].ToString() | Should -Be 's3://my-bucket/iris/explainability.json'
    }

    It 'refuses a kind given twice with InvalidParameter, and a bad S3 location naming -ModelMetric, before sending' {
        $twice = (New-MRModelMetric BiasReport s3://my-bucket/a.json), (New-MRModelMetric BiasReport s3://my-bucket/b.json)
        { New-MRModelVersion -GroupName $group -Image "$image`:twice" -ModelMetric $twice -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
        { New-MRModelVersion -GroupName $group -Image "$image`:bad" -ModelMetric (New-MRModelMetric BiasReport 'http://my-bucket/a.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.pattern,*' -ExpectedMessage '-ModelMetric:*'
        { New-MRModelVersion -GroupName $group -Image "$image`:digest" -ModelMetric (New-MRModelMetric BiasReport s3://my-bucket/a.json -ContentDigest 'md5:abc') -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.pattern,*' -ExpectedMessage '-ModelMetric:*'
    }

    It 'reads -GroupName -Version, and a report that is not JSON is MetricReportUnreadable naming its URI' {
        $good = New-Report ModelQualityStatistics (Get-BinaryQuality 0.91 0.8 0.9)
        $text = New-Report BiasReport 'not json at all'
        $version = New-MRModelVersion -GroupName $group -Image "$image`:unreadable" -ModelMetric $good, $text
        $metrics = Get-MRModelMetric -GroupName $group -Version $version.Version -ErrorVariable failures -ErrorAction SilentlyContinue
        ($metrics | Where-Object Metric -EQ 'binary_classification_metrics.accuracy').Value | Should -Be 0.91
        $metrics.VersionArn | Select-Object -Unique | Should -Be $version.Arn
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'MetricReportUnreadable,ModelRegistry.PowerShell.Commands.GetMRModelMetricCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].TargetObject | Should -Be $text.Source.S3Uri
    }

    It 'gives NoModelVersion for -Latest of a group without versions' {
        $empty = (New-MRModelGroup -Name (New-TestName nometrics)).Name
        { Get-MRModelMetric -GroupName $empty -Latest -ErrorAction Stop } | Should -Throw -ErrorId 'NoModelVersion,*'
    }

    It 'refuses a version that is neither an ARN nor a number (InvalidModelVersionReference), and says NoApprovedVersion is ObjectNotFound' {
        Compare-MRModelVersion -DifferenceVersion 'newest' -GroupName $group -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Be 'InvalidModelVersionReference,ModelRegistry.PowerShell.Commands.CompareMRModelVersionCommand'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $pending = New-MRModelVersion -GroupName (New-MRModelGroup -Name (New-TestName noapproved)).Name -Image "$image`:pending"
        Compare-MRModelVersion -DifferenceVersion $pending -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'compares metadata, lifecycle and version members that differ, and a metric only one version has without change or verdict' {
        $own = (New-MRModelGroup -Name (New-TestName members)).Name
        $reference = New-MRModelVersion -GroupName $own -Image "$image`:1" -Metadata @{ team = 'fraud' } -Stage Development -StageStatus Completed -Task CLASSIFICATION `
            -ModelMetric (New-Report ModelQualityStatistics '{"binary_classification_metrics": {"auc": {"value": 0.9}}}') -ApprovalStatus Approved
        $difference = New-MRModelVersion -GroupName $own -Image "$image`:1" -Metadata @{ team = 'risk' } -Stage Staging -StageStatus Completed -Task REGRESSION `
            -ModelMetric (New-Report ModelQualityStatistics '{"regression_metrics": {"rmse": {"value": 1.5}}}')
        $rows = @{}
        foreach ($row in Compare-MRModelVersion -DifferenceVersion $difference) { $rows[$row.Name] = $row }
        $rows['CustomerMetadataProperties.team'].Kind | Should -Be 'Metadata'
        $rows['CustomerMetadataProperties.team'].Difference | Should -Be 'risk'
        $rows['ModelLifeCycle.Stage'].Kind | Should -Be 'Lifecycle'
        $rows['Task'].Kind | Should -Be 'Version'
        $rows['Task'].Reference, $rows['Task'].Difference | Should -Be 'CLASSIFICATION', 'REGRESSION'
        $rows['binary_classification_metrics.auc'].DifferenceValue | Should -BeNullOrEmpty
        $rows['binary_classification_metrics.auc'].Change | Should -BeNullOrEmpty
        $rows['binary_classification_metrics.auc'].Verdict | Should -BeNullOrEmpty
        $rows.Keys | Should -Not -Contain 'ModelLifeCycle.StageStatus'
    }
}

Describe 'Assert-MRModelMetric and ConvertTo-MRMarkdown as their help describes them' {
    BeforeAll {
        $judged = (New-MRModelGroup -Name (New-TestName judged)).Name
        $reference = New-MRModelVersion -GroupName $judged -Image "$image`:1" -ModelMetric (New-Report ModelQualityStatistics (Get-BinaryQuality 0.90 0.85 0.95)) -ApprovalStatus Approved
        $difference = New-MRModelVersion -GroupName $judged -Image "$image`:2" -ModelMetric (New-Report ModelQualityStatistics (Get-BinaryQuality 0.92 0.80 0.96))
        $rows = Compare-MRModelVersion -GroupName $judged -DifferenceVersion $difference.Version
    }

    It 'ends with MetricGateFailed (InvalidOperation) whose target is the difference version''s ARN' {
        $failure = $null
        try { $rows | Assert-MRModelMetric -Metric f1 } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'MetricGateFailed,ModelRegistry.PowerShell.Commands.AssertMRModelMetricCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure.TargetObject | Should -Be $difference.Arn
        $failure.Exception.Message | Should -BeLike "Metric gate failed:*$($difference.Arn) against $($reference.Arn)*binary_classification_metrics.f1 (ModelQualityStatistics): 0.8 is worse than 0.85 (HigherIsBetter, change -0.05)*"
    }

    It 'writes nothing when the gate passes, and says so with -Verbose' {
        $passed = $rows | Assert-MRModelMetric -Metric accuracy, auc -Verbose 4>&1
        @($passed).Count | Should -Be 1
        $passed[0] | Should -BeOfType ([System.Management.Automation.VerboseRecord])
        $passed[0].Message | Should -BeLike 'Metric gate passed*'
    }

    It 'renders versions as a table of version, approval status, status, stage, creation time and ARN' {
        $markdown = Get-MRModelVersion -GroupName $judged | ConvertTo-MRMarkdown
        $lines = $markdown -split "`n"
        $lines | Should -Contain '| Version | ApprovalStatus | Status | Stage | CreationTime | Arn |'
        ($lines | Where-Object { $_ -like "| 1 | Approved | Completed |*$($reference.Arn) |" }) | Should -Not -BeNullOrEmpty
        $markdown | Should -Match ([regex]::Escape($reference.CreationTime.ToString('yyyy-MM-dd HH:mm:ss')))
    }

    It 'renders one version''s metrics as a table of report, metric, value and standard deviation' {
        $lines = (Get-MRModelMetric -Arn $reference.Arn | ConvertTo-MRMarkdown) -split "`n"
        $lines | Should -Contain '| Report | Metric | Value | StandardDeviation |'
        $lines | Should -Contain '| ModelQualityStatistics | binary_classification_metrics.accuracy | 0.9 | 0.003 |'
        $lines | Should -Not -Contain '```mermaid'
    }

    It 'charts every metric of known direction without -Metric' {
        $history = $reference, $difference | Get-MRModelMetric | ConvertTo-MRMarkdown
        $history | Should -BeLike '*title "binary_classification_metrics.auc"*'
        $history | Should -BeLike '*title "binary_classification_metrics.f1"*'
        $history | Should -Not -BeLike '*title "dataset.item_count"*'
    }
}
