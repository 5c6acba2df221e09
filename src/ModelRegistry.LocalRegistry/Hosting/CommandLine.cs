using System.Globalization;
using ModelRegistry.Core.LocalRegistry;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Parses <c>--port N [--data-dir D] [--accounts-file F] [--region R] [--parent-pid P] [--rate-limit Operation=N]...</c>.</summary>
public static class CommandLine
{
    public const string Usage = "Usage: ModelRegistry.LocalRegistry [--port N] [--data-dir DIR] [--accounts-file FILE] [--region REGION] [--parent-pid PID] [--rate-limit Operation=requests-per-second]...";

    /// <summary>Throws <see cref="FormatException"/> with a message for the user when an argument is wrong.</summary>
    public static LocalRegistryOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LocalRegistryOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new FormatException($"'{name}' needs a value. {Usage}");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port":
                    options.Port = ParseInt(name, value, 0, 65535);
                    break;
                case "--data-dir":
                    options.DataDirectory = Path.GetFullPath(value);
                    break;
                case "--accounts-file":
                    options.AccountsFile = Path.GetFullPath(value);
                    break;
                case "--region":
                    options.DefaultRegion = value;
                    break;
                case "--parent-pid":
                    options.ParentProcessId = ParseInt(name, value, 1, int.MaxValue);
                    break;
                case "--rate-limit":
                    AddRateLimit(options, name, value);
                    break;
                default:
                    throw new FormatException($"Unknown argument '{name}'. {Usage}");
            }
        }

        return options;
    }

    private static void AddRateLimit(LocalRegistryOptions options, string name, string value)
    {
        KeyValuePair<string, double> limit;
        try
        {
            limit = LocalRegistryRateLimits.ParseSpecification(value);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'{name}': {ex.Message}");
        }

        if (!options.RateLimits.TryAdd(limit.Key, limit.Value))
        {
            throw new FormatException($"'{name}': '{limit.Key}' is limited more than once.");
        }
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"'{name}' must be a whole number from {min} to {max}, not '{value}'.");
}
