using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Channels;

namespace WLSockets.Tests.Udp.Peers;

/// <summary>
/// A program no one here wrote (socat, Python), started by a test: its output read as lines or bytes, every wait
/// bounded, and the process (only this one, by its id) killed when the test ends.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderrLines = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _transcript = new();

    private PeerProcess(Process process, bool binaryOutput)
    {
        _process = process;
        _ = PumpAsync(process.StandardError, _stderrLines, "stderr");
        if (!binaryOutput)
        {
            _ = PumpAsync(process.StandardOutput, _stdoutLines, "stdout");
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; stdout is read as bytes when <paramref name="binaryOutput"/>.</summary>
    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, bool binaryOutput = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new PeerProcess(process, binaryOutput);
    }

    /// <summary>The peer's standard input (bytes).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Everything the peer printed so far, for failure messages.</summary>
    public string Transcript => $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}{Environment.NewLine}{string.Join(Environment.NewLine, _transcript)}";

    /// <summary>Waits for the next stdout line starting with <paramref name="prefix"/> (earlier lines are skipped).</summary>
    public Task<string> StdoutLineAsync(string prefix, TimeSpan? timeout = null) => NextLineAsync(_stdoutLines, l => l.StartsWith(prefix, StringComparison.Ordinal), timeout);

    /// <summary>Waits for the next stderr line containing <paramref name="text"/> (earlier lines are skipped).</summary>
    public Task<string> StderrLineAsync(string text, TimeSpan? timeout = null) => NextLineAsync(_stderrLines, l => l.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Reads exactly <paramref name="count"/> bytes of stdout (binary mode).</summary>
    public async Task<byte[]> ReadStdoutBytesAsync(int count, TimeSpan? timeout = null)
    {
        byte[] buffer = new byte[count];
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        int read = 0;
        try
        {
            while (read < count)
            {
                int n = await _process.StandardOutput.BaseStream.ReadAsync(buffer.AsMemory(read), cts.Token).AsTask().WaitAsync(cts.Token);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what arrived.
        }

        Assert.True(read == count, $"expected {count} bytes on stdout, got {read}:{Environment.NewLine}{Transcript}");
        return buffer;
    }

    /// <summary>Waits for the peer to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the peer did not exit in time:{Environment.NewLine}{Transcript}");
        }

        return _process.ExitCode;
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>True once the peer has ended.</summary>
    public bool HasExited => _process.HasExited;

    private async Task<string> NextLineAsync(Channel<string> lines, Func<string, bool> match, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (true)
            {
                string line = await lines.Reader.ReadAsync(cts.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            Assert.Fail($"expected line not seen ({(ex is ChannelClosedException ? "output ended" : "timed out")}):{Environment.NewLine}{Transcript}");
            throw;
        }
    }

    private async Task PumpAsync(StreamReader reader, Channel<string> lines, string stream)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                _transcript.Enqueue($"[{stream}] {line}");
                lines.Writer.TryWrite(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process was killed: its output simply ends.
        }
        finally
        {
            lines.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
