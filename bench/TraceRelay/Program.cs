using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WLSockets.Relay;

// Trace relay benchmark: bulk throughput and 32-byte ping-pong, directly and through the relay, in the same run.
// Usage: TraceRelayBench [--out DIR] [--smoke]. Writes DIR/trace-relay.json and DIR/trace-relay.md, prints the ratios,
// exits 1 when a goal is missed (never with --smoke, which only checks that the program runs and writes its files).
string outDir = "bench/results";
bool smoke = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outDir = args[++i];
            break;
        case "--smoke":
            smoke = true;
            break;
        default:
            Console.Error.WriteLine($"usage: TraceRelayBench [--out DIR] [--smoke] (unknown argument '{args[i]}')");
            return 2;
    }
}

long bulkBytes = smoke ? 4L << 20 : 512L << 20;
long hexBytes = smoke ? 1L << 20 : 128L << 20;
int pingPongs = smoke ? 200 : 20_000;
int rounds = smoke ? 1 : 3;

using var sinkServer = new DiscardServer();
using var echoServer = new EchoServer();
// The hex file goes to tmpfs when there is one: the goal measures the relay and its formatter, not the disk (a
// 5x expansion of the bulk data would measure the disk's write speed instead).
string hexDirectory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
string hexFile = Path.Combine(hexDirectory, $"trace-relay-bench-{Environment.ProcessId}.hex");

// Warm up every path once (JIT, pools, TCP autotuning).
await Bulk.RunAsync(sinkServer.EndPoint, smoke ? 1L << 20 : 32L << 20);
await using (TraceRelay warm = Relays.Start(sinkServer.EndPoint, null))
{
    await Bulk.RunAsync(warm.LocalEndPoint, smoke ? 1L << 20 : 32L << 20);
}

var direct = new List<double>();
var relayed = new List<double>();
var directForHex = new List<double>();
var relayedHex = new List<double>();
for (int round = 0; round < rounds; round++)
{
    direct.Add(await Bulk.RunAsync(sinkServer.EndPoint, bulkBytes));
    await using (TraceRelay relay = Relays.Start(sinkServer.EndPoint, null))
    {
        relayed.Add(await Bulk.RunAsync(relay.LocalEndPoint, bulkBytes));
    }

    directForHex.Add(await Bulk.RunAsync(sinkServer.EndPoint, hexBytes));
    using (var writer = new TraceWriter(new FileStream(hexFile, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20), TraceFormat.Hex, flushEachEvent: false))
    {
        await using TraceRelay relay = Relays.Start(sinkServer.EndPoint, writer);
        relayedHex.Add(await Bulk.RunAsync(relay.LocalEndPoint, hexBytes));
    }

    File.Delete(hexFile);
}

double[] directLatency = await PingPong.RunAsync(echoServer.EndPoint, pingPongs);
double[] relayLatency;
await using (TraceRelay relay = Relays.Start(echoServer.EndPoint, null))
{
    relayLatency = await PingPong.RunAsync(relay.LocalEndPoint, pingPongs);
}

double directMBps = Median(direct);
double relayMBps = Median(relayed);
double directHexMBps = Median(directForHex);
double relayHexMBps = Median(relayedHex);
double bulkRatio = relayMBps / directMBps;
double hexRatio = relayHexMBps / directHexMBps;
double directP50 = Percentile(directLatency, 0.50);
double relayP50 = Percentile(relayLatency, 0.50);
double addedP50 = relayP50 - directP50;
var goals = new[]
{
    new Goal("bulk through the relay, no output / direct", bulkRatio, ">= 0.80", bulkRatio >= 0.80),
    new Goal("bulk through the relay, hex output to a file / direct", hexRatio, ">= 0.50", hexRatio >= 0.50),
    new Goal("added p50 latency of a 32-byte ping-pong (µs)", addedP50, "<= 25", addedP50 <= 25),
};

// The machine's load when the run ended: ratios measured on a shared, oversubscribed machine say little.
string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
var result = new
{
    benchmark = "trace-relay",
    smoke,
    machine = new { Environment.ProcessorCount, loadAverage = load, os = Environment.OSVersion.VersionString, runtime = Environment.Version.ToString() },
    bulk = new { bytes = bulkBytes, hexBytes, hexFile, rounds, relayBufferSize = Relays.BufferSize, directMBps, relayMBps, directForHexMBps = directHexMBps, relayHexMBps },
    pingPong = new
    {
        iterations = pingPongs,
        messageBytes = 32,
        directP50Us = directP50,
        directP99Us = Percentile(directLatency, 0.99),
        relayP50Us = relayP50,
        relayP99Us = Percentile(relayLatency, 0.99),
        addedP50Us = addedP50,
    },
    goals = goals.Select(g => new { g.Name, g.Value, g.Target, g.Met }),
};

Directory.CreateDirectory(outDir);
File.WriteAllText(Path.Combine(outDir, "trace-relay.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
var md = new StringBuilder();
md.AppendLine(CultureInfo.InvariantCulture, $"# Trace relay benchmark{(smoke ? " (smoke run: sizes too small to mean anything)" : "")}");
md.AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}; load average at the end {load}; loopback; relay, clients and servers in one process. Median of {rounds} round(s).");
md.AppendLine();
md.AppendLine("| Measure | Direct | Through the relay |");
md.AppendLine("|---|---|---|");
md.AppendLine(CultureInfo.InvariantCulture, $"| Bulk, no output ({bulkBytes >> 20} MiB) | {directMBps:F0} MB/s | {relayMBps:F0} MB/s |");
md.AppendLine(CultureInfo.InvariantCulture, $"| Bulk, hex dump to a file in {hexDirectory} ({hexBytes >> 20} MiB) | {directHexMBps:F0} MB/s | {relayHexMBps:F0} MB/s |");
md.AppendLine(CultureInfo.InvariantCulture, $"| 32-byte ping-pong p50 ({pingPongs} round trips) | {directP50:F1} µs | {relayP50:F1} µs |");
md.AppendLine(CultureInfo.InvariantCulture, $"| 32-byte ping-pong p99 | {Percentile(directLatency, 0.99):F1} µs | {Percentile(relayLatency, 0.99):F1} µs |");
md.AppendLine();
md.AppendLine("| Goal | Value | Target | Met |");
md.AppendLine("|---|---|---|---|");
foreach (Goal goal in goals)
{
    md.AppendLine(CultureInfo.InvariantCulture, $"| {goal.Name} | {goal.Value:F2} | {goal.Target} | {(goal.Met ? "yes" : "NO")} |");
}

File.WriteAllText(Path.Combine(outDir, "trace-relay.md"), md.ToString());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk: direct {directMBps:F0} MB/s, relay {relayMBps:F0} MB/s, ratio {bulkRatio:F2} (goal >= 0.80)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk with hex output: direct {directHexMBps:F0} MB/s, relay {relayHexMBps:F0} MB/s, ratio {hexRatio:F2} (goal >= 0.50)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ping-pong p50: direct {directP50:F1} µs, relay {relayP50:F1} µs, added {addedP50:F1} µs (goal <= 25)"));
Console.WriteLine($"wrote {Path.Combine(outDir, "trace-relay.json")} and {Path.Combine(outDir, "trace-relay.md")}");
bool allMet = goals.All(g => g.Met);
if (!allMet && !smoke)
{
    Console.WriteLine("GOAL MISSED: " + string.Join("; ", goals.Where(g => !g.Met).Select(g => g.Name)));
    return 1;
}

return 0;

static double Median(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted[sorted.Length / 2];
}

static double Percentile(double[] values, double p)
{
    double[] sorted = [.. values.Order()];
    return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

internal sealed record Goal(string Name, double Value, string Target, bool Met);

/// <summary>Relays to the benchmark servers.</summary>
internal static class Relays
{
    public static TraceRelay Start(IPEndPoint target, ITraceSink? sink) => TraceRelay.Start(new TraceRelayOptions
    {
        ListenAddress = "127.0.0.1",
        TargetHost = "127.0.0.1",
        TargetPort = target.Port,
        Sink = sink,
        BufferSize = BufferSize,
    });

    public static int BufferSize { get; } = int.TryParse(Environment.GetEnvironmentVariable("TRACE_RELAY_BUFFER"), out int size) ? size : 64 * 1024;
}

/// <summary>Sends a number of bytes as fast as possible and waits for the server to confirm it read them all.</summary>
internal static class Bulk
{
    /// <summary>Returns MB/s (10^6 bytes per second) from the first byte sent to the server's 1-byte acknowledgement.</summary>
    public static async Task<double> RunAsync(IPEndPoint endPoint, long bytes)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        byte[] chunk = new byte[256 * 1024];
        Random.Shared.NextBytes(chunk);
        byte[] header = BitConverter.GetBytes(bytes);
        var watch = Stopwatch.StartNew();
        await socket.SendAsync(header, SocketFlags.None);
        for (long left = bytes; left > 0;)
        {
            int size = (int)Math.Min(chunk.Length, left);
            left -= await socket.SendAsync(chunk.AsMemory(0, size), SocketFlags.None);
        }

        byte[] ack = new byte[1];
        if (await socket.ReceiveAsync(ack, SocketFlags.None) != 1)
        {
            throw new InvalidOperationException("The discard server did not acknowledge the bulk transfer.");
        }

        return bytes / watch.Elapsed.TotalSeconds / 1e6;
    }
}

/// <summary>32-byte request, 32-byte echo, one at a time.</summary>
internal static class PingPong
{
    /// <summary>Returns the round-trip time of each ping-pong, in microseconds (after a warm-up).</summary>
    public static async Task<double[]> RunAsync(IPEndPoint endPoint, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        byte[] ping = new byte[32];
        byte[] pong = new byte[32];
        int warmUp = Math.Max(100, count / 10);
        double[] micros = new double[count];
        for (int i = -warmUp; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await socket.SendAsync(ping, SocketFlags.None);
            for (int got = 0; got < pong.Length;)
            {
                int n = await socket.ReceiveAsync(pong.AsMemory(got), SocketFlags.None);
                if (n == 0)
                {
                    throw new InvalidOperationException("The echo server closed during the ping-pong.");
                }

                got += n;
            }

            if (i >= 0)
            {
                micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        return micros;
    }
}

/// <summary>A loopback server (port 0) that serves each accepted connection with <see cref="ServeAsync"/>.</summary>
internal abstract class LoopbackServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    protected LoopbackServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _ = Task.Run(AcceptAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public void Dispose() => _listener.Dispose();

    protected abstract Task ServeAsync(Socket client);

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    await ServeAsync(client);
                }
            });
        }
    }
}

/// <summary>Reads an 8-byte length, then that many bytes, then answers one byte; per connection.</summary>
internal sealed class DiscardServer : LoopbackServer
{
    protected override async Task ServeAsync(Socket client)
    {
        byte[] buffer = new byte[256 * 1024];
        byte[] header = new byte[8];
        for (int got = 0; got < 8;)
        {
            got += await client.ReceiveAsync(header.AsMemory(got), SocketFlags.None);
        }

        long left = BitConverter.ToInt64(header);
        while (left > 0)
        {
            int n = await client.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                return;
            }

            left -= n;
        }

        await client.SendAsync(new byte[] { 1 }, SocketFlags.None);
        client.Shutdown(SocketShutdown.Send);
        while (await client.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
        }
    }
}

/// <summary>Sends back every byte it reads.</summary>
internal sealed class EchoServer : LoopbackServer
{
    protected override async Task ServeAsync(Socket client)
    {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = await client.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
        }
    }
}
