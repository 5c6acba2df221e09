<#
.SYNOPSIS
    The README demo: shows the resolved configuration of the built module.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Get-MRConfiguration -Region us-east-1 -AccessKey AKIALOCALREGISTRY001 -SecretKey LocalRegistrySecretKey1111111111111111111 -EndpointUrl http://127.0.0.1:4566 | Format-List
