# Lineage (MetadataProperties) from the CI system New-MRModelVersion runs in, and lifecycle stages
# (ModelLifeCycle) on New-/Set-/Get-MRModelVersion, against the local registry.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
    $image = '111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1'

    # The flag and value variables of the three CI systems; the test runner itself may run in one.
    $ciVariables = 'GITHUB_ACTIONS', 'GITHUB_SHA', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID',
        'TF_BUILD', 'BUILD_SOURCEVERSION', 'BUILD_REPOSITORY_URI', 'SYSTEM_COLLECTIONURI', 'SYSTEM_TEAMPROJECT', 'BUILD_BUILDID',
        'GITLAB_CI', 'CI_COMMIT_SHA', 'CI_PROJECT_URL', 'CI_PIPELINE_URL', 'SAGEMAKER_PROJECT_ID'
    $saved = @{}
    foreach ($name in $ciVariables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    function Clear-CiEnvironment { foreach ($name in $ciVariables) { Remove-Item "env:$name" -ErrorAction SilentlyContinue } }
    function Set-CiEnvironment([hashtable] $Variables) {
        Clear-CiEnvironment
        foreach ($entry in $Variables.GetEnumerator()) { Set-Item "env:$($entry.Key)" $entry.Value }
    }
    $group = (New-MRModelGroup -Name (New-TestName lineage)).Name
}

AfterAll {
    foreach ($name in $ciVariables) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    Stop-MRLocalRegistry
}

Describe 'New-MRModelVersion lineage' {
    AfterEach { Clear-CiEnvironment }

    It 'reads <System> variables into MetadataProperties, and the version shows them' -ForEach @(
        @{
            System = 'GitHub Actions'
            Variables = @{ GITHUB_ACTIONS = 'true'; GITHUB_SHA = 'ffac537e6cbbf934b08745a378932722df287a53'; GITHUB_SERVER_URL = 'https://github.com'
                GITHUB_REPOSITORY = 'octo-org/fraud-model'; GITHUB_RUN_ID = '1658821493' }
            Expected = @{ CommitId = 'ffac537e6cbbf934b08745a378932722df287a53'; Repository = 'https://github.com/octo-org/fraud-model'
                GeneratedBy = 'https://github.com/octo-org/fraud-model/actions/runs/1658821493' }
        }
        @{
            System = 'Azure Pipelines'
            Variables = @{ TF_BUILD = 'True'; BUILD_SOURCEVERSION = 'd7f3a1c2b4e5f60718293a4b5c6d7e8f90a1b2c3'
                BUILD_REPOSITORY_URI = 'https://dev.azure.com/fabrikam/Fraud/_git/fraud-model'; SYSTEM_COLLECTIONURI = 'https://dev.azure.com/fabrikam/'
                SYSTEM_TEAMPROJECT = 'Fraud'; BUILD_BUILDID = '4711' }
            Expected = @{ CommitId = 'd7f3a1c2b4e5f60718293a4b5c6d7e8f90a1b2c3'; Repository = 'https://dev.azure.com/fabrikam/Fraud/_git/fraud-model'
                GeneratedBy = 'https://dev.azure.com/fabrikam/Fraud/_build/results?buildId=4711' }
        }
        @{
            System = 'GitLab CI'
            Variables = @{ GITLAB_CI = 'true'; CI_COMMIT_SHA = '1ecfd275763eff1d6b4844ea3168962458c9f27a'; CI_PROJECT_URL = 'https://gitlab.example.com/ml/fraud-model'
                CI_PIPELINE_URL = 'https://gitlab.example.com/ml/fraud-model/-/pipelines/9001' }
            Expected = @{ CommitId = '1ecfd275763eff1d6b4844ea3168962458c9f27a'; Repository = 'https://gitlab.example.com/ml/fraud-model'
                GeneratedBy = 'https://gitlab.example.com/ml/fraud-model/-/pipelines/9001' }
        }
    ) {
        Set-CiEnvironment $Variables
        $version = New-MRModelVersion -GroupName $group -Image $image -Verbose 4>&1 | Tee-Object -Variable output | Where-Object { $_ -is [ModelRegistry.Core.Model.ModelVersion] }
        $described = Get-MRModelVersion -Arn $version.Arn
        foreach ($member in $Expected.Keys) {
            $version.Lineage.$member | Should -Be $Expected[$member] -Because $member
            $described.Lineage.$member | Should -Be $Expected[$member] -Because "$member as described"
        }
        $described.Lineage.ProjectId | Should -BeNullOrEmpty
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Lineage from $($System): $($described.Lineage.ToJson().ToJsonString())"
    }

    It 'lets -CommitId, -Repository, -GeneratedBy and -ProjectId win over the CI values' {
        Set-CiEnvironment @{ GITHUB_ACTIONS = 'true'; GITHUB_SHA = 'ci-commit'; GITHUB_SERVER_URL = 'https://github.com'; GITHUB_REPOSITORY = 'octo-org/fraud-model'; GITHUB_RUN_ID = '1' }
        $version = New-MRModelVersion -GroupName $group -Image $image -CommitId 'abc123' -ProjectId 'p-1a2b3c4d5e6f'
        $lineage = (Get-MRModelVersion -Arn $version.Arn).Lineage
        $lineage.CommitId | Should -Be 'abc123'
        $lineage.ProjectId | Should -Be 'p-1a2b3c4d5e6f'
        $lineage.Repository | Should -Be 'https://github.com/octo-org/fraud-model'
        $lineage.GeneratedBy | Should -Be 'https://github.com/octo-org/fraud-model/actions/runs/1'

        $explicit = New-MRModelVersion -GroupName $group -Image $image -CommitId c -Repository r -GeneratedBy g -ProjectId p
        (Get-MRModelVersion -Arn $explicit.Arn).Lineage.ToJson().ToJsonString() | Should -Be '{"CommitId":"c","GeneratedBy":"g","ProjectId":"p","Repository":"r"}'
    }

    It 'fills in members that -InputJson does not give, and takes -ClientToken with it' {
        Set-CiEnvironment @{ GITLAB_CI = 'true'; CI_COMMIT_SHA = 'gitlab-sha'; CI_PROJECT_URL = 'https://gitlab.example.com/ml/fraud'; CI_PIPELINE_URL = 'https://gitlab.example.com/ml/fraud/-/pipelines/1' }
        $json = @{ ModelPackageGroupName = $group; InferenceSpecification = @{ Containers = @(@{ Image = $image }); SupportedContentTypes = @('text/csv'); SupportedResponseMIMETypes = @('text/csv') }
            MetadataProperties = @{ CommitId = 'from-json' } } | ConvertTo-Json -Depth 5
        $token = New-TestName json
        $version = New-MRModelVersion -InputJson $json -ClientToken $token
        $lineage = (Get-MRModelVersion -Arn $version.Arn).Lineage
        $lineage.CommitId | Should -Be 'from-json'
        $lineage.Repository | Should -Be 'https://gitlab.example.com/ml/fraud'
        # -ClientToken applies to -InputJson too: the rerun (same input, same lineage) is the same version.
        (New-MRModelVersion -InputJson $json -ClientToken $token).Arn | Should -Be $version.Arn
    }

    It 'sends no CI lineage with -NoLineage, and none outside CI' {
        Set-CiEnvironment @{ GITHUB_ACTIONS = 'true'; GITHUB_SHA = 'ci-commit'; GITHUB_SERVER_URL = 'https://github.com'; GITHUB_REPOSITORY = 'o/r'; GITHUB_RUN_ID = '1' }
        (Get-MRModelVersion -Arn (New-MRModelVersion -GroupName $group -Image $image -NoLineage).Arn).Lineage | Should -BeNullOrEmpty
        (Get-MRModelVersion -Arn (New-MRModelVersion -GroupName $group -Image $image -NoLineage -CommitId only).Arn).Lineage.ToJson().ToJsonString() | Should -Be '{"CommitId":"only"}'
        Clear-CiEnvironment
        $env:GITHUB_SHA = 'set-but-not-in-ci'
        (Get-MRModelVersion -Arn (New-MRModelVersion -GroupName $group -Image $image).Arn).Lineage | Should -BeNullOrEmpty
    }

    It 'refuses a value over the model''s limit before sending, naming the parameter' {
        { New-MRModelVersion -GroupName $group -Image $image -Repository ('x' * 1025) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.max,*' -ExpectedMessage '-Repository:*'
    }
}

Describe 'Lifecycle stages' {
    BeforeAll {
        Clear-CiEnvironment
        $stageGroup = (New-MRModelGroup -Name (New-TestName stage)).Name
    }

    It 'registers a version with a stage, changes it, and filters by it' {
        $development = New-MRModelVersion -GroupName $stageGroup -Image $image -Stage Development -StageStatus InProgress -StageDescription 'first training run'
        $staging = New-MRModelVersion -GroupName $stageGroup -Image $image -Stage Development -StageStatus InProgress
        $none = New-MRModelVersion -GroupName $stageGroup -Image $image
        $development.LifeCycle.Stage | Should -Be 'Development'
        $development.LifeCycle.StageStatus | Should -Be 'InProgress'
        $development.LifeCycle.StageDescription | Should -Be 'first training run'

        $changed = Set-MRModelVersion -Arn $staging.Arn -Stage Staging -StageStatus Approved -StageDescription 'shadow tests passed' -PassThru
        $changed.LifeCycle.ToJson().ToJsonString() | Should -Be '{"Stage":"Staging","StageStatus":"Approved","StageDescription":"shadow tests passed"}'
        $changed.Stage | Should -Be 'Staging'

        (Get-MRModelVersion -GroupName $stageGroup -Stage Staging).Arn | Should -Be @($staging.Arn)
        (Get-MRModelVersion -GroupName $stageGroup -Stage development).Arn | Should -Be @($development.Arn)
        (Get-MRModelVersion -GroupName $stageGroup -Stage Development -Detailed).LifeCycle.StageDescription | Should -Be 'first training run'
        (Get-MRModelVersion -GroupName $stageGroup -Stage Development -Latest).Arn | Should -Be $development.Arn
        @(Get-MRModelVersion -GroupName $stageGroup -Stage Production).Count | Should -Be 0
        (Get-MRModelVersion -GroupName $stageGroup).Arn | Should -Contain $none.Arn
        (Get-MRModelVersion -GroupName $stageGroup | Format-Table | Out-String) | Should -Match 'Staging/Approved'
    }

    It 'refuses a stage without a status, and a stage name the service refuses, before sending' {
        { New-MRModelVersion -GroupName $stageGroup -Image $image -Stage Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.required,*' -ExpectedMessage '-StageStatus:*'
        { New-MRModelVersion -GroupName $stageGroup -Image $image -Stage 'In Staging' -StageStatus Approved -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.pattern,*' -ExpectedMessage '-Stage:*'
    }

    It 'refuses -Stage for one version' {
        $version = New-MRModelVersion -GroupName $stageGroup -Image $image
        { Get-MRModelVersion -Arn $version.Arn -Stage Staging -ErrorAction Stop } | Should -Throw -ErrorId 'FilterNeedsGroup,*'
    }

    It 'shows what -WhatIf would change' {
        $version = New-MRModelVersion -GroupName $stageGroup -Image $image -Stage Development -StageStatus InProgress
        Set-MRModelVersion -Arn $version.Arn -Stage Production -StageStatus Approved -WhatIf
        (Get-MRModelVersion -Arn $version.Arn).Stage | Should -Be 'Development'
    }
}
