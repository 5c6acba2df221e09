using System.Linq;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>A model group's resource policy, as Get-MRGroupPolicy returns it.</summary>
public sealed class ModelGroupResourcePolicy
{
    public ModelGroupResourcePolicy(string groupName, PolicyDocument policy)
    {
        GroupName = groupName;
        Policy = policy;
    }

    public string GroupName { get; }

    public PolicyDocument Policy { get; }

    /// <summary>The Sids of the statements, in order (null entries for statements without one).</summary>
    public string?[] Sids => Policy.Statements.Select(statement => statement.Sid).ToArray();

    public string Json => Policy.ToJson(indented: true);
}
