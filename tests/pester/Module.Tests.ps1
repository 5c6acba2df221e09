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

    It 'ships its own assemblies and AWSSDK.Core precompiled (ReadyToRun) beside the portable IL copy for the package' {
        $moduleDir = Split-Path (Get-ModuleUnderTest)
        $hasNativeCode = {
            param($path)
            $reader = [System.Reflection.PortableExecutable.PEReader]::new([System.IO.File]::OpenRead($path))
            try { $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 } finally { $reader.Dispose() }
        }
        foreach ($name in 'ModelRegistry.Core.dll', 'ModelRegistry.PowerShell.dll', 'AWSSDK.Core.dll') {
            & $hasNativeCode (Join-Path $moduleDir $name) | Should -BeTrue -Because "$name is compiled for this platform"
            & $hasNativeCode (Join-Path $moduleDir "../../portable/ModelRegistry/$($manifest.ModuleVersion)/$name") | Should -BeFalse -Because "the portable $name serves every platform"
        }
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

    It 'supports -WhatIf and -Confirm when it changes state' {
        # Cmdlets without -Region build objects in memory (New-MRInferenceContainer) and change nothing.
        $callsAws = $command.Parameters.ContainsKey('Region')
        if ($command.Verb -notin 'Get', 'Test', 'Show', 'Find' -and ($callsAws -or $command.Verb -in 'Start', 'Stop')) {
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
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

Describe 'Side by side with AWS.Tools' {
    It 'works when another module (as AWS.Tools.Common does) loaded AWSSDK.Core 4.x first' {
        # AWS.Tools.Common ships its own AWSSDK.Core 4.x (assembly version 4.0.0.0): load a copy from
        # another folder first, as that module would, then import ours and call the local registry.
        $elsewhere = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName awstools)
        $null = New-Item -ItemType Directory -Path $elsewhere
        Copy-Item (Join-Path (Split-Path (Get-ModuleUnderTest)) 'AWSSDK.Core.dll') $elsewhere
        $script = @"
Add-Type -Path '$elsewhere/AWSSDK.Core.dll'
Import-Module '$(Get-ModuleUnderTest)'
Start-MRLocalRegistry
`$group = New-MRModelGroup -Name side-by-side
Stop-MRLocalRegistry
[pscustomobject]@{ Arn = `$group.Arn; SdkFrom = [Amazon.Runtime.AWSCredentials].Assembly.Location } | ConvertTo-Json
"@
        $result = (Invoke-ChildPwsh $script) -join "`n" | ConvertFrom-Json
        $result.SdkFrom | Should -BeLike "$elsewhere*"
        $result.Arn | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package-group/side-by-side'
        Remove-Item $elsewhere -Recurse -Force
    }
}
