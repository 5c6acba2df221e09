using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// Statement-level differences between two policies, for -WhatIf plans. Statements with a Sid are matched by Sid;
/// statements without one are matched by meaning, so reordering or reformatting is not a change.
/// </summary>
public sealed class PolicyDiff
{
    private PolicyDiff(
        IReadOnlyList<PolicyStatement> added,
        IReadOnlyList<PolicyStatement> removed,
        IReadOnlyList<PolicyStatementChange> changed,
        IReadOnlyList<string> changedDocumentMembers)
    {
        Added = added;
        Removed = removed;
        Changed = changed;
        ChangedDocumentMembers = changedDocumentMembers;
    }

    public IReadOnlyList<PolicyStatement> Added { get; }

    public IReadOnlyList<PolicyStatement> Removed { get; }

    public IReadOnlyList<PolicyStatementChange> Changed { get; }

    /// <summary>Top-level members other than Statement whose value differs (Version, Id, unknown members).</summary>
    public IReadOnlyList<string> ChangedDocumentMembers { get; }

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0 && ChangedDocumentMembers.Count == 0;

    /// <summary>
    /// A readable plan: '+' lines are added, '-' lines removed, two spaces unchanged context; each statement is
    /// shown as indented JSON under a header naming its Sid.
    /// </summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "No changes to the policy.";
        }

        var text = new StringBuilder();
        foreach (var member in ChangedDocumentMembers)
        {
            text.Append("~ ").Append(member).Append(" changes").Append('\n');
        }

        foreach (var statement in Removed)
        {
            AppendWhole(text, "- ", "Remove", statement);
        }

        foreach (var change in Changed)
        {
            text.Append("~ Change ").Append(Describe(change.After)).Append('\n');
            foreach (var line in LineDiff.Unified(Lines(change.Before), Lines(change.After)))
            {
                text.Append(line).Append('\n');
            }
        }

        foreach (var statement in Added)
        {
            AppendWhole(text, "+ ", "Add", statement);
        }

        return text.ToString().TrimEnd('\n');
    }

    internal static PolicyDiff Between(PolicyDocument? before, PolicyDocument? after)
    {
        var beforeStatements = before?.Statements ?? Array.Empty<PolicyStatement>();
        var afterStatements = after?.Statements ?? Array.Empty<PolicyStatement>();
        var added = new List<PolicyStatement>();
        var removed = new List<PolicyStatement>();
        var changed = new List<PolicyStatementChange>();

        // Pair the n-th statement with a Sid on one side with the n-th with that Sid on the other.
        var afterBySid = afterStatements.Where(s => s.Sid != null).GroupBy(s => s.Sid!).ToDictionary(g => g.Key, g => new Queue<PolicyStatement>(g),
            StringComparer.Ordinal);
        var matchedAfter = new HashSet<PolicyStatement>();
        foreach (var statement in beforeStatements.Where(s => s.Sid != null))
        {
            if (afterBySid.TryGetValue(statement.Sid!, out var candidates) && candidates.Count > 0)
            {
                var counterpart = candidates.Dequeue();
                matchedAfter.Add(counterpart);
                if (!PolicyStatement.SemanticallyEquals(statement, counterpart))
                {
                    changed.Add(new PolicyStatementChange(statement, counterpart));
                }
            }
            else
            {
                removed.Add(statement);
            }
        }

        // Statements without Sid have no identity but their content.
        var unnamedAfter = afterStatements.Where(s => s.Sid is null).ToList();
        foreach (var statement in beforeStatements.Where(s => s.Sid is null))
        {
            var index = unnamedAfter.FindIndex(candidate => PolicyStatement.SemanticallyEquals(statement, candidate));
            if (index >= 0)
            {
                matchedAfter.Add(unnamedAfter[index]);
                unnamedAfter.RemoveAt(index);
            }
            else
            {
                removed.Add(statement);
            }
        }

        added.AddRange(afterStatements.Where(statement => !matchedAfter.Contains(statement)));
        changed.Sort((x, y) => IndexIn(afterStatements, x.After).CompareTo(IndexIn(afterStatements, y.After)));
        return new PolicyDiff(added, removed, changed, ChangedMembers(before, after));
    }

    private static IReadOnlyList<string> ChangedMembers(PolicyDocument? before, PolicyDocument? after)
    {
        if (before is null || after is null)
        {
            return Array.Empty<string>();
        }

        var changed = new List<string>();
        if (before.Version != after.Version)
        {
            changed.Add("Version");
        }

        if (before.Id != after.Id)
        {
            changed.Add("Id");
        }

        var beforeMembers = before.AdditionalMembersAsJson().ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var afterMembers = after.AdditionalMembersAsJson().ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        changed.AddRange(beforeMembers.Keys.Union(afterMembers.Keys)
            .Where(name => !beforeMembers.TryGetValue(name, out var x) || !afterMembers.TryGetValue(name, out var y) || x != y)
            .OrderBy(name => name, StringComparer.Ordinal));
        return changed;
    }

    private static int IndexIn(IReadOnlyList<PolicyStatement> statements, PolicyStatement statement)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            if (ReferenceEquals(statements[i], statement))
            {
                return i;
            }
        }

        return -1;
    }

    private static void AppendWhole(StringBuilder text, string marker, string verb, PolicyStatement statement)
    {
        text.Append(marker).Append(verb).Append(' ').Append(Describe(statement)).Append('\n');
        foreach (var line in Lines(statement))
        {
            text.Append(marker).Append(line).Append('\n');
        }
    }

    private static string Describe(PolicyStatement statement)
        => statement.Sid is null ? "statement without Sid" : $"statement '{statement.Sid}'";

    private static string[] Lines(PolicyStatement statement)
        => statement.ToJson(indented: true).Replace("\r\n", "\n").Split('\n');
}
