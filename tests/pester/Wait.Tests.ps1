# Wait-MRModelVersion against the local registry: the approval gate of a deployment pipeline.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
    $image = '111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1'
    $group = (New-MRModelGroup -Name (New-TestName wait)).Name

    # An approver's session (another runspace) changes the version after a pause.
    function Start-Approver([string] $Arn, [string] $Command, [double] $AfterSeconds) {
        Start-DelayedCommand $Command @{ Arn = $Arn; Reason = 'reviewed'; EndpointUrl = $registry.EndpointUrl; Credential = $registry.Account('registry').Credential; Region = 'us-east-1' } $AfterSeconds
    }
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Wait-MRModelVersion' {
    It 'returns the version once another runspace approves it while waiting' {
        $version = New-MRModelVersion -GroupName $group -Image $image
        $approver = Start-Approver $version.Arn 'Approve-MRModelVersion' 1
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $approved = $version | Wait-MRModelVersion -PollingInterval 0.2 -Timeout 60
        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 0.9
        $null = Complete-DelayedCommand $approver
        $approved | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersion])
        $approved.Arn | Should -Be $version.Arn
        $approved.ApprovalStatus | Should -Be 'Approved'
        $approved.Status | Should -Be 'Completed'
    }

    It 'returns at once for a version already approved, found by -GroupName -Version and -Latest' {
        $version = New-MRModelVersion -GroupName $group -Image $image -ApprovalStatus Approved
        (Wait-MRModelVersion -GroupName $group -Version $version.Version -Timeout 5).Arn | Should -Be $version.Arn
        (Wait-MRModelVersion -GroupName $group -Latest -Timeout 5).Arn | Should -Be $version.Arn
    }

    It 'ends with WaitTimeout when nobody approves, terminating under ErrorActionPreference Stop' {
        $version = New-MRModelVersion -GroupName $group -Image $image
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = $null
        try {
            $ErrorActionPreference = 'Stop'
            Wait-MRModelVersion -Arn $version.Arn -Timeout 1 -PollingInterval 0.3
        }
        catch { $failure = $_ }
        finally { $ErrorActionPreference = 'Continue' }
        $failure.FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.Exception.Message | Should -BeLike "$($version.Arn) is still PendingManualApproval (Completed) after 1 s*"
        $failure.TargetObject.Arn | Should -Be $version.Arn
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'ends with ModelVersionRejected when the version is rejected while waiting' {
        $version = New-MRModelVersion -GroupName $group -Image $image
        $rejecter = Start-Approver $version.Arn 'Deny-MRModelVersion' 0.5
        { Wait-MRModelVersion -Arn $version.Arn -PollingInterval 0.2 -Timeout 60 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ModelVersionRejected,*' -ExpectedMessage "$($version.Arn) was rejected ('reviewed')*"
        $null = Complete-DelayedCommand $rejecter
    }

    It 'waits for a rejection when -ApprovalStatus Rejected is what is awaited' {
        $version = New-MRModelVersion -GroupName $group -Image $image -ApprovalStatus Rejected
        (Wait-MRModelVersion -Arn $version.Arn -ApprovalStatus Rejected -Timeout 5).ApprovalStatus | Should -Be 'Rejected'
    }

    It 'writes one error per failing piped version and goes on' {
        $approved = New-MRModelVersion -GroupName $group -Image $image -ApprovalStatus Approved
        $rejected = New-MRModelVersion -GroupName $group -Image $image -ApprovalStatus Rejected
        $results = $rejected, $approved | Wait-MRModelVersion -Timeout 5 -ErrorVariable failures -ErrorAction SilentlyContinue
        $results.Arn | Should -Be @($approved.Arn)
        $failures.FullyQualifiedErrorId | Should -BeLike 'ModelVersionRejected,*'
    }

    It 'fails at once for a version number the group does not have, and a group without versions' {
        { Wait-MRModelVersion -GroupName $group -Version 999 -Timeout 60 -ErrorAction Stop } | Should -Throw -ErrorId 'ValidationException,*'
        $empty = (New-MRModelGroup -Name (New-TestName empty)).Name
        { Wait-MRModelVersion -GroupName $empty -Latest -Timeout 60 -ErrorAction Stop } | Should -Throw -ErrorId 'NoModelVersion,*'
    }

    It 'writes the status of each poll that keeps it waiting with -Verbose' {
        $version = New-MRModelVersion -GroupName $group -Image $image
        $approver = Start-Approver $version.Arn 'Approve-MRModelVersion' 1
        $output = Wait-MRModelVersion -Arn $version.Arn -PollingInterval 0.2 -Timeout 60 -Verbose 4>&1
        $null = Complete-DelayedCommand $approver
        $polls = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message | Where-Object { $_ -like "$($version.Arn): *" })
        $polls[0] | Should -BeLike "$($version.Arn): PendingManualApproval (Completed) after * s"
        ($output | Where-Object { $_ -is [ModelRegistry.Core.Model.ModelVersion] }).ApprovalStatus | Should -Be 'Approved'
    }

    It 'keeps waiting through an approval when -ApprovalStatus Rejected is awaited' {
        $version = New-MRModelVersion -GroupName $group -Image $image -ApprovalStatus Approved
        { Wait-MRModelVersion -Arn $version.Arn -ApprovalStatus Rejected -Timeout 0.5 -PollingInterval 0.2 -ErrorAction Stop } | Should -Throw -ErrorId 'WaitTimeout,*'
    }

    It 'says ObjectNotFound for a version number the group does not have' {
        Wait-MRModelVersion -GroupName $group -Version 999 -Timeout 5 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ValidationException,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows a progress bar with the status on an interactive console, and none when the output is redirected' -Skip:(-not (Get-Command script -ErrorAction Ignore)) {
        $version = New-MRModelVersion -GroupName $group -Image $image
        $account = $registry.Account('registry')
        $wait = Join-Path ([System.IO.Path]::GetTempPath()) "$(New-TestName wait).ps1"
        Set-Content $wait @"
Import-Module '$(Get-ModuleUnderTest)'
Wait-MRModelVersion -Arn '$($version.Arn)' -Timeout 1.5 -PollingInterval 0.5 -ErrorAction SilentlyContinue ``
    -EndpointUrl '$($registry.EndpointUrl)' -AccessKey '$($account.AccessKeyId)' -SecretKey '$($account.SecretAccessKey)' -Region us-east-1
'Wait ended'
"@
        try {
            $pwshHost = [Environment]::ProcessPath
            $pwsh = if ((Split-Path $pwshHost -LeafBase) -eq 'dotnet') { "'$pwshHost' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$pwshHost'" }
            # script(1) runs the step on a pseudo-terminal: an interactive console, as a person at a prompt has.
            # The input answers the console's cursor-position queries (ESC[6n), which would otherwise each wait
            # for a terminal to reply; the escape sequences are removed before matching the text.
            $console = ("`e[1;1R" * 100) | script -qec "$pwsh -NoProfile -File '$wait'" /dev/null | Out-String
            $console = $console -replace '\x1b\[[0-9;?]*[A-Za-z=]|\x1b[=>]', ''
            $console | Should -Match 'Wait ended'
            $console | Should -Match 'Waiting for arn:aws:sagemaker:us-east-1:'
            $console | Should -Match 'PendingManualApproval'

            $redirected = Invoke-ChildPwsh "& '$wait'" | Out-String
            $redirected | Should -Match 'Wait ended'
            $redirected | Should -Not -Match 'Waiting for'
        }
        finally {
            Remove-Item $wait -ErrorAction SilentlyContinue
        }
    }

    It 'stops on Ctrl+C (StopProcessing) without waiting for the time-out' {
        $version = New-MRModelVersion -GroupName $group -Image $image
        $waiter = Start-DelayedCommand Wait-MRModelVersion @{ Arn = $version.Arn; Timeout = 600; PollingInterval = 60
            EndpointUrl = $registry.EndpointUrl; Credential = $registry.Account('registry').Credential; Region = 'us-east-1' }
        Start-Sleep -Seconds 1.5
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $waiter.PowerShell.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $waiter.Handle.IsCompleted | Should -BeTrue
        $waiter.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        $waiter.PowerShell.Dispose()
    }
}
