using System.Net;
using System.Net.Sockets;

namespace WLSockets.Transports.Tcp;

/// <summary>Creates bound, listening TCP sockets.</summary>
internal static class TcpListenSocket
{
    /// <summary>
    /// Binds and listens. <paramref name="address"/> empty = all IPv4 interfaces (as WinDev); <c>::</c> = IPv6 and
    /// IPv4 (dual stack); an IPv4/IPv6 literal or a host name = that address. Port 0 picks a free port.
    /// </summary>
    public static Socket Create(string address, int port, bool reuseAddress)
    {
        IPAddress ip = ResolveLocal(address);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
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
            else
            {
                ExclusiveBindProbe.ThrowIfInUse(new IPEndPoint(ip, port));
                socket.ExclusiveAddressUse = true;
            }

            socket.Bind(new IPEndPoint(ip, port));
            socket.Listen(); // the OS maximum backlog (open question S6)
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw SocketErrors.Map(ex, "Listen", TcpConnector.FormatTarget(ip.ToString(), port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SO_REUSEADDR alone: a new listener may take a port whose previous connections linger (TIME_WAIT, or still
    /// open), but never a port another socket is listening on. .NET's <see cref="SocketOptionName.ReuseAddress"/>
    /// also sets SO_REUSEPORT on Unix, which would let two listeners share a port, so the raw option is set instead.
    /// On Windows, SO_REUSEADDR would let another program steal an active port, so it is left off there.
    /// </summary>
    private static void EnableAddressReuse(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetLinuxReuseAddressOnly();
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() || OperatingSystem.IsIOS())
        {
            socket.SetRawSocketOption(0xffff /* SOL_SOCKET */, 0x0004 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        }
    }

    /// <summary>Empty = IPv4 any; an IPv4/IPv6 literal (brackets allowed) = itself; a host name = its first IPv4 address, else its first address.</summary>
    internal static IPAddress ResolveLocal(string address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return IPAddress.Any;
        }

        if (IPAddress.TryParse(address.Trim('[', ']'), out IPAddress? ip))
        {
            return ip;
        }

        try
        {
            IPAddress[] found = Dns.GetHostAddresses(address);
            return found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault()
                ?? throw new WLSocketException(WLSocketError.HostNotFound, $"Host '{address}' has no IP address to listen on.");
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Map(ex, "Listen", $"'{address}'");
        }
    }
}
