using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests;

/// <summary>Connect and listen failures map to a specific <see cref="WLSocketError"/> (G4), quickly.</summary>
public class ConnectErrorTests
{
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nothing_listening_is_ConnectionRefused_at_once(bool sync)
    {
        // The port stays bound (so no other test can take it) but nothing listens on it: the OS answers with a reset.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        var watch = Stopwatch.StartNew();
        WLSocketException error = await ConnectErrorAsync("127.0.0.1", port, new MessageConnectionOptions { ConnectTimeout = TimeSpan.FromSeconds(10) }, sync);
        Assert.Equal(WLSocketError.ConnectionRefused, error.Error);
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"refusal took {watch.Elapsed} (T1: a refused connection fails immediately)");
    }

    [Fact(Timeout = 30_000)]
    public async Task Port_of_a_listener_just_closed_is_ConnectionRefused()
    {
        var listener = MessageListener.Start("127.0.0.1", 0);
        int port = listener.LocalEndPoint.Port;
        listener.Dispose();
        WLSocketException error = await ConnectErrorAsync("127.0.0.1", port, null, sync: false);
        Assert.Equal(WLSocketError.ConnectionRefused, error.Error);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unresolvable_host_is_HostNotFound(bool sync)
    {
        WLSocketException error = await ConnectErrorAsync(Loopback.UnresolvableHost, 5000, null, sync);
        Assert.Equal(WLSocketError.HostNotFound, error.Error);
        Assert.Contains(Loopback.UnresolvableHost, error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_answer_within_ConnectTimeout_is_Timeout(bool sync)
    {
        // Deterministic "no answer" without leaving loopback: a raw listener with backlog 1 that never accepts.
        // Connect to it until one attempt does not complete: the accept queue is then full and Linux drops further
        // SYNs (the client keeps retrying in SYN_SENT) instead of refusing them. Then the library must time out.
        using RawServer server = RawServer.Start(backlog: 1);
        var fillers = new List<Socket>();
        try
        {
            bool full = false;
            for (int i = 0; i < 16 && !full; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(Loopback.Ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    await filler.ConnectAsync(server.EndPoint, attempt.Token);
                }
                catch (OperationCanceledException) when (!Loopback.Ct.IsCancellationRequested)
                {
                    full = true;
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    Assert.Skip("This OS refuses connections when the listen backlog is full instead of dropping them, so a loopback connect timeout cannot be produced.");
                }
            }

            Assert.True(full, "the listen backlog never filled up");

            var timeout = TimeSpan.FromMilliseconds(300);
            var watch = Stopwatch.StartNew();
            WLSocketException error = await ConnectErrorAsync("127.0.0.1", server.Port, new MessageConnectionOptions { ConnectTimeout = timeout }, sync);
            Assert.Equal(WLSocketError.Timeout, error.Error);
            Assert.True(watch.Elapsed >= timeout - TimeSpan.FromMilliseconds(50), $"gave up after {watch.Elapsed}, before the {timeout} budget");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {watch.Elapsed}, long after the {timeout} budget");
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Second_listener_on_a_port_in_use_with_exclusive_address_is_AddressInUse()
    {
        // SocketAdresseUnique (tcp-core §1.7): creation fails when the port is taken.
        using var first = MessageListener.Start("127.0.0.1", 0);
        var error = Assert.Throws<WLSocketException>(() => MessageListener.Start("127.0.0.1", first.LocalEndPoint.Port, exclusiveAddress: true));
        Assert.Equal(WLSocketError.AddressInUse, error.Error);
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        Assert.Contains(first.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_exclusive_listener_on_a_port_held_by_an_exclusive_listener_is_AddressInUse()
    {
        using var first = MessageListener.Start("127.0.0.1", 0, exclusiveAddress: true);
        var error = Assert.Throws<WLSocketException>(() => MessageListener.Start("127.0.0.1", first.LocalEndPoint.Port, exclusiveAddress: true));
        Assert.Equal(WLSocketError.AddressInUse, error.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task Default_listener_can_be_recreated_at_once_on_a_port_left_in_TIME_WAIT()
    {
        // tcp-core §3.5: address reuse is on by default so a restarted server does not wait for the OS.
        int port;
        using (var listener = MessageListener.Start("127.0.0.1", 0))
        {
            port = listener.LocalEndPoint.Port;
            using RawPeer client = await RawPeer.ConnectAsync(listener.LocalEndPoint);
            MessageConnection server = await listener.AcceptAsync(Loopback.Ct).Within();
            await server.CloseAsync().WaitAsync(Loopback.Deadline, Loopback.Ct); // server closes first: TIME_WAIT on its side
            Assert.Empty(await client.ReadToEndAsync());
        }

        using var again = MessageListener.Start("127.0.0.1", port);
        Assert.Equal(port, again.LocalEndPoint.Port);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public async Task Invalid_port_is_ArgumentOutOfRange(int port)
    {
        // G7: 1 to 65535.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MessageConnection.ConnectAsync("127.0.0.1", port, cancellationToken: Loopback.Ct).AsTask());
        if (port != 0)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => MessageListener.Start("127.0.0.1", port));
        }
    }

    private static async Task<WLSocketException> ConnectErrorAsync(string host, int port, MessageConnectionOptions? options, bool sync)
    {
        if (sync)
        {
            WLSocketException? error = await Loopback.OnThread(() =>
            {
                try
                {
                    MessageConnection.Connect(host, port, options).Abort();
                    return null;
                }
                catch (WLSocketException ex)
                {
                    return ex;
                }
            }).Within();
            return error ?? throw new Xunit.Sdk.XunitException("The connection succeeded.");
        }

        return await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync(host, port, options, Loopback.Ct).AsTask()).Within();
    }
}
