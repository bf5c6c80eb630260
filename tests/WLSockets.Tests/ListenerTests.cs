using System.Diagnostics;
using System.Net.Sockets;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests;

/// <summary>
/// SocketAttendConnexion / SocketAccepte / SocketRefuse semantics (tcp-core §4–6, S1, S2, T3) and waking on Dispose.
/// </summary>
public class ListenerTests
{
    private static readonly TimeSpan s_wakeBound = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 30_000)]
    public async Task WaitForConnection_without_a_client_returns_false_after_the_timeout()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        var timeout = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        Assert.False(await Loopback.OnThread(() => listener.WaitForConnection(timeout)).Within());
        Assert.True(watch.Elapsed >= timeout - TimeSpan.FromMilliseconds(50), $"returned after {watch.Elapsed}");
        Assert.True(watch.Elapsed < s_wakeBound, $"returned after {watch.Elapsed}");
    }

    [Fact]
    public void WaitForConnection_with_zero_polls_once()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        var watch = Stopwatch.StartNew();
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"a zero wait took {watch.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task WaitForConnection_reports_a_pending_client_without_accepting_it()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        using RawPeer client = await RawPeer.ConnectAsync(listener.LocalEndPoint);

        Assert.True(await Loopback.OnThread(() => listener.WaitForConnection(Loopback.Deadline)).Within());
        Assert.True(listener.WaitForConnection(TimeSpan.Zero)); // still pending: waiting accepts nothing

        using MessageConnection accepted = listener.AcceptPending();
        Assert.Equal(client.LocalEndPoint, accepted.RemoteEndPoint);
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));

        // The accepted connection works.
        await client.SendAsync("2\r\nhi");
        Assert.Equal("hi", await accepted.ReceiveStringAsync(Loopback.Ct).Within());
    }

    [Fact]
    public void AcceptPending_with_nothing_pending_is_NoPendingConnection_without_blocking()
    {
        // S1: never block; fail with a specific error.
        using var listener = MessageListener.Start("127.0.0.1", 0);
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<WLSocketException>(() => listener.AcceptPending());
        Assert.Equal(WLSocketError.NoPendingConnection, error.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task DenyPending_refuses_the_pending_client_which_then_reads_reset_or_end()
    {
        // S2: accept and close each pending connection (abortively); the client's next read fails.
        using var listener = MessageListener.Start("127.0.0.1", 0);
        using RawPeer client = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        Assert.True(await Loopback.OnThread(() => listener.WaitForConnection(Loopback.Deadline)).Within());

        Assert.Equal(1, listener.DenyPending());

        Exception? readError = null;
        int read = -1;
        try
        {
            read = (await client.ReadToEndAsync()).Length;
        }
        catch (SocketException ex)
        {
            readError = ex;
        }

        Assert.True(read == 0 || readError is SocketException { SocketErrorCode: SocketError.ConnectionReset },
            $"the denied client read {read} bytes / {readError}");
        Assert.Equal(WLSocketError.NoPendingConnection, Assert.Throws<WLSocketException>(() => listener.AcceptPending()).Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task DenyPending_refuses_every_pending_client_and_nothing_when_none()
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        Assert.Equal(0, listener.DenyPending());
        using RawPeer a = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        using RawPeer b = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        using RawPeer c = await RawPeer.ConnectAsync(listener.LocalEndPoint);
        Assert.Equal(3, listener.DenyPending());
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Accept_with_a_timeout_and_no_client_is_Timeout(bool sync)
    {
        using var listener = MessageListener.Start("127.0.0.1", 0);
        var timeout = TimeSpan.FromMilliseconds(300);
        WLSocketException error = sync
            ? await Loopback.OnThread(() => Assert.Throws<WLSocketException>(() => listener.Accept(timeout))).Within()
            : await Assert.ThrowsAsync<WLSocketException>(() => listener.AcceptAsync(timeout, Loopback.Ct).AsTask()).Within();
        Assert.Equal(WLSocketError.Timeout, error.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task Dispose_wakes_WaitForConnection_which_returns_false()
    {
        var listener = MessageListener.Start("127.0.0.1", 0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool> wait = Loopback.OnThread(() =>
        {
            started.SetResult();
            return listener.WaitForConnection(Timeout.InfiniteTimeSpan);
        });
        await started.Task.Within();
        var watch = Stopwatch.StartNew();
        listener.Dispose();
        Assert.False(await wait.Within());
        Assert.True(watch.Elapsed < s_wakeBound, $"woke after {watch.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task Dispose_wakes_a_pending_AcceptAsync_with_ConnectionReset()
    {
        var listener = MessageListener.Start("127.0.0.1", 0);
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
        Assert.False(accept.IsCompleted);
        listener.Dispose();
        var error = await Assert.ThrowsAsync<WLSocketException>(() => accept).Within();
        Assert.Equal(WLSocketError.ConnectionReset, error.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task Dispose_wakes_a_blocked_sync_Accept_with_ConnectionReset()
    {
        // The class contract: Dispose makes waiting accepts fail with ConnectionReset, blocking or not.
        var listener = MessageListener.Start("127.0.0.1", 0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Exception?> accept = Loopback.OnThread(() =>
        {
            started.SetResult();
            try
            {
                listener.Accept().Abort();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        await started.Task.Within();
        var watch = Stopwatch.StartNew();
        listener.Dispose();
        Exception? error = await accept.Within();
        Assert.True(watch.Elapsed < s_wakeBound, $"woke after {watch.Elapsed}");
        Assert.Equal(WLSocketError.ConnectionReset, Assert.IsType<WLSocketException>(error).Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task After_Dispose_accepts_are_ObjectDisposed_and_waits_are_false()
    {
        var listener = MessageListener.Start("127.0.0.1", 0);
        listener.Dispose();
        listener.Dispose(); // idempotent
        Assert.False(listener.WaitForConnection(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(() => listener.AcceptPending());
        Assert.Throws<ObjectDisposedException>(() => listener.Accept(TimeSpan.Zero));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => listener.AcceptAsync(Loopback.Ct).AsTask()).Within();
    }

    [Fact(Timeout = 30_000)]
    public async Task Closing_the_listener_keeps_accepted_connections_open()
    {
        // tcp-core §5.4: closing the listening socket does not close existing channels.
        await using Pair pair = await Loopback.PairAsync();
        pair.Listener.Dispose();
        await pair.Client.SendAsync("still here", Loopback.Ct).Within();
        Assert.Equal("still here", await pair.Server.ReceiveStringAsync(Loopback.Ct).Within());
    }
}
