<#
.SYNOPSIS
    The README demo: the SageMaker guide's iris registration, run against the local registry.
.DESCRIPTION
    Starts the local registry, creates a model group, registers the iris model version (XGBoost
    image, model artifacts in S3, text/csv in and out, pending manual approval), approves it,
    lists the group and stops the registry. Nothing leaves the machine.
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
}
finally {
    Stop-MRLocalRegistry
}
