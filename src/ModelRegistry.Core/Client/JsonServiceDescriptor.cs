namespace ModelRegistry.Core.Client;

/// <summary>What distinguishes one AWS JSON 1.1 service from another on the wire.</summary>
public sealed class JsonServiceDescriptor
{
    public static readonly JsonServiceDescriptor SageMaker = new(
        serviceId: "SageMaker",
        apiVersion: "2017-07-24",
        targetPrefix: "SageMaker",
        signingName: "sagemaker",
        endpointPrefix: "api.sagemaker");

    public static readonly JsonServiceDescriptor Ecr = new(
        serviceId: "ECR",
        apiVersion: "2015-09-21",
        targetPrefix: "AmazonEC2ContainerRegistry_V20150921",
        signingName: "ecr",
        endpointPrefix: "api.ecr");

    public JsonServiceDescriptor(string serviceId, string apiVersion, string targetPrefix, string signingName, string endpointPrefix)
    {
        ServiceId = serviceId;
        ApiVersion = apiVersion;
        TargetPrefix = targetPrefix;
        SigningName = signingName;
        EndpointPrefix = endpointPrefix;
    }

    /// <summary>The model's serviceId; also names the AWS_ENDPOINT_URL_&lt;ID&gt; variable.</summary>
    public string ServiceId { get; }

    public string ApiVersion { get; }

    /// <summary>X-Amz-Target is "&lt;TargetPrefix&gt;.&lt;Operation&gt;".</summary>
    public string TargetPrefix { get; }

    /// <summary>The service name in the SigV4 credential scope.</summary>
    public string SigningName { get; }

    /// <summary>The host label of the regional endpoint, e.g. api.sagemaker.</summary>
    public string EndpointPrefix { get; }

    /// <summary>The embedded endpoint rule set, e.g. "sagemaker-2017-07-24".</summary>
    public string RuleSetName => SigningName + "-" + ApiVersion;
}
