using System.Collections;
using System.Collections.Generic;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>The machine learning frameworks of SageMaker's containers (the API takes any text).</summary>
public sealed class FrameworkCompleter : ListCompleter
{
    private static readonly string[] Frameworks =
    {
        "XGBOOST", "PYTORCH", "TENSORFLOW", "MXNET", "SAGEMAKER-SCIKIT-LEARN", "HUGGINGFACE", "ONNX", "KERAS", "DARKNET", "TFLITE",
    };

    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) => Frameworks;
}
