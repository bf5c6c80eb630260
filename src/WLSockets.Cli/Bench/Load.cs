using System.Diagnostics;

namespace WLSockets.Cli.Bench;

/// <summary>The load patterns: ping-pong, pipelined window, one-way bulk. Each returns one <see cref="Sample"/>.</summary>
internal static class Load
{
    public static byte[] Payload(int size) => Enumerable.Repeat((byte)'x', size).ToArray();

    /// <summary>One message in flight: send, wait for the whole echo, repeat; every round trip timed.</summary>
    public static async Task<Sample> PingPongAsync(IBenchClient client, int size, TimeSpan warmUp, TimeSpan duration, long maxMessages, CancellationToken cancellationToken)
    {
        byte[] payload = Payload(size);
        var histogram = new LatencyHistogram();
        long warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUpEnd)
        {
            await RoundTripAsync(client, payload, cancellationToken);
        }

        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated0 = GC.GetTotalAllocatedBytes();
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long messages = 0;
        long now = start;
        while (now < end && messages < maxMessages)
        {
            await RoundTripAsync(client, payload, cancellationToken);
            long after = Stopwatch.GetTimestamp();
            histogram.Record(ToNanoseconds(after - now));
            now = after;
            messages++;
        }

        return new Sample
        {
            Seconds = Stopwatch.GetElapsedTime(start, now).TotalSeconds,
            Messages = messages,
            Bytes = messages * size,
            CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds,
            AllocatedBytes = GC.GetTotalAllocatedBytes() - allocated0,
            Latency = histogram,
        };
    }

    private static async ValueTask RoundTripAsync(IBenchClient client, byte[] payload, CancellationToken cancellationToken)
    {
        await client.SendAsync(payload, cancellationToken);
        int received = 0;
        while (received < payload.Length)
        {
            received += await client.ReceiveAsync(cancellationToken);
        }
    }

    /// <summary>
    /// <paramref name="inFlight"/> messages in flight in total, spread over the clients: each client's sender keeps
    /// its share outstanding while its receiver times every echo (send-to-echo latency).
    /// </summary>
    public static async Task<Sample> PipelinedAsync(IReadOnlyList<IBenchClient> clients, int size, int inFlight, TimeSpan warmUp, TimeSpan duration, long maxMessages, CancellationToken cancellationToken)
    {
        int window = Math.Max(1, inFlight / clients.Count);
        byte[] payload = Payload(size);
        var pipes = clients.Select(c => new Pipeline(c, window, size)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] running = pipes.Select(p => p.RunAsync(payload, stop.Token)).ToArray();
        try
        {
            await Task.Delay(warmUp, cancellationToken);
            foreach (Pipeline pipe in pipes)
            {
                pipe.StartRecording();
            }

            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long allocated0 = GC.GetTotalAllocatedBytes();
            long start = Stopwatch.GetTimestamp();
            long perClient = Math.Max(1, maxMessages / clients.Count);
            await WaitUntilAsync(() => pipes.All(p => p.Recorded >= perClient) || running.Any(t => t.IsCompleted), duration, cancellationToken);
            foreach (Pipeline pipe in pipes)
            {
                pipe.StopRecording();
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            long allocated = GC.GetTotalAllocatedBytes() - allocated0;
            if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed; // report the first failure
            }

            var histogram = new LatencyHistogram();
            foreach (Pipeline pipe in pipes)
            {
                histogram.Add(pipe.Histogram);
            }

            long messages = pipes.Sum(p => p.Recorded);
            return new Sample { Seconds = seconds, Messages = messages, Bytes = messages * size, CpuSeconds = cpu.TotalSeconds, AllocatedBytes = allocated, Latency = histogram };
        }
        finally
        {
            await stop.CancelAsync();
            foreach (IBenchClient client in clients)
            {
                await client.DisposeAsync(); // wakes the loops
            }

            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    /// <summary>One direction, as iperf3: the client sends as fast as it can, the sink server counts what arrives.</summary>
    public static async Task<Sample> BulkAsync(IBenchClient client, IBenchServer server, int size, TimeSpan warmUp, TimeSpan duration, long maxMessages, CancellationToken cancellationToken)
    {
        byte[] payload = Payload(size);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sending = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await client.SendAsync(payload, stop.Token);
            }
        }, CancellationToken.None);
        try
        {
            await Task.Delay(warmUp, cancellationToken);
            long bytes0 = server.ReceivedBytes;
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long allocated0 = GC.GetTotalAllocatedBytes();
            long start = Stopwatch.GetTimestamp();
            long maxBytes = maxMessages > long.MaxValue / size ? long.MaxValue : maxMessages * size;
            await WaitUntilAsync(() => server.ReceivedBytes - bytes0 >= maxBytes || sending.IsCompleted, duration, cancellationToken);
            long bytes = server.ReceivedBytes - bytes0;
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            long allocated = GC.GetTotalAllocatedBytes() - allocated0;
            if (sending.IsFaulted)
            {
                await sending;
            }

            return new Sample { Seconds = seconds, Messages = bytes / size, Bytes = bytes, CpuSeconds = cpu.TotalSeconds, AllocatedBytes = allocated };
        }
        finally
        {
            await stop.CancelAsync();
            await client.DisposeAsync();
            await sending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Polls <paramref name="done"/> every 10 ms for at most <paramref name="duration"/>.</summary>
    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan duration, CancellationToken cancellationToken)
    {
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && !done())
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    public static long ToNanoseconds(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>One connection of the pipelined load: a sender bounded by a window, a receiver timing each echo.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never allocates a wait handle (only WaitAsync and Release are used).")]
    private sealed class Pipeline(IBenchClient client, int window, int size)
    {
        private readonly SemaphoreSlim _window = new(window, window);
        private readonly long[] _sentAt = new long[window];
        private volatile bool _recording;
        private long _recorded;

        public LatencyHistogram Histogram { get; } = new();

        public long Recorded => Interlocked.Read(ref _recorded);

        public void StartRecording() => _recording = true;

        public void StopRecording() => _recording = false;

        public Task RunAsync(byte[] payload, CancellationToken cancellationToken) =>
            Task.WhenAll(Task.Run(() => SendAsync(payload, cancellationToken), CancellationToken.None), Task.Run(() => ReceiveAsync(cancellationToken), CancellationToken.None));

        private async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
        {
            long sent = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                await _window.WaitAsync(cancellationToken);
                Volatile.Write(ref _sentAt[sent % window], Stopwatch.GetTimestamp());
                sent++;
                await client.SendAsync(payload, cancellationToken);
            }
        }

        private async Task ReceiveAsync(CancellationToken cancellationToken)
        {
            long received = 0;
            long bytes = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                bytes += await client.ReceiveAsync(cancellationToken);
                while (bytes >= size)
                {
                    bytes -= size;
                    long sentAt = Volatile.Read(ref _sentAt[received % window]);
                    received++;
                    if (_recording)
                    {
                        Histogram.Record(ToNanoseconds(Stopwatch.GetTimestamp() - sentAt));
                        Interlocked.Increment(ref _recorded);
                    }

                    _window.Release();
                }
            }
        }
    }
}
