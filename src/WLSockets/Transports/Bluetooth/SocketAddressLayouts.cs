using System.Buffers.Binary;
using System.Text;

namespace WLSockets.Transports.Bluetooth;

/// <summary>
/// Byte-exact native address structures for the Bluetooth RFCOMM and IrDA sockets. Everything is little-endian on the
/// platforms these structures exist on (x86, x64, ARM64).
/// </summary>
internal static class SocketAddressLayouts
{
    /// <summary>Linux <c>AF_BLUETOOTH</c> (include/linux/socket.h).</summary>
    public const int LinuxAfBluetooth = 31;

    /// <summary>Linux <c>BTPROTO_RFCOMM</c> (BlueZ bluetooth/bluetooth.h).</summary>
    public const int LinuxBtProtoRfcomm = 3;

    /// <summary>Windows <c>AF_BTH</c> (ws2bth.h).</summary>
    public const int WindowsAfBth = 32;

    /// <summary>Windows <c>BTHPROTO_RFCOMM</c> (ws2bth.h).</summary>
    public const int WindowsBthProtoRfcomm = 3;

    /// <summary>Windows <c>AF_IRDA</c> (af_irda.h <c>WINDOWS_AF_IRDA</c>; Windows CE used 22).</summary>
    public const int WindowsAfIrda = 26;

    /// <summary>Linux <c>AF_IRDA</c> (removed with the IrDA stack in kernel 4.17).</summary>
    public const int LinuxAfIrda = 23;

    /// <summary>sizeof(struct sockaddr_rc) on Linux.</summary>
    public const int SockaddrRcSize = 10;

    /// <summary>sizeof(SOCKADDR_BTH) on Windows.</summary>
    public const int SockaddrBthSize = 30;

    /// <summary>sizeof(SOCKADDR_IRDA) on Windows.</summary>
    public const int SockaddrIrdaSize = 32;

    /// <summary>Longest IrDA service name: <c>irdaServiceName[25]</c> holds 24 characters and the terminating NUL.</summary>
    public const int IrdaServiceNameMax = 24;

    /// <summary>
    /// Linux <c>struct sockaddr_rc</c>, from BlueZ <c>lib/bluetooth/rfcomm.h</c>:
    /// <code>struct sockaddr_rc { sa_family_t rc_family; bdaddr_t rc_bdaddr; uint8_t rc_channel; };</code>
    /// with <c>bdaddr_t</c> = <c>struct { uint8_t b[6]; } __attribute__((packed))</c> (bluetooth.h), stored least
    /// significant byte first (BlueZ <c>str2ba</c> reverses the written order). Layout: rc_family u16 @0, rc_bdaddr
    /// @2 (6 bytes), rc_channel u8 @8, then one byte of tail padding (the struct aligns to sa_family_t's 2): 10 bytes.
    /// </summary>
    public static byte[] LinuxSockaddrRc(BluetoothAddress address, byte channel)
    {
        byte[] buffer = new byte[SockaddrRcSize];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, LinuxAfBluetooth);
        for (int i = 0; i < 6; i++)
        {
            buffer[2 + i] = (byte)(address.Value >> (8 * i));
        }

        buffer[8] = channel;
        return buffer;
    }

    /// <summary>Reads the peer or local address of an RFCOMM socket (getpeername / getsockname / accept).</summary>
    public static (BluetoothAddress Address, byte Channel) ReadLinuxSockaddrRc(ReadOnlySpan<byte> sockaddr) =>
        sockaddr.Length < 9
            ? throw new ArgumentException("A sockaddr_rc is at least 9 bytes.", nameof(sockaddr))
            : (BluetoothAddress.FromLittleEndian(sockaddr.Slice(2, 6)), sockaddr[8]);

    /// <summary>
    /// Windows <c>SOCKADDR_BTH</c>, from ws2bth.h (Windows SDK; mingw-w64 <c>mingw-w64-headers/include/ws2bth.h</c>),
    /// declared between <c>#include &lt;pshpack1.h&gt;</c> and <c>poppack.h</c>, hence packed:
    /// <code>typedef struct _SOCKADDR_BTH { USHORT addressFamily; BTH_ADDR btAddr; GUID serviceClassId; ULONG port; } SOCKADDR_BTH;</code>
    /// addressFamily u16 @0, btAddr u64 @2 (BTH_ADDR = ULONGLONG, the 48-bit address as a number), serviceClassId
    /// @10 (GUID in memory order: Data1 u32, Data2 u16, Data3 u16 little-endian, then Data4's 8 bytes), port u32 @26:
    /// 30 bytes. Port 0 with a service GUID lets Windows look the channel up through SDP; <c>BT_PORT_ANY</c>
    /// (0xFFFFFFFF) on bind picks a free channel.
    /// </summary>
    public static byte[] WindowsSockaddrBth(BluetoothAddress address, Guid serviceClass, uint port)
    {
        byte[] buffer = new byte[SockaddrBthSize];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, WindowsAfBth);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(2), address.Value);
        serviceClass.TryWriteBytes(buffer.AsSpan(10, 16)); // little-endian fields: the in-memory GUID on Windows
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(26), port);
        return buffer;
    }

    /// <summary>Reads a <c>SOCKADDR_BTH</c> (accept / getpeername on Windows).</summary>
    public static (BluetoothAddress Address, Guid ServiceClass, uint Port) ReadWindowsSockaddrBth(ReadOnlySpan<byte> sockaddr) =>
        sockaddr.Length < SockaddrBthSize
            ? throw new ArgumentException("A SOCKADDR_BTH is 30 bytes.", nameof(sockaddr))
            : (new BluetoothAddress(BinaryPrimitives.ReadUInt64LittleEndian(sockaddr[2..]) & 0xFFFF_FFFF_FFFF),
               new Guid(sockaddr.Slice(10, 16)),
               BinaryPrimitives.ReadUInt32LittleEndian(sockaddr[26..]));

    /// <summary>
    /// Windows <c>SOCKADDR_IRDA</c>, from af_irda.h (Windows SDK; mingw-w64 <c>mingw-w64-headers/include/af_irda.h</c>;
    /// Microsoft's SDK documentation of <c>_SOCKADDR_IRDA</c>):
    /// <code>typedef struct _SOCKADDR_IRDA { u_short irdaAddressFamily; u_char irdaDeviceID[4]; char irdaServiceName[25]; } SOCKADDR_IRDA;</code>
    /// The header declares no packing, so natural alignment applies: family u16 @0, device id @2 (4 bytes, as
    /// returned by IRLMP_ENUMDEVICES), service name @6 (25 bytes, NUL-terminated), 31 bytes rounded up to the
    /// u16 alignment: 32 bytes.
    /// </summary>
    /// <exception cref="WLSocketException">The service name is longer than 24 bytes or not ASCII.</exception>
    public static byte[] WindowsSockaddrIrda(ReadOnlySpan<byte> deviceId, string serviceName)
    {
        if (deviceId.Length != 4)
        {
            throw new ArgumentException("An IrDA device id is 4 bytes.", nameof(deviceId));
        }

        ValidateIrdaServiceName(serviceName);
        byte[] buffer = new byte[SockaddrIrdaSize];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, WindowsAfIrda);
        deviceId.CopyTo(buffer.AsSpan(2));
        Encoding.ASCII.GetBytes(serviceName, buffer.AsSpan(6));
        return buffer;
    }

    /// <summary>An IrDA (IAS) service name: 1 to 24 ASCII characters.</summary>
    public static void ValidateIrdaServiceName(string? serviceName)
    {
        if (string.IsNullOrEmpty(serviceName) || serviceName.Length > IrdaServiceNameMax || !serviceName.All(c => c is >= ' ' and <= '~'))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid infrared service name '{serviceName}': give 1 to {IrdaServiceNameMax} printable ASCII characters (SOCKADDR_IRDA holds 25 bytes with the terminating NUL).");
        }
    }
}
