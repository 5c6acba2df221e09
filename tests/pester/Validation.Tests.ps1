# Bad input is refused before any request is sent, with an error that names the parameter and the rule.
# Every call points at a port where nothing listens: had a request gone out, the error would be a
# connection failure (AwsClientError), not the validation error asserted here.
BeforeDiscovery {
    $long = { param($length) 'a' * $length }
    $image = '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1'
    $base = @{ GroupName = 'iris-models'; Image = $image; ModelDataUrl = 's3://my-bucket/model.tar.gz' }
    function Case([string] $Name, [string] $Command, [hashtable] $Arguments, [string] $ErrorId, [string] $Parameter) {
        @{ Name = $Name; Command = $Command; Arguments = $Arguments; ErrorId = $ErrorId; Parameter = $Parameter }
    }
    function With([hashtable] $Changes) { $merged = $base.Clone(); foreach ($key in $Changes.Keys) { $merged[$key] = $Changes[$key] }; $merged }
    $tooManyEnvironment = @{}; 1..17 | ForEach-Object { $tooManyEnvironment["VAR_$_"] = 'x' }
    $tooManyMetadata = @{}; 1..51 | ForEach-Object { $tooManyMetadata["key$_"] = 'x' }
    $tooManyTags = @{}; 1..51 | ForEach-Object { $tooManyTags["tag$_"] = 'x' }

    $cases = @(
        Case 'group name with a space' New-MRModelVersion (With @{ GroupName = 'iris models' }) 'InvalidParameter.pattern' GroupName
        Case 'group name too long' New-MRModelVersion (With @{ GroupName = (& $long 171) }) 'InvalidParameter.max' GroupName
        Case 'group name ending in a hyphen' New-MRModelVersion (With @{ GroupName = 'iris-' }) 'InvalidParameter.pattern' GroupName
        Case 'image with a space' New-MRModelVersion (With @{ Image = 'my image:latest' }) 'InvalidParameter.pattern' Image
        Case 'image too long' New-MRModelVersion (With @{ Image = (& $long 256) }) 'InvalidParameter.max' Image
        Case 'model data in http' New-MRModelVersion (With @{ ModelDataUrl = 'http://my-bucket/model.tar.gz' }) 'InvalidParameter.pattern' ModelDataUrl
        Case 'model data without a bucket' New-MRModelVersion (With @{ ModelDataUrl = 's3://' }) 'InvalidParameter.pattern' ModelDataUrl
        Case 'model data too long' New-MRModelVersion (With @{ ModelDataUrl = 's3://b/' + (& $long 1020) }) 'InvalidParameter.max' ModelDataUrl
        Case 'seventeen environment variables' New-MRModelVersion (With @{ Environment = $tooManyEnvironment }) 'InvalidParameter.max' Environment
        Case 'environment name starting with a digit' New-MRModelVersion (With @{ Environment = @{ '1BAD' = 'x' } }) 'InvalidParameter.pattern' Environment
        Case 'environment value too long' New-MRModelVersion (With @{ Environment = @{ GOOD = (& $long 1025) } }) 'InvalidParameter.max' Environment
        Case 'framework version without a dot' New-MRModelVersion (With @{ FrameworkVersion = '12' }) 'InvalidParameter' FrameworkVersion
        Case 'framework version too long' New-MRModelVersion (With @{ FrameworkVersion = '1.2.3.4.5.6' }) 'InvalidParameter.max' FrameworkVersion
        Case 'content type too long' New-MRModelVersion (With @{ ContentType = (& $long 257) }) 'InvalidParameter.max' ContentType
        Case 'response type without a slash' New-MRModelVersion (With @{ ResponseContentType = 'csv' }) 'InvalidParameter.pattern' ResponseContentType
        Case 'unknown real-time instance type' New-MRModelVersion (With @{ RealtimeInstanceType = 'm5.large' }) 'InvalidParameter.enum' RealtimeInstanceType
        Case 'unknown transform instance type' New-MRModelVersion (With @{ TransformInstanceType = 'ml.huge' }) 'InvalidParameter.enum' TransformInstanceType
        Case 'description too long' New-MRModelVersion (With @{ Description = (& $long 1025) }) 'InvalidParameter.max' Description
        Case 'description with a control character' New-MRModelVersion (With @{ Description = "line`u{0007}bell" }) 'InvalidParameter.pattern' Description
        Case 'metadata key too long' New-MRModelVersion (With @{ Metadata = @{ (& $long 129) = 'x' } }) 'InvalidParameter.max' Metadata
        Case 'metadata value too long' New-MRModelVersion (With @{ Metadata = @{ owner = (& $long 257) } }) 'InvalidParameter.max' Metadata
        Case 'fifty-one metadata keys' New-MRModelVersion (With @{ Metadata = $tooManyMetadata }) 'InvalidParameter.max' Metadata
        Case 'metadata value with a forbidden character' New-MRModelVersion (With @{ Metadata = @{ owner = 'a;b' } }) 'InvalidParameter.pattern' Metadata
        Case 'sample payload over ftp' New-MRModelVersion (With @{ SamplePayloadUrl = 'ftp://host/payload' }) 'InvalidParameter.pattern' SamplePayloadUrl
        Case 'client token with a space' New-MRModelVersion (With @{ ClientToken = 'run 42' }) 'InvalidParameter.pattern' ClientToken
        Case 'client token too long' New-MRModelVersion (With @{ ClientToken = (& $long 37) }) 'InvalidParameter.max' ClientToken
        Case 'tag key too long' New-MRModelVersion (With @{ Tag = @{ (& $long 129) = 'x' } }) 'InvalidParameter.max' Tag
        Case 'fifty-one tags' New-MRModelVersion (With @{ Tag = $tooManyTags }) 'InvalidParameter.max' Tag
        Case 'approval status outside the set' New-MRModelVersion (With @{ ApprovalStatus = 'Maybe' }) 'ParameterArgumentValidationError' ApprovalStatus
        Case 'empty image' New-MRModelVersion (With @{ Image = '' }) 'ParameterArgumentValidationError' Image
        Case 'input JSON that is not JSON' New-MRModelVersion @{ InputJson = '{ModelPackageGroupName: iris' } 'InvalidParameter' InputJson
        Case 'input JSON with no containers' New-MRModelVersion @{ InputJson = '{"ModelPackageGroupName":"iris","InferenceSpecification":{"Containers":[]}}' } 'InvalidParameter.min' InputJson
        Case 'input object with a bad image' New-MRModelVersion @{ InputObject = @{ ModelPackageGroupName = 'iris'; InferenceSpecification = @{ Containers = @(@{ Image = 'has space' }) } } } 'InvalidParameter.pattern' InputObject
        Case 'group name with an underscore' New-MRModelGroup @{ Name = 'iris_models' } 'InvalidParameter.pattern' Name
        Case 'group name of 64 characters' New-MRModelGroup @{ Name = (& $long 64) } 'InvalidParameter.max' Name
        Case 'group description too long' New-MRModelGroup @{ Name = 'iris'; Description = (& $long 1025) } 'InvalidParameter.max' Description
        Case 'approval description too long' Set-MRModelVersion @{ Arn = 'arn:aws:sagemaker:us-east-1:111111111111:model-package/iris/1'; ApprovalDescription = (& $long 1025) } 'InvalidParameter.max' ApprovalDescription
        Case 'approval reason too long' Approve-MRModelVersion @{ Arn = 'arn:aws:sagemaker:us-east-1:111111111111:model-package/iris/1'; Reason = (& $long 1025) } 'InvalidParameter.max' Reason
        Case 'rejection reason too long' Deny-MRModelVersion @{ Arn = 'arn:aws:sagemaker:us-east-1:111111111111:model-package/iris/1'; Reason = (& $long 1025) } 'InvalidParameter.max' Reason
        Case 'version ARN that is not an ARN' Approve-MRModelVersion @{ Arn = 'iris/1' } 'InvalidParameter.pattern' Arn
        Case 'version number zero' Get-MRModelVersion @{ GroupName = 'iris'; Version = 0 } 'ParameterArgumentValidationError' Version
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-ModuleTest
    # Nothing listens on the discard port: a request that escaped validation would fail to connect.
    $unreachable = @{ EndpointUrl = 'http://127.0.0.1:9'; Region = 'us-east-1'; AccessKey = 'AKIALOCALREGISTRY001'; SecretKey = 'LocalRegistrySecretKey1111111111111111111' }
}

Describe 'Bad input to <Command>: <Name>' -ForEach $cases {
    It 'is refused with <ErrorId> naming -<Parameter>, before sending' {
        $arguments = $Arguments.Clone()
        foreach ($key in $unreachable.Keys) { $arguments[$key] = $unreachable[$key] }
        $failure = $null
        try { & $Command @arguments -ErrorAction Stop -Confirm:$false } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty -Because 'bad input must not pass'
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $failure.FullyQualifiedErrorId | Should -Not -BeLike 'AwsClientError*'
        $failure.Exception.Message | Should -Match "\b$Parameter\b"
    }
}
