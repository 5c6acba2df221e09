#Requires -Version 7.2
<#
.SYNOPSIS
    Speed and memory benchmarks of the built ModelRegistry module against a local registry.
.DESCRIPTION
    Measures module import in fresh child processes, local registry start-up, registering model
    versions, listing them three ways (summaries, -Detailed, one describe per version) with the
    HTTP calls the server saw and peak working sets, and -First 1 on the large group. Prints a
    table and writes JSON. There are no thresholds: the exit code is 1 only when a measurement
    could not be taken. See README.md beside this script for what each result means.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    dotnet pwsh tests/bench/Invoke-Benchmarks.ps1 -ModulePath out/ModelRegistry/0.1.0/ModelRegistry.psd1 -VersionCount 50
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [string] $OutputPath = (Join-Path $PSScriptRoot '../../out/bench/results.json'),

    # Versions registered in the benchmark group and then listed.
    [ValidateRange(1, 100000)]
    [int] $VersionCount = 500,

    # Delay the server adds to every call in the counted listing passes, standing in for the round
    # trip to a real region that loopback does not have.
    [ValidateRange(1, 1000)]
    [int] $SimulatedLatencyMs = 20
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Progress rendering is host cost, not module cost.
$ProgressPreference = 'SilentlyContinue'
$env:NO_PROXY = '127.0.0.1,localhost'
$env:AWS_EC2_METADATA_DISABLED = 'true'

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$OutputPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputPath)

$ImportRuns = 5
$StartRuns = 3
$ListingRuns = 5
$GroupName = 'bench-iris'
$IrisVersion = @{
    GroupName           = $GroupName
    Image               = '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1'
    ModelDataUrl        = 's3://my-bucket/model.tar.gz'
    ContentType         = 'text/csv'
    ResponseContentType = 'text/csv'
}
# Operations counted one by one; any other AWS call is counted as 'other'.
$CountedOperations = 'CreateModelPackage', 'DescribeModelPackage', 'ListModelPackages', 'BatchDescribeModelPackage'
$CounterStart = 1000000

$results = [System.Collections.Generic.List[object]]::new()
$failures = [System.Collections.Generic.List[string]]::new()

function Add-Result([string] $Name, [double] $Value, [string] $Unit, [string] $Description) {
    $results.Add([pscustomobject]@{ Name = $Name; Value = [math]::Round($Value, 1); Unit = $Unit; Description = $Description })
}

# A measurement that throws is reported and counted as failed; the others still run.
function Invoke-Measurement([string] $Title, [scriptblock] $Body) {
    Write-Host "Measuring $Title..."
    try {
        $null = & $Body
    }
    catch {
        $failures.Add("${Title}: $($_.Exception.Message)")
        Write-Host "  FAILED: $($_.Exception.Message)" -ForegroundColor Red
    }
}

function Get-Median([double[]] $Samples) {
    $sorted = [double[]]$Samples.Clone()
    [Array]::Sort($sorted)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Measure-Milliseconds([scriptblock] $Action) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & $Action
    $watch.Elapsed.TotalMilliseconds
}

# A child pwsh like this one (under `dotnet pwsh` the process is dotnet, pwsh.dll its argument).
function Invoke-ChildPwsh([string] $Command) {
    $pwshHost = [Environment]::ProcessPath
    $output = if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') {
        & $pwshHost (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Command
    }
    else {
        & $pwshHost -NoProfile -NonInteractive -Command $Command
    }
    if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed with exit code ${LASTEXITCODE}: $output" }
    $output
}

# Counts the AWS calls the server answers while $Action runs, and times it. A pass-through latency
# fault rule per operation serves as a counter: the admin endpoint reports how many hits remain.
# The delay is added to every call, so these runs are never the loopback-timed ones.
function Measure-ServerCalls([string] $EndpointUrl, [int] $LatencyMs, [scriptblock] $Action) {
    $faultsUrl = "$EndpointUrl/_localregistry/faults"
    $counterRules = @($CountedOperations | ForEach-Object { @{ kind = 'latency'; latencyMs = $LatencyMs; count = $CounterStart; operation = $_ } }) +
        @{ kind = 'latency'; latencyMs = $LatencyMs; count = $CounterStart }
    try {
        foreach ($counterRule in $counterRules) {
            $null = Invoke-RestMethod $faultsUrl -Method Post -Body ($counterRule | ConvertTo-Json -Compress) -ContentType 'application/json' -NoProxy
        }
        $elapsed = Measure-Milliseconds $Action
        $remaining = (Invoke-RestMethod $faultsUrl -NoProxy).rules
    }
    finally {
        $null = Invoke-RestMethod $faultsUrl -Method Delete -NoProxy
    }
    $byOperation = [ordered]@{}
    foreach ($counterRule in $remaining) {
        $seen = $CounterStart - $counterRule.count
        if ($seen -gt 0) { $byOperation[$counterRule.operation ?? 'other'] = $seen }
    }
    [pscustomobject]@{
        Milliseconds = $elapsed
        Total        = ($byOperation.Values | Measure-Object -Sum).Sum ?? 0
        ByOperation  = ($byOperation.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '
    }
}

# On Linux writing 5 to /proc/<pid>/clear_refs resets the peak resident set (VmHWM), so a peak
# read afterwards belongs to what ran since. Elsewhere the peak covers the process's whole life.
function Reset-PeakWorkingSet([int] $ProcessId) {
    if (-not $IsLinux) { return $false }
    try {
        [System.IO.File]::WriteAllText("/proc/$ProcessId/clear_refs", '5')
        $true
    }
    catch [System.IO.IOException], [System.UnauthorizedAccessException] {
        $false
    }
}

function Get-WorkingSetMiB([int] $ProcessId, [switch] $Peak) {
    $process = [System.Diagnostics.Process]::GetProcessById($ProcessId)
    try { ($Peak ? $process.PeakWorkingSet64 : $process.WorkingSet64) / 1MB }
    finally { $process.Dispose() }
}

function Get-PeakScope([bool] $WasReset) {
    $WasReset ? 'peak since the reset before the timed runs' : 'peak over the whole process life (no reset on this OS)'
}

function Assert-Listing([object[]] $Versions, [switch] $WithArtifacts) {
    if ($Versions.Count -ne $VersionCount) { throw "Listed $($Versions.Count) versions, expected $VersionCount." }
    if (-not $WithArtifacts) { return }
    $withoutArtifact = @($Versions | Where-Object { -not $_.InferenceSpecification -or $_.InferenceSpecification.Containers[0].ModelDataUrl -ne $IrisVersion.ModelDataUrl })
    if ($withoutArtifact.Count) { throw "$($withoutArtifact.Count) listed versions lack the model artifact location." }
}

function Get-MachineInfo {
    $cpuLine = if ($IsLinux) { Select-String -LiteralPath /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' -ErrorAction Ignore | Select-Object -First 1 }
    $cpu = if ($cpuLine) { $cpuLine.Matches[0].Groups[1].Value } else { $env:PROCESSOR_IDENTIFIER }
    [ordered]@{
        cores        = [Environment]::ProcessorCount
        os           = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        architecture = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()
        cpu          = $cpu
        powershell   = $PSVersionTable.PSVersion.ToString()
        dotnet       = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        # Other work on the machine skews every number: the 1-minute load average when the run started.
        loadAverage  = $IsLinux ? [double]((Get-Content -LiteralPath /proc/loadavg -Raw) -split ' ')[0] : $null
        date         = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture)
    }
}

$listings = [ordered]@{
    summaries = @{ Command = "Get-MRModelVersion -GroupName $GroupName"; WithArtifacts = $false; Run = { Get-MRModelVersion -GroupName $GroupName } }
    detailed  = @{ Command = "Get-MRModelVersion -GroupName $GroupName -Detailed"; WithArtifacts = $true; Run = { Get-MRModelVersion -GroupName $GroupName -Detailed } }
    naive     = @{ Command = "Get-MRModelVersion -GroupName $GroupName | Get-MRModelVersion"; WithArtifacts = $true; Run = { Get-MRModelVersion -GroupName $GroupName | Get-MRModelVersion } }
}

$machine = Get-MachineInfo
$moduleVersion = (Import-PowerShellDataFile $ModulePath).ModuleVersion
Write-Host ("ModelRegistry $moduleVersion benchmarks: $($machine.cores) cores, $($machine.os), PowerShell $($machine.powershell), $($machine.dotnet)" +
    ($null -ne $machine.loadAverage ? ", load average $($machine.loadAverage)" : ''))

Invoke-Measurement "module import in a fresh pwsh ($ImportRuns runs)" {
    $env:MODELREGISTRY_BENCH_MODULE = $ModulePath
    # Get-MRConfiguration calls nothing remote but resolves credentials: it loads the AWS SDK.
    $probe = @'
$ErrorActionPreference = 'Stop'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $env:MODELREGISTRY_BENCH_MODULE
$import = $watch.Elapsed.TotalMilliseconds
$watch.Restart()
$null = Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111
@{ import = $import; firstCommand = $watch.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
'@
    $runs = foreach ($run in 1..$ImportRuns) { Invoke-ChildPwsh $probe | Select-Object -Last 1 | ConvertFrom-Json }
    Add-Result 'import.time' (Get-Median $runs.import) 'ms' "Import-Module in a fresh pwsh, median of $ImportRuns"
    Add-Result 'import.firstCommand' (Get-Median $runs.firstCommand) 'ms' "first cmdlet after import (Get-MRConfiguration, loads the AWS SDK), median of $ImportRuns"
}

Import-Module $ModulePath

Invoke-Measurement 'pre-send validation (10,000 inputs)' {
    $sageMaker = [ModelRegistry.Core.ServiceModels.ServiceModel]::Load('sagemaker')
    $createInput = [System.Text.Json.Nodes.JsonNode]::Parse((@{
        ModelPackageGroupName  = $GroupName
        InferenceSpecification = @{
            Containers                 = @(@{ Image = $IrisVersion.Image; ModelDataUrl = $IrisVersion.ModelDataUrl })
            SupportedContentTypes      = @('text/csv')
            SupportedResponseMIMETypes = @('text/csv')
        }
    } | ConvertTo-Json -Depth 5))
    if ($sageMaker.ValidateInput('CreateModelPackage', $createInput).Count) { throw 'The benchmark input is not valid.' }
    $elapsed = Measure-Milliseconds { foreach ($i in 1..10000) { $null = $sageMaker.ValidateInput('CreateModelPackage', $createInput) } }
    Add-Result 'validation.createModelPackage' ($elapsed / 10) 'µs/input' 'service-model validation of one CreateModelPackage input (10,000 in a row)'
}

Invoke-Measurement "local registry start ($StartRuns runs)" {
    $samples = foreach ($run in 1..$StartRuns) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $instance = Start-MRLocalRegistry -PassThru
        $watch.Elapsed.TotalMilliseconds
        $instance | Stop-MRLocalRegistry
    }
    Add-Result 'registry.start' (Get-Median $samples) 'ms' "Start-MRLocalRegistry until ready, median of $StartRuns"
}

$registry = $null
try {
    $registry = Start-MRLocalRegistry -PassThru
    $serverProcessId = $registry.ProcessId

    Invoke-Measurement "registering $VersionCount versions" {
        # Counted on a small separate group first; this also warms up the code paths.
        $countedVersions = 5
        $countedVersion = $IrisVersion.Clone()
        $countedVersion.GroupName = 'bench-calls'
        $null = New-MRModelGroup -Name $countedVersion.GroupName
        $calls = Measure-ServerCalls $registry.EndpointUrl 1 {
            foreach ($number in 1..$countedVersions) { New-MRModelVersion @countedVersion }
        }
        $null = New-MRModelGroup -Name $GroupName -Description 'Benchmark versions of the iris model'
        $elapsed = Measure-Milliseconds {
            foreach ($number in 1..$VersionCount) { New-MRModelVersion @IrisVersion }
        }
        Add-Result 'register.rate' ($VersionCount / ($elapsed / 1000)) 'versions/s' "New-MRModelVersion, $VersionCount versions one after another"
        Add-Result 'register.httpCalls' ($calls.Total / $countedVersions) 'calls/version' "server calls per version ($($calls.ByOperation) for $countedVersions)"
    }

    $medians = @{}
    $withLatency = @{}
    foreach ($listing in $listings.GetEnumerator()) {
        Invoke-Measurement "listing $VersionCount versions: $($listing.Value.Command)" {
            $key = $listing.Key
            # The counted pass with simulated latency is also the warm-up and checks what comes back.
            $calls = Measure-ServerCalls $registry.EndpointUrl $SimulatedLatencyMs {
                Assert-Listing @(& $listing.Value.Run) -WithArtifacts:$listing.Value.WithArtifacts
            }
            [GC]::Collect()
            [GC]::WaitForPendingFinalizers()
            $pwshReset = Reset-PeakWorkingSet $PID
            $serverReset = Reset-PeakWorkingSet $serverProcessId
            $samples = foreach ($run in 1..$ListingRuns) {
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $versions = @(& $listing.Value.Run)
                $watch.Elapsed.TotalMilliseconds
                Assert-Listing $versions
                $versions = $null
            }
            $medians[$key] = Get-Median $samples
            $withLatency[$key] = $calls.Milliseconds
            Add-Result "list.$key.time" $medians[$key] 'ms' "$($listing.Value.Command), median of $ListingRuns"
            Add-Result "list.$key.timeWithLatency" $calls.Milliseconds 'ms' "the same with $SimulatedLatencyMs ms added to every call, one run"
            Add-Result "list.$key.httpCalls" $calls.Total 'calls' $calls.ByOperation
            Add-Result "list.$key.pwshPeakWorkingSet" (Get-WorkingSetMiB $PID -Peak) 'MiB' "pwsh, $(Get-PeakScope $pwshReset)"
            Add-Result "list.$key.serverPeakWorkingSet" (Get-WorkingSetMiB $serverProcessId -Peak) 'MiB' "local registry, $(Get-PeakScope $serverReset)"
        }
    }
    if ($medians.ContainsKey('detailed') -and $medians.ContainsKey('naive')) {
        Add-Result 'list.detailedSpeedup' ($medians['naive'] / $medians['detailed']) 'x' 'naive time / -Detailed time, loopback'
        Add-Result 'list.detailedSpeedupWithLatency' ($withLatency['naive'] / $withLatency['detailed']) 'x' "naive time / -Detailed time, $SimulatedLatencyMs ms per call"
    }

    Invoke-Measurement "Get-MRModelVersion -First 1 on $VersionCount versions" {
        $calls = Measure-ServerCalls $registry.EndpointUrl 1 {
            $first = @(Get-MRModelVersion -GroupName $GroupName -First 1)
            if ($first.Count -ne 1) { throw "-First 1 returned $($first.Count) versions." }
        }
        $samples = foreach ($run in 1..$ListingRuns) { Measure-Milliseconds { Get-MRModelVersion -GroupName $GroupName -First 1 } }
        Add-Result 'list.first1.time' (Get-Median $samples) 'ms' "Get-MRModelVersion -GroupName $GroupName -First 1, median of $ListingRuns"
        Add-Result 'list.first1.httpCalls' $calls.Total 'calls' $calls.ByOperation
    }
}
catch {
    $failures.Add("local registry for the benchmarks: $($_.Exception.Message)")
    Write-Host "  FAILED: $($_.Exception.Message)" -ForegroundColor Red
}
finally {
    if ($registry) { $registry | Stop-MRLocalRegistry }
}

$results | Format-Table Name, Value, Unit, Description -AutoSize | Out-String -Width 240 | Write-Host
if ($results | Where-Object Name -EQ 'list.detailedSpeedup') {
    Write-Host ("-Detailed vs one describe per version, {0} versions: {1:0.0}x faster on loopback ({2:0} ms vs {3:0} ms), {4:0.0}x with {5} ms per call ({6:0} ms vs {7:0} ms)." -f
        $VersionCount, ($medians['naive'] / $medians['detailed']), $medians['detailed'], $medians['naive'],
        ($withLatency['naive'] / $withLatency['detailed']), $SimulatedLatencyMs, $withLatency['detailed'], $withLatency['naive'])
}

$report = [ordered]@{
    machine    = $machine
    module     = [ordered]@{ version = $moduleVersion; path = $ModulePath }
    parameters = [ordered]@{ versionCount = $VersionCount; simulatedLatencyMs = $SimulatedLatencyMs; importRuns = $ImportRuns; startRuns = $StartRuns; listingRuns = $ListingRuns }
    results    = @($results | ForEach-Object { [ordered]@{ name = $_.Name; value = $_.Value; unit = $_.Unit; description = $_.Description } })
    failures   = @($failures)
}
$null = New-Item -ItemType Directory -Path (Split-Path $OutputPath) -Force
$report | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutputPath
Write-Host "Results written to $OutputPath"

if ($failures.Count) {
    Write-Host "$($failures.Count) measurement(s) failed:" -ForegroundColor Red
    $failures | ForEach-Object { Write-Host "  $_" -ForegroundColor Red }
    exit 1
}
