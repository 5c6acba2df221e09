namespace ModelRegistry.Core.Policies;

/// <summary>IAM wildcards: '*' any run of characters, '?' exactly one. Greedy with one back-off point, so never exponential.</summary>
internal static class WildcardPattern
{
    internal static bool IsMatch(string pattern, string text, bool ignoreCase)
    {
        int p = 0, t = 0, starAt = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starAt = p++;
                starText = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (starAt >= 0)
            {
                // Let the last '*' absorb one more character and retry.
                p = starAt + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>ArnLike/ArnEquals: each of the six colon-separated parts is matched on its own.</summary>
    internal static bool IsArnMatch(string pattern, string arn)
    {
        var patternParts = pattern.Split(new[] { ':' }, 6);
        var arnParts = arn.Split(new[] { ':' }, 6);
        if (patternParts.Length != 6 || arnParts.Length != 6)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if (!IsMatch(patternParts[i], arnParts[i], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameChar(char x, char y, bool ignoreCase)
        => x == y || (ignoreCase && char.ToUpperInvariant(x) == char.ToUpperInvariant(y));
}
