<#
.SYNOPSIS
    Compiles the cmdlet pages in docs/cmdlets (platyPS-style markdown) into one MAML help file,
    so Get-Help shows synopsis, syntax, parameters and examples of the built module.
.NOTES
    platyPS is not installable here; this reads the subset of its format our pages use.
#>
param(
    [Parameter(Mandatory)] [string] $MarkdownPath,
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

# Splits a page into its '## ' sections (and the '### ' subsections of EXAMPLES and PARAMETERS).
function Get-Section([string] $Text, [string] $Level) {
    $sections = [ordered]@{}
    $pattern = "(?m)^$Level (.+)$"
    $found = [regex]::Matches($Text, $pattern)
    for ($i = 0; $i -lt $found.Count; $i++) {
        $start = $found[$i].Index + $found[$i].Length
        $end = if ($i + 1 -lt $found.Count) { $found[$i + 1].Index } else { $Text.Length }
        $sections[$found[$i].Groups[1].Value.Trim()] = $Text.Substring($start, $end - $start).Trim()
    }
    $sections
}

function Get-Paragraph([string] $Text) {
    $withoutCode = [regex]::Replace($Text, '(?ms)^```.*?^```', '')
    @($withoutCode -split '\r?\n\s*\r?\n' | ForEach-Object { ($_ -replace '\s*\r?\n\s*', ' ').Trim() } | Where-Object { $_ })
}

function Write-Para([System.Xml.XmlWriter] $Writer, [string] $Text) {
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in Get-Paragraph $Text) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Get-ParameterMetadata([string] $Body) {
    $yaml = [regex]::Match($Body, '(?ms)^```yaml\s*(.*?)^```').Groups[1].Value
    $metadata = @{}
    foreach ($line in $yaml -split '\r?\n') {
        if ($line -match '^\s*([^:]+):\s*(.*)$') { $metadata[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $metadata
}

# Shared descriptions of -Region, -ProfileName, ... for pages that opt in through their front matter.
$commonPage = Get-Content (Join-Path $MarkdownPath 'AwsCommonParameters.md') -Raw
$commonAwsParameters = Get-Section (Get-Section $commonPage '##')['PARAMETERS'] '###'

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems')
$writer.WriteAttributeString('schema', 'maml')
$writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
$writer.WriteAttributeString('xmlns', 'command', $null, $command)
$writer.WriteAttributeString('xmlns', 'dev', $null, $dev)

foreach ($page in Get-ChildItem $MarkdownPath -Filter '*-MR*.md' | Sort-Object Name) {
    $text = Get-Content $page.FullName -Raw
    $name = $page.BaseName
    $verb, $noun = $name -split '-', 2
    $sections = Get-Section $text '##'
    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $sections.Contains($required)) { throw "$($page.Name) has no '## $required' section" }
    }
    $parameters = Get-Section $sections['PARAMETERS'] '###'
    if ($text -match '(?m)^aws-common-parameters:\s*true\s*$') {
        foreach ($common in $commonAwsParameters.GetEnumerator()) {
            if (-not $parameters.Contains($common.Key)) { $parameters[$common.Key] = $common.Value }
        }
    }
    $examples = Get-Section $sections['EXAMPLES'] '###'
    if ($examples.Count -lt 2) { throw "$($page.Name) needs at least two examples" }

    $writer.WriteStartElement('command', 'command', $command)
    $writer.WriteStartElement('command', 'details', $command)
    $writer.WriteElementString('command', 'name', $command, $name)
    $writer.WriteElementString('command', 'verb', $command, $verb)
    $writer.WriteElementString('command', 'noun', $command, $noun)
    Write-Para $writer $sections['SYNOPSIS']
    $writer.WriteEndElement()
    Write-Para $writer $sections['DESCRIPTION']

    $writer.WriteStartElement('command', 'syntax', $command)
    $syntaxBlock = [regex]::Match($sections['SYNTAX'], '(?ms)^```\w*\s*(.*?)^```').Groups[1].Value
    foreach ($line in $syntaxBlock -split '\r?\n' | Where-Object { $_.Trim() }) {
        $writer.WriteStartElement('command', 'syntaxItem', $command)
        $writer.WriteElementString('maml', 'name', $maml, $name)
        $parameterPart = $line.Trim().Substring($name.Length)
        foreach ($token in [regex]::Matches($parameterPart, '-(\w+)(\]?)(?:\s+<([^>]+)>)?')) {
            # [-Name <T>] optional; -Name <T> required; [-Name] <T> positional; [[-Name] <T>] both.
            $before = $parameterPart.Substring(0, $token.Index)
            $optional = $before.EndsWith('[[') -or ($before.EndsWith('[') -and -not ($token.Groups[2].Value -and $token.Groups[3].Success))
            $positional = $token.Groups[2].Value -eq ']' -and $token.Groups[3].Success
            $parameterName = $token.Groups[1].Value
            $position = if ($positional -and $parameters.Contains("-$parameterName")) { (Get-ParameterMetadata $parameters["-$parameterName"])['Position'] } else { 'named' }
            $writer.WriteStartElement('command', 'parameter', $command)
            $writer.WriteAttributeString('required', (-not $optional).ToString().ToLowerInvariant())
            $writer.WriteAttributeString('position', $(if ($position) { $position.ToLowerInvariant() } else { 'named' }))
            $writer.WriteElementString('maml', 'name', $maml, $parameterName)
            if ($token.Groups[3].Success) { $writer.WriteElementString('command', 'parameterValue', $command, $token.Groups[3].Value) }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $command)
    foreach ($parameterName in $parameters.Keys) {
        $body = $parameters[$parameterName]
        $metadata = Get-ParameterMetadata $body
        $writer.WriteStartElement('command', 'parameter', $command)
        $writer.WriteAttributeString('required', ("$($metadata['Required'])" -eq 'True').ToString().ToLowerInvariant())
        $writer.WriteAttributeString('pipelineInput', "$($metadata['Accept pipeline input'])")
        $writer.WriteAttributeString('position', $(if ($metadata['Position']) { $metadata['Position'].ToLowerInvariant() } else { 'named' }))
        $writer.WriteAttributeString('aliases', $(if ($metadata['Aliases']) { $metadata['Aliases'] } else { 'none' }))
        $writer.WriteElementString('maml', 'name', $maml, $parameterName.TrimStart('-'))
        Write-Para $writer $body
        $writer.WriteStartElement('command', 'parameterValue', $command)
        $writer.WriteAttributeString('required', 'true')
        $writer.WriteString("$($metadata['Type'])")
        $writer.WriteEndElement()
        $writer.WriteStartElement('dev', 'defaultValue', $dev)
        $writer.WriteString($(if ($metadata['Default value']) { $metadata['Default value'] } else { 'None' }))
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'examples', $command)
    foreach ($title in $examples.Keys) {
        $body = $examples[$title]
        $code = [regex]::Match($body, '(?ms)^```\w*\s*(.*?)^```').Groups[1].Value.TrimEnd()
        $remarks = [regex]::Replace($body, '(?ms)^```.*?^```', '').Trim()
        $writer.WriteStartElement('command', 'example', $command)
        $writer.WriteElementString('maml', 'title', $maml, "-------------------------- $title --------------------------")
        $writer.WriteElementString('dev', 'code', $dev, $code)
        $writer.WriteStartElement('dev', 'remarks', $dev)
        foreach ($paragraph in Get-Paragraph $remarks) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    foreach ($typeSection in @(@{ Section = 'INPUTS'; List = 'inputTypes'; Item = 'inputType' }, @{ Section = 'OUTPUTS'; List = 'returnValues'; Item = 'returnValue' })) {
        if (-not $sections.Contains($typeSection.Section)) { continue }
        $writer.WriteStartElement('command', $typeSection.List, $command)
        foreach ($type in (Get-Section $sections[$typeSection.Section] '###').GetEnumerator()) {
            $writer.WriteStartElement('command', $typeSection.Item, $command)
            $writer.WriteStartElement('dev', 'type', $dev)
            $writer.WriteElementString('maml', 'name', $maml, $type.Key)
            $writer.WriteEndElement()
            Write-Para $writer $type.Value
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    if ($sections.Contains('NOTES') -and $sections['NOTES']) {
        $writer.WriteStartElement('maml', 'alertSet', $maml)
        $writer.WriteStartElement('maml', 'alert', $maml)
        foreach ($paragraph in Get-Paragraph $sections['NOTES']) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
}
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()
