using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>Request-rate limits of the local registry: operation name → requests per second, checked the same
/// way for <c>Start-MRLocalRegistry -RateLimit</c> and the server's <c>--rate-limit</c> option.</summary>
public static class LocalRegistryRateLimits
{
    /// <summary>Checks a table of limits (keys: operation names of the emulated services; values: positive numbers)
    /// and returns it with each operation spelt as its service model spells it.</summary>
    /// <exception cref="ArgumentException">An entry is not a known operation or not a positive number; the message names it.</exception>
    public static IReadOnlyDictionary<string, double> Validate(IDictionary table)
    {
        if (table == null) throw new ArgumentNullException(nameof(table));

        var limits = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            var operation = KnownOperation(name)
                ?? throw new ArgumentException($"'{name}' is not an operation of the local registry's services ({string.Join(", ", ServiceModel.ServiceNames)}); use a name such as CreateModelPackage.");
            if (!(ToRate(entry.Value) is double rate) || !(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentException($"The limit of '{operation}' must be a positive number of requests per second, not '{entry.Value}'.");
            }

            if (limits.ContainsKey(operation))
            {
                throw new ArgumentException($"'{operation}' is limited more than once.");
            }

            limits.Add(operation, rate);
        }

        return limits;
    }

    /// <summary>Parses one <c>Operation=requests-per-second</c> specification of the server's command line.</summary>
    /// <exception cref="ArgumentException">The specification is malformed, or fails <see cref="Validate"/>.</exception>
    public static KeyValuePair<string, double> ParseSpecification(string specification)
    {
        var parts = (specification ?? string.Empty).Split(new[] { '=' }, 2);
        if (parts.Length != 2)
        {
            throw new ArgumentException($"'{specification}' is not of the form Operation=requests-per-second.");
        }

        return Validate(new Hashtable { [parts[0].Trim()] = parts[1].Trim() }).Single();
    }

    /// <summary>The <c>Operation=requests-per-second</c> form of one limit, as the server's command line reads it.</summary>
    public static string FormatSpecification(KeyValuePair<string, double> limit) =>
        limit.Key + "=" + limit.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string? KnownOperation(string name) =>
        ServiceModel.ServiceNames
            .SelectMany(service => ServiceModel.Load(service).OperationNames)
            .FirstOrDefault(operation => string.Equals(operation, name, StringComparison.OrdinalIgnoreCase));

    private static double? ToRate(object? value)
    {
        switch (value)
        {
            case string text:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
            case IConvertible number when !(value is bool) && !(value is char):
                try
                {
                    return number.ToDouble(CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is FormatException || e is InvalidCastException)
                {
                    return null;
                }
            default:
                return null;
        }
    }
}
