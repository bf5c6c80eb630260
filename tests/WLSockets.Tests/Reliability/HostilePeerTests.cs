using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests.Reliability;

/// <summary>
/// Peers that misbehave on purpose: a reset in the middle of a message, half-closes in each direction, a slow-loris peer
/// trickling one byte per second. (A peer that never reads: <see cref="BackPressureTests"/>.)
/// </summary>
public class HostilePeerTests
{
    public static TheoryData<TransmissionMode, string, string> Modes => new()
    {
        { TransmissionMode.SizePrefixed, "5\r\nfirst", "9\r\nHel" },
        { TransmissionMode.EndTag, "first<EOF>", "Hello wo" },
        { TransmissionMode.EndTagBuffer, "first<EOF>", "Hello<EO" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_peer_that_resets_mid_message_is_ConnectionReset_and_no_partial_message_is_returned(TransmissionMode mode, string whole, string partial)
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = mode });
        await pair.Peer.SendAsync(whole);
        Assert.Equal("first", Encoding.ASCII.GetString(await pair.Connection.ReceiveAsync(Loopback.Ct).Within()));

        await pair.Peer.SendAsync(partial);
        pair.Peer.Reset(); // RST right after half a frame

        var error = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.True(error.Error is WLSocketError.ConnectionReset, $"{error.Error}: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));

        // Every later receive says the same; a send fails too instead of writing into a dead connection.
        var again = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.True(again.Error is WLSocketError.ConnectionReset or WLSocketError.ConnectionClosed, $"{again.Error}: {again.Message}");
    }

    [Fact]
    public async Task When_the_peer_half_closes_its_messages_arrive_then_the_end_and_it_still_receives_ours()
    {
        using RawPair pair = await RawPair.StartAsync();
        await pair.Peer.SendAsync("3\r\none3\r\ntwo");
        pair.Peer.ShutdownSend(); // FIN: the peer will send nothing more, but still reads

        Assert.Equal("one", Encoding.ASCII.GetString(await pair.Connection.ReceiveAsync(Loopback.Ct).Within()));
        Assert.Equal("two", Encoding.ASCII.GetString(await pair.Connection.ReceiveAsync(Loopback.Ct).Within()));
        var end = await Assert.ThrowsAsync<WLSocketException>(() => pair.Connection.ReceiveAsync(Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.ConnectionClosed, end.Error);
        Assert.True(pair.Connection.IsPeerClosed);

        // Our direction is still open: the peer reads every message we send after its FIN.
        for (int i = 0; i < 50; i++)
        {
            await pair.Connection.SendAsync($"reply {i}", Loopback.Ct).Within();
        }

        await pair.Connection.CloseAsync().Within();
        string received = Encoding.ASCII.GetString(await pair.Peer.ReadToEndAsync().Within());
        Assert.Equal(string.Concat(Enumerable.Range(0, 50).Select(i => $"{$"reply {i}".Length}\r\nreply {i}")), received);
    }

    [Fact]
    public async Task When_we_close_first_the_peer_reads_everything_then_the_end_and_may_still_send_without_a_reset()
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { CloseTimeout = TimeSpan.FromSeconds(10) });
        for (int i = 0; i < 100; i++)
        {
            await pair.Connection.SendAsync($"m{i}", Loopback.Ct).Within();
        }

        Task closing = pair.Connection.CloseAsync(); // FIN after every byte, then waits for the peer's end (bounded linger)
        string received = Encoding.ASCII.GetString(await pair.Peer.ReadToEndAsync().Within());
        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Select(i => $"{$"m{i}".Length}\r\nm{i}")), received);
        Assert.False(closing.IsCompleted, "the close finished before the peer closed its side: a late write from the peer would be answered with a reset");

        // The peer's own direction is still open: what it sends now is read and dropped, not answered with a reset.
        await pair.Peer.SendAsync("5\r\nlate!");
        pair.Peer.ShutdownSend();
        await closing.Within();
        Assert.Empty(await pair.Peer.ReadToEndAsync().Within()); // an orderly end, not ECONNRESET
    }

    [Fact(Timeout = 60_000)]
    public async Task A_slow_loris_peer_is_freed_by_the_read_timeout_and_others_are_served_meanwhile()
    {
        // The server gives each message ReadTimeout; a peer that trickles a header and one byte per second can hold a
        // connection that long, no longer, and never delays the other clients.
        TimeSpan readTimeout = TimeSpan.FromSeconds(3);
        await using var listener = MessageListener.Start("127.0.0.1", 0);
        var outcomes = new ConcurrentDictionary<int, WLSocketException?>();
        var freed = new TaskCompletionSource<WLSocketException>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            while (true)
            {
                MessageConnection connection;
                try
                {
                    connection = await listener.AcceptAsync(Loopback.Ct);
                }
                catch (Exception ex) when (ex is WLSocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return; // the listener closed at the end of the test
                }

                _ = Task.Run(async () =>
                {
                    await using MessageConnection c = connection;
                    try
                    {
                        while (true)
                        {
                            byte[] message = await c.ReceiveAsync(readTimeout, Loopback.Ct);
                            await c.SendAsync(message, Loopback.Ct);
                        }
                    }
                    catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
                    {
                        freed.TrySetResult(ex); // only the slow peer ever times out: the others close first
                    }
                    catch (WLSocketException)
                    {
                        // A well-behaved client closed.
                    }
                });
            }
        }, Loopback.Ct);

        using RawPeer slow = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        byte[] trickle = Encoding.ASCII.GetBytes("100\r\n" + new string('x', 100));
        int sent = 0;
        var firstByte = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var timer = new Timer(_ =>
        {
            int i = Interlocked.Increment(ref sent) - 1;
            if (i >= trickle.Length)
            {
                return;
            }

            try
            {
                slow.Socket.Send(trickle, i, 1, SocketFlags.None);
                firstByte.TrySetResult();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The server freed the connection: the trickle ends.
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await firstByte.Task.Within();

        // Ten other clients, each a few messages: served while the slow peer holds its connection.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async n =>
        {
            await using MessageConnection client = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, null, Loopback.Ct);
            for (int i = 0; i < 5; i++)
            {
                await client.SendAsync($"client {n} message {i}", Loopback.Ct);
                Assert.Equal($"client {n} message {i}", await client.ReceiveStringAsync(readTimeout, Loopback.Ct));
            }
        })).Within();

        WLSocketException timeout = await freed.Task.Within();
        Assert.Equal(WLSocketError.Timeout, timeout.Error);
        Assert.InRange(Volatile.Read(ref sent), 1, trickle.Length - 1); // freed before the message could complete
        byte[] rest = await slow.ReadToEndAsync().Within(); // the server closed it: end of stream, nothing echoed
        Assert.Empty(rest);
    }
}
