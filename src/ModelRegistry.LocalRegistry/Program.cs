using ModelRegistry.LocalRegistry.Hosting;

LocalRegistryOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using var app = RegistryHost.Build(options);
await app.StartAsync();

// The parent process waits for this exact line before it sends requests.
Console.Out.WriteLine($"Listening on http://127.0.0.1:{RegistryHost.ListeningAddress(app).Port}");
Console.Out.Flush();

await app.WaitForShutdownAsync();
return 0;
