using System;
using System.Collections.Generic;

namespace ModelRegistry.Core.ServiceModels;

/// <summary>A botocore shape: its type and the constraints the service enforces on it.</summary>
public sealed class Shape
{
    internal Shape(string name, string type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>structure, list, map, string, integer, long, float, double, boolean, timestamp or blob.</summary>
    public string Type { get; }

    /// <summary>Members of a structure in model order.</summary>
    public IReadOnlyList<ShapeMember> Members { get; internal set; } = Array.Empty<ShapeMember>();

    public IReadOnlyCollection<string> Required { get; internal set; } = Array.Empty<string>();
    public decimal? Min { get; internal set; }
    public decimal? Max { get; internal set; }
    public ShapePattern? Pattern { get; internal set; }
    public IReadOnlyCollection<string>? Enum { get; internal set; }

    /// <summary>Values are not echoed in messages (credentials, policies marked sensitive).</summary>
    public bool Sensitive { get; internal set; }

    /// <summary>Element shape name of a list.</summary>
    public string? MemberShape { get; internal set; }

    /// <summary>Key and value shape names of a map.</summary>
    public string? KeyShape { get; internal set; }
    public string? ValueShape { get; internal set; }

    public ShapeMember? FindMember(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }
}

/// <summary>A member of a structure shape.</summary>
public sealed class ShapeMember
{
    internal ShapeMember(string name, string shapeName, bool idempotencyToken, string? location, string? locationName)
    {
        Name = name;
        ShapeName = shapeName;
        IdempotencyToken = idempotencyToken;
        Location = location;
        LocationName = locationName;
    }

    public string Name { get; }
    public string ShapeName { get; }

    /// <summary>SDKs fill this member with a fresh token when the caller leaves it out.</summary>
    public bool IdempotencyToken { get; }

    /// <summary>REST binding: header, headers, querystring, uri, statusCode; null for the body.</summary>
    public string? Location { get; }
    public string? LocationName { get; }
}

/// <summary>An operation of the model: input and output shapes and HTTP binding.</summary>
public sealed class OperationModel
{
    internal OperationModel(string name, string? inputShape, string? outputShape, string httpMethod, string requestUri, IReadOnlyList<string> errors)
    {
        Name = name;
        InputShape = inputShape;
        OutputShape = outputShape;
        HttpMethod = httpMethod;
        RequestUri = requestUri;
        Errors = errors;
    }

    public string Name { get; }
    public string? InputShape { get; }
    public string? OutputShape { get; }
    public string HttpMethod { get; }
    public string RequestUri { get; }

    /// <summary>Error shape names the model declares for this operation.</summary>
    public IReadOnlyList<string> Errors { get; }
}
