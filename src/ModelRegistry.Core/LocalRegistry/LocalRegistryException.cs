using System;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>The local registry could not be started or reached; <see cref="ErrorId"/> is stable.</summary>
public sealed class LocalRegistryException : Exception
{
    public LocalRegistryException(string errorId, string message, Exception? inner = null)
        : base(message, inner) => ErrorId = errorId;

    public string ErrorId { get; }
}
