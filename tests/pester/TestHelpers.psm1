# Shared by the Pester suites: where the built module is, and a local registry per test file.

function Get-ModuleUnderTest {
    if (-not $env:MODELREGISTRY_MODULE) { throw 'MODELREGISTRY_MODULE is not set: run the tests with ./build.ps1 -Task Test' }
    $env:MODELREGISTRY_MODULE
}

# A fresh, isolated AWS environment: no profile files, no keys, no region from this machine.
function Clear-AwsEnvironment {
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION',
        'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SAGEMAKER', 'AWS_ENDPOINT_URL_ECR') {
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }
    $empty = Join-Path ([System.IO.Path]::GetTempPath()) "mr-empty-$PID"
    $null = New-Item -ItemType Directory -Path $empty -Force
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $empty 'credentials'
    $env:AWS_CONFIG_FILE = Join-Path $empty 'config'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $env:NO_PROXY = '127.0.0.1,localhost'
    Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
    # The SDK caches the region it found (AWS_REGION of an earlier test file); S3 clients would use it.
    if ('Amazon.Runtime.FallbackRegionFactory' -as [type]) { [Amazon.Runtime.FallbackRegionFactory]::Reset() }
}

# Runs a child pwsh like this one (under `dotnet pwsh` the process is dotnet, pwsh.dll its argument).
function Invoke-ChildPwsh([string] $Command) {
    $pwshHost = [Environment]::ProcessPath
    if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { & $pwshHost (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Command }
    else { & $pwshHost -NoProfile -NonInteractive -Command $Command }
}

# Starts a local registry through Core's launcher, leaving the session defaults alone (tests that
# check credential resolution need a registry that Start-MRLocalRegistry did not make the default).
function Start-TestRegistry([string] $DataPath, [hashtable] $RateLimit) {
    $server = Join-Path (Split-Path (Get-ModuleUnderTest)) 'LocalRegistry/ModelRegistry.LocalRegistry.dll'
    $options = (Get-ModuleType ModelRegistry.Core.LocalRegistry.LocalRegistryStartOptions)::new($server)
    $options.ParentProcessId = $PID
    if ($DataPath) { $options.DataPath = $DataPath }
    if ($RateLimit) { $options.RateLimits = (Get-ModuleType ModelRegistry.Core.LocalRegistry.LocalRegistryRateLimits)::Validate($RateLimit) }
    (Get-ModuleType ModelRegistry.Core.LocalRegistry.LocalRegistryLauncher)::StartAsync($options, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

# A name no other test uses, valid for SageMaker (letters, digits, hyphens; at most 63 characters).
function New-TestName([string] $Prefix = 'test') {
    "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
}

# The module's own assemblies (ModelRegistry.Core, its AWS SDK) load in its private load context,
# where PowerShell does not look up type names: the tests name those types through accelerators.
function Register-ModuleTypes {
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
    foreach ($assembly in Get-ModuleAssembly) {
        foreach ($type in $assembly.GetExportedTypes()) { $accelerators::Add($type.FullName, $type) }
    }
}

# ModelRegistry.Core and the AWS SDK assemblies of the module's load context (the module must be imported).
function Get-ModuleAssembly {
    # Asked for by name, Core loads where the module loads it: in its own context.
    $core = [System.Reflection.Assembly]::Load('ModelRegistry.Core')
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)
    foreach ($file in Get-ChildItem (Join-Path (Split-Path (Get-ModuleUnderTest)) 'dependencies') -Filter *.dll | Where-Object Name -Match '^(AWSSDK\.|ModelRegistry\.Core)') {
        $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::GetAssemblyName($file.FullName))
    }
}

# A type of the module's load context, without registering any type name (for sessions that also hold another SDK copy).
function Get-ModuleType([string] $Name) {
    foreach ($assembly in Get-ModuleAssembly) { if ($type = $assembly.GetType($Name)) { return $type } }
    throw "No type $Name in the module's assemblies."
}

# Runs a command of the module under test in another runspace of this process after a pause: a
# reviewer's session acting while the test waits. Complete-DelayedCommand waits for it and fails on its errors.
function Start-DelayedCommand([string] $Command, [hashtable] $Parameters, [double] $AfterSeconds = 0) {
    $runspace = [powershell]::Create()
    $null = $runspace.AddScript({
        param($Module, $Command, $Parameters, $AfterSeconds)
        Import-Module $Module
        Start-Sleep -Seconds $AfterSeconds
        & $Command @Parameters
    }).AddParameters(@{ Module = (Get-ModuleUnderTest); Command = $Command; Parameters = $Parameters; AfterSeconds = $AfterSeconds })
    [pscustomobject]@{ PowerShell = $runspace; Handle = $runspace.BeginInvoke() }
}

function Complete-DelayedCommand($Started) {
    $output = $Started.PowerShell.EndInvoke($Started.Handle)
    $errors = @($Started.PowerShell.Streams.Error)
    $Started.PowerShell.Dispose()
    if ($errors) { throw "The delayed command failed: $($errors -join '; ')" }
    $output
}

# The AWS calls a local registry has received, by operation (its GET /_localregistry/calls).
function Get-ServerCallCount([string] $EndpointUrl) {
    $counts = @{}
    foreach ($operation in (Invoke-RestMethod "$EndpointUrl/_localregistry/calls" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = '1' }).calls.PSObject.Properties) {
        $counts[$operation.Name] = $operation.Value
    }
    $counts
}

# How many TCP connections have carried AWS calls to a local registry since it started.
function Get-ServerConnectionCount([string] $EndpointUrl) {
    (Invoke-RestMethod "$EndpointUrl/_localregistry/calls" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = '1' }).connections
}

# Runs $Action and returns its output with the calls the server received meanwhile, by operation
# (operations not called are absent), so a test can assert what a command costs.
function Measure-ServerCall([string] $EndpointUrl, [scriptblock] $Action) {
    $before = Get-ServerCallCount $EndpointUrl
    $output = @(& $Action)
    $after = Get-ServerCallCount $EndpointUrl
    $calls = @{}
    foreach ($operation in $after.Keys) {
        $made = $after[$operation] - ($before[$operation] ?? 0)
        if ($made) { $calls[$operation] = $made }
    }
    [pscustomobject]@{ Output = $output; Calls = $calls }
}

# Every Pester file's start: the module under test imported for the whole session, its types named
# (Register-ModuleTypes), and no AWS settings from the environment the tests run in.
function Initialize-ModuleTest {
    Import-Module (Get-ModuleUnderTest) -Force -Global
    Register-ModuleTypes
    Clear-AwsEnvironment
}

# Fault rules of a local registry (docs/local-registry.md): one rule added, or every rule removed.
function Add-RegistryFault([string] $EndpointUrl, [hashtable] $Rule) {
    $null = Invoke-RestMethod -Method Post "$EndpointUrl/_localregistry/faults" -NoProxy -ContentType application/json -Body ($Rule | ConvertTo-Json -Depth 5)
}

function Clear-RegistryFault([string] $EndpointUrl) {
    $null = Invoke-RestMethod -Method Delete "$EndpointUrl/_localregistry/faults" -NoProxy -Headers @{ 'X-LocalRegistry-Admin' = 'tests' }
}

# The result of a Core method's task, for tests that drive Core directly.
function Wait-Task($Task) { $Task.GetAwaiter().GetResult() }


Export-ModuleMember -Function Get-ModuleUnderTest, Initialize-ModuleTest, Add-RegistryFault, Clear-RegistryFault, Wait-Task, Clear-AwsEnvironment, Invoke-ChildPwsh, Start-TestRegistry, New-TestName, Start-DelayedCommand,
    Complete-DelayedCommand, Register-ModuleTypes, Get-ModuleType, Get-ServerCallCount, Get-ServerConnectionCount, Measure-ServerCall
