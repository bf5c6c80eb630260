using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.Transports.Bluetooth;

namespace WLSockets.Transports.Infrared;

/// <summary>An IrDA address for Windows Sockets (<c>SOCKADDR_IRDA</c>): a device id and an IAS service name.</summary>
internal sealed class IrdaEndPoint(byte[] deviceId, string serviceName) : EndPoint
{
    public byte[] DeviceId { get; } = deviceId;

    public string ServiceName { get; } = serviceName;

    public override AddressFamily AddressFamily => (AddressFamily)SocketAddressLayouts.WindowsAfIrda;

    public override SocketAddress Serialize()
    {
        byte[] bytes = SocketAddressLayouts.WindowsSockaddrIrda(DeviceId, ServiceName);
        var socketAddress = new SocketAddress(AddressFamily, bytes.Length);
        for (int i = 2; i < bytes.Length; i++)
        {
            socketAddress[i] = bytes[i];
        }

        return socketAddress;
    }

    public override EndPoint Create(SocketAddress socketAddress)
    {
        byte[] id = new byte[4];
        for (int i = 0; i < 4 && 2 + i < socketAddress.Size; i++)
        {
            id[i] = socketAddress[2 + i];
        }

        var name = new StringBuilder();
        for (int i = 6; i < socketAddress.Size && socketAddress[i] != 0; i++)
        {
            name.Append((char)socketAddress[i]);
        }

        return new IrdaEndPoint(id, name.ToString());
    }

    public override bool Equals(object? obj) => obj is IrdaEndPoint other && other.DeviceId.AsSpan().SequenceEqual(DeviceId) && other.ServiceName == ServiceName;

    public override int GetHashCode() => HashCode.Combine(BitConverter.ToInt32(DeviceId), ServiceName);

    /// <summary>The device id as 8 hexadecimal digits (the form <c>SocketClientInfo</c> returns, open question B7).</summary>
    public string DeviceIdText => Convert.ToHexString(DeviceId);

    public override string ToString() => $"IrDA device {DeviceIdText} service '{ServiceName}'";
}
