<#
.SYNOPSIS
    Writes the built module as a .nupkg in the layout the PowerShell Gallery uses, so
    Publish-Module / Publish-PSResource can push it and Install-PSResource can install it from a
    local repository folder.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $OutputDirectory
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

$manifest = Import-PowerShellDataFile (Join-Path $ModuleDirectory 'ModelRegistry.psd1')
$id = 'ModelRegistry'
$version = $manifest.ModuleVersion
$psData = $manifest.PrivateData.PSData
$tags = @($psData.Tags) + 'PSModule' + ($manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" })
$escape = [System.Security.SecurityElement]

$nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>$id</id>
    <version>$version</version>
    <authors>$($escape::Escape($manifest.Author))</authors>
    <owners>$($escape::Escape($manifest.CompanyName))</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <licenseUrl>$($psData.LicenseUri)</licenseUrl>
    <projectUrl>$($psData.ProjectUri)</projectUrl>
    <description>$($escape::Escape($manifest.Description))</description>
    <copyright>$($escape::Escape($manifest.Copyright))</copyright>
    <tags>$($tags -join ' ')</tags>
  </metadata>
</package>
"@

$contentTypes = @'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="psd1" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="ps1xml" ContentType="application/octet" />
  <Default Extension="json" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
  <Default Extension="pdb" ContentType="application/octet" />
  <Default Extension="so" ContentType="application/octet" />
  <Default Extension="dylib" ContentType="application/octet" />
  <Default Extension="a" ContentType="application/octet" />
  <Default Extension="exe" ContentType="application/octet" />
  <Default Extension="config" ContentType="application/octet" />
</Types>
'@

$relationships = @"
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/$id.nuspec" Id="R1" />
</Relationships>
"@

$packagePath = Join-Path $OutputDirectory "$id.$version.nupkg"
if (Test-Path $packagePath) { Remove-Item $packagePath }
$archive = [System.IO.Compression.ZipFile]::Open($packagePath, 'Create')
try {
    foreach ($entry in @{ "$id.nuspec" = $nuspec; '[Content_Types].xml' = $contentTypes; '_rels/.rels' = $relationships }.GetEnumerator()) {
        $writer = [System.IO.StreamWriter]::new($archive.CreateEntry($entry.Key).Open())
        $writer.Write($entry.Value)
        $writer.Dispose()
    }
    $base = (Resolve-Path $ModuleDirectory).Path.TrimEnd('/', '\')
    foreach ($file in Get-ChildItem $base -File -Recurse) {
        $relative = $file.FullName.Substring($base.Length + 1).Replace('\', '/')
        $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $file.FullName, $relative, [System.IO.Compression.CompressionLevel]::SmallestSize)
    }
}
finally {
    $archive.Dispose()
}
Write-Host ("Packaged {0} ({1:N1} MiB)" -f $packagePath, ((Get-Item $packagePath).Length / 1MB))
