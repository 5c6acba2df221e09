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
# Plain text everywhere, child sessions included: escape codes in a failure message break the XML report.
$env:NO_COLOR = '1'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterManifest -MinimumVersion 5.7.1
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path -split ','
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = $ResultPath
try {
    $run = Invoke-Pester -Configuration $configuration
    @{ Passed = $run.PassedCount; Failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount } |
        ConvertTo-Json | Set-Content $SummaryPath
}
catch {
    # Pester itself failed (writing its report, say): the run cannot count as passed.
    @{ Passed = 0; Failed = 1 } | ConvertTo-Json | Set-Content $SummaryPath
    throw
}
