using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.ServiceModels
{
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

        private readonly Regex? _regex;

        private ShapePattern(string source)
        {
            Source = source;
            try
            {
                // Singleline: '.' spans newlines, so pretty-printed policies pass '.*' as they do at AWS.
                _regex = new Regex(@"\A(?:" + ToDotNet(source) + @")\z", RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                // Rather accept every value than reject valid input the service would take.
                CompileError = ex.Message;
            }
        }

        /// <summary>The pattern as the model writes it (and as AWS quotes it in messages).</summary>
        public string Source { get; }

        /// <summary>Why the pattern could not be compiled in .NET; such a pattern is not enforced.</summary>
        public string? CompileError { get; }

        public bool IsEnforced => _regex != null;

        public static ShapePattern Get(string source) => Cache.GetOrAdd(source, s => new ShapePattern(s));

        public bool IsMatch(string value)
        {
            if (_regex == null)
            {
                return true;
            }

            try
            {
                return _regex.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
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
}
