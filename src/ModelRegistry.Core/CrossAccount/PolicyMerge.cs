using System;
using System.Collections.Generic;
using System.Linq;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>Adding and removing statements by Sid while every other statement stays exactly as it was.</summary>
public static class PolicyMerge
{
    /// <summary><paramref name="current"/> with each statement added or replaced by Sid; a new document when there is none.</summary>
    public static PolicyDocument Merge(PolicyDocument? current, IEnumerable<PolicyStatement> statements)
    {
        if (statements is null)
        {
            throw new ArgumentNullException(nameof(statements));
        }

        return statements.Aggregate(current ?? new PolicyDocument(Array.Empty<PolicyStatement>()), (document, statement) => document.WithStatement(statement));
    }

    /// <summary><paramref name="current"/> without the statements named; null when nothing would be left (the policy is deleted).</summary>
    public static PolicyDocument? Remove(PolicyDocument? current, IEnumerable<string> sids)
    {
        if (current is null)
        {
            return null;
        }

        var remaining = current.WithoutStatements(sids);
        return remaining.Statements.Count == 0 ? null : remaining;
    }
}
