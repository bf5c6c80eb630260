using System.Net;
using System.Net.Sockets;

namespace WLSockets.Transports.Udp;

/// <summary>
/// Multicast group membership and sending options of a UDP socket (open question U2), for IPv4 and IPv6. On a
/// dual-stack socket the sending options are applied to both families.
/// </summary>
internal static class UdpMulticast
{
    /// <summary>Joins (<paramref name="join"/>) or leaves <paramref name="group"/> on an interface given by address, by index, or neither (the system's choice).</summary>
    public static void ChangeMembership(UdpChannel channel, IPAddress group, IPAddress? interfaceAddress, int interfaceIndex, bool join)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentOutOfRangeException.ThrowIfNegative(interfaceIndex);
        if (group.IsIPv4MappedToIPv6)
        {
            group = group.MapToIPv4();
        }

        if (!IsMulticast(group))
        {
            throw new ArgumentException($"{group} is not a multicast group address (IPv4 224.0.0.0 to 239.255.255.255, IPv6 ff00::/8).", nameof(group));
        }

        SocketOptionName option = join ? SocketOptionName.AddMembership : SocketOptionName.DropMembership;
        string where = interfaceAddress is not null ? $" on interface {interfaceAddress}" : interfaceIndex > 0 ? $" on interface {interfaceIndex}" : "";
        string action = join ? "Joining" : "Leaving";
        try
        {
            if (group.AddressFamily == AddressFamily.InterNetwork)
            {
                RequireFamily(channel, AddressFamily.InterNetwork, group);
                MulticastOption membership = interfaceAddress switch
                {
                    null => interfaceIndex > 0 ? new MulticastOption(group, interfaceIndex) : new MulticastOption(group),
                    { AddressFamily: AddressFamily.InterNetwork } => new MulticastOption(group, interfaceAddress),
                    _ => throw new ArgumentException($"An IPv4 group needs an IPv4 interface address, not {interfaceAddress}.", nameof(interfaceAddress)),
                };
                channel.Socket.SetSocketOption(SocketOptionLevel.IP, option, membership);
            }
            else
            {
                RequireFamily(channel, AddressFamily.InterNetworkV6, group);
                int index = interfaceAddress switch
                {
                    null => interfaceIndex,
                    { AddressFamily: AddressFamily.InterNetworkV6 } => UdpAddresses.InterfaceIndexOf(interfaceAddress),
                    _ => throw new ArgumentException($"An IPv6 group needs an IPv6 interface address or an interface index, not {interfaceAddress}.", nameof(interfaceAddress)),
                };
                channel.Socket.SetSocketOption(SocketOptionLevel.IPv6, option, new IPv6MulticastOption(group, index));
            }
        }
        catch (SocketException ex)
        {
            throw new WLSocketException(WLSocketError.NetworkError,
                $"{action} multicast group {group}{where} failed: {ex.Message} ({ex.SocketErrorCode}). {(join ? "Check that the interface exists and supports multicast." : "Leave only groups this socket joined, on the same interface.")}", ex)
            { SocketErrorCode = ex.SocketErrorCode };
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed(action + " a multicast group");
        }
    }

    /// <summary>Whether multicast datagrams this socket sends are also delivered to this machine's members (default true).</summary>
    public static bool GetLoopback(UdpChannel channel) => (int)channel.Socket.GetSocketOption(PrimaryLevel(channel), SocketOptionName.MulticastLoopback)! != 0;

    public static void SetLoopback(UdpChannel channel, bool value) => SetEveryFamily(channel, SocketOptionName.MulticastLoopback, value ? 1 : 0);

    /// <summary>Time to live (IPv4) / hop limit (IPv6) of multicast datagrams sent; 0 keeps them on this machine, 1 (default) on the local network.</summary>
    public static int GetTimeToLive(UdpChannel channel) => (int)channel.Socket.GetSocketOption(PrimaryLevel(channel), SocketOptionName.MulticastTimeToLive)!;

    public static void SetTimeToLive(UdpChannel channel, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 255);
        SetEveryFamily(channel, SocketOptionName.MulticastTimeToLive, value);
    }

    /// <summary>Sends multicast datagrams through the interface with <paramref name="address"/> (IPv4 or IPv6).</summary>
    public static void SetInterface(UdpChannel channel, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            RequireFamily(channel, AddressFamily.InterNetwork, address);
            Set(channel, SocketOptionLevel.IP, SocketOptionName.MulticastInterface, address.GetAddressBytes());
        }
        else
        {
            SetInterface(channel, UdpAddresses.InterfaceIndexOf(address));
        }
    }

    /// <summary>Sends multicast datagrams through the interface numbered <paramref name="index"/>.</summary>
    public static void SetInterface(UdpChannel channel, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        if (channel.HandlesIPv6)
        {
            Set(channel, SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, index);
        }

        if (channel.HandlesIPv4)
        {
            // IPv4 names the interface by one of its addresses (an index is not portable there). A dual-stack socket
            // keeps the system's choice for IPv4 when the interface has no IPv4 address: its IPv6 setting is done.
            IPAddress? address = UdpAddresses.IPv4AddressOf(index, required: !channel.HandlesIPv6);
            if (address is not null)
            {
                Set(channel, SocketOptionLevel.IP, SocketOptionName.MulticastInterface, address.GetAddressBytes());
            }
        }
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? (address.GetAddressBytes()[0] & 0xF0) == 0xE0
        : address.IsIPv6Multicast;

    private static SocketOptionLevel PrimaryLevel(UdpChannel channel) =>
        channel.HandlesIPv6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;

    private static void SetEveryFamily(UdpChannel channel, SocketOptionName name, int value)
    {
        if (channel.HandlesIPv6)
        {
            Set(channel, SocketOptionLevel.IPv6, name, value);
        }

        if (channel.HandlesIPv4)
        {
            Set(channel, SocketOptionLevel.IP, name, value);
        }
    }

    private static void Set(UdpChannel channel, SocketOptionLevel level, SocketOptionName name, int value) =>
        Guard(name, () => channel.Socket.SetSocketOption(level, name, value));

    private static void Set(UdpChannel channel, SocketOptionLevel level, SocketOptionName name, byte[] value) =>
        Guard(name, () => channel.Socket.SetSocketOption(level, name, value));

    private static void Guard(SocketOptionName name, Action set)
    {
        try
        {
            set();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Setting the multicast option {name} failed: no network interface of this machine has that address. Give one of its own addresses, or an interface index or name.", ex)
            { SocketErrorCode = ex.SocketErrorCode };
        }
        catch (SocketException ex)
        {
            throw new WLSocketException(WLSocketError.NetworkError, $"Setting the multicast option {name} failed: {ex.Message} ({ex.SocketErrorCode}).", ex)
            { SocketErrorCode = ex.SocketErrorCode };
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Setting a multicast option");
        }
    }

    private static void RequireFamily(UdpChannel channel, AddressFamily family, IPAddress address)
    {
        bool ok = family == AddressFamily.InterNetwork ? channel.HandlesIPv4 : channel.HandlesIPv6;
        if (!ok)
        {
            throw new ArgumentException(family == AddressFamily.InterNetwork
                ? $"{address} is IPv4 but this socket is bound to an IPv6 address ({channel.LocalEndPoint.Address}); bind it to '' or '::' for IPv4 multicast."
                : $"{address} is IPv6 but this socket is IPv4 ({channel.LocalEndPoint.Address}); bind it to '::' or an IPv6 address for IPv6 multicast.");
        }
    }
}
