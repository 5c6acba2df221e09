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
}

# Runs a child pwsh like this one (under `dotnet pwsh` the process is dotnet, pwsh.dll its argument).
function Invoke-ChildPwsh([string] $Command) {
    $pwshHost = [Environment]::ProcessPath
    if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { & $pwshHost (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Command }
    else { & $pwshHost -NoProfile -NonInteractive -Command $Command }
}

# Starts a local registry through Core's launcher, leaving the session defaults alone (tests that
# check credential resolution need a registry that Start-MRLocalRegistry did not make the default).
function Start-TestRegistry([string] $DataPath) {
    $server = Join-Path (Split-Path (Get-ModuleUnderTest)) 'LocalRegistry/ModelRegistry.LocalRegistry.dll'
    $options = [ModelRegistry.Core.LocalRegistry.LocalRegistryStartOptions]::new($server)
    $options.ParentProcessId = $PID
    if ($DataPath) { $options.DataPath = $DataPath }
    [ModelRegistry.Core.LocalRegistry.LocalRegistryLauncher]::StartAsync($options, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

# A name no other test uses, valid for SageMaker (letters, digits, hyphens; at most 63 characters).
function New-TestName([string] $Prefix = 'test') {
    "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
}

# The AWS calls a local registry has received, by operation (its GET /_localregistry/calls).
function Get-ServerCallCount([string] $EndpointUrl) {
    $counts = @{}
    foreach ($operation in (Invoke-RestMethod "$EndpointUrl/_localregistry/calls" -NoProxy).calls.PSObject.Properties) {
        $counts[$operation.Name] = $operation.Value
    }
    $counts
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

Export-ModuleMember -Function Get-ModuleUnderTest, Clear-AwsEnvironment, Invoke-ChildPwsh, Start-TestRegistry, New-TestName, Get-ServerCallCount, Measure-ServerCall
