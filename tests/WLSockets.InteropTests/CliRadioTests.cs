using System.Net.Sockets;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary>
/// <c>wlsock bt</c> and <c>wlsock ir</c> on a machine without the kernel support (no radio is ever needed): one
/// clear error line and exit 1; bad arguments are usage errors (exit 2) whatever the machine.
/// </summary>
public sealed class CliRadioTests
{
    private const string Mac = "00:1A:7D:DA:71:13";

    [Fact(Timeout = 60_000)]
    public async Task Bt_send_without_AF_BLUETOOTH_fails_with_one_line_and_exit_1()
    {
        Assert.SkipWhen(HasAfBluetooth(), "this machine has AF_BLUETOOTH: wlsock bt send would really try to connect");
        await using PeerProcess wlsock = await Wlsock.RunAsync(["bt", "send", "3", Mac, "hi"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: ", line, StringComparison.Ordinal);
        Assert.Contains("AF_BLUETOOTH", line, StringComparison.Ordinal);
        Assert.Empty(wlsock.StandardOutputLines);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ir_listen_without_AF_IRDA_fails_with_one_line_and_exit_1()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows may have AF_IRDA: wlsock ir listen would really listen");
        await using PeerProcess wlsock = await Wlsock.RunAsync(["ir", "listen", "WLChat"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 1, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.StartsWith("wlsock: error: ", line, StringComparison.Ordinal);
        Assert.Contains("AF_IRDA", line, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("zz:11")]
    [InlineData("00:1A:7D:DA:71")]
    public async Task Bt_send_with_a_bad_MAC_is_a_usage_error_naming_the_accepted_forms(string address)
    {
        await using PeerProcess wlsock = await Wlsock.RunAsync(["bt", "send", "3", address, "hi"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 2, wlsock.Describe());
        string line = Assert.Single(wlsock.StandardErrorLines);
        Assert.Contains("XX:XX:XX:XX:XX:XX", line, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bt_send_with_an_unknown_service_is_a_usage_error()
    {
        await using PeerProcess wlsock = await Wlsock.RunAsync(["bt", "send", "NoSuchService", Mac, "hi"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 2, wlsock.Describe());
        Assert.Contains("RFCOMM channel number 1 to 30", Assert.Single(wlsock.StandardErrorLines), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bt_help_explains_channel_numbers_and_where_it_works()
    {
        await using PeerProcess wlsock = await Wlsock.RunAsync(["bt", "--help"]);
        Assert.True(await wlsock.WaitForExitAsync(Tools.Timeout) == 0, wlsock.Describe());
        string help = string.Join('\n', wlsock.StandardOutputLines);
        Assert.Contains("channel numbers 1 to 30", help, StringComparison.Ordinal);
        Assert.Contains("BlueZ", help, StringComparison.Ordinal);
        Assert.Contains("Microsoft Bluetooth stack", help, StringComparison.Ordinal);
    }

    /// <summary>True when an RFCOMM socket can be created (Linux AF_BLUETOOTH = 31, BTPROTO_RFCOMM = 3; Windows AF_BTH = 32).</summary>
    private static bool HasAfBluetooth()
    {
        try
        {
            using var socket = OperatingSystem.IsWindows()
                ? new Socket((AddressFamily)32, SocketType.Stream, (ProtocolType)3)
                : new Socket((AddressFamily)31, SocketType.Stream, (ProtocolType)3);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
