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
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }
            else if (OperatingSystem.IsWindows())
            {
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

    private static IPAddress ResolveLocal(string address)
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
