using System.Collections;
using System.Collections.Generic;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>The ML tasks SageMaker Inference Recommender knows (the API takes any text).</summary>
public sealed class TaskCompleter : ListCompleter
{
    private static readonly string[] Tasks =
    {
        "IMAGE_CLASSIFICATION", "OBJECT_DETECTION", "TEXT_GENERATION", "IMAGE_SEGMENTATION", "FILL_MASK", "CLASSIFICATION", "REGRESSION", "OTHER",
    };

    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) => Tasks;
}
