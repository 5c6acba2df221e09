#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the ModelRegistry module.
.DESCRIPTION
    Build    lays the importable module out under out/ModelRegistry/<version>/: IL that runs everywhere, plus
             copies of ModelRegistry.Core and AWSSDK.Core compiled ReadyToRun for this platform and .NET
             major version (native code that spares the first cmdlet most of its JIT work).
    Test     packages, runs the xunit suites, Pester against the built module and the AWS SDK
             conformance suite against the local registry, and prints
             one line "N passed, N failed" with the totals of both; exits 1 on any failure.
    Demo     builds, then runs docs/examples/demo.ps1 against the local registry.
    Bench    builds, installs Debian's awscli and python3-boto3 if missing (for the side-by-side rows),
             then runs the benchmarks in tests/bench.
    Package  builds, then writes out/ModelRegistry.<version>.nupkg (PowerShell Gallery layout) from that folder.
    Clean    removes out/ and every bin/ and obj/ folder.
    Mutate   mutation testing of Core with Stryker.NET against Core.Tests, one run per -Mutate
             pattern; prints each run's score (killed / killed + survived + no coverage) and
             writes reports to out/mutation/. Slow (minutes per pattern), so not part of Test.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Mutate -Mutate '**/Client/ModelVersionListing.cs'
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean', 'Mutate')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tests to run (file paths or names); all of tests/pester when empty.
    [string[]] $PesterPath,

    # Mutate: Core source files to mutate (Stryker --mutate globs), one Stryker run each.
    [string[]] $Mutate = @('**/Policies/**/*.cs', '**/Client/RequestValidator.cs', '**/ServiceModels/ShapeValidator.cs', '**/Client/ModelVersionListing.cs',
        '**/CrossAccount/**/*.cs', '**/Resources/**/*.cs'),

    # Mutate: test sessions Stryker runs at once.
    [ValidateRange(1, 16)]
    [int] $Concurrency = 2
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$manifestPath = Join-Path $root 'ModelRegistry.psd1'
$version = (Import-PowerShellDataFile $manifestPath).ModuleVersion
$outRoot = Join-Path $root 'out'
$moduleDir = Join-Path $outRoot "ModelRegistry/$version"
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

# A child pwsh like this one; under `dotnet pwsh` the process is dotnet and pwsh.dll its argument.
function Invoke-ChildPwsh([string[]] $Arguments) {
    $pwshHost = [Environment]::ProcessPath
    if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { & $pwshHost (Join-Path $PSHOME 'pwsh.dll') @Arguments | Out-Host }
    else { & $pwshHost @Arguments | Out-Host }
}

# Output goes to the host, never into a function's return value.
function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# The platforms PowerShell 7 runs on whose operating system may lack SQLite; the local registry's
# SQLite native library ships for these only. macOS always has /usr/lib/libsqlite3.dylib and 64-bit
# Windows has winsqlite3.dll: the server uses those (Storage/SqliteLibrary.cs). 32-bit Windows keeps
# its copy because winsqlite3 there uses stdcall, which the SQLite provider does not call.
$nativeRuntimes = 'win-x86', 'linux-x64', 'linux-arm64', 'linux-arm', 'linux-musl-x64', 'linux-musl-arm64'

# The server's publish output without what it does not need to run: symbols, and native libraries
# other than those of $nativeRuntimes (browser-wasm, s390x, maccatalyst, ... and the systems that have SQLite).
function Copy-LocalRegistry([string] $From, [string] $To) {
    $null = New-Item -ItemType Directory -Path $To
    Get-ChildItem $From -File | Where-Object Extension -NE '.pdb' | Copy-Item -Destination $To
    foreach ($runtime in $nativeRuntimes) {
        $native = Join-Path $From "runtimes/$runtime/native"
        if (-not (Test-Path $native)) { throw "The local registry's publish output has no native libraries for $runtime ($native)" }
        $target = Join-Path $To "runtimes/$runtime"
        $null = New-Item -ItemType Directory -Path $target
        Copy-Item $native -Destination $target -Recurse
    }
}

function Invoke-Build {
    $publish = Join-Path $outRoot 'publish'
    # dotnet publish -o adds to a folder and never removes what an earlier build left there.
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    Invoke-Native dotnet @('publish', "$root/src/ModelRegistry.PowerShell", '-c', $Configuration, '-o', "$publish/module", '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('publish', "$root/src/ModelRegistry.Loader", '-c', $Configuration, '-o', "$publish/loader", '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('publish', "$root/src/ModelRegistry.LocalRegistry", '-c', $Configuration, '-o', "$publish/local-registry", '--nologo', '-v', 'quiet')

    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleDir
    # Only the cmdlets' assembly sits beside the manifest; everything it depends on goes to dependencies/,
    # which the module loads itself (its own load context on PowerShell 7). PowerShell provides
    # System.Management.Automation.
    Copy-Item "$publish/module/ModelRegistry.PowerShell.dll", "$publish/loader/ModelRegistry.Loader.dll" -Destination $moduleDir
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $moduleDir 'dependencies')
    Get-ChildItem "$publish/module" -Filter *.dll |
        Where-Object Name -NotIn 'System.Management.Automation.dll', 'ModelRegistry.PowerShell.dll' |
        Copy-Item -Destination $dependencies
    Copy-Item $manifestPath, "$root/src/ModelRegistry.PowerShell/ModelRegistry.Format.ps1xml", "$root/src/ModelRegistry.PowerShell/ModelRegistry.Types.ps1xml" -Destination $moduleDir
    Copy-LocalRegistry -From "$publish/local-registry" -To (Join-Path $moduleDir 'LocalRegistry')

    $helpDir = Join-Path $moduleDir 'en-US'
    $null = New-Item -ItemType Directory -Path $helpDir -Force
    & "$root/src/ModelRegistry.PowerShell/Build/ConvertTo-MamlHelp.ps1" `
        -MarkdownPath "$root/docs/cmdlets" -OutputPath "$helpDir/ModelRegistry.PowerShell.dll-Help.xml"
    Copy-Item "$root/docs/about_ModelRegistry.md" -Destination "$helpDir/about_ModelRegistry.help.txt"

    try {
        Invoke-ReadyToRun
    }
    catch {
        # Speed only: without crossgen2 (offline, or a runtime identifier it is not published for) the IL runs as is.
        Write-Warning "ReadyToRun compilation skipped, the module stays IL only: $($_.Exception.Message)"
    }
    Write-Host "Built ModelRegistry $version -> $moduleDir"
}

# The assemblies every cmdlet's first AWS call runs, precompiled: ~1,100 methods the JIT would otherwise compile
# in each new session (ModelRegistry.Core and AWSSDK.Core). The other AWS SDK assemblies are used by a few cmdlets
# only and stay IL, which keeps the package small.
$readyToRunAssemblies = 'ModelRegistry.Core.dll', 'AWSSDK.Core.dll'

# crossgen2, the ReadyToRun compiler, for this machine and the runtime running this build.
function Get-Crossgen2 {
    $runtimeIdentifier = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $runtimeVersion = [Environment]::Version.ToString(3)
    Invoke-Native dotnet @('restore', "$root/src/ModelRegistry.PowerShell/Build/Crossgen2.csproj", '--nologo', '-v', 'quiet',
        "-p:Crossgen2HostRid=$runtimeIdentifier", "-p:Crossgen2Version=$runtimeVersion")
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $crossgen = Join-Path $packages.Trim() "microsoft.netcore.app.crossgen2.$runtimeIdentifier/$runtimeVersion/tools/crossgen2"
    if ($IsWindows) { $crossgen += '.exe' }
    # linux-x64, linux-musl-arm64, win-x86, osx-arm64: the OS first, the architecture last.
    $ridParts = $runtimeIdentifier -split '-'
    [pscustomobject]@{
        Path          = $crossgen
        TargetOS      = @{ win = 'windows' }[$ridParts[0]] ?? $ridParts[0]
        TargetArch    = $ridParts[-1]
        # The folder the module's loader looks in (DependencyLoadContext.ReadyToRunPlatform): native code is
        # valid only for this platform and .NET major version.
        Platform      = "$($ridParts[0])-$($ridParts[-1]).net$([Environment]::Version.Major)"
        FrameworkDir  = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    }
}

# Compiles $Assemblies ReadyToRun into $Destination, against the running .NET and the assemblies in $References.
function Invoke-Crossgen2([object] $Crossgen, [System.IO.FileInfo[]] $Assemblies, [string[]] $References, [string] $Destination) {
    $null = New-Item -ItemType Directory -Path $Destination -Force
    foreach ($assembly in $Assemblies) {
        # Each file by name: PowerShell on Unix expands a wildcard argument to a native command itself, and crossgen2
        # took the files after the first as more inputs (the input among them: "Multiple input files matching same simple name").
        $referenceArguments = foreach ($reference in @("$($Crossgen.FrameworkDir)*.dll") + $References) {
            foreach ($path in (Resolve-Path $reference).Path) { '-r', $path }
        }
        $arguments = @($assembly.FullName, '-o', (Join-Path $Destination $assembly.Name), '--targetos', $Crossgen.TargetOS,
            '--targetarch', $Crossgen.TargetArch, '-O') + $referenceArguments
        $output = & $Crossgen.Path @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { $output | Out-Host; throw "crossgen2 failed on $($assembly.Name) with exit code $LASTEXITCODE" }
    }
}

# Precompiled copies of $readyToRunAssemblies in dependencies/readytorun/<os>-<arch>.net<major>/, which the
# module's loader prefers on that platform and runtime. Everywhere else (another platform, another .NET, Windows
# PowerShell) the IL in dependencies/ loads as before: one package serves every platform.
function Invoke-ReadyToRun {
    $crossgen = Get-Crossgen2
    $dependencies = Join-Path $moduleDir 'dependencies'
    $assemblies = Get-ChildItem $dependencies -File | Where-Object Name -In $readyToRunAssemblies
    $references = @("$PSHOME/System.Management.Automation.dll") + (Get-ChildItem $dependencies -Filter *.dll | ForEach-Object FullName)
    Invoke-Crossgen2 $crossgen $assemblies $references (Join-Path $dependencies "readytorun/$($crossgen.Platform)")
}

function Get-PesterManifest {
    Invoke-Native dotnet @('restore', "$root/tests/tools/TestTools.csproj", '--nologo', '-v', 'quiet')
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 was not restored to $pester" }
    $pester
}

function Invoke-XunitSuites {
    $results = Join-Path $outRoot 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $passed = 0; $failed = 0
    foreach ($project in Get-ChildItem "$root/tests" -Filter *.Tests.csproj -Recurse) {
        $name = $project.BaseName
        & dotnet test $project.FullName -c $Configuration --nologo -v quiet `
            --logger "trx;LogFileName=$name.trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
        $trx = Join-Path $results "$name.trx"
        if (-not (Test-Path $trx)) { throw "$name produced no test results (build failure?)" }
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-PesterSuite([string] $PesterManifest) {
    $paths = if ($PesterPath) { $PesterPath } else { "$root/tests/pester" }
    $summary = Join-Path $outRoot 'pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary }
    $env:MODELREGISTRY_MODULE = Join-Path $moduleDir 'ModelRegistry.psd1'
    # A child pwsh, so the module under test is loaded fresh from out/ and nothing leaks into this session.
    Invoke-ChildPwsh @('-NoProfile', '-NonInteractive', '-File', "$root/tests/tools/Invoke-PesterSuite.ps1",
        '-PesterManifest', $PesterManifest, '-Path', ($paths -join ','), '-SummaryPath', $summary,
        '-ResultPath', (Join-Path $outRoot 'test-results/pester.xml'))
    if (-not (Test-Path $summary)) { throw 'Pester did not finish' }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Invoke-ConformanceSuite {
    # The official AWS SDK for JavaScript v3 clients against the local registry.
    $suite = Join-Path $root 'tests/conformance'
    Push-Location $suite
    try {
        Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error')
        $env:MODELREGISTRY_LOCAL_REGISTRY_DLL = Join-Path $moduleDir 'LocalRegistry/ModelRegistry.LocalRegistry.dll'
        $tap = & node --test --test-reporter=tap 2>&1 | ForEach-Object { "$_" }
        # Only failures are echoed: the totals line at the end is the one summary of every suite.
        $tap | Where-Object { $_ -match '^\s*not ok' } | Write-Host
        $count = { param($name) [int](($tap | Where-Object { $_ -match "^# $name (\d+)$" } | Select-Object -Last 1) -replace "^# $name ", '') }
        $result = [pscustomobject]@{ Passed = & $count 'pass'; Failed = & $count 'fail' }
        if ($LASTEXITCODE -ne 0 -and $result.Failed -eq 0) { $result.Failed = 1 }
        $result
    }
    finally {
        Pop-Location
    }
}

function Invoke-Test {
    $env:NO_PROXY = '127.0.0.1,localhost'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $pester = Get-PesterManifest
    Invoke-Package
    $xunit = Invoke-XunitSuites
    $pesterCounts = Invoke-PesterSuite $pester
    $conformance = Invoke-ConformanceSuite
    foreach ($counts in $xunit, $pesterCounts, $conformance) {
        if ($counts.Passed -isnot [int] -and $counts.Passed -isnot [long] -or $counts.Failed -isnot [int] -and $counts.Failed -isnot [long]) {
            throw "A suite gave no counts ($($counts | ConvertTo-Json -Compress)): the run cannot be counted."
        }
    }
    $passed = $xunit.Passed + $pesterCounts.Passed + $conformance.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed + $conformance.Failed
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed; AWS SDK conformance: {4} passed, {5} failed" -f
        $xunit.Passed, $xunit.Failed, $pesterCounts.Passed, $pesterCounts.Failed, $conformance.Passed, $conformance.Failed)
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $env:NO_PROXY = '127.0.0.1,localhost'
    Invoke-ChildPwsh @('-NoProfile', '-NonInteractive', '-File', "$root/docs/examples/demo.ps1", '-ModulePath', (Join-Path $moduleDir 'ModelRegistry.psd1'))
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    Install-BenchClients
    $benchArguments = @('-NoProfile', '-NonInteractive', '-File', "$root/tests/bench/Invoke-Benchmarks.ps1", '-ModulePath', (Join-Path $moduleDir 'ModelRegistry.psd1'))
    try {
        $readyToRunPowerShell = Get-ReadyToRunPowerShell
        if ($readyToRunPowerShell) { $benchArguments += '-ReadyToRunPowerShell', $readyToRunPowerShell }
    }
    catch {
        Write-Warning "No ReadyToRun PowerShell to compare with; the cold-start rows run under this PowerShell only: $($_.Exception.Message)"
    }
    Invoke-ChildPwsh $benchArguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# Whether an assembly carries native code (ReadyToRun) beside its IL.
function Test-NativeCode([string] $Path) {
    $reader = [System.Reflection.PortableExecutable.PEReader]::new([System.IO.File]::OpenRead($Path))
    try { $corHeader = $reader.PEHeaders.CorHeader; $null -ne $corHeader -and $corHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
    finally { $reader.Dispose() }
}

# PowerShell as Microsoft's packages install it has its own assemblies precompiled (ReadyToRun); the `dotnet tool`
# PowerShell this repository uses is IL only and JIT-compiles its own engine in every process (~0.4 s of CPU per start).
# CI runners have the former, so the bench measures the cold-start rows under both: a copy of this PowerShell whose
# assemblies crossgen2 compiled stands in for an installed one (built once per PowerShell version, ~40 s). Returns that
# copy's pwsh.dll, or nothing when this PowerShell is already precompiled.
function Get-ReadyToRunPowerShell {
    if (Test-NativeCode (Join-Path $PSHOME 'System.Management.Automation.dll')) { return }
    $copy = Join-Path $outRoot "bench/powershell-readytorun/$($PSVersionTable.PSVersion)"
    $complete = Join-Path $copy '.readytorun-complete'
    if (-not (Test-Path $complete)) {
        if (Test-Path $copy) { Remove-Item $copy -Recurse -Force }
        $null = New-Item -ItemType Directory -Path (Split-Path $copy) -Force
        Copy-Item $PSHOME -Destination $copy -Recurse
        Write-Host "Compiling PowerShell $($PSVersionTable.PSVersion) ReadyToRun into $copy (once)..."
        $assemblies = Get-ChildItem $PSHOME -Filter *.dll | Where-Object { -not (Test-NativeCode $_.FullName) }
        Invoke-Crossgen2 (Get-Crossgen2) $assemblies @("$PSHOME/*.dll") $copy
        $null = New-Item -ItemType File -Path $complete
    }
    Join-Path $copy 'pwsh.dll'
}

# The bench compares the module with Debian's AWS CLI v2 and boto3; rows whose client is missing are skipped with the reason.
function Install-BenchClients {
    $missing = @()
    if (-not (Test-Path /usr/bin/aws)) { $missing += 'awscli' }
    if (-not (Test-Path /usr/bin/python3) -or -not $(& /usr/bin/python3 -c 'import boto3' 2>$null; $LASTEXITCODE -eq 0)) { $missing += 'python3-boto3' }
    if (-not $missing) { return }
    if (-not (Get-Command apt-get -ErrorAction Ignore)) { Write-Warning "Cannot install $($missing -join ', '): no apt-get here; their rows are skipped."; return }
    $sudo = if ((& id -u) -ne '0') { if (Get-Command sudo -ErrorAction Ignore) { 'sudo' } else { Write-Warning "Cannot install $($missing -join ', '): not root and no sudo; their rows are skipped."; return } }
    Write-Host "Installing $($missing -join ', ') for the side-by-side benchmarks..."
    $aptGet = if ($sudo) { @('sudo', 'apt-get') } else { @('apt-get') }
    & $aptGet[0] @($aptGet | Select-Object -Skip 1) update -qq | Out-Host
    & $aptGet[0] @($aptGet | Select-Object -Skip 1) install -y -qq @missing | Out-Host
    if ($LASTEXITCODE -ne 0) { Write-Warning "apt-get install $($missing -join ' ') failed (exit code $LASTEXITCODE); their rows are skipped." }
}

function Invoke-Package {
    Invoke-Build
    & "$root/src/ModelRegistry.PowerShell/Build/New-ModulePackage.ps1" -ModuleDirectory $moduleDir -OutputDirectory $outRoot
    $env:MODELREGISTRY_PACKAGE = Join-Path $outRoot "ModelRegistry.$version.nupkg"
}

function Invoke-Clean {
    if (Test-Path $outRoot) { Remove-Item $outRoot -Recurse -Force }
    Get-ChildItem $root -Directory -Recurse -Include bin, obj |
        Where-Object FullName -NotMatch 'node_modules' |
        Remove-Item -Recurse -Force
}

function Invoke-Mutate {
    Invoke-Native dotnet @('tool', 'restore')
    $coreTests = "$root/tests/ModelRegistry.Core.Tests/ModelRegistry.Core.Tests.csproj"
    $scores = foreach ($pattern in $Mutate) {
        $output = Join-Path $outRoot "mutation/$(($pattern -replace '\*\*/|\*|\.cs$' -replace '[/\\]+', '-').Trim('-'))"
        Push-Location "$root/src/ModelRegistry.Core"
        try {
            Invoke-Native dotnet @('dotnet-stryker', '--project', 'ModelRegistry.Core.csproj', '--test-project', $coreTests,
                '--mutate', $pattern, '--concurrency', $Concurrency, '--reporter', 'json', '--reporter', 'html',
                '--reporter', 'cleartext', '--output', $output, '--skip-version-check')
        }
        finally {
            Pop-Location
        }
        $report = Get-Content (Join-Path $output 'reports/mutation-report.json') -Raw | ConvertFrom-Json
        $count = @{}
        foreach ($mutant in $report.files.PSObject.Properties.Value.mutants) { $count[$mutant.status] = 1 + ($count[$mutant.status] ?? 0) }
        $detected = ($count['Killed'] ?? 0) + ($count['Timeout'] ?? 0)
        $valid = $detected + ($count['Survived'] ?? 0) + ($count['NoCoverage'] ?? 0)
        [pscustomobject]@{
            Pattern    = $pattern
            Score      = if ($valid) { [math]::Round(100 * $detected / $valid, 1) } else { 0 }
            Killed     = $detected
            Survived   = $count['Survived'] ?? 0
            NoCoverage = $count['NoCoverage'] ?? 0
            Report     = Join-Path $output 'reports/mutation-report.html'
        }
    }
    $scores | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}

& "Invoke-$Task"
