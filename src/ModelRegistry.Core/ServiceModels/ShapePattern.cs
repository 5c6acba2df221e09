using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.ServiceModels;

/// <summary>A botocore pattern compiled once as a .NET regular expression that must match the whole
/// value, as AWS services (Java <c>matches()</c>) apply it.</summary>
public sealed class ShapePattern
{
    private static readonly ConcurrentDictionary<string, ShapePattern> Cache = new ConcurrentDictionary<string, ShapePattern>(StringComparer.Ordinal);

    // Guards against catastrophic backtracking on hostile input; no model pattern needs more.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    // Code points beyond the BMP (\u10000-\u10FFFF) are surrogate pairs in .NET strings.
    private const string JavaNonWhitespace = @"[^ \t\n\x0B\f\r]";

    private static readonly Regex AstralRange = new Regex(@"\\u[0-9A-Fa-f]{5,6}-\\u[0-9A-Fa-f]{5,6}", RegexOptions.CultureInvariant);

    // Compiled at first use: a model has dozens of patterns and a call checks a few, so loading stays cheap.
    private readonly Lazy<(Regex? Regex, string? CompileError)> _compiled;

    private ShapePattern(string source)
    {
        Source = source;
        _compiled = new Lazy<(Regex?, string?)>(() => Compile(source));
    }

    /// <summary>The pattern as the model writes it (and as AWS quotes it in messages).</summary>
    public string Source { get; }

    /// <summary>Why the pattern could not be compiled in .NET; such a pattern is not enforced.</summary>
    public string? CompileError => _compiled.Value.CompileError;

    public bool IsEnforced => _compiled.Value.Regex != null;

    public static ShapePattern Get(string source) => Cache.GetOrAdd(source, s => new ShapePattern(s));

    public bool IsMatch(string value)
    {
        var regex = _compiled.Value.Regex;
        if (regex == null)
        {
            return true;
        }

        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static (Regex?, string?) Compile(string source)
    {
        try
        {
            // Singleline: '.' spans newlines, so pretty-printed policies pass '.*' as they do at AWS.
            return (new Regex(@"\A(?:" + ToDotNet(source) + @")\z", RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout), null);
        }
        catch (ArgumentException ex)
        {
            // Rather accept every value than reject valid input the service would take.
            return (null, ex.Message);
        }
    }

    /// <summary>Rewrites the Java-flavoured escapes whose meaning differs in .NET: <c>\d</c>, <c>\w</c> and
    /// <c>\S</c> are ASCII-based in Java (so <c>[\S]+</c> accepts a no-break space there), and
    /// <c>\uXXXXX</c> (five or six digits) names an astral code point.</summary>
    internal static string ToDotNet(string pattern)
    {
        var source = AstralRange.Replace(pattern, @"\uD800-\uDFFF");
        var result = new StringBuilder(source.Length + 16);
        var inClass = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (!inClass && string.CompareOrdinal(source, i, @"[\S]", 0, 4) == 0)
            {
                result.Append(JavaNonWhitespace);
                i += 3;
                continue;
            }

            if (c == '\\' && i + 1 < source.Length)
            {
                var next = source[i + 1];
                i++;
                switch (next)
                {
                    case 'd':
                        result.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case 'w':
                        result.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                        break;
                    case 'S' when !inClass:
                        result.Append(JavaNonWhitespace);
                        break;
                    default:
                        result.Append('\\').Append(next);
                        break;
                }

                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    public override string ToString() => Source;
}
