#Requires -Version 7.2
<#
.SYNOPSIS
    Speed and memory benchmarks of the built ModelRegistry module against a local registry.
.DESCRIPTION
    Measures side by side with the AWS CLI v2 (/usr/bin/aws) and boto3 (/usr/bin/python3): the cold
    start of a fresh session, a CI step, sequential registrations, a large listing, and registrations
    against a request-rate limit; prints each figure with its ratio and goal (issue #13).
    Also measures module import in fresh child processes, local registry start-up, registering model
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
    [int] $SimulatedLatencyMs = 20,

    # Versions listed side by side with boto3's paginator (seeded with concurrent boto3 creates).
    [ValidateRange(1, 100000)]
    [int] $ListVersionCount = 10000,

    # Registrations against a CreateModelPackage request-rate limit of $ThrottledRate per second.
    [ValidateRange(1, 100000)]
    [int] $ThrottledCount = 1000,

    [ValidateRange(1, 1000)]
    [int] $ThrottledRate = 10,

    # A pwsh.dll whose assemblies are precompiled (ReadyToRun), as Microsoft's PowerShell packages are; build.ps1
    # -Task Bench makes one from the `dotnet tool` PowerShell. The cold-start and CI-step rows then run under both.
    [string] $ReadyToRunPowerShell
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
    # Ratios keep two decimals: 0.86x and 0.94x are different answers to "within 10%".
    $results.Add([pscustomobject]@{ Name = $Name; Value = [math]::Round($Value, $Unit -eq 'x' ? 2 : 1); Unit = $Unit; Description = $Description })
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

# How to start a pwsh like this one (under `dotnet pwsh` the process is dotnet, pwsh.dll its argument).
function Get-ThisPwshCommand {
    $pwshHost = [Environment]::ProcessPath
    if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { @($pwshHost, (Join-Path $PSHOME 'pwsh.dll')) } else { @($pwshHost) }
}

# Runs $Command in a fresh pwsh started by $PwshCommand (this PowerShell when not given).
function Invoke-ChildPwsh([string] $Command, [string[]] $PwshCommand = (Get-ThisPwshCommand)) {
    $output = & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed with exit code ${LASTEXITCODE}: $output" }
    $output
}

# Counts the AWS calls the server answers while $Action runs, and times it. A pass-through latency
# fault rule per operation serves as a counter: the admin endpoint reports how many hits remain.
# The delay is added to every call, so these runs are never the loopback-timed ones.
function Measure-ServerCalls([string] $EndpointUrl, [int] $LatencyMs, [scriptblock] $Action) {
    $faultsUrl = "$EndpointUrl/_localregistry/faults"
    $adminHeaders = @{ 'X-LocalRegistry-Admin' = 'bench' }  # the registry refuses admin reads without it (no web page can send it)
    $counterRules = @($CountedOperations | ForEach-Object { @{ kind = 'latency'; latencyMs = $LatencyMs; count = $CounterStart; operation = $_ } }) +
        @{ kind = 'latency'; latencyMs = $LatencyMs; count = $CounterStart }
    try {
        foreach ($counterRule in $counterRules) {
            $null = Invoke-RestMethod $faultsUrl -Method Post -Body ($counterRule | ConvertTo-Json -Compress) -ContentType 'application/json' -NoProxy
        }
        $elapsed = Measure-Milliseconds $Action
        $remaining = (Invoke-RestMethod $faultsUrl -NoProxy -Headers $adminHeaders).rules
    }
    finally {
        $null = Invoke-RestMethod $faultsUrl -Method Delete -NoProxy -Headers $adminHeaders
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

# TCP connections that have carried AWS calls to the registry since it started (its /calls endpoint).
function Get-ServerConnectionCount([string] $EndpointUrl) {
    (Invoke-RestMethod "$EndpointUrl/_localregistry/calls" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = 'bench' }).connections
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

# The other clients of the side-by-side rows: Debian's AWS CLI v2 and boto3 (build.ps1 -Task Bench installs them).
$AwsCli = '/usr/bin/aws'
$Python = '/usr/bin/python3'
$Boto3Script = Join-Path $PSScriptRoot 'boto3_bench.py'
$RegistryKeys = [ordered]@{ AWS_ACCESS_KEY_ID = 'AKIALOCALREGISTRY001'; AWS_SECRET_ACCESS_KEY = 'LocalRegistrySecretKey1111111111111111111'; AWS_REGION = 'us-east-1' }
$comparisons = [System.Collections.Generic.List[object]]::new()

# Why a client cannot be used (null when it can): such rows are printed as skipped, with the reason.
function Get-MissingTool([string] $Tool) {
    switch ($Tool) {
        'aws' { if (-not (Test-Path $AwsCli)) { "$AwsCli not found (Debian package awscli)" } }
        'boto3' {
            if (-not (Test-Path $Python)) { return "$Python not found" }
            $null = & $Python -c 'import boto3' 2>&1
            if ($LASTEXITCODE -ne 0) { "boto3 cannot be imported by $Python (Debian package python3-boto3)" }
        }
    }
}

# One row of issue #13's table: the module's figure, the other client's (or the goal's) and their ratio.
function Add-Comparison([string] $Row, [string] $Figure, [string] $Reference, [object] $Ratio, [string] $Goal, [object] $Met, [string] $Skipped) {
    $comparisons.Add([pscustomobject]@{
        Row = $Row; Figure = $Figure; Reference = $Reference
        Ratio = $null -eq $Ratio ? $null : [math]::Round([double]$Ratio, 2)
        Goal = $Goal; Met = $Met; Skipped = $Skipped ? $Skipped : $null
    })
}

function Invoke-Boto3([string] $EndpointUrl, [string[]] $Arguments) {
    $saved = @{}
    foreach ($key in $RegistryKeys.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $RegistryKeys[$key]) }
    try {
        $output = & $Python $Boto3Script $EndpointUrl @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "boto3 $($Arguments -join ' ') failed: $output" }
        ($output | Select-Object -Last 1) | ConvertFrom-Json
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

# Runs a script in a fresh pwsh, as a CI step does: wall time, and CPU time of the whole process tree (user +
# system, from bash's `times` for the children it waited for) where bash exists.
function Measure-PwshStep([string] $Script, [string[]] $PwshCommand) {
    $file = Join-Path ([System.IO.Path]::GetTempPath()) "mr-bench-step-$PID.ps1"
    Set-Content -LiteralPath $file -Value $Script
    $pwshHost = $PwshCommand[0]
    $pwshArguments = @($PwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
    try {
        $bash = Get-Command bash -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        if ($bash) {
            $line = ((@($pwshHost) + $pwshArguments) | ForEach-Object { "'$_'" }) -join ' '
            $timesOutput = & $bash.Source -c "$line >/dev/null 2>&1 || exit 9; times"
            $wall = $watch.Elapsed.TotalMilliseconds
            if ($LASTEXITCODE -ne 0) { throw "The step failed: $Script" }
            $children = [regex]::Matches(($timesOutput | Select-Object -Last 1), '(\d+)m([\d.]+)s')
            $cpu = ($children | ForEach-Object { [int]$_.Groups[1].Value * 60000 + [double]$_.Groups[2].Value * 1000 } | Measure-Object -Sum).Sum
        }
        else {
            $null = & $pwshHost @pwshArguments
            $wall = $watch.Elapsed.TotalMilliseconds
            if ($LASTEXITCODE -ne 0) { throw "The step failed: $Script" }
            $cpu = $null
        }
        [pscustomobject]@{ Wall = $wall; Cpu = $cpu }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction Ignore
    }
}

function Format-Ms([double] $Milliseconds) { '{0:0} ms' -f $Milliseconds }

$listings = [ordered]@{
    summaries = @{ Command = "Get-MRModelVersion -GroupName $GroupName"; WithArtifacts = $false; Run = { Get-MRModelVersion -GroupName $GroupName } }
    detailed  = @{ Command = "Get-MRModelVersion -GroupName $GroupName -Detailed"; WithArtifacts = $true; Run = { Get-MRModelVersion -GroupName $GroupName -Detailed } }
    naive     = @{ Command = "Get-MRModelVersion -GroupName $GroupName | Get-MRModelVersion"; WithArtifacts = $true; Run = { Get-MRModelVersion -GroupName $GroupName | Get-MRModelVersion } }
}

$machine = Get-MachineInfo
$moduleVersion = (Import-PowerShellDataFile $ModulePath).ModuleVersion
Write-Host ("ModelRegistry $moduleVersion benchmarks: $($machine.cores) cores, $($machine.os), PowerShell $($machine.powershell), $($machine.dotnet)" +
    ($null -ne $machine.loadAverage ? ", load average $($machine.loadAverage)" : ''))

# The PowerShells the cold-start and CI-step rows run under: this one, and the precompiled one when given.
$powerShellVersion = $PSVersionTable.PSVersion.ToString()
$powerShells = @([pscustomobject]@{
        Prefix  = ''
        # build.ps1 gives a precompiled PowerShell only when this one is IL only (the dotnet tool).
        Label   = $ReadyToRunPowerShell ? "PowerShell $powerShellVersion, IL only (dotnet tool)" : "PowerShell $powerShellVersion"
        Command = Get-ThisPwshCommand
    })
if ($ReadyToRunPowerShell) {
    $thisHost = (Get-ThisPwshCommand)[0]
    $dotnet = (Split-Path $thisHost -LeafBase) -eq 'dotnet' ? $thisHost : (Get-Command dotnet -CommandType Application).Source
    $powerShells += [pscustomobject]@{ Prefix = 'readyToRunPwsh.'; Label = "PowerShell $powerShellVersion, ReadyToRun as installed"; Command = @($dotnet, (Resolve-Path -LiteralPath $ReadyToRunPowerShell).Path) }
}

Import-Module $ModulePath

Invoke-Measurement 'pre-send validation (10,000 inputs)' {
    # Core loads in the module's own load context, where PowerShell does not look up type names.
    $sageMaker = [System.Reflection.Assembly]::Load('ModelRegistry.Core').GetType('ModelRegistry.Core.ServiceModels.ServiceModel', $true)::Load('sagemaker')
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

    Invoke-Measurement "cold start in a fresh pwsh ($ImportRuns runs of each probe)" {
        $null = New-MRModelGroup -Name bench-cold
        $env:MODELREGISTRY_BENCH_MODULE = $ModulePath
        $env:MODELREGISTRY_BENCH_ENDPOINT = $registry.EndpointUrl
        # Formatted output first: PowerShell's own format-table set-up (100-150 ms, paid once per process by any
        # module with a format file) is not the module's cost.
        $prologue = "`$ErrorActionPreference = 'Stop'; `$null = 1 | Out-String; " +
            (($RegistryKeys.GetEnumerator() | ForEach-Object { "`$env:$($_.Key) = '$($_.Value)'" }) -join '; ') + "`n"
        $configurationProbe = $prologue + @'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $env:MODELREGISTRY_BENCH_MODULE
$import = $watch.Elapsed.TotalMilliseconds
$watch.Restart()
$null = Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111
@{ import = $import; firstCommand = $watch.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
'@
        $callProbe = $prologue + @'
Import-Module $env:MODELREGISTRY_BENCH_MODULE
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$null = Get-MRModelGroup -Name bench-cold -EndpointUrl $env:MODELREGISTRY_BENCH_ENDPOINT
$first = $watch.Elapsed.TotalMilliseconds
$watch.Restart()
$null = Get-MRModelGroup -Name bench-cold -EndpointUrl $env:MODELREGISTRY_BENCH_ENDPOINT
@{ first = $first; second = $watch.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
'@
        $imports = @{}; $calls = @{}
        foreach ($shell in $powerShells) { $imports[$shell.Prefix] = @(); $calls[$shell.Prefix] = @() }
        foreach ($run in 1..$ImportRuns) {
            # Taken in turns, so the machine's noise falls on every PowerShell alike.
            foreach ($shell in $powerShells) {
                $imports[$shell.Prefix] += Invoke-ChildPwsh $configurationProbe $shell.Command | Select-Object -Last 1 | ConvertFrom-Json
                $calls[$shell.Prefix] += Invoke-ChildPwsh $callProbe $shell.Command | Select-Object -Last 1 | ConvertFrom-Json
            }
        }
        foreach ($shell in $powerShells) {
            $import = Get-Median $imports[$shell.Prefix].import
            $firstCommand = Get-Median $imports[$shell.Prefix].firstCommand
            $firstCall = Get-Median $calls[$shell.Prefix].first
            $under = " under $($shell.Label)"
            Add-Result "$($shell.Prefix)import.time" $import 'ms' "Import-Module in a fresh pwsh whose format tables are loaded, median of $ImportRuns$under"
            Add-Result "$($shell.Prefix)import.firstCommand" $firstCommand 'ms' "first cmdlet after import (Get-MRConfiguration, loads the AWS SDK), median of $ImportRuns$under"
            Add-Result "$($shell.Prefix)import.firstAwsCall" $firstCall 'ms' "first AWS call after import (Get-MRModelGroup -Name: DescribeModelPackageGroup), median of $ImportRuns$under"
            Add-Result "$($shell.Prefix)import.secondAwsCall" (Get-Median $calls[$shell.Prefix].second) 'ms' "the same call again in that session (steady state), median of $ImportRuns$under"
            Add-Comparison "first AWS call in a fresh session, after Import-Module ($($shell.Label))" (Format-Ms $firstCall) 'goal 60 ms' ($firstCall / 60) '<= 60 ms' ($firstCall -le 60)
            Add-Comparison "Get-MRConfiguration in a fresh session ($($shell.Label))" (Format-Ms $firstCommand) 'goal 15 ms' ($firstCommand / 15) '<= 15 ms' ($firstCommand -le 15)
            Add-Comparison "Import-Module once format tables are loaded ($($shell.Label))" (Format-Ms $import) 'goal 20 ms' ($import / 20) '<= 20 ms' ($import -le 20)
        }
    }

    $ciRow = 'CI step: pwsh Import-Module + New-MRModelVersion vs pwsh running aws sagemaker create-model-package'
    if ($missing = Get-MissingTool 'aws') {
        Add-Comparison $ciRow $null $null $null '<= 0.6x wall and CPU' $null $missing
    }
    else {
        Invoke-Measurement "a CI step, module vs AWS CLI ($ImportRuns runs each)" {
            $null = New-MRModelGroup -Name bench-ci
            $keys = ($RegistryKeys.GetEnumerator() | ForEach-Object { "`$env:$($_.Key) = '$($_.Value)'" }) -join "`n"
            $inputFile = Join-Path ([System.IO.Path]::GetTempPath()) "mr-bench-cli-input-$PID.json"
            @{
                ModelPackageGroupName  = 'bench-ci'
                InferenceSpecification = @{
                    Containers                 = @(@{ Image = $IrisVersion.Image; ModelDataUrl = $IrisVersion.ModelDataUrl })
                    SupportedContentTypes      = @('text/csv')
                    SupportedResponseMIMETypes = @('text/csv')
                }
            } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $inputFile
            $moduleStep = @"
`$ErrorActionPreference = 'Stop'
$keys
Import-Module '$ModulePath'
`$null = New-MRModelVersion -GroupName bench-ci -Image '$($IrisVersion.Image)' -ModelDataUrl '$($IrisVersion.ModelDataUrl)' -ContentType text/csv -ResponseContentType text/csv -EndpointUrl '$($registry.EndpointUrl)'
"@
            $cliStep = @"
$keys
& '$AwsCli' sagemaker create-model-package --cli-input-json 'file://$inputFile' --endpoint-url '$($registry.EndpointUrl)' --region us-east-1 --output json | Out-Null
exit `$LASTEXITCODE
"@
            try {
                $steps = @{}
                foreach ($shell in $powerShells) { $steps[$shell.Prefix] = @{ Module = [System.Collections.Generic.List[object]]::new(); Cli = [System.Collections.Generic.List[object]]::new() } }
                foreach ($run in 1..$ImportRuns) {
                    # Alternating spreads the machine's noise over both steps and every PowerShell.
                    foreach ($shell in $powerShells) {
                        $steps[$shell.Prefix].Module.Add((Measure-PwshStep $moduleStep $shell.Command))
                        $steps[$shell.Prefix].Cli.Add((Measure-PwshStep $cliStep $shell.Command))
                    }
                }
            }
            finally {
                Remove-Item -LiteralPath $inputFile -ErrorAction Ignore
            }
            foreach ($shell in $powerShells) {
                $module = $steps[$shell.Prefix].Module; $cli = $steps[$shell.Prefix].Cli; $prefix = $shell.Prefix
                $under = " under $($shell.Label)"
                $wall = (Get-Median $module.Wall) / (Get-Median $cli.Wall)
                Add-Result "${prefix}ciStep.module.wall" (Get-Median $module.Wall) 'ms' "pwsh -File: Import-Module; New-MRModelVersion, median of $ImportRuns$under"
                Add-Result "${prefix}ciStep.awsCli.wall" (Get-Median $cli.Wall) 'ms' "pwsh -File: aws sagemaker create-model-package, median of $ImportRuns$under"
                $figure = "$(Format-Ms (Get-Median $module.Wall)) wall"
                $reference = "$(Format-Ms (Get-Median $cli.Wall)) wall"
                $cpu = $null
                if ($null -ne $module[0].Cpu) {
                    $cpu = (Get-Median $module.Cpu) / (Get-Median $cli.Cpu)
                    Add-Result "${prefix}ciStep.module.cpu" (Get-Median $module.Cpu) 'ms' "CPU time (user + system) of that step, pwsh and its children$under"
                    Add-Result "${prefix}ciStep.awsCli.cpu" (Get-Median $cli.Cpu) 'ms' "CPU time (user + system) of that step, pwsh and the AWS CLI$under"
                    $figure += ", $(Format-Ms (Get-Median $module.Cpu)) CPU"
                    $reference += ", $(Format-Ms (Get-Median $cli.Cpu)) CPU (AWS CLI)"
                }
                Add-Result "${prefix}ciStep.ratio.wall" $wall 'x' "module step / AWS CLI step, wall time$under"
                if ($null -ne $cpu) { Add-Result "${prefix}ciStep.ratio.cpu" $cpu 'x' "module step / AWS CLI step, CPU time$under" }
                Add-Comparison "$ciRow ($($shell.Label))" $figure $reference ([math]::Max($wall, $cpu ?? 0)) '<= 0.6x wall and CPU' ($wall -le 0.6 -and ($null -eq $cpu -or $cpu -le 0.6))
                $comparisons[-1].Ratio = "$([math]::Round($wall, 2))x wall" + ($null -ne $cpu ? ", $([math]::Round($cpu, 2))x CPU" : '')
            }
        }
    }

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
        $connectionsBefore = Get-ServerConnectionCount $registry.EndpointUrl
        $elapsed = Measure-Milliseconds {
            foreach ($number in 1..$VersionCount) { New-MRModelVersion @IrisVersion }
        }
        $connections = (Get-ServerConnectionCount $registry.EndpointUrl) - $connectionsBefore
        Add-Result 'register.rate' ($VersionCount / ($elapsed / 1000)) 'versions/s' "New-MRModelVersion, $VersionCount versions one after another"
        Add-Result 'register.httpCalls' ($calls.Total / $countedVersions) 'calls/version' "server calls per version ($($calls.ByOperation) for $countedVersions)"
        Add-Result 'register.connections' $connections 'connections' "new TCP connections the server saw during the $VersionCount registrations (one per call before 2026-11-30 afternoon)"
    }

    $registerRow = "$VersionCount sequential registrations in one session vs a boto3 loop (create + describe)"
    $moduleRate = ($results | Where-Object Name -EQ 'register.rate' | Select-Object -First 1).Value
    if ($missing = Get-MissingTool 'boto3') {
        Add-Comparison $registerRow $null $null $null '>= 0.9x boto3''s rate' $null $missing
    }
    elseif ($moduleRate) {
        Invoke-Measurement "registering $VersionCount versions with boto3" {
            $null = New-MRModelGroup -Name bench-boto3
            $boto3 = Invoke-Boto3 $registry.EndpointUrl @('register', 'bench-boto3', $VersionCount)
            $boto3Rate = $boto3.count / $boto3.seconds
            Add-Result 'register.boto3Rate' $boto3Rate 'versions/s' "boto3: create_model_package + describe_model_package, $VersionCount one after another"
            Add-Result 'register.ratioToBoto3' ($moduleRate / $boto3Rate) 'x' 'module rate / boto3 rate'
            Add-Comparison $registerRow ('{0:0} versions/s' -f $moduleRate) ('{0:0} versions/s (boto3)' -f $boto3Rate) ($moduleRate / $boto3Rate) '>= 0.9x' ($moduleRate / $boto3Rate -ge 0.9)
        }
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

    $listRow = "listing $ListVersionCount versions vs boto3's paginator with pages of 100"
    if ($missing = Get-MissingTool 'boto3') {
        Add-Comparison $listRow $null $null $null '<= 1.1x boto3''s time' $null "$missing (it also seeds the versions)"
    }
    else {
        Invoke-Measurement "listing $ListVersionCount versions, module vs boto3 (3 runs each)" {
            $null = New-MRModelGroup -Name bench-list
            $seeded = Invoke-Boto3 $registry.EndpointUrl @('seed', 'bench-list', $ListVersionCount, 8)
            Add-Result 'list.large.seedTime' ($seeded.seconds * 1000) 'ms' "$ListVersionCount versions created by 8 concurrent boto3 threads (set-up, not compared)"
            $module = foreach ($run in 1..3) {
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $count = @(Get-MRModelVersion -GroupName bench-list).Count
                $watch.Elapsed.TotalMilliseconds
                if ($count -ne $ListVersionCount) { throw "Get-MRModelVersion listed $count versions, expected $ListVersionCount." }
            }
            $boto3 = foreach ($run in 1..3) {
                $listed = Invoke-Boto3 $registry.EndpointUrl @('list', 'bench-list', 100)
                if ($listed.count -ne $ListVersionCount) { throw "boto3 listed $($listed.count) versions, expected $ListVersionCount." }
                $listed.seconds * 1000
            }
            $ratio = (Get-Median $module) / (Get-Median $boto3)
            Add-Result 'list.large.time' (Get-Median $module) 'ms' "Get-MRModelVersion -GroupName (pages of 100), $ListVersionCount versions, median of 3"
            Add-Result 'list.large.boto3Time' (Get-Median $boto3) 'ms' "boto3 list_model_packages paginator, PageSize 100, median of 3"
            Add-Result 'list.large.ratioToBoto3' $ratio 'x' 'module time / boto3 time'
            Add-Comparison $listRow (Format-Ms (Get-Median $module)) "$(Format-Ms (Get-Median $boto3)) (boto3)" $ratio '<= 1.1x' ($ratio -le 1.1)
        }
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

$throttledRow = "$ThrottledCount registrations against a CreateModelPackage limit of $ThrottledRate/s"
Invoke-Measurement $throttledRow {
    $limited = Start-MRLocalRegistry -RateLimit @{ CreateModelPackage = $ThrottledRate } -PassThru
    try {
        $throttledVersion = $IrisVersion.Clone()
        $throttledVersion.GroupName = 'bench-throttled'
        $null = New-MRModelGroup -Name $throttledVersion.GroupName
        $failed = $null
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $registered = @(1..$ThrottledCount | ForEach-Object { New-MRModelVersion @throttledVersion -ErrorAction SilentlyContinue -ErrorVariable +failed })
        $seconds = $watch.Elapsed.TotalSeconds
        $numbers = @(Get-MRModelVersion -GroupName $throttledVersion.GroupName | ForEach-Object Version | Sort-Object -Unique)
        $counts = (Invoke-RestMethod "$($limited.EndpointUrl)/_localregistry/rate-limits" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = 'bench' }).buckets | Where-Object operation -EQ 'CreateModelPackage'
        # What the bucket lets through in that time: its burst (one second's worth) plus the rate.
        $allowed = [math]::Max(1, $ThrottledRate) + $ThrottledRate * $seconds
        $share = 100 * $registered.Count / $allowed
        $failures = @($failed).Count
        $versionsOk = $numbers.Count -eq $registered.Count -and ($registered.Count -eq 0 -or ($numbers[0] -eq 1 -and $numbers[-1] -eq $registered.Count))
        Add-Result 'throttled.failures' $failures 'errors' "New-MRModelVersion errors among $ThrottledCount registrations"
        Add-Result 'throttled.rate' ($registered.Count / $seconds) 'versions/s' "registrations per second against a limit of $ThrottledRate/s"
        Add-Result 'throttled.shareOfAllowed' $share '%' 'registrations / (burst + rate x time): how much of what the limit allows was used'
        Add-Result 'throttled.serverThrottled' $counts.throttled 'calls' 'CreateModelPackage calls the registry refused with ThrottlingException'
        if (-not $versionsOk) { throw "The group holds versions $($numbers[0])..$($numbers[-1]) ($($numbers.Count) distinct) for $($registered.Count) registrations." }
        Add-Comparison $throttledRow ("{0} failures, {1:0.0} versions/s" -f $failures, ($registered.Count / $seconds)) ("{0:0}% of the allowed rate; {1} throttled, retried" -f $share, $counts.throttled) ($share / 100) '0 failures, >= 85%' ($failures -eq 0 -and $share -ge 85)
    }
    finally {
        $limited | Stop-MRLocalRegistry
    }
}

$results | Format-Table Name, Value, Unit, Description -AutoSize | Out-String -Width 240 | Write-Host
if ($IsLinux) { $machine.loadAverageAtEnd = [double]((Get-Content -LiteralPath /proc/loadavg -Raw) -split ' ')[0] }
Write-Host ("Side by side (issue #13), 1-minute load average {0} at the start, {1} at the end:" -f ($machine.loadAverage ?? 'n/a'), ($machine['loadAverageAtEnd'] ?? 'n/a'))
$comparisons | ForEach-Object {
    [pscustomobject]@{
        Row = $_.Row
        Figure = $_.Figure ?? '-'
        'Compared with' = $_.Reference ?? '-'
        Ratio = $null -eq $_.Ratio ? '-' : ($_.Ratio -is [string] ? $_.Ratio : "$($_.Ratio)x")
        Goal = $_.Goal
        Met = $_.Skipped ? "skipped: $($_.Skipped)" : ($_.Met ? 'yes' : 'no')
    }
} | Format-Table -AutoSize -Wrap | Out-String -Width 240 | Write-Host
if ($results | Where-Object Name -EQ 'list.detailedSpeedup') {
    Write-Host ("-Detailed vs one describe per version, {0} versions: {1:0.0}x faster on loopback ({2:0} ms vs {3:0} ms), {4:0.0}x with {5} ms per call ({6:0} ms vs {7:0} ms)." -f
        $VersionCount, ($medians['naive'] / $medians['detailed']), $medians['detailed'], $medians['naive'],
        ($withLatency['naive'] / $withLatency['detailed']), $SimulatedLatencyMs, $withLatency['detailed'], $withLatency['naive'])
}

$report = [ordered]@{
    machine    = $machine
    module     = [ordered]@{ version = $moduleVersion; path = $ModulePath }
    parameters = [ordered]@{ readyToRunPowerShell = $ReadyToRunPowerShell ? $ReadyToRunPowerShell : $null; versionCount = $VersionCount; listVersionCount = $ListVersionCount; throttledCount = $ThrottledCount; throttledRate = $ThrottledRate; simulatedLatencyMs = $SimulatedLatencyMs; importRuns = $ImportRuns; startRuns = $StartRuns; listingRuns = $ListingRuns }
    results    = @($results | ForEach-Object { [ordered]@{ name = $_.Name; value = $_.Value; unit = $_.Unit; description = $_.Description } })
    comparisons = @($comparisons | ForEach-Object { [ordered]@{ row = $_.Row; figure = $_.Figure; comparedWith = $_.Reference; ratio = $_.Ratio; goal = $_.Goal; met = $_.Met; skipped = $_.Skipped } })
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
