using System.Net.Sockets;
using System.Security.Cryptography;
using WLSockets.Relay;

namespace WLSockets.Tests.Relay;

/// <summary>The relay copies both directions unchanged, passes half-close and reset on, and keeps memory bounded.</summary>
public class TraceRelayTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public async Task Random_streams_both_ways_with_random_splits_arrive_intact(int seed, bool wantsData)
    {
        await using RelayHarness harness = RelayHarness.Start(bufferSize: 16 * 1024, wantsData);
        (Socket client, Socket server) = await harness.ConnectAsync();
        var random = new Random(seed);
        byte[] up = RandomBytes(random, random.Next(200_000, 1_500_000));
        byte[] down = RandomBytes(random, random.Next(200_000, 1_500_000));

        // Both directions at once: each side sends, then ends its stream, while reading the other.
        Task<byte[]> atServer = RelayHarness.ReadToEndAsync(server, up.Length);
        Task<byte[]> atClient = RelayHarness.ReadToEndAsync(client, down.Length);
        Task sendUp = Task.Run(async () =>
        {
            await RelayHarness.SendSplitAsync(client, up, new Random(seed * 7));
            client.Shutdown(SocketShutdown.Send);
        }, Loopback.Ct);
        Task sendDown = Task.Run(async () =>
        {
            await RelayHarness.SendSplitAsync(server, down, new Random(seed * 13));
            server.Shutdown(SocketShutdown.Send);
        }, Loopback.Ct);
        await Task.WhenAll(sendUp, sendDown).Within();

        Assert.Equal(SHA256.HashData(up), SHA256.HashData(await atServer.Within()));
        Assert.Equal(SHA256.HashData(down), SHA256.HashData(await atClient.Within()));
        TraceClose close = await harness.Sink.Closed(1).Within();
        Assert.Equal(TraceCloseReason.Normal, close.Reason);
        Assert.Equal(up.Length, close.BytesClientToServer);
        Assert.Equal(down.Length, close.BytesServerToClient);
        IReadOnlyList<string> events = harness.Sink.Events;
        Assert.Equal(wantsData, events.Any(e => e.StartsWith("#1 data", StringComparison.Ordinal)));
        Assert.Contains("#1 half-close ClientToServer", events);
        Assert.Contains("#1 half-close ServerToClient", events);
        Assert.Equal(0, harness.Relay.BufferedBytes);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_half_close_is_passed_on_while_the_other_direction_keeps_flowing(bool clientClosesFirst)
    {
        await using RelayHarness harness = RelayHarness.Start();
        (Socket client, Socket server) = await harness.ConnectAsync();
        (Socket first, Socket second) = clientClosesFirst ? (client, server) : (server, client);

        await first.SendAsync("question"u8.ToArray(), SocketFlags.None, Loopback.Ct);
        first.Shutdown(SocketShutdown.Send);
        Assert.Equal("question"u8.ToArray(), await RelayHarness.ReadToEndAsync(second, 100));

        // The side that ended its stream still receives: the relay did not close the whole connection.
        byte[] answer = RandomBytes(new Random(5), 300_000);
        Task<byte[]> received = RelayHarness.ReadToEndAsync(first, answer.Length);
        await RelayHarness.SendSplitAsync(second, answer, new Random(6));
        second.Shutdown(SocketShutdown.Send);
        Assert.Equal(answer, await received.Within());

        TraceClose close = await harness.Sink.Closed(1).Within();
        Assert.Equal(TraceCloseReason.Normal, close.Reason);
        IReadOnlyList<string> events = harness.Sink.Events;
        string firstDirection = clientClosesFirst ? "ClientToServer" : "ServerToClient";
        string secondDirection = clientClosesFirst ? "ServerToClient" : "ClientToServer";
        Assert.True(events.ToList().IndexOf($"#1 half-close {firstDirection}") < events.ToList().IndexOf($"#1 half-close {secondDirection}"),
            "The half-closes were not reported in order: " + string.Join(" | ", events));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reset_is_passed_on_as_a_reset(bool clientResets)
    {
        await using RelayHarness harness = RelayHarness.Start();
        (Socket client, Socket server) = await harness.ConnectAsync();
        (Socket resetting, Socket other) = clientResets ? (client, server) : (server, client);

        // Make sure the relayed connection is fully up before the reset.
        await resetting.SendAsync("x"u8.ToArray(), SocketFlags.None, Loopback.Ct);
        Assert.Equal("x"u8.ToArray(), await RelayHarness.ReadExactlyAsync(other, 1));

        resetting.LingerState = new LingerOption(true, 0);
        resetting.Close();

        SocketException reset = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            byte[] buffer = new byte[16];
            while (await other.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct).AsTask().Within() > 0)
            {
            }
        });
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        TraceClose close = await harness.Sink.Closed(1).Within();
        Assert.Equal(TraceCloseReason.Reset, close.Reason);
        Assert.Equal(clientResets ? TraceDirection.ClientToServer : TraceDirection.ServerToClient, close.ResetBy);
    }

    [Fact(Timeout = 90_000)]
    public async Task Two_hundred_connections_at_once_each_get_their_own_bytes()
    {
        const int Count = 200;
        await using RelayHarness harness = RelayHarness.Start(bufferSize: 4096);

        // Echo at the target: every relayed connection gets its bytes back.
        Task echo = Task.Run(async () =>
        {
            var echoes = new List<Task>();
            for (int i = 0; i < Count; i++)
            {
                Socket server = await harness.AcceptAsync();
                echoes.Add(Task.Run(async () =>
                {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = await server.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct)) > 0)
                    {
                        await server.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, Loopback.Ct);
                    }

                    server.Shutdown(SocketShutdown.Send);
                }, Loopback.Ct));
            }

            await Task.WhenAll(echoes);
        }, Loopback.Ct);

        var clients = new List<Task>();
        for (int i = 0; i < Count; i++)
        {
            int index = i;
            clients.Add(Task.Run(async () =>
            {
                var client = harness.Track(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                await client.ConnectAsync(harness.Relay.LocalEndPoint, Loopback.Ct);
                byte[] payload = RandomBytes(new Random(index), 20_000 + index);
                Task<byte[]> back = RelayHarness.ReadToEndAsync(client, payload.Length);
                await RelayHarness.SendSplitAsync(client, payload, new Random(index + 1000));
                client.Shutdown(SocketShutdown.Send);
                Assert.Equal(payload, await back);
            }, Loopback.Ct));
        }

        await Task.WhenAll(clients).Within();
        await echo.Within();
        for (int id = 1; id <= Count; id++)
        {
            Assert.Equal(TraceCloseReason.Normal, (await harness.Sink.Closed(id).Within()).Reason);
        }

        Assert.Equal(Count, harness.Relay.TotalConnections);
        Loopback.Until(() => harness.Relay.ActiveConnections == 0, "every relayed connection to end");
        Assert.Equal(harness.Relay.BytesClientToServer, harness.Relay.BytesServerToClient);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reader_that_stalls_stops_the_writer_and_the_relay_holds_at_most_its_buffers()
    {
        const int BufferSize = 16 * 1024;
        await using RelayHarness harness = RelayHarness.Start(BufferSize);
        (Socket client, Socket server) = await harness.ConnectAsync();
        byte[] data = RandomBytes(new Random(9), 96 * 1024 * 1024);

        // The server does not read: the relay's writes block, so it stops reading the client, whose sends block too.
        Task send = Task.Run(() => RelayHarness.SendSplitAsync(client, data, new Random(10)), Loopback.Ct);
        await Assert.ThrowsAsync<TimeoutException>(() => send.WaitAsync(TimeSpan.FromSeconds(3), Loopback.Ct));

        // Everything the client managed to send sits in kernel buffers, not in the relay.
        Assert.InRange(harness.Relay.BufferedBytes, 0, BufferSize);
        Assert.True(harness.Relay.BytesClientToServer < data.Length / 2,
            $"The relay passed on {harness.Relay.BytesClientToServer:N0} of {data.Length:N0} bytes to a reader that never read.");

        // Once the server reads, everything arrives.
        Task<byte[]> received = RelayHarness.ReadExactlyAsync(server, data.Length);
        await send.Within();
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await received.Within()));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unreachable_target_closes_the_client_and_reports_an_error()
    {
        var sink = new RecordingSink();
        int closedPort;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port; // bound, never listening: refused
        }

        await using TraceRelay relay = TraceRelay.Start(new TraceRelayOptions { TargetHost = "127.0.0.1", TargetPort = closedPort, Sink = sink });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(relay.LocalEndPoint, Loopback.Ct);
        byte[] buffer = new byte[16];
        Assert.Equal(0, await client.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct).AsTask().Within());
        Assert.Equal(TraceCloseReason.Error, (await sink.Closed(1).Within()).Reason);
        Assert.Contains(sink.Events, e => e.StartsWith("#1 error RelayConnectFailed", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Tls_on_both_sides_relays_the_plaintext_and_the_sink_sees_it()
    {
        using var serverCertificate = CertificateLoader.CreateSelfSigned("localhost");
        using var relayCertificate = CertificateLoader.CreateSelfSigned("localhost");
        using MessageListener target = MessageListener.Start("127.0.0.1", 0, new MessageConnectionOptions(), new TlsServerOptions(serverCertificate));
        var sink = new MessageSink();
        await using TraceRelay relay = TraceRelay.Start(new TraceRelayOptions
        {
            TargetHost = "127.0.0.1",
            TargetPort = target.LocalEndPoint!.Port,
            ListenTls = new TlsServerOptions(relayCertificate),
            TargetTls = new TlsClientOptions { AllowInvalidCertificate = true },
            Sink = new TraceDecoder(sink, TransmissionMode.SizePrefixed, []),
        });

        await using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", relay.LocalEndPoint.Port,
            new MessageConnectionOptions { Tls = new TlsClientOptions { AllowInvalidCertificate = true } }, Loopback.Ct).Within();
        await using MessageConnection server = await target.AcceptAsync(Loopback.Ct).Within();
        await client.SendAsync("Bonjour", Loopback.Ct).Within();
        Assert.Equal("Bonjour", await server.ReceiveStringAsync(Loopback.Ct).Within());
        await server.SendAsync("Salut", Loopback.Ct).Within();
        Assert.Equal("Salut", await client.ReceiveStringAsync(Loopback.Ct).Within());
        Loopback.Until(() => sink.Messages.Count == 2, "the two decoded messages");
        Assert.Equal(["ClientToServer Bonjour", "ServerToClient Salut"], sink.Messages);
    }

    [Fact(Timeout = 30_000)]
    public async Task Event_timestamps_come_from_the_injected_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 13, 40, 41, TimeSpan.Zero).AddTicks(1234560));
        using var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        target.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        target.Listen();
        using var output = new MemoryStream();
        var writer = new TraceWriter(output, TraceFormat.Jsonl, leaveOpen: true);
        await using (TraceRelay relay = TraceRelay.Start(new TraceRelayOptions
        {
            TargetHost = "127.0.0.1",
            TargetPort = ((System.Net.IPEndPoint)target.LocalEndPoint!).Port,
            TimeProvider = clock,
            Sink = writer,
        }))
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(relay.LocalEndPoint, Loopback.Ct);
            using Socket server = await target.AcceptAsync(Loopback.Ct).AsTask().Within();
            await client.SendAsync("ping"u8.ToArray(), SocketFlags.None, Loopback.Ct);
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal("ping"u8.ToArray(), await RelayHarness.ReadToEndAsync(server, 4));
            server.Shutdown(SocketShutdown.Send);
            Assert.Empty(await RelayHarness.ReadToEndAsync(client, 0));
            Loopback.Until(() => relay.ActiveConnections == 0, "the relayed connection to close");
        }

        writer.Dispose();
        string[] lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["open", "data", "half-close", "half-close", "close"],
            lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
        Assert.All(lines, l => Assert.Contains("\"ts\":1795614041123456,\"time\":\"2026-11-25T13:40:41.123456Z\"", l, StringComparison.Ordinal));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] data = new byte[length];
        random.NextBytes(data);
        return data;
    }

    /// <summary>A clock that never moves.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Keeps the decoded messages as "Direction text".</summary>
    private sealed class MessageSink : ITraceSink
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public bool WantsData => true;

        public void OnOpen(long timestampMicros, TraceConnection connection)
        {
        }

        public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data)
        {
        }

        public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction)
        {
        }

        public void OnClose(long timestampMicros, TraceClose close)
        {
        }

        public void OnError(long timestampMicros, long connectionId, WLSocketException failure)
        {
        }

        public void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload)
        {
            lock (_messages)
            {
                _messages.Add($"{direction} {System.Text.Encoding.Latin1.GetString(payload)}");
            }
        }
    }
}
