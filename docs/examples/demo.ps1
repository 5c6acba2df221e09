<#
.SYNOPSIS
    The README demo: the SageMaker guide's iris registration, run against the local registry.
.DESCRIPTION
    Starts the local registry, creates a model group, registers the iris model version (XGBoost
    image, model artifacts in S3, text/csv in and out, pending manual approval), approves it and
    lists the group; then uploads model-quality reports with the AWS CLI, registers a retrained
    version, reads its metrics, compares it with the approved version, gates on two metrics and
    prints the comparison as Markdown. Stops the registry. Nothing leaves the machine.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$env:NO_PROXY = '127.0.0.1,localhost'
Import-Module $ModulePath -Force

$registry = Start-MRLocalRegistry -PassThru
try {
    Write-Host "Local registry at $($registry.EndpointUrl), acting as account $($registry.RegistryAccount)"

    $group = New-MRModelGroup -Name 'iris-models' -Description 'Classifiers for the iris data set'
    $group | Format-Table | Out-Host

    $version = New-MRModelVersion -GroupName $group.Name `
        -Image '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1' `
        -ModelDataUrl 's3://my-bucket/iris/model.tar.gz' `
        -ContentType 'text/csv' -ResponseContentType 'text/csv' `
        -Description 'Model to detect 3 different types of irises (Setosa, Versicolour, and Virginica)' `
        -ApprovalStatus PendingManualApproval
    Write-Host "Registered version $($version.Version): $($version.ApprovalStatus)"

    $approved = $version | Approve-MRModelVersion -Reason 'Accuracy 0.97 on the hold-out set' -PassThru
    Write-Host "Version $($approved.Version) is now $($approved.ApprovalStatus): $($approved.ApprovalDescription)"

    Get-MRModelVersion -GroupName $group.Name | Format-Table | Out-Host

    # Metrics: a model-quality report per version (the JSON SageMaker Model Monitor writes), uploaded with
    # the AWS CLI to the local registry's S3, registered with the version, read back and compared.
    $aws = @('/usr/bin/aws', (Get-Command aws -CommandType Application -ErrorAction Ignore).Source) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    if (-not $aws) {
        Write-Warning 'The AWS CLI is not installed: the metrics part of the demo is skipped.'
        return
    }
    $account = $registry.Account('registry')
    function Invoke-Aws([string[]] $Arguments) {
        $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY = $account.AccessKeyId, $account.SecretAccessKey
        try { $null = & $aws @Arguments --endpoint-url $registry.EndpointUrl --region us-east-1 }
        finally { Remove-Item env:AWS_ACCESS_KEY_ID, env:AWS_SECRET_ACCESS_KEY }
        if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' ') failed" }
    }
    Invoke-Aws s3api, create-bucket, --bucket, iris-evaluation
    $reports = @{}
    foreach ($entry in @{ 1 = @(0.953, 0.951, 0.949); 2 = @(0.967, 0.966, 0.961) }.GetEnumerator()) {
        $accuracy, $f1, $recall = $entry.Value
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "iris-quality-$($entry.Key).json"
        @"
{"version": 0.0, "dataset": {"item_count": 150},
 "multiclass_classification_metrics": {
   "confusion_matrix": {"setosa": {"setosa": 50, "versicolor": 0, "virginica": 0}},
   "accuracy": {"value": $accuracy, "standard_deviation": 0.004},
   "weighted_f1": {"value": $f1, "standard_deviation": 0.005},
   "weighted_recall": {"value": $recall, "standard_deviation": 0.005}}}
"@ | Set-Content $file
        Invoke-Aws s3api, put-object, --bucket, iris-evaluation, --key, "iris/v$($entry.Key)/quality.json", --body, $file
        Remove-Item $file
        $reports[$entry.Key] = New-MRModelMetric -Kind ModelQualityStatistics -S3Uri "s3://iris-evaluation/iris/v$($entry.Key)/quality.json"
    }
    # A version's ModelMetrics are set when it is registered: version 1's model is registered again with
    # its evaluation report and approved, as the baseline; then the retrained model comes.
    $baseline = New-MRModelVersion -GroupName $group.Name -ModelMetric $reports[1] `
        -Image '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1' -ModelDataUrl 's3://my-bucket/iris/model.tar.gz' `
        -ContentType 'text/csv' -ResponseContentType 'text/csv' -Description 'Model to detect 3 different types of irises (Setosa, Versicolour, and Virginica)' `
        -ApprovalStatus Approved
    $retrained = New-MRModelVersion -GroupName $group.Name -ModelMetric $reports[2] `
        -Image '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.7-1' -ModelDataUrl 's3://my-bucket/iris/v2/model.tar.gz' `
        -ContentType 'text/csv' -ResponseContentType 'text/csv' -Description 'Retrained on more data'
    Write-Host "Registered version $($retrained.Version) with its model-quality report"
    Get-MRModelMetric -Arn $retrained.Arn | Format-Table | Out-Host
    $comparison = Compare-MRModelVersion -GroupName $group.Name -DifferenceVersion $retrained.Version
    $comparison | Format-Table | Out-Host
    $comparison | Assert-MRModelMetric -Metric accuracy, weighted_f1
    Write-Host "Version $($retrained.Version) is no worse than the approved version $($baseline.Version) in accuracy and weighted_f1:"
    $comparison | ConvertTo-MRMarkdown -Title "Version $($retrained.Version) against version $($baseline.Version)" | Out-Host
}
finally {
    Stop-MRLocalRegistry
}
