using System.Net;
using System.Net.Sockets;

namespace WLSockets.Transports.Bluetooth;

/// <summary>
/// An RFCOMM address: device, channel and (Windows) service class. On Windows it serialises to <c>SOCKADDR_BTH</c> so
/// that <see cref="Socket"/> can bind, connect and accept with it; on Linux the native calls use
/// <see cref="SocketAddressLayouts.LinuxSockaddrRc"/> directly.
/// </summary>
internal sealed class BluetoothEndPoint(BluetoothAddress address, int channel, Guid serviceClass = default) : EndPoint
{
    /// <summary>Windows <c>BT_PORT_ANY</c>: bind picks a free channel.</summary>
    public const uint WindowsPortAny = uint.MaxValue;

    public BluetoothAddress Address { get; } = address;

    /// <summary>RFCOMM channel 1–30, or 0 when not known (Windows looks it up through SDP from <see cref="ServiceClass"/>).</summary>
    public int Channel { get; } = channel;

    public Guid ServiceClass { get; } = serviceClass;

    public override AddressFamily AddressFamily =>
        (AddressFamily)(OperatingSystem.IsWindows() ? SocketAddressLayouts.WindowsAfBth : SocketAddressLayouts.LinuxAfBluetooth);

    public override SocketAddress Serialize()
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("A Bluetooth endpoint is serialised for Windows Sockets only; Linux uses the native calls.");
        }

        uint port = Channel switch
        {
            < 0 => WindowsPortAny,
            _ => (uint)Channel,
        };
        byte[] bytes = SocketAddressLayouts.WindowsSockaddrBth(Address, ServiceClass, port);
        var socketAddress = new SocketAddress(AddressFamily, bytes.Length);
        for (int i = 2; i < bytes.Length; i++)
        {
            socketAddress[i] = bytes[i]; // bytes 0-1 (the family) are written by the SocketAddress itself
        }

        return socketAddress;
    }

    public override EndPoint Create(SocketAddress socketAddress)
    {
        byte[] bytes = new byte[socketAddress.Size];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = socketAddress[i];
        }

        (BluetoothAddress address, Guid serviceClass, uint port) = SocketAddressLayouts.ReadWindowsSockaddrBth(bytes);
        return new BluetoothEndPoint(address, port > 30 ? 0 : (int)port, serviceClass);
    }

    public override bool Equals(object? obj) =>
        obj is BluetoothEndPoint other && other.Address == Address && other.Channel == Channel && other.ServiceClass == ServiceClass;

    public override int GetHashCode() => HashCode.Combine(Address, Channel, ServiceClass);

    /// <summary><c>XX:XX:XX:XX:XX:XX</c> and the channel (or the service class when the channel is unknown).</summary>
    public override string ToString() => Channel > 0 ? $"{Address} channel {Channel}" : $"{Address} service {ServiceClass:D}";
}
