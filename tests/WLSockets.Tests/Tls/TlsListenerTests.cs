using System.Net.Sockets;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests.Tls;

/// <summary>
/// A TLS listener hands out only handshaken clients; bad clients (plain TCP, silent, refused) are dropped without
/// holding up the others (open question L11, as decided in docs/decisions.md).
/// </summary>
public class TlsListenerTests
{
    [Fact]
    public async Task A_plain_TCP_client_is_dropped_and_the_server_keeps_serving()
    {
        var failed = new TaskCompletionSource<TlsHandshakeFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        using MessageListener listener = TlsLoopback.Listen();
        listener.HandshakeFailed += (_, e) => failed.TrySetResult(e);

        using RawPeer plain = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        await plain.SendAsync("9\r\nHelloWord"); // WinDev framing without TLS
        TlsHandshakeFailedEventArgs dropped = await failed.Task.Within();
        Assert.Equal(WLSocketError.TlsHandshakeFailed, dropped.Error.Error);
        Assert.Equal(plain.LocalEndPoint.Port, dropped.RemoteEndPoint!.Port);
        await WaitClosedAsync(plain);
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));

        using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, TlsTestCertificates.ClientOptions(), Loopback.Ct).Within();
        using MessageConnection server = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();
        await client.SendAsync("after", Loopback.Ct).Within();
        Assert.Equal("after", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(1, listener.FailedHandshakeCount);
    }

    [Fact]
    public async Task A_silent_client_times_out_without_delaying_the_others()
    {
        var failed = new TaskCompletionSource<TlsHandshakeFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        using MessageListener listener = TlsLoopback.Listen(configure: tls => tls.HandshakeTimeout = TimeSpan.FromSeconds(3));
        listener.HandshakeFailed += (_, e) => failed.TrySetResult(e);
        using RawPeer silent = await RawPeer.ConnectAsync(listener.LocalEndPoint); // connects, never says hello

        using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, TlsTestCertificates.ClientOptions(), Loopback.Ct).Within();
        using MessageConnection server = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.False(failed.Task.IsCompleted, "the good client was served only after the silent one gave up");
        Assert.Equal(client.LocalEndPoint!.Port, server.RemoteEndPoint!.Port);

        TlsHandshakeFailedEventArgs timedOut = await failed.Task.Within();
        Assert.Equal(WLSocketError.Timeout, timedOut.Error.Error);
        Assert.Equal(silent.LocalEndPoint.Port, timedOut.RemoteEndPoint!.Port);
        await WaitClosedAsync(silent);
    }

    [Fact]
    public async Task A_timed_out_handshake_frees_its_slot()
    {
        var failed = new TaskCompletionSource<TlsHandshakeFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        using MessageListener listener = TlsLoopback.Listen(configure: tls =>
        {
            tls.MaxPendingConnections = 1; // the silent client takes the only slot
            tls.HandshakeTimeout = TimeSpan.FromMilliseconds(300);
        });
        listener.HandshakeFailed += (_, e) => failed.TrySetResult(e);
        using RawPeer silent = await RawPeer.ConnectAsync(listener.LocalEndPoint);

        // This client's TCP connection waits in the listen queue until the slot is freed, then its handshake runs.
        using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, TlsTestCertificates.ClientOptions(), Loopback.Ct).Within();
        Assert.True(failed.Task.IsCompleted, "the second handshake ran while the only slot was still taken");
        Assert.Equal(WLSocketError.Timeout, (await failed.Task).Error.Error);
        using MessageConnection server = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();
        await server.SendAsync("served", Loopback.Ct).Within();
        Assert.Equal("served", await client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    [Fact]
    public async Task WaitForConnection_AcceptPending_and_DenyPending_work_on_handshaken_clients()
    {
        using MessageListener listener = TlsLoopback.Listen();
        Assert.False(listener.WaitForConnection(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(WLSocketError.NoPendingConnection, Assert.Throws<WLSocketException>(listener.AcceptPending).Error);

        using MessageConnection first = await ConnectAsync(listener);
        Assert.True(await Loopback.OnThread(() => listener.WaitForConnection(Loopback.Deadline)).Within());
        Assert.True(listener.WaitForConnection(TimeSpan.Zero)); // waiting takes nothing
        using MessageConnection accepted = listener.AcceptPending();
        Assert.Equal(first.LocalEndPoint!.Port, accepted.RemoteEndPoint!.Port);
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));

        using MessageConnection refused = await ConnectAsync(listener);
        Assert.True(await Loopback.OnThread(() => listener.WaitForConnection(Loopback.Deadline)).Within());
        Assert.Equal(1, listener.DenyPending());
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => refused.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Contains(ex.Error, new[] { WLSocketError.ConnectionReset, WLSocketError.ConnectionClosed });
        Assert.Equal(0, listener.DenyPending());
    }

    [Fact]
    public async Task Blocking_accept_waits_for_a_handshaken_client_or_times_out()
    {
        using MessageListener listener = TlsLoopback.Listen();
        var ex = Assert.Throws<WLSocketException>(() => listener.Accept(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(WLSocketError.Timeout, ex.Error);

        Task<MessageConnection> accept = Loopback.OnThread(() => listener.Accept(Loopback.Deadline));
        using MessageConnection client = await ConnectAsync(listener);
        using MessageConnection server = await accept.Within();
        server.Send("blocking");
        Assert.Equal("blocking", await client.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    [Fact]
    public async Task Dispose_wakes_waiting_accepts_and_closes_clients_not_yet_taken()
    {
        MessageListener listener = TlsLoopback.Listen();
        using MessageConnection waiting = await ConnectAsync(listener);
        using var other = TlsLoopback.Listen();
        Task<MessageConnection> blocking = Loopback.OnThread(() => other.Accept());
        Task<MessageConnection> awaiting = other.AcceptAsync(Loopback.Ct).AsTask();
        Task<bool> wait = Loopback.OnThread(() => other.WaitForConnection(Timeout.InfiniteTimeSpan));

        other.Dispose();
        Assert.Equal(WLSocketError.ConnectionReset, (await Assert.ThrowsAsync<WLSocketException>(() => blocking.Within())).Error);
        Assert.Equal(WLSocketError.ConnectionReset, (await Assert.ThrowsAsync<WLSocketException>(() => awaiting.Within())).Error);
        Assert.False(await wait.Within());

        Assert.True(await Loopback.OnThread(() => listener.WaitForConnection(Loopback.Deadline)).Within());
        listener.Dispose(); // the handshaken client was never taken: it is reset
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => waiting.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Contains(ex.Error, new[] { WLSocketError.ConnectionReset, WLSocketError.ConnectionClosed });
    }

    [Fact]
    public async Task Accepted_TLS_connections_inherit_the_listener_framing()
    {
        using MessageListener listener = TlsLoopback.Listen(new MessageConnectionOptions { Mode = TransmissionMode.EndTag, Encoding = Text.WinDevEncodings.Utf8 });
        listener.SetMode(TransmissionMode.EndTagBuffer, "\r\n");
        var options = TlsTestCertificates.ClientOptions(TransmissionMode.EndTagBuffer);
        options.Marker = "\r\n";
        options.Encoding = Text.WinDevEncodings.Utf8;
        using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, Loopback.Ct).Within();
        using MessageConnection server = await listener.AcceptAsync(Loopback.Deadline, Loopback.Ct).Within();

        Assert.Equal(TransmissionMode.EndTagBuffer, server.Mode);
        Assert.Equal("\r\n"u8.ToArray(), server.Marker.ToArray());
        Assert.Equal(Text.WinDevEncodings.Utf8, server.Encoding);
        await client.SendAsync("é1", Loopback.Ct).Within();
        await client.SendAsync("é2", Loopback.Ct).Within();
        Assert.Equal("é1", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal("é2", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    private static async Task<MessageConnection> ConnectAsync(MessageListener listener) =>
        await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, TlsTestCertificates.ClientOptions(), Loopback.Ct).Within();

    /// <summary>Waits until the server closed the raw client's connection (end of stream or reset).</summary>
    private static async Task WaitClosedAsync(RawPeer peer)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (await peer.Socket.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct).AsTask().Within() > 0)
            {
                // A TLS alert may come first: skip it.
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed with unread data: the OS resets. Closed either way.
        }
    }
}
