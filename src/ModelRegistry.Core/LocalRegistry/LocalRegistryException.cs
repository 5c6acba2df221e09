using System;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>The local registry could not be started or reached.</summary>
public sealed class LocalRegistryException : ModelRegistryException
{
    public LocalRegistryException(string errorId, string message, Exception? inner = null)
        : base(errorId, ErrorKind.Unavailable, message, inner: inner)
    {
    }
}
