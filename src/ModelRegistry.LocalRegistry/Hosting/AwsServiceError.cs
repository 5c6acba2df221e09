namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>An error the real service would return: its code, message and HTTP status.</summary>
public sealed class AwsServiceError : Exception
{
    public AwsServiceError(string code, string message, int statusCode = 400, bool senderFault = true)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        SenderFault = senderFault;
    }

    public string Code { get; }
    public int StatusCode { get; }

    /// <summary>Query and XML protocols say whether the sender or the service is at fault.</summary>
    public bool SenderFault { get; }

    /// <summary>Each protocol's throttling error, as the SDKs' retry policies recognise it.</summary>
    public static AwsServiceError Throttling(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("SlowDown", "Please reduce your request rate.", 503, senderFault: false),
        "sts" => new AwsServiceError("Throttling", "Rate exceeded", 400),
        _ => new AwsServiceError("ThrottlingException", "Rate exceeded", 400),
    };
}
