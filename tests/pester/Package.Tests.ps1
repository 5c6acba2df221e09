# The .nupkg that build.ps1 -Task Package writes is one PSResourceGet accepts, and it holds the module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $package = $env:MODELREGISTRY_PACKAGE
    $manifest = Import-PowerShellDataFile (Get-ModuleUnderTest)
}

Describe 'The module package' {
    BeforeAll {
        $repository = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName repository)
        $saved = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName saved)
        $null = New-Item -ItemType Directory -Path $repository, $saved
        Copy-Item $package $repository
        $repositoryName = New-TestName mr
        Register-PSResourceRepository -Name $repositoryName -Uri $repository -Trusted
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repositoryName
        Remove-Item $repository, $saved -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is found by PSResourceGet with its manifest metadata' {
        $found = Find-PSResource -Name ModelRegistry -Repository $repositoryName
        $found.Version.ToString() | Should -Be $manifest.ModuleVersion
        $found.Type | Should -Be 'Module'
        ($found.Includes.Cmdlet | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'saves as a module that imports and exports the manifest''s cmdlets' {
        Save-PSResource -Name ModelRegistry -Repository $repositoryName -Path $saved -TrustRepository
        $savedManifest = Join-Path $saved "ModelRegistry/$($manifest.ModuleVersion)/ModelRegistry.psd1"
        $savedManifest | Should -Exist
        $commands = Invoke-ChildPwsh "Import-Module '$savedManifest'; (Get-Command -Module ModelRegistry).Name"
        ($commands | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'installs into a module path, and from there a fresh pwsh starts the local registry and registers a version' {
        $modules = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName modules)
        $null = New-Item -ItemType Directory -Path $modules
        try {
            Save-PSResource -Name ModelRegistry -Repository $repositoryName -Path $modules -TrustRepository
            $child = Invoke-ChildPwsh @"
`$env:PSModulePath = '$modules' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
`$ErrorActionPreference = 'Stop'
Import-Module ModelRegistry
`$registry = Start-MRLocalRegistry -PassThru
try {
    `$server = (Get-Process -Id `$registry.ProcessId).CommandLine
    `$group = New-MRModelGroup -Name iris-installed
    `$version = New-MRModelVersion -GroupName `$group.Name -Image '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1' ``
        -ModelDataUrl 's3://my-bucket/model.tar.gz' -ContentType text/csv -ResponseContentType text/csv
    @{ ModuleBase = (Get-Module ModelRegistry).ModuleBase; Server = `$server; Arn = `$version.Arn } | ConvertTo-Json -Compress
}
finally { Stop-MRLocalRegistry }
"@
            $result = $child | Select-Object -Last 1 | ConvertFrom-Json
            $installed = Join-Path $modules "ModelRegistry/$($manifest.ModuleVersion)"
            $result.ModuleBase | Should -Be $installed
            $result.Server | Should -BeLike "*$(Join-Path $installed 'LocalRegistry/ModelRegistry.LocalRegistry.dll')*"
            $result.Arn | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package/iris-installed/1'
        }
        finally {
            Remove-Item $modules -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'ships SQLite''s native library only for the platforms PowerShell 7 runs on, and no symbols or second AWS SDK' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead($package)
        try { $entries = $archive.Entries.FullName }
        finally { $archive.Dispose() }
        $platforms = $entries | Where-Object { $_ -like 'LocalRegistry/runtimes/*' } | ForEach-Object { $_.Split('/')[2] } | Sort-Object -Unique
        $platforms | Should -Be ('linux-arm', 'linux-arm64', 'linux-musl-arm64', 'linux-musl-x64', 'linux-x64', 'osx-arm64', 'osx-x64', 'win-arm64', 'win-x64', 'win-x86')
        $entries | Where-Object { $_ -like 'LocalRegistry/runtimes/*' -and $_ -notlike 'LocalRegistry/runtimes/*/native/*' } | Should -BeNullOrEmpty
        $entries | Where-Object { $_ -like '*.pdb' -or $_ -like 'LocalRegistry/AWSSDK.*' } | Should -BeNullOrEmpty
    }

    It 'carries the local registry and the compiled help' {
        Join-Path $saved "ModelRegistry/$($manifest.ModuleVersion)/LocalRegistry/ModelRegistry.LocalRegistry.dll" | Should -Exist
        Join-Path $saved "ModelRegistry/$($manifest.ModuleVersion)/en-US/ModelRegistry.PowerShell.dll-Help.xml" | Should -Exist
    }
}
