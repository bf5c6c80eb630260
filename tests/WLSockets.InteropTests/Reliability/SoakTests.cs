using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests.Reliability;

/// <summary>
/// Mixed load on every transport and framing mode at once (TCP, TLS and SOCKS5 in each mode, UDP, WebSocket; echo
/// servers on loopback), each message numbered and checksummed: zero lost, duplicated, reordered or corrupted, and the
/// managed heap flat. <c>WLSOCK_SOAK_SECONDS</c> sets the duration (30 s in ./test.sh, 600 in bench/soak.sh);
/// <c>WLSOCK_SOAK_OUT</c>, when set, is a folder that receives <c>soak.json</c> and <c>soak.md</c>.
/// </summary>
public class SoakTests
{
    /// <summary>Growth of the managed heap (after a full collection) allowed between the warm-up and the end.</summary>
    private const long AllowedHeapGrowth = 48L * 1024 * 1024;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    [Fact(Timeout = 30 * 60_000)]
    public async Task Mixed_load_on_every_transport_loses_duplicates_reorders_and_corrupts_nothing_and_memory_stays_flat()
    {
        TimeSpan duration = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("WLSOCK_SOAK_SECONDS"), out int s) && s > 0 ? s : 30);
        TimeSpan warmUp = TimeSpan.FromSeconds(Math.Min(5, duration.TotalSeconds / 5));
        await using var links = new Links();
        Lane[] lanes = await Task.WhenAll(Links.All.Select(async (name, i) => new Lane(await links.ConnectAsync(name, Tools.Token), seed: i)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Tools.Token);
        var clock = Stopwatch.StartNew();
        Task[] running = [.. lanes.Select(lane => lane.RunAsync(stop.Token))];

        // Baseline after the warm-up, final at the end, both after a full collection while the load still runs.
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(warmUp, Tools.Token));
        long baseline = Heap();
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(duration - warmUp, Tools.Token));
        long final = Heap();
        await stop.CancelAsync();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(120), Tools.Token);
        clock.Stop();

        Report(lanes, clock.Elapsed, baseline, final);
        foreach (Lane lane in lanes)
        {
            Assert.True(lane.Problems.Count == 0, $"{lane.Link.Name}: {string.Join("; ", lane.Problems.Take(5))}");
            Assert.True(lane.Received == lane.Sent, $"{lane.Link.Name}: {lane.Sent} sent, {lane.Received} received");
            Assert.True(lane.Received > 0, $"{lane.Link.Name}: nothing went through in {clock.Elapsed}");
        }

        Assert.True(final - baseline < AllowedHeapGrowth, $"the managed heap grew by {(final - baseline) / 1024 / 1024} MiB during the soak ({baseline:N0} -> {final:N0} bytes)");
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(Lane[] lanes, TimeSpan elapsed, long baseline, long final)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Soak: {elapsed.TotalSeconds:0} s, heap {baseline / 1024 / 1024} MiB -> {final / 1024 / 1024} MiB");
        text.AppendLine().AppendLine("| Link | Messages | Bytes | Problems |").AppendLine("|---|---|---|---|");
        foreach (Lane lane in lanes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {lane.Link.Name} | {lane.Received:N0} | {lane.Bytes:N0} | {lane.Problems.Count} |");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
        string? folder = Environment.GetEnvironmentVariable("WLSOCK_SOAK_OUT");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "soak.md"), text.ToString());
            File.WriteAllText(Path.Combine(folder, "soak.json"), JsonSerializer.Serialize(new
            {
                seconds = elapsed.TotalSeconds,
                heapBaselineBytes = baseline,
                heapFinalBytes = final,
                lanes = lanes.Select(l => new { name = l.Link.Name, sent = l.Sent, received = l.Received, bytes = l.Bytes, problems = l.Problems.Take(20) }),
            }, s_json));
        }
    }

    /// <summary>One link under load: a sender (at most <c>window</c> messages unanswered) and a checker of the echoes.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore holds no wait handle (only async waits).")]
    private sealed class Lane(ILink link, int seed)
    {
        private readonly SemaphoreSlim _window = new(link.Name == "udp" ? 4 : 32);
        private readonly Random _random = new(seed);
        private readonly List<byte> _stream = [];

        public ILink Link => link;

        private long _sent;
        private bool _senderDone;

        public long Sent => Volatile.Read(ref _sent);

        public long Received { get; private set; }

        public long Bytes { get; private set; }

        public List<string> Problems { get; } = [];

        public async Task RunAsync(CancellationToken stop)
        {
            Task receiving = ReceiveAsync();
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await _window.WaitAsync(stop);
                    int length = _random.Next(10) == 0 ? _random.Next(0, link.Name == "udp" ? 1200 : 60_000) : _random.Next(0, 300);
                    await link.SendAsync(Records.Make(_sent, length, _random), Tools.Token);
                    Interlocked.Increment(ref _sent);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The soak is over: the receiver drains what is still in flight.
            }

            Volatile.Write(ref _senderDone, true);
            await receiving;
            await link.CloseAsync().WaitAsync(Tools.Timeout, Tools.Token);
            await link.DisposeAsync();
        }

        private async Task ReceiveAsync()
        {
            var sinceProgress = Stopwatch.StartNew();
            while (true)
            {
                if (Volatile.Read(ref _senderDone) && Received >= Volatile.Read(ref _sent))
                {
                    return;
                }

                if (sinceProgress.Elapsed > Tools.Timeout)
                {
                    Problems.Add($"lost: {Volatile.Read(ref _sent) - Received} messages never came back ({Received} did)");
                    return;
                }

                byte[] message;
                try
                {
                    message = await link.ReceiveAsync(TimeSpan.FromMilliseconds(250), Tools.Token);
                }
                catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
                {
                    continue; // nothing in flight right now, or the sender stopped
                }
                catch (WLSocketException ex)
                {
                    Problems.Add($"receive failed after {Received} messages: {ex.Error} {ex.Message}");
                    return;
                }

                _stream.AddRange(message);
                List<(long Sequence, bool Intact)> records = Records.TakeAll(_stream);
                if (link.KeepsBoundaries && (records.Count != 1 || _stream.Count != 0))
                {
                    Problems.Add($"message {Received}: {records.Count} records and {_stream.Count} extra bytes in one message");
                }

                foreach ((long sequence, bool intact) in records)
                {
                    if (sequence != Received)
                    {
                        Problems.Add(sequence < Received ? $"duplicate or reordered: {sequence} after {Received - 1}" : $"lost: expected {Received}, got {sequence}");
                    }

                    if (!intact)
                    {
                        Problems.Add($"corrupted: message {sequence}");
                    }

                    Received++;
                    sinceProgress.Restart();
                    _window.Release();
                }

                Bytes += message.Length;
                if (Problems.Count > 0)
                {
                    return;
                }
            }
        }
    }
}
