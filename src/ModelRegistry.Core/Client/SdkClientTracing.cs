using System;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ModelRegistry.Core.Client;

/// <summary>
/// Puts a <see cref="CallTraceHandler"/> into the pipelines of the AWS SDK's own clients (S3, KMS,
/// STS), which this module does not subclass: the SDK's pipeline customizer registry adds it to
/// every client built in this module's copy of the SDK, and each call finds its connection's trace
/// by the client's config.
/// </summary>
internal sealed class SdkClientTracing : IRuntimePipelineCustomizer
{
    private static readonly ConditionalWeakTable<IClientConfig, Action<string>> Traces = new();
    private static readonly object Gate = new();
    private static bool _registered;

    public string UniqueName => "ModelRegistry.CallTrace";

    /// <summary>Calls of clients built on <paramref name="config"/> are told to <paramref name="trace"/>.</summary>
    public static void Trace(IClientConfig config, Action<string>? trace)
    {
        lock (Gate)
        {
            if (!_registered)
            {
                RuntimePipelineCustomizerRegistry.Instance.Register(new SdkClientTracing());
                _registered = true;
            }
        }

        if (trace != null) Traces.Add(config, trace);
    }

    /// <summary>The trace of the client whose config this is, if one was given.</summary>
    public static Action<string>? Of(IClientConfig config) => Traces.TryGetValue(config, out var trace) ? trace : null;

    public void Customize(Type type, RuntimePipeline pipeline)
    {
        // JsonServiceClient adds its own; the SDK's clients get one just outside the retries.
        if (!typeof(JsonServiceClient).IsAssignableFrom(type)) pipeline.AddHandlerBefore<RetryHandler>(new CallTraceHandler(null));
    }
}
