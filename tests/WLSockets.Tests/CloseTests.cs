using System.Diagnostics;
using System.Net.Sockets;
using WLSockets.Tests.Fakes;
using WLSockets.Transports.Tcp;

namespace WLSockets.Tests;

/// <summary>
/// Closing: from another thread it wakes blocked calls (tcp-core §13.5, S3); gracefully it loses nothing.
/// </summary>
public class CloseTests
{
    private static readonly TimeSpan s_wakeBound = TimeSpan.FromSeconds(5);

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Close_from_another_thread_wakes_a_blocked_sync_receive_with_ConnectionReset(bool peerClosesAtOnce)
    {
        using RawServer server = RawServer.Start();
        (MessageConnection connection, SignallingTransport transport, RawPeer peer) = await ConnectSignallingAsync(server);
        using RawPeer _ = peer;

        Task<Exception?> receive = Loopback.OnThread(() =>
        {
            try
            {
                connection.Receive(); // no timeout: only the close can end it
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        await transport.ReceiveStarted.Task.Within();

        var watch = Stopwatch.StartNew();
        connection.Close();
        if (peerClosesAtOnce)
        {
            // A peer that answers our end of stream by closing at once lets the graceful close finish quickly:
            // the blocked receive must still end with ConnectionReset, not with a disposal error.
            Assert.Empty(await peer.ReadToEndAsync());
            peer.Dispose();
        }

        Exception? error = await receive.Within();
        Assert.True(watch.Elapsed < s_wakeBound, $"the blocked receive woke after {watch.Elapsed}");
        WLSocketException socketError = Assert.IsType<WLSocketException>(error);
        Assert.Equal(WLSocketError.ConnectionReset, socketError.Error);
        await connection.CloseAsync().Within();
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Close_wakes_a_pending_ReceiveAsync_with_ConnectionReset(bool peerClosesAtOnce)
    {
        using RawPair pair = await RawPair.StartAsync();
        Task<byte[]> pending = pair.Connection.ReceiveAsync(Loopback.Ct).AsTask();
        Assert.False(pending.IsCompleted);

        var watch = Stopwatch.StartNew();
        pair.Connection.Close();
        if (peerClosesAtOnce)
        {
            Assert.Empty(await pair.Peer.ReadToEndAsync());
            pair.Peer.Dispose();
        }

        var error = await Assert.ThrowsAsync<WLSocketException>(() => pending).Within();
        Assert.Equal(WLSocketError.ConnectionReset, error.Error);
        Assert.True(watch.Elapsed < s_wakeBound, $"the pending receive woke after {watch.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task Abort_wakes_a_pending_receive_and_the_peer_sees_a_reset()
    {
        using RawPair pair = await RawPair.StartAsync();
        Task<byte[]> pending = pair.Connection.ReceiveAsync(Loopback.Ct).AsTask();
        pair.Connection.Abort();
        var error = await Assert.ThrowsAsync<WLSocketException>(() => pending).Within();
        Assert.Equal(WLSocketError.ConnectionReset, error.Error);
        var reset = await Assert.ThrowsAsync<SocketException>(() => pair.Peer.ReadToEndAsync()).Within();
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(TransmissionMode.SizePrefixed)]
    [InlineData(TransmissionMode.EndTagBuffer)]
    public async Task Graceful_close_delivers_every_message_sent_before_it(TransmissionMode mode)
    {
        // Close right after writing, while the peer has not read anything AND the closing side has unread data
        // from the peer (the case where a plain close would send a reset and destroy data in flight).
        const int count = 200;
        var options = new MessageConnectionOptions { Mode = mode };
        await using Pair pair = await Loopback.PairAsync(options);
        await pair.Server.SendAsync("unread by the client", Loopback.Ct).Within();
        byte[] payload = RoundTripTests.RandomPayload(10_000, seed: 3);
        for (int i = 0; i < count; i++)
        {
            payload[0] = (byte)i;
            await pair.Client.SendAsync(payload, Loopback.Ct).Within();
        }

        Task closing = pair.Client.CloseAsync();

        for (int i = 0; i < count; i++)
        {
            byte[] message = await pair.Server.ReceiveAsync(Loopback.Ct).Within();
            Assert.Equal(payload.Length, message.Length);
            Assert.Equal((byte)i, message[0]);
            Assert.True(payload.AsSpan(1).SequenceEqual(message.AsSpan(1)), $"message {i} differs");
        }

        var end = await Assert.ThrowsAsync<WLSocketException>(() => pair.Server.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
        await pair.Server.CloseAsync().Within();
        await closing.Within();
    }

    [Fact(Timeout = 30_000)]
    public async Task Graceful_close_gives_up_on_a_silent_peer_after_CloseTimeout()
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { CloseTimeout = TimeSpan.FromMilliseconds(300) });
        var watch = Stopwatch.StartNew();
        await pair.Connection.CloseAsync().Within(); // the raw peer never closes its side
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"close took {watch.Elapsed}");
        Assert.Empty(await pair.Peer.ReadToEndAsync());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Close_wakes_a_send_blocked_on_a_peer_that_does_not_read(bool sync)
    {
        // The send outlives the close's wait for idle sends (CloseTimeout): it must still end with its own network
        // error, not with a disposal error.
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions
        {
            SendTimeout = Timeout.InfiniteTimeSpan,
            CloseTimeout = TimeSpan.FromMilliseconds(200),
        });
        byte[] big = new byte[64 * 1024 * 1024]; // far more than the socket buffers hold: the send blocks
        Task<Exception?> send = Loopback.OnThread(() =>
        {
            try
            {
                if (sync)
                {
                    pair.Connection.Send(big);
                }
                else
                {
                    pair.Connection.SendAsync(big, Loopback.Ct).AsTask().GetAwaiter().GetResult();
                }

                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });

        // The peer reads a little so we know the send is in progress, then stops reading.
        Assert.Equal((byte)'6', (await pair.Peer.ReadExactlyAsync(1))[0]); // "67108864\r\n..."
        var watch = Stopwatch.StartNew();
        await pair.Connection.CloseAsync().Within();
        Exception? error = await send.Within();
        Assert.True(watch.Elapsed < s_wakeBound, $"the blocked send ended after {watch.Elapsed}");
        WLSocketException socketError = Assert.IsType<WLSocketException>(error);
        Assert.Equal(WLSocketError.ConnectionReset, socketError.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task Send_after_close_is_ObjectDisposed()
    {
        using RawPair pair = await RawPair.StartAsync();
        pair.Connection.Close();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Connection.SendAsync("late", Loopback.Ct).AsTask()).Within();
        Assert.Throws<ObjectDisposedException>(() => pair.Connection.Send("late"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Receive_after_close_fails_at_once()
    {
        using RawPair pair = await RawPair.StartAsync();
        await pair.Connection.CloseAsync().Within();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.Throws<ObjectDisposedException>(() => pair.Connection.Receive(TimeSpan.Zero));
    }

    private static async Task<(MessageConnection Connection, SignallingTransport Transport, RawPeer Peer)> ConnectSignallingAsync(RawServer server)
    {
        Task<RawPeer> accept = server.AcceptAsync();
        var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint, Loopback.Ct).AsTask().Within();
        var transport = new SignallingTransport(new TcpTransport(socket));
        var connection = new MessageConnection(transport, new MessageConnectionOptions());
        return (connection, transport, await accept);
    }
}
