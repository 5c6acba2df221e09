using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace ModelRegistry.Core.Client;

/// <summary>One operation call as the SDK pipeline carries it.</summary>
internal sealed class JsonServiceRequest : AmazonWebServiceRequest
{
    public JsonServiceRequest(string operation, JsonObject input)
    {
        Operation = operation;
        Input = input;
    }

    public string Operation { get; }

    public JsonObject Input { get; }

    /// <summary>An attempt was sent and got no answer (the SDK then retried): it may have taken effect.</summary>
    public bool AnswerLost { get; set; }
}

/// <summary>The decoded body of a successful call.</summary>
internal sealed class JsonServiceResponse : AmazonWebServiceResponse
{
    public JsonObject Output { get; set; } = new();
}
