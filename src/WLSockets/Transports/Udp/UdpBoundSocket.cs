using System.Net;
using System.Net.Sockets;
using WLSockets.Transports.Tcp;

namespace WLSockets.Transports.Udp;

/// <summary>Creates bound UDP sockets, set up as WinDev's <c>SocketCréeUDP</c> does (open questions U1, U5, G6).</summary>
internal static class UdpBoundSocket
{
    /// <summary>Windows' SIO_UDP_CONNRESET control code.</summary>
    private const int SioUdpConnReset = unchecked((int)0x9800000C);

    /// <summary>
    /// Binds a UDP socket. <paramref name="address"/> empty = every IPv4 interface (as WinDev); <c>::</c> = IPv6 and
    /// IPv4 (dual stack); an IPv4/IPv6 literal or a host name = that address only. Port 0 picks a free port.
    /// Broadcast is enabled (U1). With <paramref name="reuseAddress"/>, other sockets that also ask for address
    /// reuse may bind the same port (U5).
    /// </summary>
    public static Socket Create(string address, int port, bool reuseAddress)
    {
        IPAddress ip = TcpListenSocket.ResolveLocal(address);
        var socket = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (ip.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            if (reuseAddress)
            {
                EnableAddressReuse(socket);
            }
            else if (OperatingSystem.IsWindows())
            {
                socket.ExclusiveAddressUse = true;
            }

            socket.EnableBroadcast = true;
            IgnoreIcmpResets(socket);
            socket.Bind(new IPEndPoint(ip, port));
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            string target = TcpConnector.FormatTarget(ip.ToString(), port);
            if (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new WLSocketException(WLSocketError.AddressInUse,
                    $"UDP port {target} is already in use by a socket that does not share it (opened without address reuse, or with SocketAdresseUnique). Choose another port or stop the other program.", ex)
                { SocketErrorCode = ex.SocketErrorCode };
            }

            throw SocketErrors.Map(ex, "Bind", target);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SO_REUSEADDR alone on Linux: two UDP sockets that both set it share the port (every application that asks for
    /// address reuse, as WinDev does), unicast datagrams go to the socket bound last and broadcast/multicast ones to
    /// all. .NET's <see cref="SocketOptionName.ReuseAddress"/> would also set SO_REUSEPORT, which makes the kernel
    /// spread unicast datagrams over the sockets by sender instead. BSD and macOS need SO_REUSEPORT to share a unicast
    /// port, which .NET's option sets; on Windows it is SO_REUSEADDR, WinDev's own setting.
    /// </summary>
    private static void EnableAddressReuse(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetLinuxReuseAddressOnly();
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }
    }

    /// <summary>
    /// On Windows an ICMP "port unreachable" answering an earlier send makes the next receive fail with a reset, which
    /// means nothing for a connectionless socket: turn that off, as UDP servers on Windows do.
    /// </summary>
    private static void IgnoreIcmpResets(Socket socket)
    {
        if (OperatingSystem.IsWindows())
        {
            socket.IOControl(SioUdpConnReset, [0, 0, 0, 0], null);
        }
    }
}
