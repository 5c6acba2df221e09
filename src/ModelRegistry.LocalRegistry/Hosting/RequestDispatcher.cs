using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Faults;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Serves every AWS call: reads the body, authenticates the signature, picks the service by
/// signing name, applies rate limits and fault rules, and renders errors in the service's own protocol.</summary>
public sealed class RequestDispatcher
{
    private static readonly Caller Anonymous = new(string.Empty, string.Empty, string.Empty);

    private readonly SigV4Authenticator _authenticator;
    private readonly FaultInjector _faults;
    private readonly RequestRateLimiter _rateLimiter;
    private readonly CallCounter _calls;
    private readonly LocalRegistryOptions _options;
    private readonly ILogger<RequestDispatcher> _logger;
    private readonly IReadOnlyDictionary<string, IAwsService> _services;

    public RequestDispatcher(IEnumerable<IAwsService> services, SigV4Authenticator authenticator, FaultInjector faults,
        RequestRateLimiter rateLimiter, CallCounter calls, LocalRegistryOptions options, ILogger<RequestDispatcher> logger)
    {
        _services = services.ToDictionary(s => s.SigningName, StringComparer.Ordinal);
        _authenticator = authenticator;
        _faults = faults;
        _rateLimiter = rateLimiter;
        _calls = calls;
        _options = options;
        _logger = logger;
    }

    public async Task DispatchAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        AwsCall? call = null;
        IAwsService? service = null;
        string? operation = null;
        try
        {
            var body = await ReadBodyAsync(http.Request, cancellationToken);
            var signingName = _authenticator.ResolveSigningName(http.Request);
            service = FindService(signingName);

            // Until the signature is verified the caller is unknown, yet errors must speak the service's protocol.
            call = new AwsCall(http, Anonymous, _options.DefaultRegion, signingName, body);
            if (LoopbackGuard.Refusal(http.Request) is { } refusal)
            {
                throw new AwsServiceError("AccessDenied", refusal, StatusCodes.Status403Forbidden);
            }

            operation = OperationName.Of(http.Request, body, signingName);
            if (!(service.AcceptsUnsigned(operation) && SigV4Credential.TryReadService(http.Request) is null))
            {
                var authenticated = await _authenticator.AuthenticateAsync(http.Request, body);
                service = FindService(authenticated.SigningName);
                call = new AwsCall(http, authenticated.Caller, authenticated.Region, authenticated.SigningName, body);
                operation = OperationName.Of(http.Request, body, call.SigningName);
            }

            _calls.Count(operation ?? call.SigningName, http.Connection.Id);
            _rateLimiter.Admit(call, operation);
            switch (await _faults.ApplyAsync(call, operation, cancellationToken))
            {
                case FaultOutcome.Serve:
                    await service.HandleAsync(call, cancellationToken);
                    break;
                case FaultOutcome.ServeThenDrop:
                    // The call takes effect (or fails); either way its reply goes nowhere and the connection drops.
                    http.Response.Body = Stream.Null;
                    try
                    {
                        await service.HandleAsync(call, cancellationToken);
                    }
                    catch (AwsServiceError)
                    {
                    }
                    finally
                    {
                        http.Abort();
                    }
                    break;
            }
        }
        catch (AwsServiceError error) when (!http.Response.HasStarted)
        {
            await WriteErrorAsync(http, service, call, error);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            // Kestrel's own refusals, such as a body over the size limit (413).
            await WriteErrorAsync(http, service, call, new AwsServiceError(
                ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "RequestEntityTooLarge" : "BadRequest", ex.Message, ex.StatusCode));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            if (call != null) _calls.CountAbandoned(operation ?? call.SigningName);
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            _logger.LogError(ex, "Unhandled failure serving {Method} {Path} ({Operation})", http.Request.Method, http.Request.Path, call?.Operation);
            await WriteErrorAsync(http, service, call, new AwsServiceError("InternalFailure", "The local registry failed unexpectedly: " + ex.Message, 500,
                senderFault: false));
        }
    }

    private IAwsService FindService(string signingName) =>
        _services.TryGetValue(signingName, out var service)
            ? service
            : throw new AwsServiceError("UnrecognizedClientException", $"The local registry does not emulate the service '{signingName}'.", 400);

    private async Task WriteErrorAsync(HttpContext http, IAwsService? service, AwsCall? call, AwsServiceError error)
    {
        http.Response.Clear();
        if (service is null || call is null)
        {
            await JsonProtocol.WriteErrorAsync(http, error);
            return;
        }

        await service.WriteErrorAsync(call, error);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
