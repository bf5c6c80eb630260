using System.Net;
using System.Security.Cryptography.X509Certificates;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests.Reliability;

/// <summary>One client end of a message link over some transport: send a message, receive one, close.</summary>
internal interface ILink : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Message boundaries survive (false in raw mode: a byte stream).</summary>
    bool KeepsBoundaries { get; }

    ValueTask SendAsync(byte[] message, CancellationToken cancellationToken);

    ValueTask<byte[]> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Graceful close: everything sent before is delivered (bounded linger).</summary>
    Task CloseAsync();
}

/// <summary>
/// The transports of the reliability tests, all on loopback: in-process servers (TCP and TLS listeners in every framing
/// mode, a UDP socket) that echo or record, Kestrel for WebSocket, microsocks for SOCKS5. <see cref="ConnectAsync"/>
/// opens a client link by name: <c>tcp/MODE</c>, <c>tls/MODE</c>, <c>socks5/MODE</c>, <c>udp</c>, <c>websocket</c>
/// (MODE: length, endtag, endtag-buffer, raw).
/// </summary>
internal sealed class Links : IAsyncDisposable
{
    public static readonly string[] Modes = ["length", "endtag", "endtag-buffer", "raw"];

    private readonly X509Certificate2 _certificate = CertificateLoader.CreateSelfSigned("localhost");
    private readonly Dictionary<string, MessageListener> _listeners = [];
    private readonly List<Task> _servers = [];
    private readonly CancellationTokenSource _stop = new();
    private DatagramSocket? _udpServer;
    private KestrelEcho? _kestrel;
    private Microsocks? _socks;

    /// <summary>Every message the record-only servers received, per link name (connection order).</summary>
    public Dictionary<string, List<byte[]>> Recorded { get; } = [];

    /// <summary>Echo servers answer every message; otherwise the servers only record (<see cref="Recorded"/>).</summary>
    public bool Echo { get; init; } = true;

    public static IEnumerable<string> All => [.. Modes.Select(m => "tcp/" + m), .. Modes.Select(m => "tls/" + m), .. Modes.Select(m => "socks5/" + m), "udp", "websocket"];

    public static MessageConnectionOptions Options(string mode) => mode switch
    {
        "length" => new() { Mode = TransmissionMode.SizePrefixed },
        "endtag" => new() { Mode = TransmissionMode.EndTag, Marker = "<EOF>" },
        "endtag-buffer" => new() { Mode = TransmissionMode.EndTagBuffer, Marker = Framing.Markers.CRLF },
        "raw" => new() { Mode = TransmissionMode.NoEndTag, RawReadSize = 64 * 1024 },
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public async Task<ILink> ConnectAsync(string name, CancellationToken cancellationToken)
    {
        string[] parts = name.Split('/');
        switch (parts[0])
        {
            case "udp":
                _udpServer ??= StartUdpServer();
                return new UdpLink(DatagramSocket.Bind("127.0.0.1", 0), _udpServer.LocalEndPoint);
            case "websocket":
                _kestrel ??= await KestrelEcho.StartAsync();
                return new WebSocketLink(await WebSocketConnection.ConnectAsync(new Uri(_kestrel.Url(Echo ? "/echo" : "/sink")), null, cancellationToken));
        }

        string mode = parts[1];
        MessageConnectionOptions options = Options(mode);
        options.CloseTimeout = TimeSpan.FromSeconds(10);
        options.SendTimeout = TimeSpan.FromSeconds(60);
        MessageListener listener = Listener(parts[0] == "tls" ? "tls/" + mode : "tcp/" + mode, options);
        if (parts[0] == "socks5")
        {
            _socks ??= await Microsocks.StartAsync();
            options.Proxy = new Socks5ProxyOptions("127.0.0.1", _socks.Port);
        }
        else if (parts[0] == "tls")
        {
            options.Tls = new TlsClientOptions { TrustedCertificates = [_certificate], TargetHost = "localhost" };
        }

        MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, cancellationToken);
        return new MessageLink(name, connection, mode != "raw");
    }

    /// <summary>The messages recorded on <c>/sink</c> by the WebSocket server.</summary>
    public IReadOnlyCollection<byte[]> WebSocketSunk => _kestrel?.Sunk ?? [];

    private MessageListener Listener(string key, MessageConnectionOptions options)
    {
        lock (_listeners)
        {
            if (!_listeners.TryGetValue(key, out MessageListener? listener))
            {
                listener = key.StartsWith("tls/", StringComparison.Ordinal)
                    ? MessageListener.Start("127.0.0.1", 0, options, new TlsServerOptions(_certificate))
                    : MessageListener.Start("127.0.0.1", 0, options);
                _listeners[key] = listener;
                _servers.Add(Task.Run(() => AcceptLoopAsync(key, listener)));
            }

            return listener;
        }
    }

    private async Task AcceptLoopAsync(string key, MessageListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            MessageConnection connection;
            try
            {
                connection = await listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or WLSocketException)
            {
                return;
            }

            List<byte[]> record = [];
            lock (Recorded)
            {
                Recorded[key] = record;
            }

            _servers.Add(Task.Run(async () =>
            {
                await using MessageConnection c = connection;
                c.CloseTimeout = TimeSpan.FromSeconds(10);
                try
                {
                    while (true)
                    {
                        byte[] message = await c.ReceiveAsync(_stop.Token);
                        if (Echo)
                        {
                            await c.SendAsync(message, _stop.Token);
                        }
                        else
                        {
                            lock (record)
                            {
                                record.Add(message);
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is WLSocketException or OperationCanceledException)
                {
                    // The client closed (or the test ended).
                }
            }));
        }
    }

    private DatagramSocket StartUdpServer()
    {
        DatagramSocket server = DatagramSocket.Bind("127.0.0.1", 0);
        List<byte[]> record = [];
        Recorded["udp"] = record;
        _servers.Add(Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    Datagram datagram = await server.ReceiveAsync(_stop.Token);
                    if (Echo)
                    {
                        await server.SendAsync(datagram.Data, datagram.Sender, _stop.Token);
                    }
                    else
                    {
                        lock (record)
                        {
                            record.Add(datagram.Data);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is WLSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The test ended.
            }
        }));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (MessageListener listener in _listeners.Values)
        {
            await listener.DisposeAsync();
        }

        _udpServer?.Dispose();
        await Task.WhenAll(_servers).WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
        }

        if (_socks is not null)
        {
            await _socks.DisposeAsync();
        }

        _certificate.Dispose();
        _stop.Dispose();
    }

    private sealed class MessageLink(string name, MessageConnection connection, bool keepsBoundaries) : ILink
    {
        public string Name => name;

        public bool KeepsBoundaries => keepsBoundaries;

        public ValueTask SendAsync(byte[] message, CancellationToken cancellationToken) => connection.SendAsync(message, cancellationToken);

        public ValueTask<byte[]> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => connection.ReceiveAsync(timeout, cancellationToken);

        public Task CloseAsync() => connection.CloseAsync();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private sealed class UdpLink(DatagramSocket socket, IPEndPoint server) : ILink
    {
        public string Name => "udp";

        public bool KeepsBoundaries => true;

        public ValueTask SendAsync(byte[] message, CancellationToken cancellationToken) => socket.SendAsync(message, server, cancellationToken);

        public async ValueTask<byte[]> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => (await socket.ReceiveAsync(timeout, cancellationToken)).Data;

        public Task CloseAsync()
        {
            socket.Dispose(); // UDP has nothing to flush: each send left whole when it returned
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => socket.DisposeAsync();
    }

    private sealed class WebSocketLink(WebSocketConnection connection) : ILink
    {
        public string Name => "websocket";

        public bool KeepsBoundaries => true;

        public ValueTask SendAsync(byte[] message, CancellationToken cancellationToken) => connection.SendAsync(message, cancellationToken);

        public async ValueTask<byte[]> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => (await connection.ReceiveAsync(timeout, cancellationToken)).Data;

        public Task CloseAsync() => connection.CloseAsync();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
