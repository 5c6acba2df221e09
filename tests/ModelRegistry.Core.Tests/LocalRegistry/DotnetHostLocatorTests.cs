using System.Runtime.InteropServices;
using ModelRegistry.Core.LocalRegistry;
using Xunit;

namespace ModelRegistry.Core.Tests.LocalRegistry;

/// <summary>Host resolution over real folders laid out like .NET installations (a dotnet file and
/// shared/Microsoft.AspNetCore.App/&lt;version&gt; folders), never the machine's own.</summary>
public sealed class DotnetHostLocatorTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mr-dotnet-").FullName;
    private readonly Dictionary<string, string> _environment = new() { ["PATH"] = "" };

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void DOTNET_ROOT_with_an_AspNetCore_runtime_8_is_used()
    {
        var root = Installation("root", "8.0.11");
        _environment["DOTNET_ROOT"] = root;

        var runtime = Locate(installFolders: [Installation("default", "10.0.2")]);

        Assert.True(runtime.IsUsable);
        Assert.Equal(Path.Combine(root, "dotnet"), runtime.HostPath);
        Assert.Equal("8.0.11", runtime.AspNetCoreVersion);
        Assert.Equal("DOTNET_ROOT", runtime.FoundBy);
        Assert.Null(runtime.Problem);
    }

    [Fact]
    public void DOTNET_ROOT_on_an_empty_folder_is_the_only_place_looked_at_and_fails_in_one_line()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_scratch, "empty")).FullName;
        _environment["DOTNET_ROOT"] = empty;

        var runtime = Locate(installFolders: [Installation("default", "10.0.2")]);

        Assert.False(runtime.IsUsable);
        Assert.Null(runtime.HostPath);
        Assert.Single(runtime.Searched);
        Assert.DoesNotContain('\n', runtime.Problem!);
        Assert.StartsWith($"The local registry needs the ASP.NET Core runtime 8.0 or later, and DOTNET_ROOT is '{empty}', which holds no dotnet host.", runtime.Problem);
        Assert.Contains("Install the ASP.NET Core Runtime 8 or later", runtime.Problem);
        Assert.Contains("'dotnet --list-runtimes' lists Microsoft.AspNetCore.App 8.0 or later", runtime.Problem);
    }

    [Fact]
    public void The_architecture_specific_DOTNET_ROOT_comes_before_DOTNET_ROOT()
    {
        var arm = Installation("arm64", "9.0.4");
        _environment["DOTNET_ROOT_ARM64"] = arm;
        _environment["DOTNET_ROOT"] = Installation("generic", "9.0.4");

        var runtime = Locate(architecture: Architecture.Arm64);

        Assert.Equal(Path.Combine(arm, "dotnet"), runtime.HostPath);
        Assert.Equal("DOTNET_ROOT_ARM64", runtime.FoundBy);
    }

    [Fact]
    public void A_runtime_older_than_8_or_only_a_preview_is_not_usable_and_is_named()
    {
        var old = Installation("old", "6.0.36", "7.0.20", "10.0.0-rc.1.25451.107");
        _environment["DOTNET_ROOT"] = old;

        var runtime = Locate();

        Assert.False(runtime.IsUsable);
        Assert.Contains($"DOTNET_ROOT is '{old}', which has only Microsoft.AspNetCore.App 7.0.20, 6.0.36.", runtime.Problem);
    }

    [Fact]
    public void DOTNET_HOST_PATH_names_the_host_when_DOTNET_ROOT_is_not_set()
    {
        var advertised = Installation("sdk", "8.0.22");
        _environment["DOTNET_HOST_PATH"] = Path.Combine(advertised, "dotnet");

        var runtime = Locate(installFolders: [Installation("default", "10.0.2")]);

        Assert.Equal(Path.Combine(advertised, "dotnet"), runtime.HostPath);
        Assert.Equal("DOTNET_HOST_PATH", runtime.FoundBy);
    }

    [Fact]
    public void This_process_is_the_host_when_it_is_dotnet()
    {
        var running = Installation("running", "10.0.12");

        var runtime = Locate(processPath: Path.Combine(running, "dotnet"), installFolders: [Installation("default", "8.0.1")]);

        Assert.Equal(Path.Combine(running, "dotnet"), runtime.HostPath);
        Assert.Equal("this process", runtime.FoundBy);
    }

    [Fact]
    public void A_standalone_pwsh_with_its_bundled_runtime_is_not_a_host_and_the_install_folders_are_searched()
    {
        // pwsh installed by its own installer: the runtime is bundled, with no dotnet host and no ASP.NET Core.
        var pwshHome = Directory.CreateDirectory(Path.Combine(_scratch, "powershell", "7")).FullName;
        File.WriteAllText(Path.Combine(pwshHome, "pwsh"), "");
        var usable = Installation("usr-share-dotnet", "9.0.4");

        var runtime = Locate(processPath: Path.Combine(pwshHome, "pwsh"), installFolders: [Path.Combine(_scratch, "missing"), Installation("old", "6.0.36"), usable]);

        Assert.Equal(Path.Combine(usable, "dotnet"), runtime.HostPath);
        Assert.Equal("install folder", runtime.FoundBy);
        Assert.Equal(3, runtime.Searched.Count);
        Assert.Contains("does not exist", runtime.Searched[0]);
        Assert.Contains("has only Microsoft.AspNetCore.App 6.0.36", runtime.Searched[1]);
        Assert.Equal($"install folder: {usable} (Microsoft.AspNetCore.App 9.0.4, would be used)", runtime.Searched[2]);
    }

    [Fact]
    public void DOTNET_HOST_PATH_comes_before_this_process_which_comes_before_the_install_folders_and_then_PATH()
    {
        var onPath = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(onPath, "dotnet"), Path.Combine(Installation("on-path", "8.0.11"), "dotnet"));
        _environment["PATH"] = onPath;
        _environment["DOTNET_HOST_PATH"] = Path.Combine(Installation("sdk", "8.0.22"), "dotnet");
        var running = Path.Combine(Installation("running", "9.0.4"), "dotnet");
        string[] installFolders = [Installation("installed", "10.0.2")];

        var foundBy = new List<string?> { Locate(running, installFolders).FoundBy };
        _environment.Remove("DOTNET_HOST_PATH");
        foundBy.Add(Locate(running, installFolders).FoundBy);
        foundBy.Add(Locate(null, installFolders).FoundBy);
        foundBy.Add(Locate(null, []).FoundBy);

        Assert.Equal(["DOTNET_HOST_PATH", "this process", "install folder", "PATH"], foundBy);
    }

    [Fact]
    public void The_install_folders_are_the_registered_location_then_the_installers_and_dotnet_install_defaults()
    {
        var environment = new Dictionary<string, string>
        {
            ["ProgramW6432"] = @"C:\Program Files",
            ["ProgramFiles"] = @"C:\Program Files (x86)",
            ["LOCALAPPDATA"] = @"C:\Users\me\AppData\Local",
            ["HOME"] = "/home/me",
        };
        var registrations = new Dictionary<string, string>
        {
            ["/etc/dotnet/install_location_x64"] = "/opt/dotnet-x64\n",
            ["/etc/dotnet/install_location"] = "/opt/dotnet",
        };

        var windows = DotnetHostLocator.InstallFolders(isWindows: true, Architecture.X64, name => environment.GetValueOrDefault(name));
        var unix = DotnetHostLocator.InstallFolders(isWindows: false, Architecture.X64, name => environment.GetValueOrDefault(name),
            file => registrations.GetValueOrDefault(file));

        Assert.Equal(
            [Path.Combine(@"C:\Program Files", "dotnet"), Path.Combine(@"C:\Program Files (x86)", "dotnet"), Path.Combine(@"C:\Users\me\AppData\Local", "Microsoft", "dotnet")],
            windows);
        string[] installers = OperatingSystem.IsMacOS() ? ["/usr/local/share/dotnet"] : ["/usr/share/dotnet", "/usr/lib/dotnet", "/usr/lib64/dotnet"];
        Assert.Equal(["/opt/dotnet-x64", "/opt/dotnet", .. installers, Path.Combine("/home/me", ".dotnet")], unix);
    }

    [Fact]
    public void The_newest_runtime_is_reported_as_LatestMajor_roll_forward_picks_it()
    {
        _environment["DOTNET_ROOT"] = Installation("several", "8.0.11", "10.0.2", "9.0.4");

        Assert.Equal("10.0.2", Locate().AspNetCoreVersion);
    }

    [Fact]
    public void A_dotnet_on_PATH_that_links_into_an_installation_is_resolved_to_it()
    {
        var installation = Installation("usr-lib-dotnet", "8.0.11");
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.Combine(installation, "dotnet"));
        _environment["PATH"] = string.Join(Path.PathSeparator, Path.Combine(_scratch, "nothing-here"), bin);

        var runtime = Locate();

        Assert.Equal(Path.Combine(installation, "dotnet"), runtime.HostPath);
        Assert.Equal("PATH", runtime.FoundBy);
    }

    [Fact]
    public void Nothing_anywhere_says_no_installation_was_found()
    {
        var runtime = Locate(installFolders: [Path.Combine(_scratch, "missing")]);

        Assert.False(runtime.IsUsable);
        Assert.StartsWith("The local registry needs the ASP.NET Core runtime 8.0 or later, and no .NET installation was found.", runtime.Problem);
    }

    [Fact]
    public void Installations_without_a_usable_runtime_are_listed_in_the_problem()
    {
        var old = Installation("old", "7.0.20");

        var runtime = Locate(installFolders: [old]);

        Assert.Contains($"the .NET installations found ({old}) have none", runtime.Problem);
    }

    private LocalRegistryRuntime Locate(string? processPath = null, string[]? installFolders = null, Architecture architecture = Architecture.X64) =>
        new DotnetHostLocator(name => _environment.GetValueOrDefault(name), processPath, installFolders ?? [], isWindows: false, architecture).Locate();

    /// <summary>A folder laid out like a .NET installation with the given ASP.NET Core versions.</summary>
    private string Installation(string name, params string[] aspNetCoreVersions)
    {
        var root = Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName;
        File.WriteAllText(Path.Combine(root, "dotnet"), "");
        foreach (var version in aspNetCoreVersions)
            Directory.CreateDirectory(Path.Combine(root, "shared", "Microsoft.AspNetCore.App", version));
        return root;
    }
}
