using WLSockets.Transports.Bluetooth;

namespace WLSockets.UnitTests.Bluetooth;

/// <summary>Device addresses as BTListePériphérique returns them (open question B2).</summary>
public class BluetoothAddressTests
{
    [Theory]
    [InlineData("00:1A:7D:DA:71:13")]
    [InlineData("00:1a:7d:da:71:13")]
    [InlineData("00-1A-7D-DA-71-13")]
    [InlineData("001A7DDA7113")]
    [InlineData("001a7dDA7113")]
    [InlineData("  00:1A:7D:DA:71:13 ")]
    public void Accepted_forms(string text)
    {
        BluetoothAddress address = BluetoothAddress.Parse(text);
        Assert.Equal(0x001A7DDA7113UL, address.Value);
        Assert.Equal("00:1A:7D:DA:71:13", address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("00:1A:7D:DA:71")]
    [InlineData("00:1A:7D:DA:71:13:00")]
    [InlineData("00:1A-7D:DA:71:13")]
    [InlineData("00.1A.7D.DA.71.13")]
    [InlineData("001A7DDA711")]
    [InlineData("001A7DDA71130")]
    [InlineData("G01A7DDA7113")]
    [InlineData("0:1A:7D:DA:71:133")]
    [InlineData("+01A7DDA7113")]
    public void Bad_forms_fail_naming_the_accepted_ones(string? text)
    {
        var ex = Assert.Throws<WLSocketException>(() => BluetoothAddress.Parse(text));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
        Assert.Contains("XX:XX:XX:XX:XX:XX", ex.Message, StringComparison.Ordinal);
        Assert.Contains("XX-XX-XX-XX-XX-XX", ex.Message, StringComparison.Ordinal);
        Assert.Contains("12 hexadecimal digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_upper_case_with_colons_most_significant_first()
    {
        Assert.Equal("AB:CD:EF:01:23:45", new BluetoothAddress(0xABCDEF012345).ToString());
        Assert.Equal("00:00:00:00:00:00", BluetoothAddress.Any.ToString());
        Assert.Equal(Hex.Bytes("AB CD EF 01 23 45"), new BluetoothAddress(0xABCDEF012345).ToBytesBigEndian());
    }

    [Fact]
    public void Little_endian_bytes_round_trip()
    {
        Assert.Equal(new BluetoothAddress(0xABCDEF012345), BluetoothAddress.FromLittleEndian(Hex.Bytes("45 23 01 EF CD AB")));
    }
}
