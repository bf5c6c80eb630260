using System.Diagnostics;

namespace WLSockets.Tests.Udp.Peers;

/// <summary>Finding the third-party programs the UDP tests talk to; a test whose program is missing is skipped, saying why.</summary>
internal static class Tools
{
    private static readonly Lazy<string?> s_python = new(FindPython);

    /// <summary>The UDP peer script copied next to the test assembly.</summary>
    public static string PeerScript => Path.Combine(AppContext.BaseDirectory, "Udp", "Peers", "udp_peer.py");

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    /// <summary>socat, or the test is skipped.</summary>
    public static string RequireSocat() => Find("socat") ?? Skip("socat is not installed (apt-get install socat)");

    /// <summary>The real python3 interpreter (not a version-manager shim, so it also runs under <c>ip netns exec</c>), or the test is skipped.</summary>
    public static string RequirePython() => s_python.Value ?? Skip("python3 is not installed (apt-get install python3)");

    /// <summary>Starts the Python UDP peer with <paramref name="arguments"/> (see udp_peer.py).</summary>
    public static PeerProcess StartPython(params string[] arguments) => PeerProcess.Start(RequirePython(), [PeerScript, .. arguments]);

    /// <summary>Runs a short command to completion (at most 20 s): exit code, stdout, stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"{fileName} did not finish within 20 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindPython()
    {
        string? python = Find("python3");
        if (python is null)
        {
            return null;
        }

        (int exit, string stdout, _) = Run(python, "-c", "import sys; print(sys.executable)");
        string real = stdout.Trim();
        return exit == 0 && File.Exists(real) ? real : python;
    }

    private static string Skip(string reason)
    {
        Assert.Skip(reason);
        return "";
    }
}
