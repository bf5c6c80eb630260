using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>
/// A peer program (python3, socat, ncat, wlsock) run for one test: standard input, output and error redirected and
/// captured as exact bytes, every wait bounded, and the whole process tree killed on dispose.
/// </summary>
/// <remarks>Assertion messages should include <see cref="Describe"/>: the command line, exit code, stderr and stdout.</remarks>
internal sealed class PeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_killWait = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly OutputCapture _stdout;
    private readonly OutputCapture _stderr;
    private int _disposed;

    private PeerProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _stdout = new OutputCapture(process.StandardOutput.BaseStream);
        _stderr = new OutputCapture(process.StandardError.BaseStream);
    }

    /// <summary>The program and its arguments, for messages.</summary>
    public string CommandLine { get; }

    /// <summary>Everything written to standard output so far, byte for byte.</summary>
    public byte[] StandardOutputBytes => _stdout.Bytes;

    /// <summary>Complete standard output lines so far (split on LF, which is removed; a CR is kept).</summary>
    public IReadOnlyList<string> StandardOutputLines => _stdout.Lines;

    /// <summary>Everything written to standard error so far.</summary>
    public string StandardError => Encoding.UTF8.GetString(_stderr.Bytes);

    /// <summary>Complete standard error lines so far.</summary>
    public IReadOnlyList<string> StandardErrorLines => _stderr.Lines;

    /// <summary>The operating-system process id (also the group id of a program started through <c>setsid</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Standard input; closing it gives the program end of file.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> passed as is (no shell).</summary>
    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
        {
            foreach ((string name, string value) in environment)
            {
                info.Environment[name] = value;
            }
        }

        string commandLine = string.Join(' ', info.ArgumentList.Prepend(fileName).Select(Quote));
        Process process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + commandLine);
        return new PeerProcess(process, commandLine);
    }

    /// <summary>Waits for a standard output line that <paramref name="match"/> accepts.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>, or the output ended first.</exception>
    public Task<string> WaitForOutputLineAsync(Func<string, bool> match, TimeSpan timeout, string what) =>
        WaitForLineAsync(_stdout, "stdout", match, timeout, what);

    /// <summary>Waits for a standard error line that <paramref name="match"/> accepts.</summary>
    public Task<string> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout, string what) =>
        WaitForLineAsync(_stderr, "stderr", match, timeout, what);

    /// <summary>Waits for the process to end and for its output to be read to the end; returns the exit code.</summary>
    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/> (the message has stderr).</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdout.Completion, _stderr.Completion).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Still running after {timeout.TotalSeconds:0.#} s: {Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Writes <paramref name="data"/> to standard input, then closes it (end of file).</summary>
    public async Task WriteInputAndCloseAsync(ReadOnlyMemory<byte> data, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        Stream input = StandardInput;
        try
        {
            await input.WriteAsync(data, cts.Token);
            await input.FlushAsync(cts.Token);
            input.Close();
        }
        catch (IOException)
        {
            // The program ended without reading its input (broken pipe); its exit code and stderr tell why.
        }
    }

    /// <summary>The command line, exit status, stderr and the start of stdout, for assertion messages.</summary>
    public string Describe()
    {
        string status = _process.HasExited ? "exit code " + _process.ExitCode : "still running";
        string stdout = Encoding.UTF8.GetString(_stdout.Bytes);
        if (stdout.Length > 4000)
        {
            stdout = stdout[..4000] + $"... ({stdout.Length} chars)";
        }

        return $"`{CommandLine}` ({status})\n--- stderr ---\n{StandardError}\n--- stdout ---\n{stdout}";
    }

    /// <summary>Kills the process and its children if still running, then releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Ended between the check and the kill: nothing left to do.
        }

        using (var cts = new CancellationTokenSource(s_killWait))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token);
                await Task.WhenAll(_stdout.Completion, _stderr.Completion).WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // A grandchild may keep a pipe open; the process itself is gone or unkillable, give up waiting.
            }
        }

        _process.Dispose();
    }

    private async Task<string> WaitForLineAsync(OutputCapture capture, string stream, Func<string, bool> match, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        int index = 0;
        while (true)
        {
            Task changed;
            lock (capture.Gate)
            {
                IReadOnlyList<string> lines = capture.LinesUnsafe;
                for (; index < lines.Count; index++)
                {
                    if (match(lines[index]))
                    {
                        return lines[index];
                    }
                }

                if (capture.Ended)
                {
                    throw new TimeoutException($"The {stream} of the peer ended before {what}: {Describe()}");
                }

                changed = capture.Changed;
            }

            TimeSpan remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No {what} on {stream} within {timeout.TotalSeconds:0.#} s: {Describe()}");
            }

            try
            {
                await changed.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No {what} on {stream} within {timeout.TotalSeconds:0.#} s: {Describe()}");
            }
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Reads one output stream to its end, keeping the exact bytes and the complete lines.</summary>
    private sealed class OutputCapture
    {
        private readonly ArrayBufferWriter<byte> _bytes = new();
        private readonly List<string> _lines = [];
        private int _lineStart;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OutputCapture(Stream stream) => Completion = Task.Run(() => PumpAsync(stream));

        public object Gate { get; } = new();

        public Task Completion { get; }

        public bool Ended { get; private set; }

        public Task Changed => _changed.Task;

        public IReadOnlyList<string> LinesUnsafe => _lines;

        public byte[] Bytes
        {
            get
            {
                lock (Gate)
                {
                    return _bytes.WrittenSpan.ToArray();
                }
            }
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (Gate)
                {
                    return [.. _lines];
                }
            }
        }

        private async Task PumpAsync(Stream stream)
        {
            byte[] buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    int read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        break;
                    }

                    lock (Gate)
                    {
                        _bytes.Write(buffer.AsSpan(0, read));
                        ReadOnlySpan<byte> all = _bytes.WrittenSpan;
                        for (int i = all.Length - read; i < all.Length; i++)
                        {
                            if (all[i] == (byte)'\n')
                            {
                                _lines.Add(Encoding.UTF8.GetString(all[_lineStart..i]));
                                _lineStart = i + 1;
                            }
                        }

                        Signal();
                    }
                }
            }
            catch (IOException)
            {
                // The pipe broke because the process was killed: what was read is kept.
            }
            catch (ObjectDisposedException)
            {
                // Same, when the process object was disposed first.
            }
            finally
            {
                lock (Gate)
                {
                    if (_lineStart < _bytes.WrittenCount)
                    {
                        _lines.Add(Encoding.UTF8.GetString(_bytes.WrittenSpan[_lineStart..]));
                        _lineStart = _bytes.WrittenCount;
                    }

                    Ended = true;
                    Signal();
                }
            }
        }

        private void Signal()
        {
            TaskCompletionSource changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }
}
