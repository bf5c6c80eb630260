using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using WLSockets.Internal;

namespace WLSockets.Transports.Udp;

/// <summary>Destinations, senders and network interfaces of UDP sockets.</summary>
internal static class UdpAddresses
{
    /// <summary>The largest UDP payload over IPv4: 65 535 - 20 (IP header) - 8 (UDP header).</summary>
    public const int MaxIPv4Payload = 65_507;

    /// <summary>The largest UDP payload over IPv6 without jumbograms: 65 535 - 8 (UDP header).</summary>
    public const int MaxIPv6Payload = 65_527;

    /// <summary>The largest payload one datagram to <paramref name="destination"/> may carry.</summary>
    public static int MaxPayload(IPAddress destination) =>
        destination.AddressFamily == AddressFamily.InterNetwork || destination.IsIPv4MappedToIPv6 ? MaxIPv4Payload : MaxIPv6Payload;

    /// <summary>An IPv4 sender seen through a dual-stack socket (<c>::ffff:a.b.c.d</c>) as plain IPv4.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    /// <summary><c>a.b.c.d:port</c> or <c>[v6]:port</c>.</summary>
    public static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";

    /// <summary>
    /// Resolves <paramref name="host"/> (IPv4/IPv6 literal, brackets allowed, or a name) to an address
    /// <paramref name="channel"/> can send to: IPv4 for an IPv4 socket, IPv6 for an IPv6-only one, the first address
    /// otherwise.
    /// </summary>
    public static async ValueTask<IPEndPoint> ResolveDestinationAsync(UdpChannel channel, string host, int port, IOBehavior io, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                "No destination address: every UDP datagram needs one (an IP address, a host name, or a subnet broadcast address).");
        }

        ValidateDestinationPort(port);
        IPAddress[] candidates;
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? literal))
        {
            candidates = [literal];
        }
        else
        {
            try
            {
                candidates = io == IOBehavior.Synchronous
                    ? Dns.GetHostAddresses(host)
                    : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw SocketErrors.Map(ex, "Send", $"'{host}'");
            }
        }

        IPAddress? usable = candidates.FirstOrDefault(a => IsUsable(channel, a));
        if (usable is not null)
        {
            return new IPEndPoint(usable, port);
        }

        if (candidates.Length == 0)
        {
            throw new WLSocketException(WLSocketError.HostNotFound, $"Host '{host}' not found: the name has no IP address. Check the spelling, or use an IP address.");
        }

        throw FamilyMismatch(channel, host);
    }

    /// <summary>Checks that <paramref name="destination"/> is reachable from <paramref name="channel"/>'s address family.</summary>
    public static IPEndPoint CheckDestination(UdpChannel channel, IPEndPoint destination)
    {
        ValidateDestinationPort(destination.Port);
        return IsUsable(channel, destination.Address) ? destination : throw FamilyMismatch(channel, destination.Address.ToString());
    }

    private static bool IsUsable(UdpChannel channel, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? channel.HandlesIPv4 : channel.HandlesIPv6;

    private static WLSocketException FamilyMismatch(UdpChannel channel, string host) => channel.HandlesIPv6
        ? new(WLSocketError.InvalidArgument,
            $"Cannot send to '{host}' from {Format(channel.LocalEndPoint)}: this socket is bound to an IPv6 address and '{host}' is IPv4. Bind it to '::' (IPv6 and IPv4) or to an IPv4 address.")
        : new(WLSocketError.InvalidArgument,
            $"Cannot send to '{host}' from {Format(channel.LocalEndPoint)}: this socket is IPv4 and '{host}' is IPv6. Bind it to '::' (IPv6 and IPv4) or to an IPv6 address.");

    private static void ValidateDestinationPort(int port)
    {
        if (port is < 1 or > 65535)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid destination port {port}: use 1 to 65535.");
        }
    }

    /// <summary>The index of the network interface that has <paramref name="address"/>.</summary>
    public static int InterfaceIndexOf(IPAddress address)
    {
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            IPInterfaceProperties properties = nic.GetIPProperties();
            if (properties.UnicastAddresses.Any(u => u.Address.Equals(address)))
            {
                return address.AddressFamily == AddressFamily.InterNetworkV6
                    ? properties.GetIPv6Properties().Index
                    : properties.GetIPv4Properties().Index;
            }
        }

        throw new WLSocketException(WLSocketError.InvalidArgument,
            $"No network interface of this machine has the address {address}: give one of its own addresses, or an interface index or name.");
    }

    /// <summary>
    /// The first IPv4 address of the network interface numbered <paramref name="index"/>; when it has none, null unless
    /// <paramref name="required"/>.
    /// </summary>
    public static IPAddress? IPv4AddressOf(int index, bool required)
    {
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            IPInterfaceProperties properties = nic.GetIPProperties();
            if (nic.Supports(NetworkInterfaceComponent.IPv4) && properties.GetIPv4Properties()?.Index == index)
            {
                IPAddress? address = properties.UnicastAddresses.FirstOrDefault(u => u.Address.AddressFamily == AddressFamily.InterNetwork)?.Address;
                return address is not null || !required ? address
                    : throw new WLSocketException(WLSocketError.InvalidArgument, $"Network interface {index} ({nic.Name}) has no IPv4 address.");
            }
        }

        return required ? throw new WLSocketException(WLSocketError.InvalidArgument, $"No network interface has the index {index}.") : null;
    }

    /// <summary>
    /// Parses an interface given as text: "" = the system's choice (null), an IP address of this machine, an index
    /// number, or an interface name (<c>lo</c>, <c>eth0</c>, <c>Ethernet</c> ...).
    /// </summary>
    public static (IPAddress? Address, int Index) ParseInterface(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, 0);
        }

        text = text.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index > 0)
        {
            return (null, index); // before the address parse, which would read "1" as 0.0.0.1
        }

        if (IPAddress.TryParse(text.Trim('[', ']'), out IPAddress? address))
        {
            return (address, 0);
        }

        NetworkInterface? nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => string.Equals(n.Name, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Unknown network interface '{text}': give an IP address of this machine, an interface index, or one of: {string.Join(", ", NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name))}.");
        IPInterfaceProperties properties = nic.GetIPProperties();
        int found = nic.Supports(NetworkInterfaceComponent.IPv6) ? properties.GetIPv6Properties().Index : properties.GetIPv4Properties().Index;
        return (null, found);
    }
}
