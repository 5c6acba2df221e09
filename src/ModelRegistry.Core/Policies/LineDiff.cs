using System;
using System.Collections.Generic;

namespace ModelRegistry.Core.Policies;

/// <summary>A minimal longest-common-subsequence line diff; statements are small, so O(n·m) is fine.</summary>
internal static class LineDiff
{
    internal static IEnumerable<string> Unified(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var common = new int[before.Count + 1, after.Count + 1];
        for (var i = before.Count - 1; i >= 0; i--)
        {
            for (var j = after.Count - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j]
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        int b = 0, a = 0;
        while (b < before.Count && a < after.Count)
        {
            if (before[b] == after[a])
            {
                yield return "  " + before[b];
                b++;
                a++;
            }
            else if (common[b + 1, a] >= common[b, a + 1])
            {
                yield return "- " + before[b++];
            }
            else
            {
                yield return "+ " + after[a++];
            }
        }

        while (b < before.Count)
        {
            yield return "- " + before[b++];
        }

        while (a < after.Count)
        {
            yield return "+ " + after[a++];
        }
    }
}
