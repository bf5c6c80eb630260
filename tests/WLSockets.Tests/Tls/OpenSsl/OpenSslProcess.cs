using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WLSockets.Tests.Tls.OpenSsl;

/// <summary>
/// The <c>openssl</c> command line (s_server, s_client, req) driven by a test: stdin written as bytes, stdout collected as
/// bytes, stderr as text for failure messages. Every wait is bounded; disposing kills the process.
/// </summary>
/// <remarks>
/// A small local helper: the interop test project has its own process helper on another branch; these tests can move
/// there when the branches meet.
/// </remarks>
internal sealed class OpenSslProcess : IAsyncDisposable
{
    private static readonly Lazy<string?> s_path = new(FindOpenSsl);
    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _stdoutGrew = new(0);
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly string _commandLine;

    private OpenSslProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>The openssl executable, or null when it is not installed.</summary>
    public static string? Path => s_path.Value;

    /// <summary>Why the interop tests are skipped, or null when openssl is there.</summary>
    public static string? MissingReason => Path is null ? "openssl is not installed (apt-get install openssl): OpenSSL interop tests skipped" : null;

    public static OpenSslProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        return new OpenSslProcess(process, "openssl " + string.Join(" ", arguments));
    }

    /// <summary>Runs openssl to completion (for example <c>req</c>) and fails the test if it does not exit with 0.</summary>
    public static async Task RunAsync(params string[] arguments)
    {
        await using OpenSslProcess process = Start(arguments);
        process._process.StandardInput.Close();
        int code = await process.WaitForExitAsync(Loopback.Deadline);
        Assert.True(code == 0, process.Describe());
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Writes bytes to the process's stdin.</summary>
    public async Task WriteAsync(byte[] bytes)
    {
        Stream stdin = _process.StandardInput.BaseStream;
        await stdin.WriteAsync(bytes, Loopback.Ct).AsTask().Within();
        await stdin.FlushAsync(Loopback.Ct).Within();
    }

    /// <summary>Everything the process wrote to stdout so far.</summary>
    public byte[] Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToArray();
            }
        }
    }

    /// <summary>Waits until stdout holds at least <paramref name="count"/> bytes, and returns them all.</summary>
    public async Task<byte[]> ReadStdoutAsync(int count)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            byte[] now = Stdout;
            if (now.Length >= count)
            {
                return now;
            }

            TimeSpan left = Loopback.Deadline - limit.Elapsed;
            if (left <= TimeSpan.Zero || _stdoutPump.IsCompleted)
            {
                Assert.Fail($"expected {count} bytes on openssl's stdout, got {now.Length}. {Describe()}");
            }

            await _stdoutGrew.WaitAsync(left, Loopback.Ct);
        }
    }

    /// <summary>Waits for the process to end (at most <paramref name="timeout"/>) and returns its exit code, or -1.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync(Loopback.Ct).WaitAsync(timeout, Loopback.Ct);
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(timeout, Loopback.Ct);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            return -1;
        }
    }

    public string Describe()
    {
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString().Trim();
        }

        string exit = _process.HasExited ? $"exited with {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}" : "still running";
        return $"[{_commandLine}] {exit}; stderr: {(stderr.Length == 0 ? "(empty)" : stderr)}";
    }

    private async Task PumpStdoutAsync()
    {
        byte[] buffer = new byte[64 * 1024];
        Stream stdout = _process.StandardOutput.BaseStream;
        int n;
        while ((n = await stdout.ReadAsync(buffer)) > 0)
        {
            lock (_stdout)
            {
                _stdout.Write(buffer, 0, n);
            }

            _stdoutGrew.Release();
        }

        _stdoutGrew.Release();
    }

    private async Task PumpStderrAsync()
    {
        char[] buffer = new char[4096];
        int n;
        while ((n = await _process.StandardError.ReadAsync(buffer)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, n);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(Loopback.Deadline);
        _process.Dispose();
    }

    private static string? FindOpenSsl()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            string candidate = System.IO.Path.Combine(directory, OperatingSystem.IsWindows() ? "openssl.exe" : "openssl");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
