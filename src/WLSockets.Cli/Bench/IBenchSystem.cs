using System.Net;

namespace WLSockets.Cli.Bench;

/// <summary>
/// One system measured by <c>wlsock bench</c>: an echo (or sink) server and a client, both in this process, so every
/// system shares the same thread pool and CPU conditions.
/// </summary>
internal interface IBenchSystem
{
    /// <summary>Short name used in tables and JSON (<c>wlsock</c>, <c>raw-sockets</c>, <c>kestrel</c> ...).</summary>
    string Name { get; }

    /// <summary>The framings this system runs: WinDev modes for WLSockets, one binary length prefix for the baselines.</summary>
    IReadOnlyList<string> Framings { get; }

    /// <summary>Starts a server on 127.0.0.1, port chosen by the system.</summary>
    Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken);

    /// <summary>Connects one client to <paramref name="server"/>.</summary>
    Task<IBenchClient> ConnectAsync(IPEndPoint server, string framing, CancellationToken cancellationToken);
}

/// <summary>What a bench server does with each message.</summary>
internal enum ServerRole
{
    /// <summary>Sends every message back.</summary>
    Echo,

    /// <summary>Reads and counts, sends nothing (bulk throughput, one direction as iperf3).</summary>
    Sink,
}

/// <summary>A running bench server.</summary>
internal interface IBenchServer : IAsyncDisposable
{
    IPEndPoint EndPoint { get; }

    /// <summary>Payload bytes received so far (all connections).</summary>
    long ReceivedBytes { get; }

    /// <summary>Connections accepted and still open.</summary>
    int OpenConnections { get; }
}

/// <summary>One connected bench client. One send and one receive may run at the same time.</summary>
internal interface IBenchClient : IAsyncDisposable
{
    /// <summary>Sends one message.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Receives one message (raw mode: one chunk) and returns its payload length.</summary>
    ValueTask<int> ReceiveAsync(CancellationToken cancellationToken);
}

/// <summary>Counts what a bench server received and how many connections it holds; shared by every server.</summary>
internal sealed class ServerCounters
{
    private long _receivedBytes;
    private int _open;

    public long ReceivedBytes => Interlocked.Read(ref _receivedBytes);

    public int OpenConnections => Volatile.Read(ref _open);

    public void Received(int bytes) => Interlocked.Add(ref _receivedBytes, bytes);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
