using System.Collections;
using System.Collections.Generic;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>Real-time inference instance types, from the SageMaker model's enum.</summary>
public sealed class InstanceTypeCompleter : ListCompleter
{
    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) =>
        ServiceModel.Load("sagemaker").GetShape("ProductionVariantInstanceType").Enum ?? System.Array.Empty<string>();
}
