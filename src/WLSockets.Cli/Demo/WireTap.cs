using System.Net;
using System.Net.Sockets;

namespace WLSockets.Cli.Demo;

/// <summary>
/// A one-connection loopback relay that records every byte the client writes: connect the client to
/// <see cref="EndPoint"/> and the bytes reach the real server unchanged, while <see cref="ClientBytes"/> shows
/// exactly what went over the wire.
/// </summary>
internal sealed class WireTap : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop;
    private readonly Lock _lock = new();
    private readonly MemoryStream _clientBytes = new();
    private readonly MemoryStream _serverBytes = new();
    private Socket? _client;
    private Socket? _server;
    private Task _run = Task.CompletedTask;

    private WireTap(Socket listener, CancellationToken cancellationToken)
    {
        _listener = listener;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>Where the client should connect (127.0.0.1, a free port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Every byte the client wrote so far.</summary>
    public byte[] ClientBytes
    {
        get
        {
            lock (_lock)
            {
                return _clientBytes.ToArray();
            }
        }
    }

    /// <summary>Every byte the server wrote so far.</summary>
    public byte[] ServerBytes
    {
        get
        {
            lock (_lock)
            {
                return _serverBytes.ToArray();
            }
        }
    }

    /// <summary>Starts relaying the first client that connects to <paramref name="target"/>.</summary>
    public static WireTap Start(IPEndPoint target, CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var tap = new WireTap(listener, cancellationToken);
        tap._run = tap.RunAsync(target);
        return tap;
    }

    private async Task RunAsync(IPEndPoint target)
    {
        CancellationToken token = _stop.Token;
        try
        {
            _client = await _listener.AcceptAsync(token);
            _client.NoDelay = true;
            _server = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await _server.ConnectAsync(target, token);
            await Task.WhenAll(PumpAsync(_client, _server, _clientBytes, token), PumpAsync(_server, _client, _serverBytes, token));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The case ended (or a side reset): the relay simply stops.
        }
    }

    private async Task PumpAsync(Socket from, Socket to, MemoryStream record, CancellationToken token)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int received = await from.ReceiveAsync(buffer, SocketFlags.None, token);
                if (received == 0)
                {
                    to.Shutdown(SocketShutdown.Send); // pass the end of stream on
                    return;
                }

                lock (_lock)
                {
                    record.Write(buffer, 0, received);
                }

                int sent = 0;
                while (sent < received)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None, token);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the relay stops; the case sees the effect on its own sockets.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _run;
        _client?.Dispose();
        _server?.Dispose();
        _stop.Dispose();
        _clientBytes.Dispose();
        _serverBytes.Dispose();
    }
}
