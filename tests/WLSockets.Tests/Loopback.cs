using System.Net;
using System.Net.Sockets;

namespace WLSockets.Tests;

/// <summary>
/// Loopback plumbing shared by the integration tests: port 0 everywhere, every wait bounded by <see cref="Deadline"/>
/// and the test's cancellation token.
/// </summary>
internal static class Loopback
{
    /// <summary>The longest any single wait in a test may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A host name that never resolves and never causes a DNS query (tests send nothing beyond loopback): its first
    /// label is longer than 63 characters, so the resolver refuses it locally.
    /// </summary>
    public static readonly string UnresolvableHost = new string('x', 64) + ".invalid";

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, within <see cref="Deadline"/>, for kernel state that raises no
    /// event (a datagram queued, a port listed): spins briefly, never sleeps a fixed time.
    /// </summary>
    public static void Until(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, Deadline), $"timed out waiting until {what}");

    /// <summary>A task completed when a UDP receive on <paramref name="socket"/> is about to wait.</summary>
    public static Task ReceiveWaiting(DatagramSocket socket)
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        socket.Channel.ReceiveWaiting += () => waiting.TrySetResult();
        return waiting.Task;
    }

    /// <summary>Awaits <paramref name="task"/> within <see cref="Deadline"/>.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Deadline, Ct);

    /// <inheritdoc cref="Within{T}(Task{T})"/>
    public static Task Within(this Task task) => task.WaitAsync(Deadline, Ct);

    /// <inheritdoc cref="Within{T}(Task{T})"/>
    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Deadline, Ct);

    /// <inheritdoc cref="Within{T}(Task{T})"/>
    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Deadline, Ct);

    /// <summary>
    /// Runs a blocking call on its own thread (so a hang cannot stall the test runner) and returns its task; await it
    /// with <see cref="Within{T}(Task{T})"/>.
    /// </summary>
    public static Task<T> OnThread<T>(Func<T> blocking) =>
        Task.Factory.StartNew(blocking, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <inheritdoc cref="OnThread{T}(Func{T})"/>
    public static Task OnThread(Action blocking) =>
        Task.Factory.StartNew(blocking, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A connected client/server pair through a <see cref="MessageListener"/> on <paramref name="address"/>, port 0.</summary>
    public static async Task<Pair> PairAsync(MessageConnectionOptions? options = null, string address = "127.0.0.1", string? connectTo = null)
    {
        MessageListener listener = MessageListener.Start(address, 0, options);
        try
        {
            Task<MessageConnection> accept = listener.AcceptAsync(Ct).AsTask();
            MessageConnection client = await MessageConnection.ConnectAsync(connectTo ?? address, listener.LocalEndPoint.Port, options, Ct).Within();
            MessageConnection server = await accept.Within();
            return new Pair(listener, client, server);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>True when this machine can bind the IPv6 loopback address (else IPv6 tests are skipped).</summary>
    public static bool HasIPv6Loopback()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Reads from a connection in raw mode until <paramref name="count"/> bytes have arrived.</summary>
    public static async Task<byte[]> ReceiveRawAsync(MessageConnection connection, int count)
    {
        var received = new MemoryStream();
        while (received.Length < count)
        {
            byte[] chunk = await connection.ReceiveAsync(Ct).Within();
            received.Write(chunk);
        }

        return received.ToArray();
    }
}

/// <summary>A listener with one accepted connection and its client. Disposing aborts both sides at once.</summary>
internal sealed class Pair(MessageListener listener, MessageConnection client, MessageConnection server) : IAsyncDisposable
{
    public MessageListener Listener { get; } = listener;

    public MessageConnection Client { get; } = client;

    public MessageConnection Server { get; } = server;

    public ValueTask DisposeAsync()
    {
        Client.Abort();
        Server.Abort();
        Listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
