# Runs every pwsh step of docs/ci/github-actions.yml and docs/ci/azure-pipelines.yml against the local
# registry, with the variables those CI systems set (fake but realistic values), so the examples cannot
# rot. The YAML is read with YamlDotNet; aws-actions/configure-aws-credentials is replaced by the local
# registry's keys for the account in the role's ARN; a reviewer approves from another runspace while
# the approval job waits.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    Add-Type -Path (Join-Path $packages 'yamldotnet/18.1.0/lib/netstandard2.0/YamlDotNet.dll')

    $registry = Start-MRLocalRegistry -PassThru
    $dev = $registry.Account('training')
    $prod = $registry.Account('registry')
    # What the training of each commit evaluated: the GitHub run's model comes first and is approved by a
    # reviewer; the Azure run's model (a later commit) is better, so its metric gate approves it.
    $none = [System.Threading.CancellationToken]::None
    $devS3 = [ModelRegistry.Core.Client.AwsClientFactory]::CreateS3Client(
        [ModelRegistry.Core.Client.AwsConnection]::new($dev.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl))
    $null = $devS3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = 'dev-models' }, $none).GetAwaiter().GetResult()
    $evaluations = @{ 'ffac537e6cbbf934b08745a378932722df287a53' = @(0.94, 0.85); 'd7f3a1c2b4e5f60718293a4b5c6d7e8f90a1b2c3' = @(0.95, 0.86) }
    foreach ($commit in $evaluations.Keys) {
        $auc, $f1 = $evaluations[$commit]
        $report = "{`"binary_classification_metrics`": {`"auc`": {`"value`": $auc, `"standard_deviation`": 0.002}, `"f1`": {`"value`": $f1, `"standard_deviation`": 0.004}}}"
        $null = $devS3.PutObjectAsync([Amazon.S3.Model.PutObjectRequest]@{ BucketName = 'dev-models'; Key = "fraud/$commit/evaluation.json"; ContentBody = $report }, $none).GetAwaiter().GetResult()
    }
    $examples = Join-Path $PSScriptRoot '../../docs/ci'
    # The folder that holds ModelRegistry/<version>/, so `Get-Module -ListAvailable ModelRegistry` finds the build.
    $modulesFolder = Split-Path (Split-Path (Split-Path (Get-ModuleUnderTest)))
    $stepTimeout = [TimeSpan]::FromMinutes(2)

    function ConvertFrom-YamlNode($Node) {
        if ($Node -is [YamlDotNet.RepresentationModel.YamlMappingNode]) {
            $map = [ordered]@{}
            foreach ($entry in $Node.Children.GetEnumerator()) { $map[$entry.Key.Value] = ConvertFrom-YamlNode $entry.Value }
            return $map
        }
        if ($Node -is [YamlDotNet.RepresentationModel.YamlSequenceNode]) { return , @($Node.Children | ForEach-Object { ConvertFrom-YamlNode $_ }) }
        $Node.Value
    }

    function Read-Yaml([string] $Path) {
        $stream = [YamlDotNet.RepresentationModel.YamlStream]::new()
        $stream.Load([System.IO.StringReader]::new((Get-Content $Path -Raw)))
        ConvertFrom-YamlNode $stream.Documents[0].RootNode
    }

    # The model's repository as a checkout: its training script writes where the image and model are.
    function New-Workspace {
        $workspace = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName workspace)
        $null = New-Item -ItemType Directory (Join-Path $workspace 'ci')
        Set-Content (Join-Path $workspace 'ci/train.ps1') @'
param([Parameter(Mandatory)] [string] $OutputPath)
$commit = if ($env:GITHUB_SHA) { $env:GITHUB_SHA } else { $env:BUILD_SOURCEVERSION }
@{ Image = "222222222222.dkr.ecr.us-east-1.amazonaws.com/fraud:$commit"; ModelDataUrl = "s3://dev-models/fraud/$commit/model.tar.gz"; Auc = 0.94
   EvaluationUrl = "s3://dev-models/fraud/$commit/evaluation.json" } |
    ConvertTo-Json | Set-Content $OutputPath
'@
        $workspace
    }

    # Runs one step's script as the CI system would (pwsh, $ErrorActionPreference Stop, exit code of the
    # last native command) in a child process with exactly these added variables; fails on a non-zero exit.
    function Invoke-PwshStep([string] $Name, [string] $Script, [System.Collections.IDictionary] $Variables, [string] $Workspace) {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "$(New-TestName step).ps1"
        Set-Content $file ("`$ErrorActionPreference = 'Stop'`n" + $Script + "`nif ((Test-Path -LiteralPath variable:\LASTEXITCODE)) { exit `$LASTEXITCODE }")
        $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ((Split-Path ([Environment]::ProcessPath) -LeafBase) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoLogo', '-NoProfile', '-NonInteractive', '-Command', ". '$file'") { $start.ArgumentList.Add($argument) }
        $start.WorkingDirectory = $Workspace
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['AWS_ENDPOINT_URL'] = $registry.EndpointUrl
        $start.Environment['PSModulePath'] = $modulesFolder + [System.IO.Path]::PathSeparator + $env:PSModulePath
        foreach ($entry in $Variables.GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }
        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit([int]$stepTimeout.TotalMilliseconds)) { $process.Kill($true); throw "Step '$Name' did not end within $stepTimeout" }
        $process.WaitForExit()
        $output = $stdout.Result + $stderr.Result
        Remove-Item $file
        if ($process.ExitCode -ne 0) { throw "Step '$Name' failed (exit code $($process.ExitCode)):`n$output" }
        $output
    }

    # A reviewer who approves the version in the dev registry a moment after the approval job starts,
    # unless the metric gate of the register job approved it already.
    function Start-Reviewer([string] $Arn) {
        if ((Get-MRModelVersion -Arn $Arn -Credential $dev.Credential).ApprovalStatus -eq 'Approved') { return }
        Start-DelayedCommand Approve-MRModelVersion @{ Arn = $Arn; Reason = 'Reviewed the evaluation report'; EndpointUrl = $registry.EndpointUrl
            Credential = $dev.Credential; Region = 'us-east-1' } 2
    }

    # The entries of a YAML mapping that may be absent.
    function Get-Entries($Map) { if ($Map) { $Map.GetEnumerator() } }

    function Test-Waits($Scripts) { [bool]($Scripts | Where-Object { $_ -match 'Wait-MRModelVersion' }) }

    # GitHub Actions: jobs in file order (each after its needs), steps with GITHUB_OUTPUT/GITHUB_ENV,
    # the ${{ }} expressions these examples use; anything else fails the test rather than being skipped.
    function Invoke-GitHubWorkflow([string] $Path, [hashtable] $Run, [hashtable] $RepositoryVariables) {
        $workflow = Read-Yaml $Path
        $workspace = New-Workspace
        $needs = @{}
        $reviewer = $null
        foreach ($jobName in $workflow.jobs.Keys) {
            $job = $workflow.jobs[$jobName]
            foreach ($need in @($job.needs)) { if ($need -and -not $needs.ContainsKey($need)) { throw "Job $jobName needs $need, which has not run" } }
            $variables = [ordered]@{}
            foreach ($entry in $Run.GetEnumerator()) { $variables[$entry.Key] = $entry.Value }
            $variables.GITHUB_JOB = $jobName
            $variables.GITHUB_WORKSPACE = $workspace
            $steps = @{}
            $expand = {
                param([string] $Text)
                [regex]::Replace($Text, '\$\{\{\s*(.+?)\s*\}\}', {
                    param($match)
                    $expression = $match.Groups[1].Value
                    $value = switch -Regex ($expression) {
                        '^env\.([\w-]+)$' { $variables[$Matches[1]] }
                        '^vars\.([\w-]+)$' { $RepositoryVariables[$Matches[1]] }
                        '^steps\.([\w-]+)\.outputs\.([\w-]+)$' { $steps[$Matches[1]][$Matches[2]] }
                        '^needs\.([\w-]+)\.outputs\.([\w-]+)$' { $needs[$Matches[1]][$Matches[2]] }
                        default { throw "Unsupported expression `${{ $expression }} in $Path" }
                    }
                    if ($null -eq $value) { throw "`${{ $expression }} has no value in job $jobName" }
                    $value
                })
            }
            foreach ($scope in $workflow.env, $job.env) { foreach ($entry in (Get-Entries $scope)) { $variables[$entry.Key] = & $expand $entry.Value } }
            if (Test-Waits $job.steps.run) { $reviewer = Start-Reviewer $needs.register.'version-arn' }

            foreach ($step in $job.steps) {
                if ($step.uses) {
                    switch -Wildcard ($step.uses) {
                        'actions/checkout@*' { }
                        'aws-actions/configure-aws-credentials@*' {
                            $role = & $expand $step.with.'role-to-assume'
                            $account = @($dev, $prod) | Where-Object { $role -match ":$($_.AccountId):role/" }
                            if (-not $account) { throw "No local account for role $role" }
                            $variables.AWS_ACCESS_KEY_ID = $account.AccessKeyId
                            $variables.AWS_SECRET_ACCESS_KEY = $account.SecretAccessKey
                            $variables.AWS_REGION = $variables.AWS_DEFAULT_REGION = & $expand $step.with.'aws-region'
                        }
                        default { throw "Step uses $($step.uses), which this test cannot run" }
                    }
                    continue
                }
                $shell = if ($step.shell) { $step.shell } else { $workflow.defaults.run.shell }
                if ($shell -ne 'pwsh') { throw "Step '$($step.name)' of job $jobName is not a pwsh step" }
                $stepVariables = [ordered]@{} + $variables
                foreach ($entry in (Get-Entries $step.env)) { $stepVariables[$entry.Key] = & $expand $entry.Value }
                foreach ($file in 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY') {
                    $stepVariables[$file] = Join-Path $workspace ".$file-$([guid]::NewGuid().ToString('N'))"
                    $null = New-Item -ItemType File $stepVariables[$file]
                }
                $null = Invoke-PwshStep "$jobName/$($step.name)" (& $expand $step.run) $stepVariables $workspace
                $script:summaries += Get-Content $stepVariables.GITHUB_STEP_SUMMARY -Raw
                if ($step.id) {
                    $steps[$step.id] = @{}
                    foreach ($line in Get-Content $stepVariables.GITHUB_OUTPUT) { $name, $value = $line -split '=', 2; $steps[$step.id][$name] = $value }
                }
                foreach ($line in Get-Content $stepVariables.GITHUB_ENV) { $name, $value = $line -split '=', 2; $variables[$name] = $value }
            }
            $needs[$jobName] = @{}
            foreach ($entry in (Get-Entries $job.outputs)) { $needs[$jobName][$entry.Key] = & $expand $entry.Value }
            if ($reviewer) { $null = Complete-DelayedCommand $reviewer }
            $reviewer = $null
        }
        Remove-Item $workspace -Recurse -Force
        $needs
    }

    # Azure Pipelines: stages in file order (each after dependsOn), jobs, pwsh steps (pwsh: or PowerShell@2
    # with pwsh: true), $(macro) variables, output variables set with ##vso[task.setvariable] and read
    # with stageDependencies; public variables become environment variables, secrets only through env:.
    function Invoke-AzurePipeline([string] $Path, [hashtable] $Build, [hashtable] $VariableGroups) {
        $pipeline = Read-Yaml $Path
        $workspace = New-Workspace
        $public = [ordered]@{}
        $secret = @{}
        foreach ($variable in $pipeline.variables) {
            if ($variable.group) { foreach ($entry in (Get-Entries $VariableGroups[$variable.group])) { $secret[$entry.Key] = $entry.Value } }
            else { $public[$variable.name] = $variable.value }
        }
        $outputs = @{}
        $reviewer = $null
        foreach ($stage in $pipeline.stages) {
            foreach ($dependency in @($stage.dependsOn)) { if ($dependency -and -not $outputs.ContainsKey($dependency)) { throw "Stage $($stage.stage) depends on $dependency, which has not run" } }
            $outputs[$stage.stage] = @{}
            foreach ($job in $stage.jobs) {
                $variables = [ordered]@{} + $public
                foreach ($entry in (Get-Entries $job.variables)) {
                    $variables[$entry.Key] = if ($entry.Value -match "^\`$\[\s*stageDependencies\.(\w+)\.(\w+)\.outputs\['([\w.]+)'\]\s*\]$") {
                        $outputs[$Matches[1]][$Matches[2]][$Matches[3]]
                    }
                    elseif ($entry.Value -match '^\$\[') { throw "Unsupported runtime expression $($entry.Value)" }
                    else { $entry.Value }
                }
                $expand = {
                    param([string] $Text)
                    # $(name) of a defined variable; anything else (such as a pwsh subexpression) stays, as in Azure.
                    [regex]::Replace($Text, '\$\(([\w.-]+)\)', {
                        param($match)
                        $name = $match.Groups[1].Value
                        if ($variables.Contains($name)) { $variables[$name] } elseif ($secret.ContainsKey($name)) { $secret[$name] } else { $match.Value }
                    })
                }
                $jobOutputs = @{}
                $scripts = foreach ($step in $job.steps) { if ($step.pwsh) { $step.pwsh } else { $step.inputs.script } }
                if (Test-Waits $scripts) { $reviewer = Start-Reviewer $variables.versionArn }
                foreach ($step in $job.steps) {
                    if ($step.Contains('checkout')) { continue }
                    $script = if ($step.Contains('pwsh')) { $step.pwsh }
                    elseif ($step.task -eq 'PowerShell@2' -and $step.inputs.pwsh -eq 'true' -and $step.inputs.targetType -eq 'inline') { $step.inputs.script }
                    else { throw "Step '$($step.displayName)' is not a pwsh step this test can run" }
                    $stepVariables = [ordered]@{}
                    foreach ($entry in $Build.GetEnumerator()) { $stepVariables[$entry.Key] = $entry.Value }
                    foreach ($entry in $variables.GetEnumerator()) { $stepVariables[$entry.Key.ToUpperInvariant().Replace('.', '_')] = & $expand $entry.Value }
                    $stepVariables.SYSTEM_JOBNAME = $job.job
                    $stepVariables.BUILD_SOURCESDIRECTORY = $workspace
                    foreach ($entry in (Get-Entries $step.env)) { $stepVariables[$entry.Key] = & $expand $entry.Value }
                    $output = Invoke-PwshStep "$($stage.stage)/$($step.displayName)" (& $expand $script) $stepVariables $workspace
                    foreach ($match in [regex]::Matches($output, '##vso\[task\.setvariable variable=(\w+)(;isOutput=true)?\]([^\r\n]*)')) {
                        $name, $isOutput, $value = $match.Groups[1].Value, $match.Groups[2].Success, $match.Groups[3].Value
                        # An output variable is $(step.name) to the job's later steps, and an output of the job.
                        if ($isOutput) { $jobOutputs["$($step.name).$name"] = $variables["$($step.name).$name"] = $value } else { $variables[$name] = $value }
                    }
                    foreach ($match in [regex]::Matches($output, '##vso\[task\.uploadsummary\]([^\r\n]+)')) { $script:summaries += Get-Content $match.Groups[1].Value -Raw }
                }
                $outputs[$stage.stage][$job.job] = $jobOutputs
                if ($reviewer) { $null = Complete-DelayedCommand $reviewer }
                $reviewer = $null
            }
        }
        Remove-Item $workspace -Recurse -Force
        $outputs
    }

    # The one-time set-up of docs/ci.md: a dev group whose policy lets the prod account read its
    # versions, and the prod group.
    function New-Registries {
        $names = @{ Dev = 'fraud-detector'; Prod = 'fraud-detector-prod' }
        foreach ($name in $names.Dev) {
            if (-not (Get-MRModelGroup -Name $name -Credential $dev.Credential -ErrorAction SilentlyContinue)) {
                $null = New-MRModelGroup -Name $name -Credential $dev.Credential
                $null = Set-MRGroupPolicy -Name $name -AllowAccount $prod.AccountId -Action sagemaker:DescribeModelPackage -Credential $dev.Credential
            }
        }
        if (-not (Get-MRModelGroup -Name $names.Prod -ErrorAction SilentlyContinue)) { $null = New-MRModelGroup -Name $names.Prod }
        $names
    }

    function Assert-Promoted([string] $DevArn, [string] $Commit, [string] $Repository, [string] $GeneratedBy, [string] $PromotedBy, [string] $ApprovedBecause) {
        $source = Get-MRModelVersion -Arn $DevArn -Credential $dev.Credential
        $source.ApprovalStatus | Should -Be 'Approved'
        $source.ApprovalDescription | Should -Be $ApprovedBecause
        $source.ModelMetrics.ModelQualityStatistics.S3Uri | Should -Be "s3://dev-models/fraud/$Commit/evaluation.json"
        $source.Lineage.CommitId | Should -Be $Commit
        $source.Lineage.Repository | Should -Be $Repository
        $source.Lineage.GeneratedBy | Should -Be $GeneratedBy
        $source.LifeCycle.ToString() | Should -Be 'Development/Completed'
        $source.InferenceSpecification.Containers[0].ModelDataUrl | Should -Be "s3://dev-models/fraud/$Commit/model.tar.gz"
        $source.CustomerMetadataProperties['auc'] | Should -Be '0.94'

        $copies = @(Get-MRModelVersion -GroupName fraud-detector-prod | Where-Object { (Get-MRModelVersion -Arn $_.Arn).SourceUri -eq $DevArn })
        $copies.Count | Should -Be 1
        $copy = Get-MRModelVersion -Arn $copies[0].Arn
        $copy.ApprovalStatus | Should -Be 'Approved'
        $copy.LifeCycle.Stage | Should -Be 'Production'
        $copy.LifeCycle.StageDescription | Should -Be "Promoted by $PromotedBy"
        $copy.Lineage.ToJson().ToJsonString() | Should -Be $source.Lineage.ToJson().ToJsonString()
        $copy.InferenceSpecification.ToJson().ToJsonString() | Should -Be $source.InferenceSpecification.ToJson().ToJsonString()
    }
}

AfterAll { Stop-MRLocalRegistry }

Describe 'docs/ci/github-actions.yml' {
    It 'registers with lineage, waits for the approval and promotes to prod' {
        $null = New-Registries
        $runId = [string](Get-Random -Minimum 1000000000 -Maximum 2000000000)
        $run = @{
            CI = 'true'; GITHUB_ACTIONS = 'true'; GITHUB_SHA = 'ffac537e6cbbf934b08745a378932722df287a53'; GITHUB_REF = 'refs/heads/main'
            GITHUB_SERVER_URL = 'https://github.com'; GITHUB_REPOSITORY = 'octo-org/fraud-model'; GITHUB_RUN_ID = $runId; GITHUB_RUN_ATTEMPT = '1'
            GITHUB_WORKFLOW = 'fraud-model'; GITHUB_EVENT_NAME = 'push'; RUNNER_OS = 'Linux'; RUNNER_TEMP = [System.IO.Path]::GetTempPath()
        }
        $repositoryVariables = @{ DEV_ROLE_ARN = "arn:aws:iam::$($dev.AccountId):role/github-fraud-dev"; PROD_ROLE_ARN = "arn:aws:iam::$($prod.AccountId):role/github-fraud-prod" }

        $script:summaries = @()
        $jobs = Invoke-GitHubWorkflow (Join-Path $examples 'github-actions.yml') $run $repositoryVariables
        $devArn = $jobs.register.'version-arn'
        $devArn | Should -BeLike "arn:aws:sagemaker:us-east-1:$($dev.AccountId):model-package/fraud-detector/*"
        $runUrl = "https://github.com/octo-org/fraud-model/actions/runs/$runId"
        # The group's first version: nothing approved to compare with, so the gate leaves it to the reviewer.
        Assert-Promoted $devArn $run.GITHUB_SHA 'https://github.com/octo-org/fraud-model' $runUrl $runUrl 'Reviewed the evaluation report'
        $summary = $script:summaries -join "`n"
        $summary | Should -BeLike "*Left for a reviewer: *has no approved version*"
        $summary | Should -BeLike "*| ModelQualityStatistics | binary_classification_metrics.auc | 0.94 | 0.002 |*"
    }
}

Describe 'docs/ci/azure-pipelines.yml' {
    It 'registers with lineage, waits for the approval and promotes to prod' {
        $null = New-Registries
        $buildId = [string](Get-Random -Minimum 1000 -Maximum 999999)
        $build = @{
            TF_BUILD = 'True'; BUILD_SOURCEVERSION = 'd7f3a1c2b4e5f60718293a4b5c6d7e8f90a1b2c3'; BUILD_BUILDID = $buildId; BUILD_BUILDNUMBER = "20261130.$buildId"
            BUILD_REPOSITORY_URI = 'https://dev.azure.com/fabrikam/Fraud%20Models/_git/fraud-model'; BUILD_SOURCEBRANCH = 'refs/heads/main'
            SYSTEM_COLLECTIONURI = 'https://dev.azure.com/fabrikam/'; SYSTEM_TEAMPROJECT = 'Fraud Models'; AGENT_OS = 'Linux'; AGENT_TEMPDIRECTORY = [System.IO.Path]::GetTempPath()
        }
        $groups = @{ 'aws-ci' = @{ devAccessKeyId = $dev.AccessKeyId; devSecretAccessKey = $dev.SecretAccessKey; prodAccessKeyId = $prod.AccessKeyId; prodSecretAccessKey = $prod.SecretAccessKey } }

        $script:summaries = @()
        $stages = Invoke-AzurePipeline (Join-Path $examples 'azure-pipelines.yml') $build $groups
        $devArn = $stages.Register.RegisterJob.'register.versionArn'
        $devArn | Should -BeLike "arn:aws:sagemaker:us-east-1:$($dev.AccountId):model-package/fraud-detector/*"
        # The GitHub run's version is approved; this one's auc and f1 are better, so the gate approves it.
        Assert-Promoted $devArn $build.BUILD_SOURCEVERSION $build.BUILD_REPOSITORY_URI `
            "https://dev.azure.com/fabrikam/Fraud%20Models/_build/results?buildId=$buildId" "https://dev.azure.com/fabrikam/Fraud Models/_build/results?buildId=$buildId" `
            'No tracked metric is worse than the approved version'
        $summary = $script:summaries -join "`n"
        $summary | Should -BeLike '*Approved automatically*'
        $summary | Should -BeLike '*| Metric | binary_classification_metrics.auc | 0.94 | 0.95 | +0.01 | better |*'
        $summary | Should -BeLike '*xychart-beta*line `[0.94, 0.95`]*'
    }
}

Describe 'docs/ci.md, Trying it locally' {
    It 'runs as written, and the copy warns that the image''s repository policy could not be checked' {
        $guide = Get-Content (Join-Path $PSScriptRoot '../../docs/ci.md') -Raw
        $snippet = [regex]::Match($guide, '## Trying it locally\s+```powershell\r?\n(.*?)```', 'Singleline').Groups[1].Value
        $snippet | Should -Match 'Start-MRLocalRegistry'
        # A child of its own: the snippet starts and stops its own local registry.
        $output = Invoke-ChildPwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-ModuleUnderTest)'; $snippet; 'ran to the end'" 2>&1 | Out-String
        $output | Should -BeLike '*ran to the end*'
        $output | Should -BeLike '*WARNING: Not checked: 222222222222.dkr.ecr.us-east-1.amazonaws.com/fraud:1*'
    }
}
