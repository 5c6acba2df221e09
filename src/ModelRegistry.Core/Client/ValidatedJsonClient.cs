using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Client;

/// <summary>A service's operations over one <see cref="JsonServiceClient"/>: every input is validated
/// against the service's model before anything is sent.</summary>
public abstract class ValidatedJsonClient : IDisposable
{
    private readonly JsonServiceClient _client;
    private readonly RequestValidator _validator;

    private protected ValidatedJsonClient(JsonServiceDescriptor service, JsonServiceClient client)
    {
        if (client.Service.TargetPrefix != service.TargetPrefix)
        {
            throw new ArgumentException($"{GetType().Name} needs a {service.ServiceId} client, not {client.Service.ServiceId}.", nameof(client));
        }

        _client = client;
        _validator = new RequestValidator(ServiceModel.Load(service.SigningName));
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Validation failures, like service errors, arrive through the returned task.</summary>
    private protected async Task<JsonObject> CallAsync(string operation, JsonObject input, CancellationToken cancellationToken)
    {
        InputCoercion.RequireWellFormedStrings(input, operation);
        _validator.Validate(operation, input);
        return await _client.InvokeAsync(operation, input, cancellationToken).ConfigureAwait(false);
    }

    private protected JsonPager.PageCall Call(string operation) => (input, token) => CallAsync(operation, input, token);
}
