using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace ModelRegistry.Core.Client;

/// <summary>
/// The HTTP clients of every SDK client the module makes, with the settings the SDK's own factory
/// applies (proxy, redirects, connection limit, timeout), differing in two ways:
/// <list type="bullet">
/// <item>Clients with the same settings share one HttpClient and so its open connections. Each
/// cmdlet makes its own SDK client; the SDK shares connections between clients only when no proxy is
/// set, and the module sets a direct "proxy" for loopback endpoints, so every call to the local registry
/// opened a new connection. (The SDK's netstandard2.0 build also keeps one HttpClient per processor off
/// Windows, each with its own connections: <see cref="EndpointResolution"/> sets that cache size to 1.)</item>
/// <item>A request made off the thread pool (a cmdlet on its pipeline thread) is sent on that thread
/// with the runtime's blocking send, as boto3 and the AWS CLI do: .NET's asynchronous sockets hand
/// each response from a socket thread to a pool worker and then to the pipeline thread, and on
/// loopback those hand-offs cost more than the call. Requests made on pool threads (concurrent
/// work) stay asynchronous, and so does everything on .NET Framework, which has no blocking send.</item>
/// </list>
/// </summary>
internal sealed class SharedHttpClientFactory : HttpClientFactory
{
    public static readonly SharedHttpClientFactory Instance = new();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = clientConfig.AllowAutoRedirect,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (clientConfig.MaxConnectionsPerServer is int connections) handler.MaxConnectionsPerServer = connections;
        if (clientConfig.GetWebProxy() is IWebProxy proxy)
        {
            handler.Proxy = proxy;
            if (clientConfig.ProxyCredentials != null) proxy.Credentials = clientConfig.ProxyCredentials;
        }

        var client = new HttpClient(new CallingThreadHandler(handler));
        if (clientConfig.Timeout is TimeSpan timeout) client.Timeout = timeout;
        return client;
    }

    /// <summary>The SDK keeps one HttpClient per distinct key for the whole process (its global cache);
    /// null keeps one per SDK client. A proxy with an address or credentials cannot be told apart by a
    /// key, so those clients keep their own.</summary>
    public override string? GetConfigUniqueString(IClientConfig clientConfig)
    {
        var proxy = clientConfig.GetWebProxy();
        if (clientConfig.ProxyCredentials != null || (proxy != null && proxy is not WebProxy { Address: null, Credentials: null }))
        {
            return null;
        }

        return $"redirect={clientConfig.AllowAutoRedirect};timeout={clientConfig.Timeout};connections={clientConfig.MaxConnectionsPerServer};direct={proxy != null}";
    }

    private sealed class CallingThreadHandler : HttpMessageHandler
    {
        // HttpMessageInvoker.Send exists from .NET 5; this assembly targets netstandard2.0.
        private static readonly MethodInfo? BlockingSend = typeof(HttpMessageInvoker).GetMethod(
            "Send", new[] { typeof(HttpRequestMessage), typeof(CancellationToken) });

        private readonly HttpMessageInvoker _inner;
        private readonly Func<HttpRequestMessage, CancellationToken, HttpResponseMessage>? _send;

        public CallingThreadHandler(HttpMessageHandler inner)
        {
            _inner = new HttpMessageInvoker(inner, disposeHandler: true);
            if (BlockingSend != null)
            {
                _send = (Func<HttpRequestMessage, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                    typeof(Func<HttpRequestMessage, CancellationToken, HttpResponseMessage>), _inner, BlockingSend);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_send == null || Thread.CurrentThread.IsThreadPoolThread)
            {
                return _inner.SendAsync(request, cancellationToken);
            }

            try
            {
                return Task.FromResult(_send(request, cancellationToken));
            }
            catch (Exception e)
            {
                return Task.FromException<HttpResponseMessage>(e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
