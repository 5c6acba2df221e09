using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelRegistry.Core.Tests.Client;

/// <summary>A loopback HTTP server that records each request and answers with the next canned reply.</summary>
internal sealed class CannedJsonServer : IDisposable
{
    private const int BindAttempts = 20;
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<CannedReply> _replies = new();
    private readonly Task _loop;

    public CannedJsonServer()
    {
        (_listener, Port) = Listen();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Reply(int status, string body, string requestId = "req-1", DateTime? date = null) =>
        _replies.Enqueue(new CannedReply(status, body, requestId, date));

    /// <summary>Answers with the status, headers and first half of the body, then drops the connection
    /// (the call took effect, its answer was lost mid-way).</summary>
    public void ReplyCutOff(int status, string body) => _replies.Enqueue(new CannedReply(status, body, "req-cut", null) { CutOff = true });

    /// <summary>Answers after <paramref name="delay"/>, while the next requests are served (a client that gave up
    /// on this one can send again at once).</summary>
    public void ReplyAfter(TimeSpan delay, int status, string body) => _replies.Enqueue(new CannedReply(status, body, "req-late", null) { Delay = delay });

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body, context.Request.Url.Query,
                context.Request.RemoteEndPoint.Port));

            var reply = _replies.TryDequeue(out var next) ? next : new CannedReply(500, """{"__type":"NoCannedReply","message":"no reply queued"}""", "req-none", null);
            if (reply.Delay is { } delay)
            {
                _ = Task.Delay(delay).ContinueWith(_ => AnswerAsync(context, reply)).Unwrap();
                continue;
            }

            await AnswerAsync(context, reply);
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, CannedReply reply)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-RequestId"] = reply.RequestId;
            if (reply.Date is { } date)
            {
                context.Response.Headers["Date"] = date.ToString("r");
            }

            context.Response.ContentLength64 = bytes.Length;
            if (reply.CutOff)
            {
                await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.OutputStream.FlushAsync();
                context.Response.Abort();
                return;
            }

            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The client gave up on a late reply: nothing to answer.
        }
    }

    /// <summary>HttpListener cannot bind port 0, so take a port the OS just had free and retry when
    /// another process won the race for it in between.</summary>
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < BindAttempts)
            {
                listener.Close();
            }
        }
    }

    private sealed record CannedReply(int Status, string Body, string RequestId, DateTime? Date)
    {
        public bool CutOff { get; init; }

        public TimeSpan? Delay { get; init; }
    }
}

/// <summary>One request as received; <paramref name="Query"/> keeps the leading '?' (S3 names sub-resources there: "?policy");
/// <paramref name="ClientPort"/> tells the client's connections apart.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string Query, int ClientPort = 0);
