namespace WLSockets.InteropTests.Infrastructure;

/// <summary>Finds the peer programs; a missing one skips the test with the reason (./test.sh installs them all).</summary>
internal static class Tools
{
    /// <summary>Every wait of these tests gives up after this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pause between two looks at state that raises no event (a port starting to listen, a server-side queue): every
    /// such poll is bounded by <see cref="Timeout"/>.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>The running test's token (cancelled when the test times out or the run is aborted).</summary>
    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Full path of <paramref name="program"/> found on PATH, or null.</summary>
    public static string? FindOnPath(string program)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, program);
            if (!OperatingSystem.IsWindows() && File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Path of <paramref name="program"/>, or skips the test saying which Debian package provides it.</summary>
    public static string Require(string program, string debianPackage)
    {
        string? found = FindOnPath(program);
        if (found is null)
        {
            Assert.Skip($"{program} not installed: not found on PATH (apt-get install {debianPackage}; ./test.sh installs it)");
        }

        return found;
    }

    public static string Python => Require("python3", "python3");

    public static string Socat => Require("socat", "socat");

    public static string Ncat => Require("ncat", "ncat");

    public static string OpenSsl => Require("openssl", "openssl");

    public static string Tshark => Require("tshark", "tshark");

    /// <summary>The folder holding the Python peers (copied next to the test assembly).</summary>
    public static string PeersDirectory
    {
        get
        {
            string directory = Path.Combine(AppContext.BaseDirectory, "peers");
            Assert.True(File.Exists(Path.Combine(directory, "wdwire.py")), $"The Python peers were not copied to {directory}.");
            return directory;
        }
    }

    /// <summary>The dotnet host that runs these tests (to run wlsock.dll with the same runtime).</summary>
    public static string DotnetHost
    {
        get
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string? current = Environment.ProcessPath;
            if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            {
                return current;
            }

            return FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet not found on PATH.");
        }
    }

    /// <summary>wlsock.dll: next to the test assembly (project reference), else in the CLI project's output.</summary>
    public static string WlsockDll
    {
        get
        {
            string local = Path.Combine(AppContext.BaseDirectory, "wlsock.dll");
            if (File.Exists(local))
            {
                return local;
            }

            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                foreach (string configuration in new[] { "Release", "Debug" })
                {
                    string candidate = Path.Combine(dir.FullName, "src", "WLSockets.Cli", "bin", configuration, "net10.0", "wlsock.dll");
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            throw new FileNotFoundException("wlsock.dll is neither next to the test assembly nor in src/WLSockets.Cli/bin: build the solution first.");
        }
    }
}
