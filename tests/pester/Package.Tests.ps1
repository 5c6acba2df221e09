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
    `$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'ModelRegistry.Core', 'AWSSDK.Core' } | ForEach-Object Location | Sort-Object
    @{ ModuleBase = (Get-Module ModelRegistry).ModuleBase; Server = `$server; Arn = `$version.Arn; Core = `$core } | ConvertTo-Json -Compress
}
finally { Stop-MRLocalRegistry }
"@
            $result = $child | Select-Object -Last 1 | ConvertFrom-Json
            $installed = Join-Path $modules "ModelRegistry/$($manifest.ModuleVersion)"
            $result.ModuleBase | Should -Be $installed
            $result.Server | Should -BeLike "*$(Join-Path $installed 'LocalRegistry/ModelRegistry.LocalRegistry.dll')*"
            $result.Arn | Should -Be 'arn:aws:sagemaker:us-east-1:111111111111:model-package/iris-installed/1'
            # The package carries the copies precompiled for the platform it was built on, and the installed module runs them.
            $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
            $platform = "$os-$([System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()).net$([Environment]::Version.Major)"
            $result.Core | Should -Be (Join-Path $installed "dependencies/readytorun/$platform/AWSSDK.Core.dll"), (Join-Path $installed "dependencies/readytorun/$platform/ModelRegistry.Core.dll")
        }
        finally {
            Remove-Item $modules -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'is at most 8 MB' {
        (Get-Item $package).Length | Should -BeLessOrEqual 8000000
    }

    It 'ships SQLite''s native library only for the platforms PowerShell 7 runs on whose system may lack it, and no symbols or second AWS SDK' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead($package)
        try { $entries = $archive.Entries.FullName }
        finally { $archive.Dispose() }
        $platforms = $entries | Where-Object { $_ -like 'LocalRegistry/runtimes/*' } | ForEach-Object { $_.Split('/')[2] } | Sort-Object -Unique
        # macOS and 64-bit Windows use the SQLite their system has (the Describe below tests that path).
        $platforms | Should -Be ('linux-arm', 'linux-arm64', 'linux-musl-arm64', 'linux-musl-x64', 'linux-x64', 'win-x86')
        $entries | Where-Object { $_ -like 'LocalRegistry/runtimes/*' -and $_ -notlike 'LocalRegistry/runtimes/*/native/*' } | Should -BeNullOrEmpty
        $entries | Where-Object { $_ -like '*.pdb' -or $_ -like 'LocalRegistry/AWSSDK.*' } | Should -BeNullOrEmpty
    }

    It 'carries the local registry and the compiled help' {
        Join-Path $saved "ModelRegistry/$($manifest.ModuleVersion)/LocalRegistry/ModelRegistry.LocalRegistry.dll" | Should -Exist
        Join-Path $saved "ModelRegistry/$($manifest.ModuleVersion)/en-US/ModelRegistry.PowerShell.dll-Help.xml" | Should -Exist
    }
}

# Only a data folder needs SQLite. Where the package bundles none (macOS, 64-bit Windows), the server
# loads the system's; here that case is reproduced with a copy of the module whose bundled SQLite for
# this platform is removed.
Describe 'The SQLite the local registry runs on' {
    BeforeAll {
        $built = Split-Path (Get-ModuleUnderTest)
        function Invoke-Registry([string] $Module, [string] $DataPath, [string] $Sqlite) {
            $result = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:MODELREGISTRY_SQLITE = '$Sqlite'
Import-Module '$Module'
`$outcome = @{}
try {
    `$registry = Start-MRLocalRegistry -DataPath '$DataPath' -PassThru
    try {
        `$outcome.Sqlite = (Invoke-RestMethod "`$(`$registry.EndpointUrl)/_localregistry/health" -NoProxy).sqlite
        `$outcome.Groups = @(Get-MRModelGroup | ForEach-Object Name)
        `$null = New-MRModelGroup -Name (New-Guid).ToString('N').Substring(0, 12)
    }
    finally { Stop-MRLocalRegistry }
}
catch { `$outcome.ErrorId = `$_.FullyQualifiedErrorId; `$outcome.Message = `$_.Exception.Message }
`$outcome | ConvertTo-Json -Compress
"@
            $result | Select-Object -Last 1 | ConvertFrom-Json
        }
    }

    BeforeEach {
        $data = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName data)
    }

    AfterEach {
        Remove-Item $data -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is the bundled copy where the package has one, and the system''s with MODELREGISTRY_SQLITE=system' {
        $first = Invoke-Registry (Get-ModuleUnderTest) $data ''
        $first.ErrorId | Should -BeNullOrEmpty
        $first.Sqlite | Should -Be 'bundled'
        $second = Invoke-Registry (Get-ModuleUnderTest) $data 'system'
        $second.ErrorId | Should -BeNullOrEmpty
        $second.Sqlite | Should -Not -Be 'bundled'
        $second.Sqlite | Should -Not -BeNullOrEmpty
        @($second.Groups).Count | Should -Be 1
    }

    It 'is the system''s SQLite where the package has no copy for the platform, and it keeps what was written' {
        $copy = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName module)
        Copy-Item $built $copy -Recurse
        try {
            $bundled = Join-Path $copy "LocalRegistry/runtimes/$([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"
            $bundled | Should -Exist
            Remove-Item $bundled -Recurse -Force
            $manifest = Join-Path $copy 'ModelRegistry.psd1'

            $first = Invoke-Registry $manifest $data ''
            $first.ErrorId | Should -BeNullOrEmpty
            $first.Sqlite | Should -BeIn 'libsqlite3.so.0', 'libsqlite3.so', '/usr/lib/libsqlite3.dylib', 'libsqlite3.dylib', 'winsqlite3.dll', 'sqlite3.dll'
            $first.Groups | Should -BeNullOrEmpty

            $second = Invoke-Registry $manifest $data ''
            $second.Sqlite | Should -Be $first.Sqlite
            @($second.Groups).Count | Should -Be 1
        }
        finally {
            Remove-Item $copy -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'is the library MODELREGISTRY_SQLITE names, and one that does not load stops the start in one line' {
        $missing = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName nosqlite)
        $failed = Invoke-Registry (Get-ModuleUnderTest) $data $missing
        $failed.ErrorId | Should -Be 'LocalRegistrySqliteMissing,ModelRegistry.PowerShell.Commands.StartMRLocalRegistryCommand'
        $failed.Message | Should -BeLike "MODELREGISTRY_SQLITE names '$missing', which does not load as a SQLite library.*"
        $failed.Message | Should -Not -Match '\n|   at '
    }

    It 'is not needed without a data folder' {
        $missing = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName nosqlite)
        $memory = Invoke-ChildPwsh @"
`$env:MODELREGISTRY_SQLITE = '$missing'
Import-Module '$(Get-ModuleUnderTest)'
`$null = Start-MRLocalRegistry
try { (New-MRModelGroup -Name in-memory).Name } finally { Stop-MRLocalRegistry }
"@
        $memory | Select-Object -Last 1 | Should -Be 'in-memory'
    }
}
