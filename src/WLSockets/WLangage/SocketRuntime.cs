using System.Globalization;
using System.Net;
using System.Text;
using WLSockets.Internal;
using WLSockets.Messaging;

namespace WLSockets.WLangage;

/// <summary>
/// The one implementation behind both facades (<see cref="Fonctions"/> and <see cref="Functions"/>): resolves names,
/// calls the async core on its blocking path, and turns failures into WLangage's last error. No protocol logic here.
/// </summary>
/// <remarks>Every entry point takes the calling function's name (French or English) for <c>errPendant</c>.</remarks>
internal static partial class SocketRuntime
{
    /// <summary><c>SocketConnecte</c>'s default time budget (open question T1).</summary>
    public const int DefaultConnectTimeoutMs = 5000;

    /// <summary><c>SocketLit</c>'s default wait when <c>&lt;Attente indéfinie&gt;</c> is false.</summary>
    public const int DefaultReadTimeoutMs = 1000;

    /// <summary><c>SocketLit</c>'s default byte count in raw mode.</summary>
    public const int DefaultReadSize = 4096;

    public const int InfoAddress = 1;
    public const int InfoPort = 2;

    public static bool Create(string fn, string name, int port, string address) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        ValidatePort(port);
        MessageConnectionOptions options = WLangageSettings.NewConnectionOptions();
        bool unique = (WLangageSettings.SocketOption & WLangageSettings.UniqueAddress) != 0;
        MessageListener listener = MessageListener.Start(address ?? "", port, options, exclusiveAddress: unique);
        SocketRegistry.Add(NamedSocket.ForListener(name, listener));
        return true;
    });

    public static bool WaitForConnection(string fn, string name, TimeSpan timeout) => Run(fn, false, () =>
        ListenerOf(name).WaitForConnection(timeout));

    public static string Accept(string fn, string name) => Run(fn, "", () =>
    {
        MessageConnection channel = ListenerOf(name).AcceptPending();
        return SocketRegistry.AddChannel(channel);
    });

    public static bool Deny(string fn, string name) => Run(fn, false, () =>
    {
        ListenerOf(name).DenyPending();
        return true;
    });

    public static bool Connect(string fn, string name, int port, string address, TimeSpan timeout) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        ValidatePort(port);
        MessageConnectionOptions options = WLangageSettings.NewConnectionOptions();
        options.ConnectTimeout = timeout;
        options.Proxy = WLangageSettings.Proxy; // SocketProxy, read at connect time (P1, P2)
        MessageConnection connection = MessageConnection.Connect(address ?? "", port, options);
        SocketRegistry.Add(NamedSocket.ForConnection(name, SocketKind.Client, connection));
        return true;
    });

    public static bool Write(string fn, string name, string message) => Run(fn, false, () =>
    {
        ArgumentNullException.ThrowIfNull(message);
        if (SocketRegistry.Get(name).WebSocket is { } webSocket)
        {
            return WriteWebSocket(name, webSocket, message, null);
        }

        return WriteCore(name, connection => connection.Encoding.GetBytes(message));
    });

    public static bool Write(string fn, string name, byte[] message) => Run(fn, false, () =>
    {
        ArgumentNullException.ThrowIfNull(message);
        if (SocketRegistry.Get(name).WebSocket is { } webSocket)
        {
            return WriteWebSocket(name, webSocket, null, message);
        }

        return WriteCore(name, _ => message);
    });

    private static bool WriteCore(string name, Func<MessageConnection, byte[]> payload)
    {
        NamedSocket socket = SocketRegistry.Get(name);
        if (socket.Udp is not null)
        {
            throw UdpNeedsDestination(name);
        }

        MessageConnection connection = socket.ConnectionForIo(Deadline.After(TimeSpan.FromMilliseconds(DefaultConnectTimeoutMs)));
        try
        {
            Sync.Wait(connection.SendCoreAsync(IOBehavior.Synchronous, payload(connection), default));
            return true;
        }
        catch (WLSocketException ex) when (ex.Error is WLSocketError.ConnectionReset or WLSocketError.ConnectionClosed)
        {
            socket.DropSimplifiedClient(connection);
            throw;
        }
    }

    public static WLData Read(string fn, string name, bool waitIndefinitely, TimeSpan maximumWait, int maximumBytes, TimeSpan idleDelay) => Run(fn, WLData.Empty, () =>
    {
        if (maximumBytes <= 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid maximum number of bytes {maximumBytes}: give a positive number (default 4096).");
        }

        NamedSocket socket = SocketRegistry.Get(name);
        Deadline deadline = waitIndefinitely ? Deadline.Infinite : Deadline.After(maximumWait);
        if (socket.Udp is { } udp)
        {
            return ReadUdp(udp, deadline);
        }

        if (socket.WebSocket is { } webSocket)
        {
            return ReadWebSocket(name, webSocket, deadline);
        }

        MessageConnection connection;
        try
        {
            connection = socket.ConnectionForIo(deadline);
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.NoClient)
        {
            return WLData.Empty; // simplified server: nobody connected within the wait, like a read timeout
        }

        ReceivedMessage message;
        try
        {
            message = Sync.Result(connection.ReceiveCoreAsync(IOBehavior.Synchronous, deadline, maximumBytes, idleDelay, default));
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            return WLData.Empty; // a read timeout is not an error in WLangage
        }
        catch (WLSocketException ex) when (ex.Error is WLSocketError.ConnectionReset or WLSocketError.ConnectionClosed)
        {
            socket.DropSimplifiedClient(connection);
            throw;
        }

        var data = new WLData(message.Payload, connection.Encoding);
        if (message.DataAfterMarker)
        {
            Report(fn, new WLSocketException(WLSocketError.EndMarkersNotRespected,
                "End markers not respected: more data followed the end marker in the same receive. The message is returned and the extra data is kept for the next SocketLit; use SocketMarqueurFinBuffer when the peer sends several messages at once."));
        }

        return data;
    });

    public static bool ChangeTransmissionMode(string fn, string name, int mode, string? markerText, byte[]? markerBytes) => Run(fn, false, () =>
    {
        NamedSocket socket = SocketRegistry.Get(name);
        if (socket.Udp is not null)
        {
            throw UdpIsAlwaysRaw(name);
        }

        if (mode is < 0 or > 3)
        {
            throw FatalInWinDev(new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid transmission type {mode}: use SocketTailleDébut, SocketMarqueurFin, SocketMarqueurFinBuffer or SocketSansMarqueurFin."));
        }

        if (markerText is { Length: 0 } || markerBytes is { Length: 0 })
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, "Empty end marker: give at least one character (default \"<EOF>\").");
        }

        if (socket.WebSocket is not null)
        {
            return WebSocketKeepsRawMode(name, mode);
        }

        socket.SetMode((TransmissionMode)mode, markerText, markerBytes ?? []);
        return true;
    });

    public static string ClientInfo(string fn, string name, int type) => Run(fn, "", () =>
    {
        NamedSocket socket = SocketRegistry.Get(name);
        if (type is not (InfoAddress or InfoPort))
        {
            throw FatalInWinDev(new WLSocketException(WLSocketError.InvalidArgument, $"Invalid information type {type}: use SocketAdresse or SocketPort."));
        }

        if (socket.Udp is { } udp)
        {
            return UdpClientInfo(name, udp, type);
        }

        if (NonIpClientInfo(socket, type) is { } info)
        {
            return info;
        }

        IPEndPoint endPoint = socket.RemoteEndPoint
            ?? throw new WLSocketException(WLSocketError.NoClient, $"No client is connected to '{name}' yet: the simplified server gets its client at the first SocketLit or SocketEcrit.");
        IPAddress address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        return type == InfoAddress ? address.ToString() : endPoint.Port.ToString(CultureInfo.InvariantCulture);
    });

    public static bool Exists(string name)
    {
        LastError.Clear();
        return SocketRegistry.Exists(name);
    }

    public static void Close(string fn, string name) => Run(fn, false, () =>
    {
        SocketRegistry.Remove(name).Close();
        return true;
    });

    public static bool ErrorOccurred => LastError.Occurred;

    public static ErrorInfoValue ErrorInfo(int type) => LastError.Info(type);

    public static TimeSpan Milliseconds(int value) => value < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(value);

    private static MessageListener ListenerOf(string name)
    {
        NamedSocket socket = SocketRegistry.Get(name);
        if (socket.Udp is not null)
        {
            throw UdpHasNoConnections(name);
        }

        return socket.Listener ?? throw new WLSocketException(WLSocketError.InvalidSocketKind,
            $"Invalid socket '{name}': it is a {(socket.Kind == SocketKind.Channel ? "channel" : "client connection")}, not a listening socket created with SocketCrée.");
    }

    private static void ValidatePort(int port)
    {
        if (port is < 1 or > 65535)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid port number {port}: use 1 to 65535.");
        }
    }

    /// <summary>
    /// Runs a facade call: clears the last error, and turns any failure into the failure value plus the last error.
    /// Never throws, except <see cref="WLangageFatalErrorException"/> in <see cref="WLangageSettings.StrictErrors"/> mode.
    /// </summary>
    private static T Run<T>(string fn, T failure, Func<T> body)
    {
        LastError.Clear();
        try
        {
            return body();
        }
        catch (WLSocketException ex)
        {
            Report(fn, ex);
        }
        catch (ObjectDisposedException ex)
        {
            Report(fn, new WLSocketException(WLSocketError.ConnectionReset, "The socket was closed by another thread while in use.", ex));
        }
        catch (ArgumentException ex)
        {
            Report(fn, new WLSocketException(WLSocketError.InvalidArgument, ex.Message, ex));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or NotSupportedException or DecoderFallbackException or EncoderFallbackException)
        {
            Report(fn, new WLSocketException(WLSocketError.NetworkError, ex.Message, ex));
        }

        return failure;
    }

    private static void Report(string fn, WLSocketException ex)
    {
        LastError.Set(fn, ex);
        if (WLangageSettings.StrictErrors && IsFatalInWinDev(ex))
        {
            throw new WLangageFatalErrorException(fn, ex);
        }
    }

    /// <summary>Marks an argument error that the WinDev runtime raises as fatal (invalid mode or information constant).</summary>
    private static WLSocketException FatalInWinDev(WLSocketException ex)
    {
        ex.Data[FatalKey] = true;
        return ex;
    }

    private const string FatalKey = "WLangageFatal";

    /// <summary>The cases the WinDev runtime raises outside the non-fatal path (open question G1).</summary>
    private static bool IsFatalInWinDev(WLSocketException ex) =>
        ex.Error is WLSocketError.UnknownSocket or WLSocketError.EndMarkersNotRespected || ex.Data.Contains(FatalKey);
}
