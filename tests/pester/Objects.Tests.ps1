# Output objects and parameters that work the way PowerShell users expect: plain data, AWS names,
# headers that are properties, one time convention, input integrity, versions by group and number.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    $registry = Start-MRLocalRegistry -PassThru
    $image = '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1'
    $group = (New-MRModelGroup -Name (New-TestName objects) -Description 'objects').Name
    $first = New-MRModelVersion -GroupName $group -Image $image -ModelDataUrl s3://my-bucket/iris/model.tar.gz -ContentType text/csv `
        -ResponseContentType text/csv -Description 'Iris XGBoost' -Metadata @{ team = 'ml' } -Domain MACHINE_LEARNING -Task CLASSIFICATION `
        -Framework XGBOOST -FrameworkVersion 1.2
    $second = New-MRModelVersion -GroupName $group -Image $image -ModelDataUrl s3://my-bucket/iris/model-2.tar.gz -Metadata @{ team = 'ml' }
    $offline = @{ EndpointUrl = 'http://127.0.0.1:9'; AccessKey = 'AKIAEXAMPLE'; SecretKey = 'secret'; Region = 'us-east-1' }
}

AfterAll { Stop-MRLocalRegistry }

Describe 'Output objects' {
    It 'serialise to JSON at most twice the size of the API''s JSON, nested members as objects' {
        foreach ($output in $first, (Get-MRModelGroup -Name $group)) {
            $json = $output | ConvertTo-Json -Depth 10
            $json.Length | Should -BeLessOrEqual (2 * $output.ToJson().ToJsonString().Length)
        }
        $parsed = $first | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $parsed.InferenceSpecification.Containers[0].Image | Should -Be $image
        $parsed.CustomerMetadataProperties.team | Should -Be 'ml'
    }

    It 'export to CSV one line per object' {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName csv)
        try {
            Get-MRModelVersion -GroupName $group | Export-Csv $path
            @(Get-Content $path).Count | Should -Be 3
            (Import-Csv $path).Arn | Should -Be @($first.Arn, $second.Arn)
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }

    It 'write tags and metadata to CSV as key=value pairs, and to JSON as objects' {
        $tagged = New-MRModelGroup -Name (New-TestName tagged) -Tag ([ordered]@{ team = 'ml'; stage = 'dev' })
        $version = Get-MRModelVersion -Arn $first.Arn
        ($tagged | ConvertTo-Csv | ConvertFrom-Csv).Tags | Should -BeIn @('team=ml; stage=dev', 'stage=dev; team=ml')
        ($version | ConvertTo-Csv | ConvertFrom-Csv).CustomerMetadataProperties | Should -Be 'team=ml'
        ($tagged | ConvertTo-Json | ConvertFrom-Json).Tags.stage | Should -Be 'dev'
        ($version | ConvertTo-Json -Depth 5 | ConvertFrom-Json).CustomerMetadataProperties.team | Should -Be 'ml'
    }

    It 'write the tags of a group got by name and of a version got singly to CSV as key=value pairs' {
        $tagged = New-MRModelGroup -Name (New-TestName tagread) -Tag @{ team = 'ml' }
        $version = New-MRModelVersion -GroupName $tagged -Image $image -Tag @{ stage = 'dev' }
        ((Get-MRModelGroup -Name $tagged) | ConvertTo-Csv | ConvertFrom-Csv).Tags | Should -Be 'team=ml'
        ((Get-MRModelVersion -Arn $version.Arn) | ConvertTo-Csv | ConvertFrom-Csv).Tags | Should -Be 'stage=dev'
        "$((Get-MRModelVersion -GroupName $tagged -Latest).Tags)" | Should -Be 'stage=dev'
    }

    It 'write the local registry''s accounts and the -Diagnose search to CSV as text, not type names' {
        $row = $registry | ConvertTo-Csv | ConvertFrom-Csv
        $row.Accounts | Should -Be 'registry (111111111111); training (222222222222)'
        $diagnosed = Start-MRLocalRegistry -Diagnose
        ($diagnosed | ConvertTo-Csv | ConvertFrom-Csv).Searched | Should -Be ($diagnosed.Searched -join '; ')
        ($diagnosed | ConvertTo-Csv | ConvertFrom-Csv).Searched | Should -Not -BeLike 'System.*'
    }

    It 'answer to the AWS API member names under Set-StrictMode' {
        $names = & {
            Set-StrictMode -Version Latest
            $group = Get-MRModelGroup -Name $group
            $first.ModelPackageArn, $first.ModelPackageVersion, $first.ModelApprovalStatus, $first.ModelPackageGroupName,
            $first.ModelPackageStatus, $first.ModelPackageDescription, $first.CreationTime,
            $group.ModelPackageGroupName, $group.ModelPackageGroupArn, $group.ModelPackageGroupDescription
        }
        $names | Should -Be @($first.Arn, $first.Version, 'PendingManualApproval', $group, 'Completed', 'Iris XGBoost', $first.CreationTime,
            $group, (Get-MRModelGroup -Name $group).Arn, 'objects')
    }

    It 'keep times in UTC, and say so in the views' {
        $first.CreationTime.Kind | Should -Be 'Utc'
        $table = $first | Format-Table -AutoSize | Out-String -Width 300
        $table | Should -Match ([regex]::Escape($first.CreationTime.ToString('yyyy-MM-dd HH:mm:ss')) + 'Z')
        ($first | Format-List | Out-String) | Should -Match ([regex]::Escape($first.CreationTime.ToString('yyyy-MM-dd HH:mm:ss')) + 'Z')
    }

    It 'sort and select by the names the table shows' {
        $sorted = Get-MRModelVersion -GroupName $group | Sort-Object CreationTime -Descending | Select-Object GroupName, Version, CreationTime
        $sorted.Version | Should -Be @($second.Version, $first.Version)
        $sorted.GroupName | Should -Be @($group, $group)
    }

    It 'show a group policy in Format-Table as its group and statement ids' {
        $own = (New-MRModelGroup -Name (New-TestName policytable)).Name
        $null = Set-MRGroupPolicy -Name $own -AllowAccount 222222222222
        $table = Get-MRGroupPolicy -Name $own | Format-Table | Out-String -Width 300
        $table | Should -Match "$own\s+ModelRegistryCrossAccountRegister222222222222"
    }

    It 'show no service JSON in Format-List' {
        ($first | Format-List * | Out-String) | Should -Not -Match '\bRaw\b'
        ($first | Format-List * | Out-String) | Should -Not -Match '"ModelPackageArn"'
    }
}

Describe 'Every table header and list item is a property' {
    BeforeDiscovery {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $format = [xml](Get-Content (Join-Path (Split-Path (Get-ModuleUnderTest)) 'ModelRegistry.Format.ps1xml') -Raw)
        # Each type a view is selected for: a shared view shows blanks for what one of its types lacks.
        $views = foreach ($view in $format.Configuration.ViewDefinitions.View) {
            $names = if ($view.TableControl) { @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label }) }
            else { @($view.ListControl.ListEntries.ListEntry.ListItems.ListItem | ForEach-Object { $_.PropertyName } | Where-Object { $_ }) }
            foreach ($typeName in @($view.ViewSelectedBy.TypeName)) { @{ View = $view.Name; TypeName = $typeName; Names = $names } }
        }
    }

    It '<View> (<TypeName>): each header or item names a property of the type' -ForEach $views {
        $type = [System.Management.Automation.PSTypeName]::new($TypeName).Type
        $type | Should -Not -BeNullOrEmpty
        $aliases = (Get-TypeData $TypeName).Members.Keys
        foreach ($name in $Names) {
            ($type.GetProperty($name) -or $aliases -contains $name) | Should -BeTrue -Because "'$name' must be a property of $TypeName"
        }
    }
}

Describe 'A version named singly' {
    It 'comes back fully described by -Version and -Latest' {
        $byNumber = Get-MRModelVersion -GroupName $group -Version $first.Version
        $byNumber | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersion])
        $byNumber.CustomerMetadataProperties['team'] | Should -Be 'ml'
        $byNumber.Domain | Should -Be 'MACHINE_LEARNING'
        $latest = Get-MRModelVersion -GroupName $group -Latest
        $latest | Should -BeOfType ([ModelRegistry.Core.Model.ModelVersion])
        $latest.Arn | Should -Be $second.Arn
        $latest.InferenceSpecification.Containers[0].ModelDataUrl | Should -Be 's3://my-bucket/iris/model-2.tar.gz'
    }

    It 'is found by -GroupName with -Version or -Latest on Set, Approve, Deny and Remove' {
        $own = (New-MRModelGroup -Name (New-TestName byname)).Name
        $v1 = New-MRModelVersion -GroupName $own -Image $image
        $v2 = New-MRModelVersion -GroupName $own -Image $image
        (Approve-MRModelVersion -GroupName $own -Version 1 -Reason ok -PassThru).ApprovalStatus | Should -Be 'Approved'
        (Deny-MRModelVersion -GroupName $own -Latest -Reason no -PassThru).Arn | Should -Be $v2.Arn
        (Set-MRModelVersion -GroupName $own -Version 2 -Metadata @{ k = 'v' } -PassThru).CustomerMetadataProperties['k'] | Should -Be 'v'
        Remove-MRModelVersion -GroupName $own -Latest -Force
        (Get-MRModelVersion -GroupName $own).Arn | Should -Be @($v1.Arn)
    }

    It 'reports NoModelVersion for -Latest of an empty group' {
        $empty = (New-MRModelGroup -Name (New-TestName empty)).Name
        Approve-MRModelVersion -GroupName $empty -Latest -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NoModelVersion,ModelRegistry.PowerShell.Commands.ApproveMRModelVersionCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe '-Detailed where batch description is not available' {
    AfterEach { Clear-RegistryFault $registry.EndpointUrl }

    It 'describes each version on its own, warns once and loses none' {
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'unsupported'; operation = 'BatchDescribeModelPackage' }
        $versions = Get-MRModelVersion -GroupName $group -Detailed -WarningVariable warnings -WarningAction SilentlyContinue
        $versions.Arn | Should -Be @($first.Arn, $second.Arn)
        $versions.InferenceSpecification.Containers.ModelDataUrl | Should -Be @('s3://my-bucket/iris/model.tar.gz', 's3://my-bucket/iris/model-2.tar.gz')
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*BatchDescribeModelPackage*UnknownOperationException*'
    }
}

Describe 'Input integrity' {
    It 'turns a single value where a list belongs into a list and takes enum values in any case' {
        $json = @{ ModelPackageGroupName = $group; ModelApprovalStatus = 'approved'
                   InferenceSpecification = @{ Containers = @{ Image = $image }; SupportedContentTypes = 'text/csv' } } | ConvertTo-Json -Depth 5
        $version = New-MRModelVersion -InputJson $json
        @($version.InferenceSpecification.SupportedContentTypes) | Should -Be @('text/csv')
        $version.InferenceSpecification.Containers.Count | Should -Be 1
        $version.ApprovalStatus | Should -Be 'Approved'
        (Set-MRModelVersion -Arn $version.Arn -ApprovalStatus pendingmanualapproval -PassThru).ApprovalStatus | Should -Be 'PendingManualApproval'
        (Get-MRModelVersion -GroupName $group -ApprovalStatus PENDINGMANUALAPPROVAL).Arn | Should -Contain $version.Arn
    }

    It 'refuses <Case> before sending, naming the parameter and the member' -ForEach @(
        @{ Case = 'a list for the approval status'; Member = 'ModelApprovalStatus'; Value = @('Approved'); ErrorId = 'InvalidParameter.type' }
        @{ Case = 'a number for the description'; Member = 'ModelPackageDescription'; Value = 5; ErrorId = 'InvalidParameter.type' }
        @{ Case = 'text for the metadata'; Member = 'CustomerMetadataProperties'; Value = 'x'; ErrorId = 'InvalidParameter.type' }
        @{ Case = 'a tag without its value'; Member = 'Tags'; Value = @{ Key = 'a' }; ErrorId = 'InvalidParameter.required' }
    ) {
        $request = @{ ModelPackageGroupName = 'g'; InferenceSpecification = @{ Containers = @(@{ Image = $image }) }; $Member = $Value }
        foreach ($form in @{ InputJson = ($request | ConvertTo-Json -Depth 5) }, @{ InputObject = $request }) {
            $parameter = @($form.Keys)[0]
            New-MRModelVersion @form @offline -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand"
            $failure[0].Exception.Message | Should -BeLike "-$parameter*$Member*"
        }
    }

    It 'refuses a nested hashtable where text belongs, naming the parameter' {
        New-MRModelVersion -GroupName g -Image $image -Environment @{ A = @{ B = 1 } } @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $failure[0].Exception.Message | Should -BeLike "-Environment: the value of 'A' is a hashtable*"
    }

    It 'refuses text with a lone surrogate, naming the parameter' {
        New-MRModelVersion -GroupName g -Image $image -Description "bad $([char]0xD800)" @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.utf16,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $failure[0].Exception.Message | Should -BeLike '-Description: ModelPackageDescription:*surrogate*'
        New-MRModelVersion -InputJson '{"ModelPackageGroupName":"g","ModelPackageDescription":"\ud800"}' @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.utf16,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
    }

    It 'refuses a JSON member named twice in plain words' {
        New-MRModelVersion -InputJson '{"ModelPackageGroupName":"g","ModelPackageGroupName":"h"}' @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].Exception.Message | Should -Be "-InputJson: The model version request names the member 'ModelPackageGroupName' twice; JSON members must be unique."
    }

    It 'takes JSON as lines, piped text, piped documents and ConvertFrom-Json objects' {
        $own = (New-MRModelGroup -Name (New-TestName piped)).Name
        $json = @{ ModelPackageGroupName = $own; InferenceSpecification = @{ Containers = @(@{ Image = $image }) } } | ConvertTo-Json -Depth 5
        $lines = $json -split "`n"
        (New-MRModelVersion -InputJson $lines).Version | Should -Be 1
        ($lines | New-MRModelVersion).Version | Should -Be 2
        ($json, $json | New-MRModelVersion).Version | Should -Be @(3, 4)
        ($json | ConvertFrom-Json | New-MRModelVersion).Version | Should -Be 5
    }
}

Describe 'Tab completion' {
    BeforeAll {
        function Get-Completion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText }
    }

    It 'completes group names live, with the connection the command would use' {
        Get-Completion "Get-MRModelVersion -GroupName $($group.Substring(0, 12))" | Should -Contain $group
        Get-Completion "Approve-MRModelVersion -GroupName $($group.Substring(0, 12))" | Should -Contain $group
        Get-Completion "Get-MRModelGroup -Name $($group.Substring(0, 12))" | Should -Contain $group
    }

    It 'gives up on an endpoint that never answers and offers nothing' {
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $port = $silent.LocalEndpoint.Port
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            Get-Completion "Get-MRModelGroup -EndpointUrl http://127.0.0.1:$port -Region us-east-1 -AccessKey AKIAEXAMPLE -SecretKey s -Name ob" | Should -BeNullOrEmpty
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'it gives up after about a second instead of the SDK''s retries and time-outs'
        }
        finally { $silent.Stop() }
    }

    It 'completes the destination group and the source region of Copy-MRModelVersion' {
        Get-Completion "Copy-MRModelVersion -SourceArn a -DestinationGroupName $($group.Substring(0, 12))" | Should -Contain $group
        Get-Completion 'Copy-MRModelVersion -SourceArn a -SourceRegion eu-west-' | Should -Contain 'eu-west-1'
    }

    It 'completes regions, content types, instance types, domains, tasks and frameworks' {
        Get-Completion 'Get-MRModelGroup -Region eu-west-' | Should -Contain 'eu-west-1'
        Get-Completion 'New-MRModelVersion -GroupName g -Image i -ContentType text/c' | Should -Contain 'text/csv'
        Get-Completion 'New-MRModelVersion -GroupName g -Image i -RealtimeInstanceType ml.m5.xl' | Should -Contain 'ml.m5.xlarge'
        Get-Completion 'New-MRModelVersion -GroupName g -Image i -TransformInstanceType ml.c5.2' | Should -Contain 'ml.c5.2xlarge'
        Get-Completion 'New-MRModelVersion -GroupName g -Image i -Domain comp' | Should -Be 'COMPUTER_VISION'
        Get-Completion 'New-MRModelVersion -GroupName g -Image i -Task IMAGE_C' | Should -Be 'IMAGE_CLASSIFICATION'
        Get-Completion 'New-MRInferenceContainer -Image i -Framework XG' | Should -Be 'XGBOOST'
    }

    It 'completes profile names from the shared files' {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName profiles)
        $null = New-Item -ItemType Directory $folder
        $saved = $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE
        try {
            Set-Content (Join-Path $folder credentials) "[alpha-admin]`naws_access_key_id = AKIAEXAMPLE`naws_secret_access_key = s`n"
            Set-Content (Join-Path $folder config) "[profile alpha-sso]`nregion = eu-west-1`n"
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder credentials
            $env:AWS_CONFIG_FILE = Join-Path $folder config
            Get-Completion 'Get-MRConfiguration -ProfileName alpha' | Sort-Object | Should -Be @('alpha-admin', 'alpha-sso')
            Get-Completion 'Copy-MRModelVersion -SourceArn a -SourceProfileName alpha' | Sort-Object | Should -Be @('alpha-admin', 'alpha-sso')
        }
        finally {
            $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE = $saved
            Remove-Item $folder -Recurse -Force
        }
    }
}

Describe '-Verbose and AWS errors' {
    AfterEach { Clear-RegistryFault $registry.EndpointUrl }

    It 'says one line per AWS call: operation, endpoint, region and whose credentials, never a secret' {
        $lines = @(New-MRModelGroup -Name (New-TestName verbose) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $calls = @($lines | Where-Object { $_ -like 'SageMaker *' })
        $calls.Count | Should -Be 2
        $calls[0] | Should -BeLike "SageMaker CreateModelPackageGroup at $($registry.EndpointUrl) (us-east-1) as Start-MRLocalRegistry*"
        $calls[1] | Should -BeLike 'SageMaker DescribeModelPackageGroup at *'
        $lines -join "`n" | Should -Not -Match ([regex]::Escape($registry.RegistryAccount.SecretAccessKey))
    }

    It 'says the calls under $VerbosePreference without -Verbose, and none under -Verbose:$false' {
        $own = (New-MRModelGroup -Name (New-TestName verbosepref)).Name
        $lines = @(& { $VerbosePreference = 'Continue'; New-MRModelVersion -GroupName $own -Image $image 4>&1 } |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($lines -like 'SageMaker *').Count | Should -Be 2
        $lines -like 'SageMaker DescribeModelPackage at *' | Should -HaveCount 1
        $quiet = @(& { $VerbosePreference = 'Continue'; New-MRModelVersion -GroupName $own -Image $image -Verbose:$false 4>&1 } |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $quiet.Count | Should -Be 0
    }

    It 'says the S3, KMS and STS calls too' {
        $own = (New-MRModelGroup -Name (New-TestName tracegrant)).Name
        $lines = Grant-MRCrossAccountAccess -RegistryAccountId 111111111111 -TrainingAccountId 222222222222 -ModelGroupName $own -RepositoryName repo `
            -BucketName (New-TestName bucket) -BucketPrefix m/ -KmsKeyId 1234abcd-12ab-34cd-56ef-1234567890ab -TrainingCredential $registry.Account('training').Credential `
            -Verbose -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $lines | Should -Contain "SecurityToken GetCallerIdentity at $($registry.EndpointUrl) (us-east-1) as Start-MRLocalRegistry (registry (111111111111))"
        @($lines -like 'S3 GetBucketPolicy at *').Count | Should -Be 1
        @($lines -like 'KeyManagementService ListGrants at *').Count | Should -Be 1
    }

    It 'names the operation and the endpoint in an AWS error' {
        Add-RegistryFault $registry.EndpointUrl @{ kind = 'error500'; count = 10; operation = 'DescribeModelPackageGroup' }
        Get-MRModelGroup -Name $group -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].ErrorDetails.Message | Should -BeLike "DescribeModelPackageGroup at $($registry.EndpointUrl):*"
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    }

    It 'names the operation and the endpoint when the connection is refused' {
        # Nothing listens on the discard port; a CI log shows only the message.
        Get-MRModelGroup -Name $group -EndpointUrl 'http://127.0.0.1:9' -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'AwsClientError,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure[0].ErrorDetails.Message | Should -BeLike 'DescribeModelPackageGroup at http://127.0.0.1:9: *'
    }
}

Describe 'Tags and the data input configuration' {
    It 'reads tags back on a group and a version got by name, and keeps DataInputConfig' {
        $own = (New-MRModelGroup -Name (New-TestName tags) -Tag @{ team = 'ml'; cost = '42' }).Name
        (Get-MRModelGroup -Name $own).Tags['team'] | Should -Be 'ml'
        $version = New-MRModelVersion -GroupName $own -Image $image -Tag @{ stage = 'dev' } -DataInputConfig '{"input_1":[1,28,28,1]}'
        $version.Tags['stage'] | Should -Be 'dev'
        $read = Get-MRModelVersion -Arn $version.Arn
        $read.Tags['stage'] | Should -Be 'dev'
        $read.InferenceSpecification.Containers[0].DataInputConfig | Should -Be '{"input_1":[1,28,28,1]}'
        $container = New-MRInferenceContainer -Image $image -DataInputConfig '{"x":[1]}'
        ($container | New-MRModelVersion -GroupName $own).InferenceSpecification.Containers[0].DataInputConfig | Should -Be '{"x":[1]}'
    }
}

Describe 'Review findings' {
    It 'refuses a member the API does not have, with the name it most likely meant' {
        New-MRModelVersion -InputJson '{"ModelPackageGroupName":"g","ModelPackageDescripton":"typo"}' @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.unknown,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $failure[0].Exception.Message | Should -BeLike "-InputJson: ModelPackageDescripton:*did you mean 'ModelPackageDescription'?*"
        $json = '{"ModelPackageGroupName":"g","InferenceSpecification":{"Containers":[{"Image":"' + $image + '","ModelDataURL":"s3://my-bucket/m.tar.gz"}]}}'
        New-MRModelVersion -InputJson $json @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].Exception.Message | Should -BeLike "-InputJson: InferenceSpecification.Containers[[]0[]].ModelDataURL:*did you mean 'ModelDataUrl'?*"
        New-MRModelVersion -InputObject @{ ModelPackageGroupName = 'g'; ApprovalStatus = 'Approved'; InferenceSpecification = @{ Containers = @(@{ Image = $image }) } } @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].Exception.Message | Should -BeLike "-InputObject: ApprovalStatus:*did you mean 'ModelApprovalStatus'?*"
    }

    It 'refuses a .NET object that is not data, naming the parameter and the member' {
        New-MRModelVersion -InputObject @{ ModelPackageGroupName = 'g'; ModelPackageDescription = { 1 } } @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
        $failure[0].Exception.Message | Should -BeLike '-InputObject: ModelPackageDescription is a System.Management.Automation.ScriptBlock*'
    }

    It 'refuses a request without its group before sending' {
        New-MRModelVersion -InputJson ('{"InferenceSpecification":{"Containers":[{"Image":"' + $image + '"}]}}') @offline -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.required,ModelRegistry.PowerShell.Commands.NewMRModelVersionCommand'
    }

    It 'refuses an empty -Region instead of falling back to another region' {
        { New-MRModelGroup -Name (New-TestName empty) -Region '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ModelRegistry.PowerShell.Commands.NewMRModelGroupCommand'
    }

    It 'does not offer pseudo-regions the module refuses' {
        $line = 'Get-MRModelGroup -Region us-east-1'
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Contain 'us-east-1'
        $offered | Should -Not -Contain 'us-east-1-regional'
    }

    It 'completes the groups of the account -Credential names' {
        $training = $registry.Account('training')
        $own = (New-MRModelGroup -Name (New-TestName trainingonly) -Credential $training.Credential).Name
        $global:completionCredential = $training.Credential
        try {
            $line = "Get-MRModelGroup -Credential `$completionCredential -Name $($own.Substring(0, 14))"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $own
        }
        finally { Remove-Variable completionCredential -Scope Global }
    }

    It 'says when $StoredAWSCredentials holds something that is not credentials' {
        $global:StoredAWSCredentials = 'garbage'
        try {
            { Get-MRModelGroup -Name x -Region us-east-1 -EndpointUrl 'http://127.0.0.1:9' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCredential,*'
        }
        finally { Remove-Variable StoredAWSCredentials -Scope Global }
    }

    It 'registers each of several pretty-printed documents piped as lines' {
        $own = (New-MRModelGroup -Name (New-TestName twodocs)).Name
        $document = @{ ModelPackageGroupName = $own; InferenceSpecification = @{ Containers = @(@{ Image = $image }) } } | ConvertTo-Json -Depth 5
        $path = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName docs)
        try {
            Set-Content $path "$document`n`n$document`n"
            (Get-Content $path | New-MRModelVersion).Version | Should -Be @(1, 2)
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }

    It 'reports a version number the group does not have' {
        $versions = Get-MRModelVersion -GroupName $group -Version $first.Version, 4242 -ErrorVariable failure -ErrorAction SilentlyContinue
        $versions.Arn | Should -Be $first.Arn
        $failure[0].FullyQualifiedErrorId | Should -Be 'NoModelVersion,ModelRegistry.PowerShell.Commands.GetMRModelVersionCommand'
    }

    It 'warns when -Sid names no statement of the policy' {
        $own = (New-MRModelGroup -Name (New-TestName sid)).Name
        $null = Set-MRGroupPolicy -Name $own -AllowAccount 222222222222
        $change = Remove-MRGroupPolicy -Name $own -Sid NoSuchSid -Force -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $change.Status | Should -Be 'Unchanged'
        "$warnings" | Should -BeLike "*no statement with Sid 'NoSuchSid'*"
    }

    It 'reports no region instead of failing, with what it did find' {
        $saved = $env:AWS_CONFIG_FILE
        try {
            $env:AWS_CONFIG_FILE = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName noconfig)
            $report = Invoke-ChildPwsh "Import-Module '$(Get-ModuleUnderTest)'; Remove-Item env:AWS_REGION, env:AWS_DEFAULT_REGION -ErrorAction Ignore; (Get-MRConfiguration -AccessKey AKIAEXAMPLEKEY -SecretKey s) | ConvertTo-Json -Compress" | ConvertFrom-Json
        }
        finally { $env:AWS_CONFIG_FILE = $saved }
        $report.Region | Should -BeNullOrEmpty
        $report.RegionSource | Should -BeLike 'none found: No AWS region was found*'
        $report.CredentialSource | Should -Be 'parameters (-AccessKey/-SecretKey)'
    }
}

Describe 'Every output type in JSON, without switches' {
    BeforeAll {
        # One object of each type a cmdlet writes, made against the local registry.
        $registryAccount = $registry.Account('registry')
        $none = [System.Threading.CancellationToken]::None
        $s3 = [ModelRegistry.Core.Client.AwsClientFactory]::CreateS3Client(
            [ModelRegistry.Core.Client.AwsConnection]::new($registryAccount.Credential, [Amazon.RegionEndpoint]::USEast1, $registry.EndpointUrl))
        $bucket = New-TestName reports
        $null = Wait-Task $s3.PutBucketAsync([Amazon.S3.Model.PutBucketRequest]@{ BucketName = $bucket }, $none)
        function New-QualityReport([double] $Accuracy) {
            $key = "reports/$(New-TestName quality).json"
            $json = '{"binary_classification_metrics": {"accuracy": {"value": ' + $Accuracy + ', "standard_deviation": 0.01}}}'
            $null = Wait-Task $s3.PutObjectAsync([Amazon.S3.Model.PutObjectRequest]@{ BucketName = $bucket; Key = $key; ContentBody = $json }, $none)
            New-MRModelMetric -Kind ModelQualityStatistics -S3Uri "s3://$bucket/$key"
        }

        $own = (New-MRModelGroup -Name (New-TestName json)).Name
        $report = New-QualityReport 0.9
        $null = New-MRModelVersion -GroupName $own -Image $image -ModelMetric $report -ApprovalStatus Approved
        $candidate = New-MRModelVersion -GroupName $own -Image $image -ModelMetric (New-QualityReport 0.8)
        $policyChange = Set-MRGroupPolicy -Name $own -Policy (@{ Version = '2012-10-17'; Statement = @(
            @{ Sid = 'Everyone'; Effect = 'Allow'; Principal = '*'; Action = 'sagemaker:DescribeModelPackageGroup'; Resource = (Get-MRModelGroup -Name $own).Arn }
            @{ Sid = 'Auditor'; Effect = 'Deny'; Principal = @{ AWS = 'arn:aws:iam::333333333333:root' }; Action = 'sagemaker:DeleteModelPackage'; Resource = '*'
               Condition = @{ NumericLessThan = @{ 'aws:MultiFactorAuthAge' = 3600 } } }) }) -Replace
        $crossAccount = @{ RegistryAccountId = $registryAccount.AccountId; TrainingAccountId = $registry.Account('training').AccountId; ModelGroupName = $own
                           RepositoryName = 'repo'; BucketName = $bucket; BucketPrefix = 'm/'; KmsKeyId = '1234abcd-12ab-34cd-56ef-1234567890ab' }
        $samples = @(
            $first
            Get-MRModelVersion -GroupName $own | Select-Object -First 1
            Get-MRModelGroup -Name $own
            New-MRInferenceContainer -Image $image
            $report
            Get-MRModelMetric -Arn $candidate.Arn
            Compare-MRModelVersion -GroupName $own -DifferenceVersion $candidate.Version
            $policyChange
            Grant-MRCrossAccountAccess @crossAccount -WarningAction SilentlyContinue
            Test-MRCrossAccountAccess @crossAccount -WarningAction SilentlyContinue
            Get-MRGroupPolicy -Name $own
            Get-MRConfiguration
            $registry
            Start-MRLocalRegistry -Diagnose
        )

        # Each place where the object holds an enum, with what the JSON holds there (ConvertTo-Json writes the number).
        function Find-Enum($Value, $Json, [string] $Path, [int] $Depth = 0) {
            if ($null -eq $Value -or $Depth -ge 10) { return }
            if ($Value -is [enum]) { "$Path = $($Json | ConvertTo-Json -Compress)"; return }
            if ($Value -is [string] -or $Value -is [ValueType]) { return }
            if ($Value -is [System.Collections.IDictionary]) {
                foreach ($key in $Value.Keys) { Find-Enum $Value[$key] $Json.$key "$Path.$key" ($Depth + 1) }
                return
            }
            if ($Value -is [System.Collections.IEnumerable]) {
                $i = 0
                foreach ($item in $Value) { Find-Enum $item @($Json)[$i] "$Path[$i]" ($Depth + 1); $i++ }
                return
            }
            foreach ($property in $Value.PSObject.Properties | Where-Object MemberType -EQ 'Property') {
                Find-Enum $property.Value $Json.($property.Name) "$Path.$($property.Name)" ($Depth + 1)
            }
        }
    }

    It 'covers each type the cmdlets declare' {
        $declared = Get-Command -Module ModelRegistry | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_ -ne [string] -and $_ -ne [void] } | ForEach-Object FullName | Sort-Object -Unique
        $samples | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique | Should -Be $declared
    }

    It 'writes every enum value by its name' {
        $numbers = foreach ($sample in $samples) { Find-Enum $sample ($sample | ConvertTo-Json -Depth 10 | ConvertFrom-Json) $sample.GetType().Name }
        $numbers | Should -BeNullOrEmpty -Because 'JSON says the names PowerShell shows'
        $change = $policyChange | ConvertTo-Json | ConvertFrom-Json
        $change.Resource, $change.Side, $change.Status | Should -Be 'ModelGroupPolicy', 'Registry', 'Verified'
        $checks = $samples | Where-Object { $_ -is [ModelRegistry.Core.CrossAccount.AccessCheck] } | ConvertTo-Json | ConvertFrom-Json
        $checks.Result | Should -Be 'NotChecked', 'NotChecked', 'NotChecked', 'Passed'
        ($report | ConvertTo-Json | ConvertFrom-Json).Kind | Should -Be 'ModelQualityStatistics'
    }

    It 'writes a group policy as the IAM document, not the module''s policy model' {
        $got = Get-MRGroupPolicy -Name $own
        $json = $got | ConvertTo-Json -Depth 10
        foreach ($member in 'Statements', 'IsAnyone', 'AdditionalMemberNames', 'Actions', 'Conditions') { $json | Should -Not -Match "`"$member`"" }
        ($json | ConvertFrom-Json).Policy | ConvertTo-Json -Depth 10 -Compress | Should -Be ($got.Json | ConvertFrom-Json | ConvertTo-Json -Depth 10 -Compress)
        ($json | ConvertFrom-Json).Policy.Statement.Effect | Should -Be 'Allow', 'Deny', 'Allow'
    }

    It 'still filters, compares and exports the names' {
        @($samples | Where-Object Status -EQ Verified) | Should -HaveCount 2
        $policyChange.Status | Should -Be 'Verified'
        ($policyChange | ConvertTo-Csv | ConvertFrom-Csv).Status | Should -Be 'Verified'
        ($policyChange | Format-Table | Out-String) | Should -Match 'ModelGroupPolicy +\d{12} +Verified'
        $got = Get-MRGroupPolicy -Name $own
        ($got | ConvertTo-Csv | ConvertFrom-Csv).Policy | ConvertFrom-Json | ConvertTo-Json -Depth 10 | Should -Be ($got.Json | ConvertFrom-Json | ConvertTo-Json -Depth 10)
        (Set-MRGroupPolicy -Name $own -Policy $got.Policy -Replace).Status | Should -Be 'Unchanged'
        (Set-MRGroupPolicy -Name $own -Policy $got -Replace).Status | Should -Be 'Unchanged'
    }
}
