using System.Globalization;
using System.Net;
using WLSockets.Internal;
using WLSockets.Transports.Udp;

namespace WLSockets.WLangage;

/// <summary>The UDP entry points (<c>SocketCréeUDP</c>, <c>SocketEcrit</c> with a destination) and the UDP branches of the shared ones.</summary>
internal static partial class SocketRuntime
{
    public static bool CreateUdp(string fn, string name, int port, string address) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        if (port is < 0 or > 65535)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid port number {port}: use 1 to 65535, or 0 for any free port (read it back with WLangageExtensions.SocketLocalPort).");
        }

        bool unique = (WLangageSettings.SocketOption & WLangageSettings.UniqueAddress) != 0;
        DatagramSocket socket = DatagramSocket.Bind(address ?? "", port, exclusiveAddress: unique);
        socket.Encoding = WLangageSettings.Encoding;
        SocketRegistry.Add(NamedSocket.ForUdp(name, new UdpEndpoint(socket)));
        return true;
    });

    /// <summary><c>SocketEcrit(name, message, address[, port])</c>: one datagram; <paramref name="port"/> null = the last destination port (U6).</summary>
    public static bool WriteTo(string fn, string name, string message, string address, int? port) => Run(fn, false, () =>
    {
        ArgumentNullException.ThrowIfNull(message);
        UdpEndpoint udp = UdpOf(name);
        udp.Write(udp.Socket.Encoding.GetBytes(message), address, port);
        return true;
    });

    /// <inheritdoc cref="WriteTo(string, string, string, string, int?)"/>
    public static bool WriteTo(string fn, string name, byte[] message, string address, int? port) => Run(fn, false, () =>
    {
        ArgumentNullException.ThrowIfNull(message);
        UdpOf(name).Write(message, address, port);
        return true;
    });

    /// <summary><c>SocketLit</c> on a UDP socket: one whole datagram (the byte count is ignored, U3); "" without error on timeout.</summary>
    private static WLData ReadUdp(UdpEndpoint udp, Deadline deadline)
    {
        try
        {
            return new WLData(udp.Read(deadline).Data, udp.Socket.Encoding);
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            return WLData.Empty; // a read timeout is not an error in WLangage
        }
    }

    /// <summary><c>SocketClientInfo</c> on a UDP socket: the sender of the last datagram read (U4).</summary>
    private static string UdpClientInfo(string name, UdpEndpoint udp, int type)
    {
        IPEndPoint sender = udp.LastSender ?? throw new WLSocketException(WLSocketError.NoClient,
            $"No datagram has been read on the UDP socket '{name}' yet: SocketClientInfo describes the sender of the last datagram read with SocketLit.");
        return type == InfoAddress ? sender.Address.ToString() : sender.Port.ToString(CultureInfo.InvariantCulture);
    }

    // ---- C# extensions (WLangageExtensions), not WinDev functions ----

    public static int LocalPort(string fn, string name) => Run(fn, 0, () =>
    {
        NamedSocket socket = SocketRegistry.Get(name);
        IPEndPoint? local = socket.Udp?.Socket.LocalEndPoint ?? socket.Listener?.LocalEndPoint ?? socket.Connection?.LocalEndPoint
            ?? socket.WebSocket?.Connection?.LocalEndPoint;
        return local?.Port ?? throw new WLSocketException(WLSocketError.InvalidSocketKind, $"The socket '{name}' has no local port.");
    });

    public static bool ChangeMulticastMembership(string fn, string name, string group, string networkInterface, bool join) => Run(fn, false, () =>
    {
        DatagramSocket socket = UdpOf(name).Socket;
        IPAddress groupAddress = ParseGroup(group);
        (IPAddress? address, int index) = UdpAddresses.ParseInterface(networkInterface);
        switch ((address, index, join))
        {
            case (not null, _, true): socket.JoinGroup(groupAddress, address); break;
            case (not null, _, false): socket.LeaveGroup(groupAddress, address); break;
            case (null, > 0, true): socket.JoinGroup(groupAddress, index); break;
            case (null, > 0, false): socket.LeaveGroup(groupAddress, index); break;
            case (null, _, true): socket.JoinGroup(groupAddress); break;
            default: socket.LeaveGroup(groupAddress); break;
        }

        return true;
    });

    public static bool SetMulticastSending(string fn, string name, string networkInterface, int timeToLive, bool loopback) => Run(fn, false, () =>
    {
        DatagramSocket socket = UdpOf(name).Socket;
        if (timeToLive is < 0 or > 255)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid multicast time to live {timeToLive}: use 0 (this machine only) to 255; 1 = the local network.");
        }

        (IPAddress? address, int index) = UdpAddresses.ParseInterface(networkInterface);
        if (address is not null)
        {
            socket.SetMulticastInterface(address);
        }
        else if (index > 0)
        {
            socket.SetMulticastInterface(index);
        }

        socket.MulticastTimeToLive = timeToLive;
        socket.MulticastLoopback = loopback;
        return true;
    });

    // ---- helpers ----

    private static UdpEndpoint UdpOf(string name)
    {
        NamedSocket socket = SocketRegistry.Get(name);
        return socket.Udp ?? throw new WLSocketException(WLSocketError.InvalidSocketKind,
            $"Invalid socket '{name}': it is a {(socket.Kind == SocketKind.Listener ? "listening" : "connected")} TCP socket, not a UDP socket created with SocketCréeUDP. A destination address and port apply to UDP only; write to it with SocketEcrit(name, message).");
    }

    private static IPAddress ParseGroup(string group) =>
        IPAddress.TryParse((group ?? "").Trim().Trim('[', ']'), out IPAddress? address)
            ? address
            : throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid multicast group '{group}': give an IP address such as 239.255.0.1 or ff02::1:2.");

    private static WLSocketException UdpNeedsDestination(string name) => new(WLSocketError.InvalidSocketKind,
        $"'{name}' is a UDP socket: every datagram needs a destination. Write with SocketEcrit(name, message, address, port); to answer the sender of the last datagram read, use SocketClientInfo(name, SocketAdresse) and SocketClientInfo(name, SocketPort).");

    private static WLSocketException UdpIsAlwaysRaw(string name) => new(WLSocketError.InvalidSocketKind,
        $"'{name}' is a UDP socket: UDP sockets are always raw (SocketSansMarqueurFin), each SocketEcrit sends one datagram and each SocketLit returns one, so SocketChangeModeTransmission does not apply to them.");

    private static WLSocketException UdpHasNoConnections(string name) => new(WLSocketError.InvalidSocketKind,
        $"'{name}' is a UDP socket: UDP has no connections, so SocketAttendConnexion, SocketAccepte and SocketRefuse do not apply. Read datagrams with SocketLit and answer with SocketEcrit(name, message, address, port).");
}
