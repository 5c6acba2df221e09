using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;

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

WebApplication app;
try
{
    app = RegistryHost.Build(options);
    await app.StartAsync();
}
catch (DataDirectoryException ex)
{
    // One line, cause first: the launcher shows it to the user as it is.
    Console.Error.WriteLine(ex.Message);
    return ex.ExitCode;
}
catch (TypeInitializationException ex) when (ex.GetBaseException() is DllNotFoundException missing)
{
    // No SQLite for the data folder: one line saying what to install (see SqliteLibrary).
    Console.Error.WriteLine(missing.Message);
    return SqliteLibrary.MissingExitCode;
}
catch (IOException ex)
{
    // Kestrel could not listen, e.g. the port is taken.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await using (app)
{
    // The parent process waits for this exact line before it sends requests.
    Console.Out.WriteLine($"Listening on http://127.0.0.1:{RegistryHost.ListeningAddress(app).Port}");
    Console.Out.Flush();

    await app.WaitForShutdownAsync();
}

return 0;
