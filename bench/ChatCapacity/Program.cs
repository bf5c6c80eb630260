// ChatCapacity: one chat server (a child process, so its memory is its own), N clients on loopback, 1% of them
// talking. Reports broadcast latency p50/p99 (as measured by probe clients) and server memory per idle client, with
// the single-client echo latency of the same run as the baseline. Goals: p99 < 50 ms, < 20 KiB per idle client.
// Usage: ChatCapacity [--clients 10000] [--talking 1] [--messages 60] [--interval-ms 100] [--out bench/results] [--no-goals]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WLSockets.Bench;
using WLSockets.Chat;

if (args.Contains("--serve"))
{
    return await ServerSide.RunAsync();
}

var settings = Settings.Parse(args);
Limits.RaiseOpenFiles(out ulong fileLimit);
Console.WriteLine($"ChatCapacity: {settings.Clients} clients, {settings.TalkingPercent}% talking, {settings.Messages} messages every {settings.IntervalMs} ms; open-file limit {fileLimit}");
if (fileLimit < (ulong)settings.Clients + 200)
{
    Console.Error.WriteLine($"ChatCapacity: the open-file limit ({fileLimit}) is below {settings.Clients} clients: raise it (ulimit -n {settings.Clients + 1000}) or use fewer --clients.");
    return 2;
}

await using var server = ServerProcess.Start();
int port = await server.PortAsync();
(long heap0, long rss0) = await server.MemoryAsync();

// Baseline: one client, echo round trips of the same server in the same run.
using var baselineClient = await Client.ConnectAsync(port, 0);
var baseline = new List<double>();
for (int i = 0; i < 50; i++)
{
    long sent = Stopwatch.GetTimestamp();
    await baselineClient.SendAsync($"base : {sent}");
    long echoed = await baselineClient.ReceiveTimestampAsync();
    baseline.Add(Stopwatch.GetElapsedTime(echoed).TotalMilliseconds);
}

// Connect everyone (many at a time; several 127.0.0.x source addresses so ephemeral ports never run short).
var clients = new Client[settings.Clients];
clients[0] = baselineClient;
var connecting = new SemaphoreSlim(200);
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(1, settings.Clients - 1).Select(async i =>
{
    await connecting.WaitAsync();
    try
    {
        clients[i] = await Client.ConnectAsync(port, i);
    }
    finally
    {
        connecting.Release();
    }
}));
await server.WaitForClientsAsync(settings.Clients, TimeSpan.FromSeconds(60));
Console.WriteLine($"connected {settings.Clients} clients in {clock.Elapsed.TotalSeconds:0.0} s");
(long heapN, long rssN) = await server.MemoryAsync();
double heapPerClient = (heapN - heap0) / (double)settings.Clients;
double rssPerClient = (rssN - rss0) / (double)settings.Clients;

// Probes: the talkers, plus as many listeners spread over the whole table. The others stay idle (their kernel
// buffers take the few messages of the run), as in a real chat most people only read now and then.
int every = Math.Max(1, (int)Math.Round(100 / settings.TalkingPercent));
Client[] talkers = [.. clients.Where((_, i) => i % every == 0)];
Client[] listeners = [.. clients.Where((_, i) => i % every == every / 2 && every > 1)];
Client[] probes = [.. talkers, .. listeners];
var latencies = new List<double>[probes.Length];
using var runTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Messages * settings.IntervalMs / 1000.0 + 60));
Task[] reading = [.. probes.Select((p, k) => Task.Run(async () =>
{
    var list = latencies[k] = new List<double>(settings.Messages);
    while (list.Count < settings.Messages)
    {
        long sentAt = await p.ReceiveTimestampAsync(runTimeout.Token);
        list.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
    }
}))];
using (var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.IntervalMs)))
{
    for (int m = 0; m < settings.Messages; m++)
    {
        await tick.WaitForNextTickAsync();
        Client talker = talkers[m % talkers.Length];
        await talker.SendAsync($"t{m % talkers.Length} : {Stopwatch.GetTimestamp()}");
    }
}

int lost = 0;
try
{
    await Task.WhenAll(reading);
}
catch (OperationCanceledException)
{
    lost = settings.Messages * probes.Length - latencies.Sum(l => l?.Count ?? 0);
}

long dropped = await server.DroppedAsync();
double[] all = [.. latencies.SelectMany(l => l ?? []).Order()];
double p50 = Percentile(all, 0.50), p99 = Percentile(all, 0.99), baseP50 = Percentile([.. baseline.Order()], 0.50);
bool latencyOk = all.Length > 0 && lost == 0 && p99 < 50;
bool memoryOk = rssPerClient < 20 * 1024;
var result = new
{
    name = "ChatCapacity",
    clients = settings.Clients,
    talkers = talkers.Length,
    probes = probes.Length,
    messages = settings.Messages,
    intervalMs = settings.IntervalMs,
    deliveries = (long)settings.Messages * settings.Clients,
    broadcastLatencyMs = new { p50, p99, max = all.Length > 0 ? all[^1] : double.NaN },
    baselineEchoLatencyMsP50 = baseP50,
    p99VsBaseline = p99 / baseP50,
    serverMemoryPerIdleClientBytes = new { rss = rssPerClient, managedHeap = heapPerClient },
    lostDeliveries = lost,
    clientsDropped = dropped,
    goals = new { p99Ms = 50, perIdleClientKiB = 20, latencyMet = latencyOk, memoryMet = memoryOk },
};
string outDir = settings.Out;
Directory.CreateDirectory(outDir);
await File.WriteAllTextAsync(Path.Combine(outDir, "ChatCapacity.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
string md = $"""
    # ChatCapacity

    One chat server, {settings.Clients:N0} clients on loopback, {talkers.Length} talking ({settings.TalkingPercent}%), {settings.Messages} messages
    ({settings.IntervalMs} ms apart, {result.deliveries:N0} deliveries); latency measured by {probes.Length} probe clients spread over the table.

    | Measure | Value | Goal |
    |---|---|---|
    | broadcast latency p50 | {p50:0.00} ms ({p50 / baseP50:0.0}x the single-client echo) | |
    | broadcast latency p99 | {p99:0.00} ms ({p99 / baseP50:0.0}x the single-client echo) | < 50 ms: {(latencyOk ? "met" : "MISSED")} |
    | single-client echo p50 (baseline) | {baseP50:0.000} ms | |
    | server memory per idle client (RSS) | {rssPerClient / 1024:0.0} KiB | < 20 KiB: {(memoryOk ? "met" : "MISSED")} |
    | server managed heap per idle client | {heapPerClient / 1024:0.0} KiB | |
    | lost deliveries / clients dropped | {lost} / {dropped} | 0 / 0 |

    """;
await File.WriteAllTextAsync(Path.Combine(outDir, "ChatCapacity.md"), md);
Console.WriteLine(md);
Console.WriteLine($"ratios: p99 = {p99 / baseP50:0.0}x baseline echo, p50 = {p50 / baseP50:0.0}x; wrote {Path.Combine(outDir, "ChatCapacity.json")} and .md");
foreach (Client client in clients)
{
    client?.Dispose();
}

return settings.CheckGoals && !(latencyOk && memoryOk && dropped == 0) ? 1 : 0;

static double Percentile(double[] sorted, double q) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

namespace WLSockets.Bench
{
    internal sealed record Settings(int Clients, double TalkingPercent, int Messages, int IntervalMs, string Out, bool CheckGoals)
    {
        public static Settings Parse(string[] args)
        {
            string Value(string name, string fallback)
            {
                int at = Array.IndexOf(args, name);
                return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
            }

            return new Settings(
                int.Parse(Value("--clients", "10000"), CultureInfo.InvariantCulture),
                double.Parse(Value("--talking", "1"), CultureInfo.InvariantCulture),
                int.Parse(Value("--messages", "60"), CultureInfo.InvariantCulture),
                int.Parse(Value("--interval-ms", "100"), CultureInfo.InvariantCulture),
                Value("--out", Path.Combine("bench", "results")),
                !args.Contains("--no-goals"));
        }
    }

    /// <summary>A raw chat client: a socket from 127.0.0.(10 + i % 16), WinDev framing written and parsed by hand.</summary>
    internal sealed class Client : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        private Client(Socket socket) => _socket = socket;

        public static async Task<Client> ConnectAsync(int port, int index)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(10 + (index % 16))]), 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return new Client(socket);
        }

        public async Task SendAsync(string text)
        {
            byte[] payload = Encoding.ASCII.GetBytes(text);
            byte[] frame = [.. Encoding.ASCII.GetBytes($"{payload.Length}\r\n"), .. payload];
            await _socket.SendAsync(frame);
        }

        /// <summary>Reads one message "nick : TIMESTAMP" and returns the timestamp.</summary>
        public async Task<long> ReceiveTimestampAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                ReadOnlySpan<byte> data = _buffer.AsSpan(_start, _end - _start);
                int crlf = data.IndexOf("\r\n"u8);
                if (crlf > 0)
                {
                    int length = int.Parse(data[..crlf], CultureInfo.InvariantCulture);
                    if (data.Length >= crlf + 2 + length)
                    {
                        ReadOnlySpan<byte> message = data.Slice(crlf + 2, length);
                        _start += crlf + 2 + length;
                        return long.Parse(message[(message.LastIndexOf((byte)' ') + 1)..], CultureInfo.InvariantCulture);
                    }
                }

                if (_start > 0)
                {
                    data.CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }

                int read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    throw new IOException("the server closed the connection");
                }

                _end += read;
            }
        }

        public void Dispose() => _socket.Dispose();
    }

    /// <summary>The server, run as a child process of this program (<c>--serve</c>), asked for its state on stdin.</summary>
    internal sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process) => _process = process;

        public static ServerProcess Start()
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                info.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
            }

            info.ArgumentList.Add("--serve");
            return new ServerProcess(Process.Start(info)!);
        }

        public async Task<int> PortAsync() => int.Parse((await AskAsync("port"))[0], CultureInfo.InvariantCulture);

        public async Task<(long Heap, long Rss)> MemoryAsync()
        {
            string[] parts = await AskAsync("mem");
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public async Task<long> DroppedAsync() => long.Parse((await AskAsync("dropped"))[0], CultureInfo.InvariantCulture);

        public async Task WaitForClientsAsync(int count, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (int.Parse((await AskAsync("clients"))[0], CultureInfo.InvariantCulture) < count)
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"the server has fewer than {count} clients after {timeout.TotalSeconds:0} s");
                }

                await tick.WaitForNextTickAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException)
            {
                _process.Kill();
            }

            _process.Dispose();
        }

        private async Task<string[]> AskAsync(string question)
        {
            await _process.StandardInput.WriteLineAsync(question);
            await _process.StandardInput.FlushAsync();
            string line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                ?? throw new IOException("the server process ended");
            return line.Split(' ');
        }
    }

    internal static class ServerSide
    {
        public static async Task<int> RunAsync()
        {
            Limits.RaiseOpenFiles(out _);
            await using ChatServer server = ChatServer.Start(new ChatServerOptions { Bind = "127.0.0.1", Port = 0 });
            while (Console.ReadLine() is { } question)
            {
                switch (question)
                {
                    case "port":
                        Console.WriteLine(server.LocalEndPoint.Port);
                        break;
                    case "clients":
                        Console.WriteLine(server.ClientCount);
                        break;
                    case "dropped":
                        Console.WriteLine(server.ClientsDropped);
                        break;
                    case "mem":
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        GC.WaitForPendingFinalizers();
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        Console.WriteLine($"{GC.GetTotalMemory(false)} {Limits.ResidentBytes()}");
                        break;
                    case "quit":
                        return 0;
                }
            }

            return 0;
        }
    }

    internal static partial class Limits
    {
        private const int RlimitNofile = 7;

        /// <summary>Raises the soft open-file limit to the hard one (Linux); <paramref name="limit"/> is the result.</summary>
        public static void RaiseOpenFiles(out ulong limit)
        {
            limit = ulong.MaxValue;
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var value = new RLimit();
            if (GetRLimit(RlimitNofile, ref value) == 0)
            {
                value.Current = value.Max;
                _ = SetRLimit(RlimitNofile, ref value);
                _ = GetRLimit(RlimitNofile, ref value);
                limit = value.Current;
            }
        }

        /// <summary>VmRSS of this process, in bytes.</summary>
        public static long ResidentBytes()
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }

        [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
        private static partial int GetRLimit(int resource, ref RLimit limit);

        [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
        private static partial int SetRLimit(int resource, ref RLimit limit);

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct RLimit
        {
            public ulong Current;
            public ulong Max;
        }
    }
}
