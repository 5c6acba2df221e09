using System.Linq;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>A model group's resource policy, as Get-MRGroupPolicy returns it.</summary>
public sealed class ModelGroupResourcePolicy
{
    private readonly PolicyDocument _document;

    public ModelGroupResourcePolicy(string groupName, PolicyDocument policy)
    {
        GroupName = groupName;
        _document = policy;
        Policy = JsonMap.From(policy.ToJsonObject());
    }

    public string GroupName { get; }

    /// <summary>The policy document with IAM's member names (Version, Statement, Sid, Effect, Principal.AWS, Action,
    /// Resource, Condition), as data: ConvertTo-Json writes IAM JSON, and Set-MRGroupPolicy -Policy takes it back.</summary>
    public JsonMap Policy { get; }

    /// <summary>The Sids of the statements, in order (null entries for statements without one).</summary>
    public string?[] Sids => _document.Statements.Select(statement => statement.Sid).ToArray();

    public string Json => _document.ToJson(indented: true);

    /// <summary>The parsed document (FindStatement, evaluation); a method, so serialisers do not write the module's policy model.</summary>
    public PolicyDocument ToPolicyDocument() => _document;
}
