using System.Collections;
using System.Collections.Generic;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>MIME types SageMaker's built-in algorithms and frameworks take and return.</summary>
public sealed class ContentTypeCompleter : ListCompleter
{
    private static readonly string[] Common =
    {
        "text/csv", "application/json", "application/jsonlines", "application/x-recordio-protobuf", "application/x-npy",
        "application/x-image", "image/jpeg", "image/png", "text/libsvm", "application/x-parquet", "text/plain",
    };

    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) => Common;
}
