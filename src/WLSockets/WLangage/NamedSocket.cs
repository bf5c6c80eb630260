using System.Net;
using WLSockets.Internal;

namespace WLSockets.WLangage;

/// <summary>
/// One entry of the named-socket registry: a listener (with its simplified-server client, if any), an accepted channel
/// or a client connection.
/// </summary>
internal sealed class NamedSocket
{
    private readonly object _gate = new();
    private MessageConnection? _simplifiedClient;

    private NamedSocket(string name, SocketKind kind, MessageConnection? connection, MessageListener? listener)
    {
        Name = name;
        Kind = kind;
        Connection = connection;
        Listener = listener;
    }

    public string Name { get; }

    public SocketKind Kind { get; }

    /// <summary>The connection of a channel or client.</summary>
    public MessageConnection? Connection { get; }

    /// <summary>The listening socket of a listener.</summary>
    public MessageListener? Listener { get; }

    /// <summary>What carries the bytes: the network (default), Bluetooth or infrared.</summary>
    public SocketMedium Medium { get; init; }

    /// <summary>The UDP socket of a <see cref="SocketKind.Udp"/> name.</summary>
    public UdpEndpoint? Udp { get; private init; }

    /// <summary>The WebSocket of a <see cref="SocketKind.WebSocket"/> name (its connection is null while an asynchronous connect runs).</summary>
    public WebSocketSession? WebSocket { get; private init; }

    public static NamedSocket ForUdp(string name, UdpEndpoint udp) => new(name, SocketKind.Udp, null, null) { Udp = udp };

    public static NamedSocket ForWebSocket(string name, WebSocketSession session) => new(name, SocketKind.WebSocket, null, null) { WebSocket = session };

    public static NamedSocket ForListener(string name, MessageListener listener, SocketMedium medium = SocketMedium.Network) =>
        new(name, SocketKind.Listener, null, listener) { Medium = medium };

    public static NamedSocket ForConnection(string name, SocketKind kind, MessageConnection connection, SocketMedium medium = SocketMedium.Network) =>
        new(name, kind, connection, null) { Medium = medium };

    /// <summary>
    /// The connection to read or write on. For a listener used as a simplified server (open questions S4, S10): the
    /// current client, or, when there is none or it has closed, the next client, accepted within
    /// <paramref name="deadline"/>.
    /// </summary>
    public MessageConnection ConnectionForIo(Deadline deadline)
    {
        if (Connection is not null)
        {
            return Connection;
        }

        lock (_gate)
        {
            if (_simplifiedClient is { IsPeerClosed: false } current)
            {
                return current;
            }

            _simplifiedClient?.Close();
            _simplifiedClient = null;
            try
            {
                _simplifiedClient = Listener!.Accept(deadline.Remaining);
            }
            catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
            {
                string how = Medium switch
                {
                    SocketMedium.Bluetooth => $"SocketConnecteBluetooth to this device on RFCOMM channel {Listener!.LocalEndPoint.Port}",
                    SocketMedium.Infrared => "SocketConnecteInfraRouge with its service name",
                    _ => "SocketConnecte to its port",
                };
                throw new WLSocketException(WLSocketError.NoClient,
                    $"No client connected to the simplified server '{Name}' within the time limit: clients connect with {how}.", ex);
            }

            return _simplifiedClient;
        }
    }

    /// <summary>The simplified server's client after a failed read or write: the next I/O accepts the next client.</summary>
    public void DropSimplifiedClient(MessageConnection client)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_simplifiedClient, client))
            {
                _simplifiedClient = null;
                client.Close();
            }
        }
    }

    /// <summary>The connection whose peer <c>SocketClientInfo</c> describes, or null when there is none yet.</summary>
    public MessageConnection? PeerConnection
    {
        get
        {
            if (Connection is not null)
            {
                return Connection;
            }

            lock (_gate)
            {
                return _simplifiedClient;
            }
        }
    }

    public IPEndPoint? RemoteEndPoint => PeerConnection?.RemoteEndPoint ?? WebSocket?.Connection?.RemoteEndPoint;

    /// <summary>
    /// Applies a transmission mode and marker (text when <paramref name="markerText"/> is set, else
    /// <paramref name="markerBytes"/>): to the connection, or to a listener's future channels and its simplified client.
    /// </summary>
    public void SetMode(TransmissionMode mode, string? markerText, byte[] markerBytes)
    {
        if (Connection is not null)
        {
            Apply(Connection);
            return;
        }

        if (markerText is not null)
        {
            Listener!.SetMode(mode, markerText);
        }
        else
        {
            Listener!.SetMode(mode, markerBytes);
        }

        lock (_gate)
        {
            if (_simplifiedClient is not null)
            {
                Apply(_simplifiedClient);
            }
        }

        void Apply(MessageConnection connection)
        {
            if (markerText is not null)
            {
                connection.SetMode(mode, markerText);
            }
            else
            {
                connection.SetMode(mode, markerBytes);
            }
        }
    }

    /// <summary>Closes everything this name holds (a listener's accepted channels are separate names and stay open).</summary>
    public void Close()
    {
        Connection?.Close();
        Udp?.Socket.Close();
        WebSocket?.Close();
        if (Listener is not null)
        {
            Listener.Dispose();
            lock (_gate)
            {
                _simplifiedClient?.Close();
                _simplifiedClient = null;
            }
        }
    }
}
