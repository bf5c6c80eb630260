using System.Diagnostics;
using System.Text;
using WLSockets.Internal;
using WLSockets.Tests.Fakes;
using WLSockets.Transports.Tls;

namespace WLSockets.Tests.Tls;

/// <summary>
/// The TLS transport keeps the <see cref="Transports.Transport"/> contract: a timeout or a cancellation loses nothing,
/// a close wakes blocked receives, the peer's close and reset surface as with TCP, back-pressure reaches the sender.
/// </summary>
public class TlsTransportTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receive_timeout_keeps_the_partial_message_for_the_next_receive(bool blocking)
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        pair.Server.Mode = TransmissionMode.NoEndTag; // to send half a frame
        await pair.Server.SendAsync("9\r\nHello", Loopback.Ct).Within();

        var ex = blocking
            ? await Loopback.OnThread(() => Assert.Throws<WLSocketException>(() => pair.Client.Receive(TimeSpan.FromMilliseconds(200)))).Within()
            : await Assert.ThrowsAsync<WLSocketException>(() => pair.Client.ReceiveAsync(TimeSpan.FromMilliseconds(200), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, ex.Error);
        Assert.Equal(8, pair.Client.BufferedByteCount);

        await pair.Server.SendAsync("Word", Loopback.Ct).Within();
        string message = blocking
            ? await Loopback.OnThread(() => pair.Client.ReceiveString(Loopback.Deadline)).Within()
            : await pair.Client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.Equal("HelloWord", message);
    }

    [Fact]
    public async Task A_zero_timeout_returns_what_is_already_there()
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        Assert.Equal(WLSocketError.Timeout, Assert.Throws<WLSocketException>(() => pair.Client.Receive(TimeSpan.Zero)).Error);
        pair.Server.Mode = TransmissionMode.NoEndTag;
        await pair.Server.SendAsync("5\r\nready4\r\nsync", Loopback.Ct).Within(); // two frames in one TLS record
        Assert.Equal("ready", await pair.Client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within()); // both are here now
        Assert.Equal("sync", pair.Client.ReceiveString(TimeSpan.Zero));
    }

    [Fact]
    public async Task Cancelling_a_receive_loses_nothing()
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(Loopback.Ct))
        {
            ValueTask<byte[]> receive = pair.Client.ReceiveAsync(cts.Token);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive.AsTask().Within());
        }

        await pair.Server.SendAsync("intact", Loopback.Ct).Within();
        Assert.Equal("intact", await pair.Client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    [Fact]
    public async Task Close_from_another_thread_wakes_a_blocked_receive_with_ConnectionReset()
    {
        using MessageListener listener = TlsLoopback.Listen();
        TlsTransport tls = await TlsHandshake.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, true, TlsTestCertificates.TrustServer(), null, Deadline.After(Loopback.Deadline), Loopback.Ct).AsTask().Within();
        var signalling = new SignallingTransport(tls);
        var connection = new MessageConnection(signalling, new MessageConnectionOptions());
        using MessageConnection server = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();

        Task<Exception?> receive = Loopback.OnThread<Exception?>(() =>
        {
            try
            {
                connection.Receive();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        await signalling.ReceiveStarted.Task.Within();
        var watch = Stopwatch.StartNew();
        connection.Close();
        WLSocketException error = Assert.IsType<WLSocketException>(await receive.Within());
        Assert.Equal(WLSocketError.ConnectionReset, error.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"woke after {watch.Elapsed}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_waiting_receive_wakes_when_the_data_arrives(bool blocking)
    {
        using MessageListener listener = TlsLoopback.Listen();
        TlsTransport tls = await TlsHandshake.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, true, TlsTestCertificates.TrustServer(), null, Deadline.After(Loopback.Deadline), Loopback.Ct).AsTask().Within();
        var signalling = new SignallingTransport(tls);
        using var connection = new MessageConnection(signalling, new MessageConnectionOptions());
        using MessageConnection server = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();

        Task<string> receive = blocking
            ? Loopback.OnThread(() => connection.ReceiveString(Loopback.Deadline))
            : connection.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).AsTask();
        await signalling.ReceiveStarted.Task.Within(); // waiting for bytes now
        await server.SendAsync("late", Loopback.Ct).Within();
        Assert.Equal("late", await receive.Within());
    }

    [Fact]
    public async Task The_peer_s_graceful_close_delivers_everything_then_ConnectionClosed()
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        byte[] big = Encoding.ASCII.GetBytes(new string('x', 1_000_000));
        await pair.Server.SendAsync("first", Loopback.Ct).Within();
        await pair.Server.SendAsync(big, Loopback.Ct).Within();
        Task closing = pair.Server.CloseAsync();

        Assert.Equal("first", await pair.Client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(big, await pair.Client.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => pair.Client.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionClosed, ex.Error);
        Assert.True(pair.Client.IsPeerClosed);
        ex = Assert.Throws<WLSocketException>(() => pair.Client.Receive(TimeSpan.Zero)); // and again, blocking
        Assert.Equal(WLSocketError.ConnectionClosed, ex.Error);

        await pair.Client.CloseAsync().Within();
        await closing.Within();
    }

    [Fact]
    public async Task A_peer_reset_is_ConnectionReset()
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        pair.Server.Abort();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => pair.Client.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionReset, ex.Error);
    }

    [Fact]
    public async Task A_TCP_end_without_close_notify_ends_the_stream()
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        await pair.Server.SendAsync("last", Loopback.Ct).Within();
        ((TlsTransport)pair.Server.Transport).Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send); // FIN, no TLS alert

        Assert.Equal("last", await pair.Client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => pair.Client.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionClosed, ex.Error); // .NET reads a bare TCP end as the end of the TLS stream
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peer_that_never_reads_makes_the_send_time_out_and_reset(bool blocking)
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        pair.Client.SendTimeout = TimeSpan.FromMilliseconds(500);
        byte[] chunk = new byte[1 << 20];

        WLSocketException? error = null;
        for (int i = 0; i < 200 && error is null; i++) // the kernel buffers and the 64 KiB pipe fill long before 200 MiB
        {
            try
            {
                if (blocking)
                {
                    await Loopback.OnThread(() => pair.Client.Send(chunk)).Within();
                }
                else
                {
                    await pair.Client.SendAsync(chunk, Loopback.Ct).Within();
                }
            }
            catch (WLSocketException ex)
            {
                error = ex;
            }
        }

        Assert.NotNull(error);
        Assert.Equal(WLSocketError.Timeout, error.Error);
        Assert.True(pair.Server.BufferedByteCount + TlsTransport.PauseThreshold < 200 << 20);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Closing_ends_the_background_read_even_when_the_pipe_is_full(bool graceful)
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        var tls = (TlsTransport)pair.Client.Transport;
        Task send = pair.Server.SendAsync(new byte[4_000_000], Loopback.Ct).AsTask(); // the client never reads: its pipe fills
        var watch = Stopwatch.StartNew();
        while (tls.PipedByteCount < TlsTransport.PauseThreshold) // the pump fills the pipe, then pauses
        {
            Assert.True(watch.Elapsed < Loopback.Deadline, "the pipe never filled");
            await Task.Delay(10, Loopback.Ct); // polling a condition with no event to wait on
        }

        Assert.False(tls.PumpCompletion.IsCompleted);
        Assert.InRange(tls.PipedByteCount, TlsTransport.PauseThreshold, TlsTransport.PauseThreshold + (64 * 1024)); // bounded

        if (graceful)
        {
            pair.Server.Abort(); // so the graceful close does not wait for the peer's own close
            await pair.Client.CloseAsync().Within();
        }
        else
        {
            pair.Client.Abort();
        }

        await tls.PumpCompletion.Within();
        try
        {
            await send.Within(); // whether the kernel buffers took the rest or the reset cut it short, the send ends
        }
        catch (Exception ex) when (ex is WLSocketException or ObjectDisposedException)
        {
            // Cut short by the close.
        }
    }

    [Fact]
    public async Task Both_sides_can_send_large_messages_at_once()
    {
        await using Pair pair = await TlsLoopback.PairAsync();
        byte[] a = new byte[3_000_000];
        byte[] b = new byte[3_000_000];
        Random.Shared.NextBytes(a);
        Random.Shared.NextBytes(b);

        Task sendA = pair.Client.SendAsync(a, Loopback.Ct).AsTask();
        Task sendB = Loopback.OnThread(() => pair.Server.Send(b));
        Task<byte[]> receiveB = pair.Client.ReceiveAsync(Loopback.Ct).AsTask();
        Task<byte[]> receiveA = Loopback.OnThread(() => pair.Server.Receive(Loopback.Deadline));
        Assert.Equal(b, await receiveB.Within());
        Assert.Equal(a, await receiveA.Within());
        await Task.WhenAll(sendA, sendB).Within();
    }
}
