# Meta-tests: the built module exports exactly its manifest's cmdlets, and each is well-formed.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile (Get-ModuleUnderTest)
    $cmdletCases = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $modulePath = Get-ModuleUnderTest
    Import-Module $modulePath -Force
    $manifest = Import-PowerShellDataFile $modulePath
    Clear-AwsEnvironment
    # The folder build.ps1 compiles for: this runtime's OS and architecture, and its .NET major version.
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $architecture = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
    $platform = "$os-$architecture.net$([Environment]::Version.Major)"

    # Where a fresh session that imported the module in $ModuleDir and ran a cmdlet loaded ModelRegistry.Core and
    # AWSSDK.Core from, relative to $ModuleDir.
    function Get-CoreAssemblyLocation([string] $ModuleDir) {
        Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $ModuleDir 'ModelRegistry.psd1')'
`$null = Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'ModelRegistry.Core', 'AWSSDK.Core' } |
    ForEach-Object { [System.IO.Path]::GetRelativePath('$ModuleDir', `$_.Location).Replace('\', '/') } | Sort-Object
"@ 2>&1
    }
}

Describe 'ModelRegistry module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $exported = Get-Command -Module ModelRegistry | Select-Object -ExpandProperty Name | Sort-Object
        $exported | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'lists cmdlets explicitly and exports no functions or aliases' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.FunctionsToExport.Count | Should -Be 0
        $manifest.AliasesToExport.Count | Should -Be 0
    }

    It 'carries the manifest version into its assemblies' {
        $assembly = (Get-Module ModelRegistry).ImplementingAssembly
        $assembly.GetName().Version.ToString(3) | Should -Be $manifest.ModuleVersion
    }

    It 'ships IL for every platform, and ModelRegistry.Core and AWSSDK.Core precompiled (ReadyToRun) for this one' {
        $moduleDir = Split-Path (Get-ModuleUnderTest)
        $hasNativeCode = {
            param($path)
            $reader = [System.Reflection.PortableExecutable.PEReader]::new([System.IO.File]::OpenRead($path))
            try { $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 } finally { $reader.Dispose() }
        }
        foreach ($path in @(Get-ChildItem $moduleDir, (Join-Path $moduleDir 'dependencies') -Filter *.dll)) {
            & $hasNativeCode $path.FullName | Should -BeFalse -Because "$($path.Name) serves every platform and Windows PowerShell"
        }
        $precompiled = Join-Path $moduleDir "dependencies/readytorun/$platform"
        (Get-ChildItem $precompiled).Name | Sort-Object | Should -Be 'AWSSDK.Core.dll', 'ModelRegistry.Core.dll'
        foreach ($name in 'ModelRegistry.Core.dll', 'AWSSDK.Core.dll') {
            & $hasNativeCode (Join-Path $precompiled $name) | Should -BeTrue -Because "$name is compiled for $platform"
            [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $precompiled $name)).FullName |
                Should -Be ([System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $moduleDir "dependencies/$name")).FullName)
        }
    }

    It 'loads the precompiled copies on this platform and .NET, and the IL where it has none' {
        $moduleDir = Split-Path (Get-ModuleUnderTest)
        Get-CoreAssemblyLocation $moduleDir |
            Should -Be "dependencies/readytorun/$platform/AWSSDK.Core.dll", "dependencies/readytorun/$platform/ModelRegistry.Core.dll"

        # Code compiled for another .NET major version is not this runtime's: the IL loads.
        $copy = Join-Path $TestDrive 'ModelRegistry'
        Copy-Item $moduleDir -Destination $copy -Recurse
        Rename-Item (Join-Path $copy "dependencies/readytorun/$platform") -NewName ($platform -replace '\.net\d+$', '.net1')
        Get-CoreAssemblyLocation $copy | Should -Be 'dependencies/AWSSDK.Core.dll', 'dependencies/ModelRegistry.Core.dll'
    }

    It 'loads the IL when the precompiled copies in its platform''s folder are for another operating system' {
        # What the Linux copies are to .NET on FreeBSD, which the folder name does not tell apart from Linux:
        # the same code, marked for another OS (the PE machine of ReadyToRun code is the architecture's XOR the OS's
        # value: Linux 0x7B79, FreeBSD 0xADC4). The runtime refuses to load such an image.
        $copy = Join-Path $TestDrive 'OtherOs'
        Copy-Item (Split-Path (Get-ModuleUnderTest)) -Destination $copy -Recurse
        foreach ($name in 'AWSSDK.Core.dll', 'ModelRegistry.Core.dll') {
            $path = Join-Path $copy "dependencies/readytorun/$platform/$name"
            $bytes = [System.IO.File]::ReadAllBytes($path)
            $machine = [System.BitConverter]::ToInt32($bytes, 0x3C) + 4
            [System.BitConverter]::GetBytes([uint16]([System.BitConverter]::ToUInt16($bytes, $machine) -bxor 0x7B79 -bxor 0xADC4)).CopyTo($bytes, $machine)
            [System.IO.File]::WriteAllBytes($path, $bytes)
        }
        Get-CoreAssemblyLocation $copy | Should -Be 'dependencies/AWSSDK.Core.dll', 'dependencies/ModelRegistry.Core.dll'
    }

    It 'opens no connection and writes nothing when imported, though it prepares the first AWS call meanwhile' {
        # The import starts the first call's offline work (model, endpoint rules, hashing) on another thread.
        $probe = @'
Add-Type -TypeDefinition @"
using System.Diagnostics.Tracing;
public sealed class ConnectProbe : EventListener {
    public static int Connects;
    protected override void OnEventSourceCreated(EventSource source) {
        if (source.Name == "System.Net.Sockets" || source.Name == "System.Net.NameResolution") EnableEvents(source, EventLevel.Informational);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e) {
        if (e.EventName == "ConnectStart" || e.EventName == "ResolutionStart") System.Threading.Interlocked.Increment(ref ConnectProbe.Connects);
    }
}
"@
$listener = [ConnectProbe]::new()
$imported = @(Import-Module 'MODULE_PATH' -PassThru 6>&1 5>&1 4>&1 3>&1 2>&1)
Start-Sleep -Milliseconds 1500
"imported: $($imported.Count) object(s), $(@($imported | Where-Object { $_ -isnot [psmoduleinfo] }).Count) other record(s); connections: $([ConnectProbe]::Connects)"
'@.Replace('MODULE_PATH', (Get-ModuleUnderTest))

        Invoke-ChildPwsh $probe | Should -Be 'imported: 1 object(s), 0 other record(s); connections: 0'
    }

    It 'supports Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }
}

Describe '<Name>' -ForEach $cmdletCases {
    BeforeAll { $command = Get-Command $Name }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    It 'declares its output type' {
        $command.OutputType.Count | Should -BeGreaterThan 0
    }

    It 'supports -WhatIf and -Confirm exactly when it changes state' {
        # Builders (New-MRInferenceContainer, New-MRModelMetric) only make objects in memory: under
        # -WhatIf they would return nothing and break a script's dry run.
        $changesState = $command.Verb -notin 'Get', 'Test', 'Wait', 'Compare', 'Assert', 'ConvertTo' -and $Name -notin 'New-MRInferenceContainer', 'New-MRModelMetric'
        if ($changesState) {
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
        }
        else {
            $command.Parameters.Keys | Should -Not -Contain 'WhatIf'
        }
    }

    It 'declares a real output type unless it is a Remove that outputs nothing' {
        $types = @($command.OutputType.Type)
        if ($command.Verb -ne 'Remove' -or $command.Parameters.ContainsKey('PassThru')) {
            $types | Should -Not -Contain ([void])
        }
    }

    It 'has help with a synopsis and at least two examples' {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s*\[')
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'documents every parameter it has' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $documented = @((Get-Help $Name).Parameters.Parameter.Name)
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented | Should -Contain $parameter -Because "docs/cmdlets/$Name.md must describe -$parameter"
        }
    }
}

# Every page's parameter sections (aliases, position, required, pipeline input) against the cmdlet.
Describe '<Name> declares what its page documents' -ForEach $cmdletCases {
    BeforeAll { $command = Get-Command $Name -Module ModelRegistry }

    It 'has, for each documented parameter, the aliases, position, mandatory and pipeline input of its page' {
        foreach ($help in (Get-Help $Name).Parameters.Parameter) {
            $parameter = $help.name
            $declared = $command.Parameters[$parameter]
            $declared | Should -Not -BeNullOrEmpty -Because "docs/cmdlets/$Name.md documents -$parameter"
            $sets = @($declared.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            $documentedAliases = @(if ($help.aliases -and $help.aliases -ne 'None') { $help.aliases -split ',\s*' })
            @($declared.Aliases | Sort-Object) | Should -Be @($documentedAliases | Sort-Object) -Because "-$parameter's Aliases"
            [bool]($sets | Where-Object Mandatory) | Should -Be ($help.required -eq 'true') -Because "-$parameter's Required"
            $position = @($sets | Where-Object Position -GE 0 | ForEach-Object Position | Select-Object -First 1)
            "$position" | Should -Be $(if ($help.position -eq 'named') { '' } else { $help.position }) -Because "-$parameter's Position"
            $byValue = [bool]($sets | Where-Object ValueFromPipeline)
            $byName = [bool]($sets | Where-Object ValueFromPipelineByPropertyName)
            $pipeline = if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
            $pipeline | Should -Be $help.pipelineInput -Because "-$parameter's Accept pipeline input"
        }
    }
}

Describe 'Bad connection settings end the command up front' {
    BeforeDiscovery {
        $version = 'arn:aws:sagemaker:us-east-1:111111111111:model-package/g/1'
        $setUp = @{ RegistryAccountId = '111111111111'; TrainingAccountId = '222222222222'; ModelGroupName = 'g'; RepositoryName = 'repo'; BucketName = 'bucket'; BucketPrefix = 'm/'; KmsKeyId = '1234abcd-12ab-34cd-56ef-1234567890ab' }
        # The fewest arguments each AWS cmdlet binds with; the test below checks every such cmdlet is here.
        $script:minimal = @{
            'Get-MRConfiguration' = @{}; 'Get-MRModelGroup' = @{ Name = 'g' }; 'New-MRModelGroup' = @{ Name = 'g' }; 'Remove-MRModelGroup' = @{ Name = 'g' }
            'New-MRModelVersion' = @{ GroupName = 'g'; Image = 'i' }; 'Get-MRModelVersion' = @{ GroupName = 'g' }
            'Set-MRModelVersion' = @{ Arn = $version; ApprovalStatus = 'Approved' }; 'Remove-MRModelVersion' = @{ Arn = $version }
            'Approve-MRModelVersion' = @{ Arn = $version }; 'Deny-MRModelVersion' = @{ Arn = $version }
            'Wait-MRModelVersion' = @{ Arn = $version }; 'Copy-MRModelVersion' = @{ SourceArn = $version; DestinationGroupName = 'g' }
            'Get-MRModelMetric' = @{ Arn = $version }; 'Compare-MRModelVersion' = @{ DifferenceVersion = $version }
            'Set-MRGroupPolicy' = @{ Name = 'g'; AllowAccount = '222222222222' }; 'Get-MRGroupPolicy' = @{ Name = 'g' }; 'Remove-MRGroupPolicy' = @{ Name = 'g' }
            'Grant-MRCrossAccountAccess' = $setUp; 'Revoke-MRCrossAccountAccess' = $setUp; 'Test-MRCrossAccountAccess' = $setUp
        }
        $awsCases = $script:minimal.Keys | Sort-Object | ForEach-Object { @{ Name = $_; Arguments = $script:minimal[$_] } }
    }

    It 'covers every cmdlet that takes -Region' -ForEach @(@{ Covered = $awsCases.Name }) {
        $withRegion = Get-Command -Module ModelRegistry | Where-Object { $_.Parameters.ContainsKey('EndpointUrl') } | ForEach-Object Name
        $withRegion | Sort-Object | Should -Be ($Covered | Sort-Object)
    }

    It '<Name> -Region Mars fails before any prompt or request, naming -Region' -ForEach $awsCases {
        $arguments = $Arguments.Clone()
        if ((Get-Command $Name).Parameters.ContainsKey('WhatIf')) { $arguments.WhatIf = $true; $arguments.Confirm = $true }
        # Nothing listens on port 9: a request sent would fail with a connection error instead.
        { & $Name @arguments -Region Mars -EndpointUrl 'http://127.0.0.1:9' -AccessKey AKIAEXAMPLE -SecretKey secret -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidRegion,*" -ExpectedMessage "-Region: 'Mars' is not a region name*"
    }
}
