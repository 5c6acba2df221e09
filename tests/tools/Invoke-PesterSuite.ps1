<#
.SYNOPSIS
    Runs Pester 5.7.1 on the given test paths and writes the counts to a JSON summary file.
    build.ps1 runs it in a child pwsh so the module under test loads fresh from out/.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string[]] $Path,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -MinimumVersion 5.7.1
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path -split ','
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = $ResultPath
$run = Invoke-Pester -Configuration $configuration
@{ Passed = $run.PassedCount; Failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount } |
    ConvertTo-Json | Set-Content $SummaryPath
