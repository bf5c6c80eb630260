using System.Net.Sockets;
using WLSockets.Transports.Bluetooth;

namespace WLSockets.UnitTests.Bluetooth;

/// <summary>Linux errno values from the native Bluetooth calls become WLangage errors with a hint (open question B9).</summary>
public class NativeErrorTests
{
    [Theory]
    [InlineData(111, WLSocketError.ConnectionRefused, SocketError.ConnectionRefused, "channel")]
    [InlineData(110, WLSocketError.Timeout, SocketError.TimedOut, "in range")]
    [InlineData(112, WLSocketError.NetworkError, SocketError.HostDown, "out of range")]
    [InlineData(113, WLSocketError.NetworkError, SocketError.HostUnreachable, "out of range")]
    [InlineData(13, WLSocketError.NetworkError, SocketError.AccessDenied, "pairing")]
    [InlineData(98, WLSocketError.AddressInUse, SocketError.AddressAlreadyInUse, "another channel")]
    [InlineData(19, WLSocketError.NetworkError, SocketError.NetworkDown, "adapter")]
    public void Errno_maps_to_an_error_with_a_hint(int errno, WLSocketError error, SocketError socketError, string hint)
    {
        WLSocketException ex = RfcommSockets.Failure(errno, "Connect", "to 00:1A:7D:DA:71:13 channel 1");
        Assert.Equal(error, ex.Error);
        Assert.Equal(socketError, ex.SocketErrorCode);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.Contains("00:1A:7D:DA:71:13", ex.Message, StringComparison.Ordinal);
    }
}
