using System.Collections;
using System.Collections.Generic;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>Batch transform instance types, from the SageMaker model's enum.</summary>
public sealed class TransformInstanceTypeCompleter : ListCompleter
{
    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) =>
        ServiceModel.Load("sagemaker").GetShape("TransformInstanceType").Enum ?? System.Array.Empty<string>();
}
