using System.Collections;
using System.Collections.Generic;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>The ML domains SageMaker Inference Recommender knows (the API takes any text).</summary>
public sealed class DomainCompleter : ListCompleter
{
    private static readonly string[] Domains = { "COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING", "MACHINE_LEARNING" };

    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) => Domains;
}
