namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>Temporary credentials issued by AssumeRole, as stored (collection "sts-sessions").</summary>
public sealed record RoleSession(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string AccountId,
    string AssumedRoleArn,
    string AssumedRoleId);
