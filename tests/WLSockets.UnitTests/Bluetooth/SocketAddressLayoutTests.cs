using WLSockets.Transports.Bluetooth;

namespace WLSockets.UnitTests.Bluetooth;

/// <summary>
/// Byte-exact native address structures: Linux <c>sockaddr_rc</c> (BlueZ rfcomm.h), Windows <c>SOCKADDR_BTH</c>
/// (ws2bth.h, pshpack1) and <c>SOCKADDR_IRDA</c> (af_irda.h). Expected bytes are written out by hand from the headers.
/// </summary>
public class SocketAddressLayoutTests
{
    private static readonly BluetoothAddress s_device = BluetoothAddress.Parse("00:1A:7D:DA:71:13");

    [Fact]
    public void Sockaddr_rc_family_reversed_bdaddr_channel_padding()
    {
        byte[] bytes = SocketAddressLayouts.LinuxSockaddrRc(s_device, 5);
        // rc_family = 31 (u16 LE) | rc_bdaddr = 13 71 DA 7D 1A 00 (str2ba order) | rc_channel = 5 | tail padding
        Assert.Equal("1F 00 13 71 DA 7D 1A 00 05 00", Hex.Of(bytes));
        Assert.Equal(10, bytes.Length);
    }

    [Fact]
    public void Sockaddr_rc_any_address_channel_zero()
    {
        Assert.Equal("1F 00 00 00 00 00 00 00 00 00", Hex.Of(SocketAddressLayouts.LinuxSockaddrRc(BluetoothAddress.Any, 0)));
    }

    [Fact]
    public void Sockaddr_rc_reads_back()
    {
        (BluetoothAddress address, byte channel) = SocketAddressLayouts.ReadLinuxSockaddrRc(Hex.Bytes("1F 00 13 71 DA 7D 1A 00 05 00"));
        Assert.Equal(s_device, address);
        Assert.Equal(5, channel);
    }

    [Fact]
    public void Sockaddr_bth_packed_30_bytes()
    {
        byte[] bytes = SocketAddressLayouts.WindowsSockaddrBth(s_device, new Guid("00001101-0000-1000-8000-00805F9B34FB"), 0);
        // addressFamily = 32 @0 | btAddr u64 LE @2 | serviceClassId @10 (Data1..3 LE, Data4 as is) | port u32 @26
        Assert.Equal(
            "20 00 " + "13 71 DA 7D 1A 00 00 00 " + "01 11 00 00 00 00 00 10 80 00 00 80 5F 9B 34 FB " + "00 00 00 00",
            Hex.Of(bytes));
        Assert.Equal(30, bytes.Length);
    }

    [Fact]
    public void Sockaddr_bth_port_any_and_channel()
    {
        Assert.Equal("FF FF FF FF", Hex.Of(SocketAddressLayouts.WindowsSockaddrBth(BluetoothAddress.Any, Guid.Empty, BluetoothEndPoint.WindowsPortAny).AsSpan(26)));
        Assert.Equal("07 00 00 00", Hex.Of(SocketAddressLayouts.WindowsSockaddrBth(s_device, Guid.Empty, 7).AsSpan(26)));
    }

    [Fact]
    public void Sockaddr_bth_reads_back()
    {
        var guid = new Guid("8CE255C0-200A-11E0-AC64-0800200C9A66");
        (BluetoothAddress address, Guid service, uint port) = SocketAddressLayouts.ReadWindowsSockaddrBth(SocketAddressLayouts.WindowsSockaddrBth(s_device, guid, 12));
        Assert.Equal((s_device, guid, 12u), (address, service, port));
    }

    [Fact]
    public void Sockaddr_irda_32_bytes()
    {
        byte[] bytes = SocketAddressLayouts.WindowsSockaddrIrda([0x12, 0x34, 0x56, 0x78], "Service");
        // irdaAddressFamily = 26 @0 | irdaDeviceID[4] @2 | irdaServiceName[25] @6, NUL-filled | 1 byte padding
        Assert.Equal(
            "1A 00 12 34 56 78 " + "53 65 72 76 69 63 65" + string.Concat(Enumerable.Repeat(" 00", 18)) + " 00",
            Hex.Of(bytes));
        Assert.Equal(32, bytes.Length);
    }

    [Fact]
    public void Irda_service_name_of_24_characters_keeps_its_nul()
    {
        byte[] bytes = SocketAddressLayouts.WindowsSockaddrIrda(new byte[4], new string('A', 24));
        Assert.Equal(0, bytes[6 + 24]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXY")] // 25: no room for the NUL
    [InlineData("Serv\u00e9")]
    public void Bad_irda_service_names(string name)
    {
        var ex = Assert.Throws<WLSocketException>(() => SocketAddressLayouts.WindowsSockaddrIrda(new byte[4], name));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
        Assert.Contains("1 to 24", ex.Message, StringComparison.Ordinal);
    }
}
