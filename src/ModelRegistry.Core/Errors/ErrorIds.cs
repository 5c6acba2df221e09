namespace ModelRegistry.Core.Errors;

/// <summary>The ErrorIds this module gives its own errors (AWS errors keep the service's error code).
/// Scripts match on them; never rename one.</summary>
public static class ErrorIds
{
    // Connection settings.
    public const string NoCredentials = "NoCredentials";
    public const string NoRegion = "NoRegion";
    public const string InvalidRegion = "InvalidRegion";
    public const string InvalidEndpointUrl = "InvalidEndpointUrl";
    public const string IncompleteAccessKey = "IncompleteAccessKey";
    public const string InvalidCredential = "InvalidCredential";
    public const string SessionTokenWithoutKeys = "SessionTokenWithoutKeys";
    public const string ProfileNotFound = "ProfileNotFound";
    public const string ProfileHasNoCredentials = "ProfileHasNoCredentials";
    public const string ProfileLocationWithoutProfileName = "ProfileLocationWithoutProfileName";
    public const string SsoLoginRequired = "SsoLoginRequired";
    public const string MfaCodeRequired = "MfaCodeRequired";
    public const string InvalidEndpointConfiguration = "InvalidEndpointConfiguration";

    // Input.
    public const string InvalidParameter = "InvalidParameter";
    public const string NothingToSet = "NothingToSet";
    public const string NotAModelVersionArn = "NotAModelVersionArn";
    public const string FilterNeedsGroup = "FilterNeedsGroup";
    public const string FilterNeedsListing = "FilterNeedsListing";
    public const string InvalidCrossAccountGrant = "InvalidCrossAccountGrant";
    public const string CredentialAccountMismatch = "CredentialAccountMismatch";
    public const string CredentialsOfUnrelatedAccount = "CredentialsOfUnrelatedAccount";
    public const string InvalidModelVersionReference = "InvalidModelVersionReference";

    // Results.
    public const string GroupPolicyNotFound = "GroupPolicyNotFound";
    public const string NoModelVersion = "NoModelVersion";
    public const string ChangeFailed = "ChangeFailed";
    public const string ChangeNotAttempted = "ChangeNotAttempted";
    public const string AccessCheckFailed = "AccessCheckFailed";
    public const string ModelVersionRejected = "ModelVersionRejected";
    public const string ModelVersionFailed = "ModelVersionFailed";
    public const string WaitTimeout = "WaitTimeout";
    public const string DestinationGroupNotFound = "DestinationGroupNotFound";
    public const string SourceNotReadable = "SourceNotReadable";
    public const string NoApprovedVersion = "NoApprovedVersion";
    public const string MetricReportUnreadable = "MetricReportUnreadable";
    public const string MetricDigestMismatch = "MetricDigestMismatch";
    public const string MetricGateFailed = "MetricGateFailed";

    // Transport and service.
    public const string AwsClientError = "AwsClientError";
    public const string AwsServiceError = "AwsServiceError";

    // The local registry.
    public const string DotnetHostNotFound = "DotnetHostNotFound";
    public const string AspNetCoreRuntimeNotFound = "AspNetCoreRuntimeNotFound";
    public const string LocalRegistryNotFound = "LocalRegistryNotFound";
    public const string LocalRegistryExited = "LocalRegistryExited";
    public const string LocalRegistrySqliteMissing = "LocalRegistrySqliteMissing";
    public const string LocalRegistryNoAccounts = "LocalRegistryNoAccounts";
    public const string LocalRegistryStartTimeout = "LocalRegistryStartTimeout";
    public const string InvalidRateLimit = "InvalidRateLimit";
}
