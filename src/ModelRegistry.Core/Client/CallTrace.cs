namespace ModelRegistry.Core.Client;

/// <summary>Where a failed call's operation and endpoint are kept on the exception (Exception.Data).</summary>
public static class CallTrace
{
    public const string OperationKey = "ModelRegistry.Operation";
    public const string EndpointKey = "ModelRegistry.Endpoint";
}
