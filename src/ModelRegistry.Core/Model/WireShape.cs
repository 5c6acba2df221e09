using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>
/// A typed view of an AWS structure that keeps the JSON it was read from, so members this module
/// does not model survive a read-modify-write. Its public properties are plain data (what
/// PowerShell shows and serialises); the service's JSON is <see cref="ToJson"/>, a method, so
/// serialisers do not walk it.
/// </summary>
public abstract class WireShape
{
    protected WireShape(JsonObject? raw)
    {
        Raw = raw?.DeepClone().AsObject() ?? new JsonObject();
    }

    /// <summary>The structure as received (empty for one built in code).</summary>
    internal JsonObject Raw { get; }

    /// <summary>The wire member names this type reads into properties and writes back from them.</summary>
    protected abstract IReadOnlyCollection<string> ModeledMembers { get; }

    /// <summary>Modeled members from the properties, in model order, then every other received member unchanged.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        WriteModeledMembers(json);
        var modeled = new HashSet<string>(ModeledMembers, StringComparer.Ordinal);
        foreach (var member in Raw)
        {
            if (!modeled.Contains(member.Key))
            {
                json[member.Key] = member.Value?.DeepClone();
            }
        }

        return json;
    }

    /// <summary>The service's JSON on one line (types override it with something shorter to show).</summary>
    public override string ToString() => ToJson().ToJsonString();

    protected abstract void WriteModeledMembers(JsonObject json);
}
