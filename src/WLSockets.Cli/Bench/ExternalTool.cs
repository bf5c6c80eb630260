using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Bench;

/// <summary>
/// The machine's limits measured by C tools, interleaved with the other cells: <c>sockperf</c> TCP ping-pong
/// (round-trip time) and <c>iperf3</c> single-stream TCP throughput, both on 127.0.0.1.
/// </summary>
internal sealed partial class ExternalTool : IAsyncDisposable
{
    private readonly string _program;
    private readonly int _port;
    private Process? _server;

    private ExternalTool(string program, int port)
    {
        _program = program;
        _port = port;
    }

    public string Name => _program;

    /// <summary>Null (with the reason in <paramref name="missing"/>) when the program is not installed.</summary>
    public static ExternalTool? Find(string program, out string? missing)
    {
        missing = FindOnPath(program) is null ? $"{program} is not installed (bench/run.sh installs it: apt-get install {program})" : null;
        return missing is null ? new ExternalTool(program, FreePort()) : null;
    }

    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        string[] args = _program == "sockperf"
            ? ["server", "--tcp", "-i", "127.0.0.1", "-p", Port()]
            : ["-s", "-B", "127.0.0.1", "-p", Port()];
        _server = Start(args);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!await CanConnectAsync(timeout.Token))
        {
            if (_server.HasExited)
            {
                throw new CliFailureException($"{_program} server exited at start (code {_server.ExitCode}): {await _server.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>One sockperf ping-pong run of 32-byte messages: the p50 round-trip time it prints.</summary>
    public async Task<Sample> PingPongAsync(int size, TimeSpan duration, CancellationToken cancellationToken)
    {
        int seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        string output = await RunAsync(["ping-pong", "--tcp", "-i", "127.0.0.1", "-p", Port(), "-m", Math.Max(14, size).ToString(CultureInfo.InvariantCulture), "-t", seconds.ToString(CultureInfo.InvariantCulture), "--full-rtt"], seconds + 30, cancellationToken);
        var histogram = new LatencyHistogram();
        double p50 = Percentile(output, "50.000");
        long observations = long.Parse(ObservationsRegex().Match(output) is { Success: true } m ? m.Groups[1].Value : "0", CultureInfo.InvariantCulture);
        double runTime = double.Parse(ValidRunTimeRegex().Match(output) is { Success: true } r ? r.Groups[1].Value : "0", CultureInfo.InvariantCulture);
        return new Sample
        {
            Seconds = runTime,
            Messages = observations,
            Bytes = observations * size,
            ReportedP50Microseconds = p50,
            Note = $"p99 {Percentile(output, "99.000"):0.0} µs, p99.9 {Percentile(output, "99.900"):0.0} µs",
            Latency = Approximate(output),
        };
    }

    /// <summary>One iperf3 single-stream run: the receiver's throughput.</summary>
    public async Task<Sample> BulkAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        int seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        string json = await RunAsync(["-c", "127.0.0.1", "-p", Port(), "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J"], seconds + 30, cancellationToken);
        using var document = JsonDocument.Parse(json);
        JsonElement received = document.RootElement.GetProperty("end").GetProperty("sum_received");
        double bytes = received.GetProperty("bytes").GetDouble();
        double elapsed = received.GetProperty("seconds").GetDouble();
        return new Sample { Seconds = elapsed, Bytes = (long)bytes, Messages = (long)(bytes / (1024 * 1024)) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private string Port() => _port.ToString(CultureInfo.InvariantCulture);

    private Process Start(string[] args)
    {
        var info = new ProcessStartInfo(_program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new CliFailureException($"cannot start {_program}");
    }

    private async Task<string> RunAsync(string[] args, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using Process process = Start(args);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new CliFailureException($"{_program} {string.Join(' ', args)} did not finish within {timeoutSeconds} s.");
        }

        string text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new CliFailureException($"{_program} {string.Join(' ', args)} failed (exit code {process.ExitCode}): {text.Trim()}");
        }

        return text;
    }

    private async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        if (_program == "iperf3")
        {
            // A probe connection would count as an iperf3 test: wait for the listening socket instead.
            string table = await File.ReadAllTextAsync("/proc/net/tcp", cancellationToken);
            return table.Contains($"0100007F:{_port:X4} 00000000:0000 0A", StringComparison.Ordinal);
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static double Percentile(string output, string percentile)
    {
        Match match = Regex.Match(output, @"percentile " + Regex.Escape(percentile) + @" =\s*([0-9.]+)", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    /// <summary>sockperf's printed percentiles as a histogram (enough for p50/p99/p99.9 in the tables).</summary>
    private static LatencyHistogram Approximate(string output)
    {
        var histogram = new LatencyHistogram();
        (string Name, int Weight)[] points = [("50.000", 500), ("90.000", 400), ("99.000", 90), ("99.900", 9), ("99.990", 1)];
        double previous = 0;
        foreach ((string name, int weight) in points)
        {
            double value = Percentile(output, name);
            if (double.IsNaN(value))
            {
                continue;
            }

            previous = Math.Max(previous, value);
            for (int i = 0; i < weight; i++)
            {
                histogram.Record((long)(previous * 1000));
            }
        }

        return histogram;
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"Total ([0-9]+) observations")]
    private static partial Regex ObservationsRegex();

    [GeneratedRegex(@"\[Valid Duration\] RunTime=([0-9.]+) sec")]
    private static partial Regex ValidRunTimeRegex();
}
